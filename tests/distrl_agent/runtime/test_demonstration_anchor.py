"""`pretrain.anchor`: the warm start's demonstrations kept in the run directory and cloned by
the learner in every update (algorithms.anchor)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from runtime_helpers import prepare_run_dir, smoke_config

from distrl_agent.algorithms.anchor import DemonstrationAnchor
from distrl_agent.config import ConfigError
from distrl_agent.runtime.components import build_policy, policy_spec
from distrl_agent.runtime.demonstrations import load_demonstrations, save_demonstrations
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.pretrain import collect_demonstrations
from distrl_agent.runtime.service import LearnerService
from distrl_agent.runtime.trainer import anchor_set, warm_start


def test_the_learner_clones_the_warm_starts_demonstrations_in_every_update(tmp_path, trajectories):
    config = smoke_config("pretrain.anchor=0.5", "pretrain.anchor_batch=3", "runtime.min_replay=2")
    prepare_run_dir(config, tmp_path)
    demos = collect_demonstrations(config)  # 8 noisy oracle episodes, as the warm start's
    save_demonstrations(demos, tmp_path)
    loaded = load_demonstrations(tmp_path)
    assert [d.instruction for d in loaded] == [d.instruction for d in demos]
    assert [[s.action_text for s in d.steps] for d in loaded] == [
        [s.action_text for s in d.steps] for d in demos
    ]
    assert np.array_equal(demos[0].steps[0].image(), loaded[0].steps[0].image())

    service = LearnerService(config, tmp_path, lambda version, state: 0.0, ["w0"])
    anchor = service.updater.anchor
    assert isinstance(anchor, DemonstrationAnchor)
    assert len(anchor.demonstrations) == 8 and anchor.weight == 0.5 and anchor.batch_size == 3
    assert anchor.gate is None
    for trajectory in trajectories[:4]:
        service.learner.ingest(trajectory)
    assert service.learner.step()
    assert service.learner.interval_metrics()["train/anchor_nll"] > 0


def test_a_gated_anchor_reads_the_learners_own_trajectory_critic(tmp_path, trajectories):
    config = smoke_config(
        "pretrain.anchor=0.5", "pretrain.anchor_gated=true", "runtime.min_replay=2"
    )
    prepare_run_dir(config, tmp_path)
    save_demonstrations(collect_demonstrations(config), tmp_path)
    service = LearnerService(config, tmp_path, lambda version, state: 0.0, ["w0"])
    assert service.updater.anchor.gate is service.updater.trajectory_critic
    for trajectory in trajectories[:4]:
        service.learner.ingest(trajectory)
    assert service.learner.step()
    assert 0 < service.learner.interval_metrics()["train/anchor_shortfall"] <= 1


def test_a_run_without_the_demonstrations_file_says_what_is_missing(tmp_path):
    config = smoke_config("pretrain.anchor=0.5")
    prepare_run_dir(config, tmp_path)
    with pytest.raises(FileNotFoundError, match=r"pretrain\.anchor needs the warm start"):
        LearnerService(config, tmp_path, lambda version, state: 0.0, ["w0"])


@pytest.mark.parametrize(
    "overrides",
    [
        ("pretrain.anchor=-1",),
        ("pretrain.anchor=nan",),
        ("pretrain.anchor_batch=0",),
        ("pretrain.anchor=0.5", "pretrain.demos=0"),
        ("pretrain.anchor=0.5", "pretrain.from_checkpoint=runs/x"),
        ("pretrain.anchor=0.5", "pretrain.anchor_source=everything"),
        ("pretrain.anchor=0.5", "pretrain.anchor_gated=true", "algorithm.name=filtered_bc"),
    ],
)
def test_bad_anchor_settings_are_config_errors(overrides):
    with pytest.raises(ConfigError, match=r"pretrain\.anchor"):
        smoke_config(*overrides)


def _news_only(tmp_path: Path, *overrides: str):
    """The smoke config on two news tasks (both splits), cloned from clean demonstrations."""
    tasks = tmp_path / "news.txt"
    tasks.write_text("What's the news in Bolivia?\nWhat's the latest news in Japan?\n")
    return smoke_config(
        f"env.task_file={tasks}",
        "pretrain.noise=0",
        "pretrain.epochs=20",
        "pretrain.anchor=0.5",
        "pretrain.anchor_source=solved",
        *overrides,
    )


def test_anchor_source_solved_keeps_the_warm_starts_own_successful_episodes(tmp_path):
    """`solved`: the anchor clones the warm-started policy's successful greedy episodes on the
    train split (what RL must not unlearn), not the demonstrations it was cloned from."""
    config = _news_only(tmp_path)
    run = tmp_path / "run"
    run.mkdir()
    policy, info = warm_start(config, run, progress=False)
    anchored = load_demonstrations(run)
    result = evaluate(policy, config, split=config.env.train_split)
    assert 0 < len(anchored) == sum(result.successes) == info["anchor_trajectories"]
    assert all(t.success for t in anchored)
    solved = {i for i, s in zip(result.task_ids, result.successes, strict=True) if s}
    assert {t.task_id for t in anchored} == solved


def test_anchor_source_solved_says_when_the_warm_start_solves_nothing(tmp_path):
    config = _news_only(tmp_path)
    untrained = build_policy(policy_spec(config))
    with pytest.raises(ValueError, match="solves no train task"):
        anchor_set(untrained, [], config)
