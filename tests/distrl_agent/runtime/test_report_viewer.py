"""The run report links the episode viewer of the run's recorded evaluations, and a run
without recorded evaluations gets neither a viewer nor a link."""

from __future__ import annotations

import json
import shutil

import numpy as np

from android_gym.actions import Action
from android_gym.recording import EpisodeWriter
from distrl_agent.runtime.report import write_report

EVAL = {"success_rate": 0.5, "tasks": 2, "split": "test", "per_family": {"news": 0.5}}
SUMMARY = {
    "name": "unit",
    "seed": 0,
    "date": "2026-12-06",
    "algorithm": "aride",
    "mode": "async",
    "backend": "local",
    "workers": 1,
    "policy": "pointer",
    "latency": {"preset": "none", "time_scale": 1.0},
    "rl": {"elapsed_s": 1.0, "trajectories": 3, "updates": 2, "version": 2},
    "before": EVAL,
    "after": EVAL,
    "improvement_points": 0.0,
    "worker_failures": 0,
    "wall_clock_s": 2.0,
}


def _run(tmp_path, evaluations: bool):
    run = tmp_path / "run"
    run.mkdir()
    (run / "summary.json").write_text(json.dumps(SUMMARY))
    if evaluations:
        results = run / "evaluations" / "after"
        obs = {"screenshot": np.zeros((20, 10, 3), np.uint8), "instruction": "news"}
        info = {"task_id": "general/test/0001", "family": "news", "success": True}
        with EpisodeWriter(results / "episodes" / "000000") as writer:
            writer.reset(obs, info)
            writer.step(Action.key("PRESS_HOME"), obs, 1.0, True, False, info)
        line = {"goal": "news", "family": "news", "is_successful": True, "episode_length": 1}
        line["episode_dir"] = "episodes/000000"
        (results / "episodes.jsonl").write_text(json.dumps(line) + "\n")
    return run


def test_report_links_the_viewer_of_recorded_evaluations(tmp_path):
    run = _run(tmp_path, evaluations=True)
    report = write_report(run).read_text()
    assert "[The evaluation episodes](viewer/index.html) (1 recorded, of 1 listed)" in report
    assert (run / "viewer" / "index.html").is_file()
    assert (run / "viewer" / "index_files" / "episodes" / "after-000000.html").is_file()


def test_a_run_without_recorded_evaluations_gets_no_viewer(tmp_path):
    run = _run(tmp_path, evaluations=False)
    assert "viewer" not in write_report(run).read_text()
    assert not (run / "viewer").exists()
    shutil.rmtree(run / "plots")
    (run / "evaluations").mkdir()  # recorded nothing: still no viewer, and no failure
    assert "viewer" not in write_report(run).read_text()
