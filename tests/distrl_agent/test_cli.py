"""The `distrl` command line and run configs: loading, overrides, validation, leaderboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from distrl_agent.cli import build_parser, collect_config, main
from distrl_agent.config import ConfigError, load_config
from distrl_agent.runtime.components import policy_spec
from distrl_agent.runtime.trainer import worker_specs

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


@pytest.mark.parametrize("name", ["quickstart", "smoke", "paper", "web_shopping"])
def test_shipped_configs_load_and_validate(name):
    config = load_config(CONFIGS / f"{name}.yaml")
    assert config.name == name
    specs = worker_specs(config, policy_spec(config), session=0)
    assert sum(s.role == "collect" for s in specs) == config.runtime.workers


def test_web_shopping_config_runs_its_suite_with_horizon_20():
    from distrl_agent.runtime.components import make_env

    config = load_config(CONFIGS / "web_shopping.yaml")
    env = make_env(config, config.eval.split, latency=False)
    assert env.spec.id == "AndroidWebShopping-v0"
    assert len(env.unwrapped.tasks) == 128 and env.unwrapped.tasks[0].max_steps == 20
    assert {t.family for t in env.unwrapped.tasks} == {"web_shopping"}


def test_paper_config_is_the_distrl_protocol_on_the_same_code_path():
    config = load_config(CONFIGS / "paper.yaml")
    assert config.policy.kind == "vlm" and config.algorithm.name == "aride"
    assert config.env.max_steps == 15 and config.eval.tasks == 128
    assert config.seeds == [0, 1, 2] and config.runtime.backend == "ray"
    assert config.ray.learner_gpus == 1 and config.policy.worker_device == "cuda"
    spec = policy_spec(config)
    assert spec["kind"] == "vlm" and spec["config"]["lora_rank"] == 16
    assert [c.seed for c in map(config.with_seed, config.seeds)] == [0, 1, 2]


def test_overrides_are_parsed_as_yaml_and_nested():
    config = load_config(
        CONFIGS / "smoke.yaml",
        ["runtime.workers=5", "algorithm.params.actor_lr=3e-4", "env.obs_size=[32, 16]"],
    )
    assert config.runtime.workers == 5
    assert config.algorithm.params["actor_lr"] == 3e-4
    assert config.env.obs_size == (32, 16)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("runtime.wokers=2", "unknown key"),
        ("runtime.mode=turbo", "runtime.mode must be one of async, sync, lockstep"),
        ("runtime.workers=0", "runtime.workers must be > 0"),
        ("runtime.workers=two", "must be an integer"),
        ("algorithm.params.gama=0.9", "unknown key"),
        ("latency.preset=phone", "latency.preset must be one of"),
        ("policy.pointer.phrases=[a]", "mined from the demonstrations"),
        ("runtime", "section.key=value"),
        ("env.devices=[adb:a]", "env.devices lists 1 devices but 2 environments"),
        ("env.devices=[adb:a, adb:a]", "names a device twice"),
        ("env.eval_devices=[adb:e]", "env.eval_devices lists 1 devices but 2"),
        ("runtime.duration_s=nan", "runtime.duration_s must be a number, got nan"),
        ("eval.every_s=.nan", "eval.every_s must be a number"),
    ],
)
def test_bad_configs_say_what_is_wrong_and_what_is_accepted(override, message):
    with pytest.raises(ConfigError, match=message):
        load_config(CONFIGS / "smoke.yaml", [override])


@pytest.mark.parametrize("flag", [["--envs", "0"], ["--tasks", "-3"], ["--envs", "two"]])
def test_eval_counts_must_be_whole_positive_numbers(flag, capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["eval", "--checkpoint", "runs/x", *flag])
    assert exited.value.code == 2
    assert "expected a whole number >= 1" in capsys.readouterr().err


def test_each_collecting_environment_gets_its_own_device():
    config = load_config(
        CONFIGS / "smoke.yaml",
        ["runtime.envs_per_worker=2", "env.devices=[adb:a, adb:b, adb:c, adb:d]"],
    )
    specs = worker_specs(config, policy_spec(config), session=0)
    collect = [s for s in specs if s.role == "collect"]
    assert [s.devices for s in collect] == [["adb:a", "adb:b"], ["adb:c", "adb:d"]]
    assert all(not s.devices for s in specs if s.role == "eval")
    assert collect[0].next_incarnation().devices == ["adb:a", "adb:b"]


def test_the_watchdog_must_outlast_the_slowest_device_step():
    with pytest.raises(ConfigError, match="longest device step"):
        load_config(
            CONFIGS / "smoke.yaml",
            ["latency.preset=emulator", "latency.time_scale=1", "runtime.watchdog_timeout_s=30"],
        )


def test_collect_runs_a_fresh_policy_with_the_latency_model_and_no_evaluation():
    args = build_parser().parse_args(
        ["collect", "--mode", "sync", "--workers", "3", "--duration", "20", "--time-scale", "0.1"]
    )
    config = collect_config(args)
    assert (config.runtime.mode, config.runtime.workers, config.runtime.duration_s) == (
        "sync",
        3,
        20.0,
    )
    assert config.latency.preset == "emulator" and config.latency.time_scale == 0.1
    assert config.pretrain.demos == 0 and config.pretrain.anchor == 0 and config.eval.every_s == 0


def test_leaderboard_without_runs_and_errors_exit_with_a_message(tmp_path, capsys):
    assert main(["leaderboard", "--runs", str(tmp_path)]) == 0
    assert "no runs" in capsys.readouterr().out
    assert main(["leaderboard", "--runs", str(tmp_path), "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert board["runs"] == [] and board["table1"]["unlabelled"] == []
    assert main(["leaderboard", "--runs", str(tmp_path / "missing")]) == 2
    assert "no such directory" in capsys.readouterr().err
    assert main(["train", "--config", str(CONFIGS / "smoke.yaml"), "runtime.workers=-1"]) == 2
    assert "runtime.workers must be > 0" in capsys.readouterr().err
    assert main(["train", "--run-dir", str(tmp_path / "none"), "--resume"]) == 2
