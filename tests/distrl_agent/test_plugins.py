"""Plug-ins reach every process of a `distrl` run: a family, a policy and an algorithm that a
user's module registers work in the driver, the learner and the workers (local backend)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from distrl_agent.cli import main
from distrl_agent.config import ConfigError, load_config

DATA = Path(__file__).parent / "data"
PLUGIN = DATA / "settings_page_plugin.py"
SMOKE = Path(__file__).resolve().parents[2] / "configs" / "smoke.yaml"
POINTER = "{dim: 32, layers: 1, heads: 2, buckets: 4096}"


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend",
    ["local", pytest.param("ray", marks=pytest.mark.netns)],  # Ray: only in a netns
)
def test_a_plugin_family_policy_and_algorithm_work_in_a_distrl_run(
    backend, tmp_path, monkeypatch, capsys
):
    log = tmp_path / "imported.txt"
    monkeypatch.setenv("PLUGIN_LOG", str(log))
    tasks = tmp_path / "my_suite.txt"
    tasks.write_text("Open battery settings\nShow the display settings page\n")
    run_dir = tmp_path / "run"
    overrides = [
        f"plugins=[{PLUGIN}]",
        f"env.task_file={tasks}",
        "policy.kind=settings_page_plugin:pointer_policy",
        f"policy.params={POINTER}",
        "algorithm.name=settings_page_plugin:filtered_bc",
        "pretrain.demos=2",
        "pretrain.epochs=1",
        "runtime.duration_s=4" if backend == "local" else "runtime.duration_s=300",
        *(["runtime.max_updates=2"] if backend == "ray" else []),  # Ray actors start slowly
        f"runtime.backend={backend}",
        "eval.tasks=2",
        "eval.every_s=0",
    ]
    argv = ["train", "--config", str(SMOKE), "--run-dir", str(run_dir), "--quiet", "--json"]
    assert main([*argv, *overrides]) == 0
    summary = json.loads((run_dir / "summary.json").read_text())
    assert json.loads(capsys.readouterr().out)["name"] == summary["name"]  # --json: only JSON
    assert summary["before"]["per_family"].keys() == {"settings_page"}
    assert summary["worker_failures"] == 0 and summary["rl"]["trajectories"] > 0
    assert summary["algorithm"] == "settings_page_plugin:filtered_bc"
    # the driver imports a plug-in once per process (an earlier test here may have: then it
    # is in sys.modules and writes no line now); every other process of the run wrote one
    assert "settings_page_plugin" in sys.modules
    others = set(log.read_text().split()) - {str(os.getpid())}
    assert len(others) >= 2  # both workers (and, on Ray, the learner's actor)


def test_a_process_that_builds_a_config_from_a_worker_spec_imports_its_plugins(
    tmp_path, monkeypatch
):
    """What every worker (local process or Ray actor) and the Ray learner actor do first."""
    log = tmp_path / "imported.txt"
    monkeypatch.setenv("PLUGIN_LOG", str(log))
    config = load_config(
        SMOKE, [f"plugins=[{PLUGIN}]", "policy.kind=settings_page_plugin:pointer_policy"]
    )
    code = (
        "import json, sys; from distrl_agent.config import config_from_dict; "
        "from android_gym.tasks import parse_instruction; "
        "config_from_dict(json.loads(sys.argv[1])); "
        "print(parse_instruction('Open battery settings').family)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(config.to_dict())],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["settings_page"]
    assert len(set(log.read_text().split()) - {str(os.getpid())}) == 1


def test_plugin_paths_are_made_absolute_for_every_process(tmp_path, monkeypatch):
    monkeypatch.chdir(PLUGIN.parent)
    config = load_config(SMOKE, [f"plugins=[{PLUGIN.name}]"])
    assert config.plugins == [str(PLUGIN)]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("plugins=[no_such_plugin_module]", "plugins: plug-in 'no_such_plugin_module' cannot"),
        ("plugins=[missing/plugin.py]", "does not exist"),
        ("algorithm.name=json:nothing_here", "algorithm.name: 'json:nothing_here'"),
        ("policy.kind=no_such_module:Policy", "policy.kind: 'no_such_module:Policy'"),
        ("algorithm.name=sarsa", r"algorithm.name must be one of .*\(or module:Name\)"),
        ("env.id=AndroidNothing-v0", "env.id must be a registered environment"),
        ("env.device=adb:emulator-5554", "list phones in env.devices"),
        ("env.device=phone", r"env.device must be one of sim \(or module:Name\)"),
    ],
)
def test_bad_plugin_references_are_config_errors(override, message):
    with pytest.raises(ConfigError, match=message):
        load_config(SMOKE, [override])


def test_installed_entry_point_plugins_load_without_being_listed(tmp_path, monkeypatch):
    """A package that declares `[project.entry-points."android_gym.plugins"]` (here its
    installed metadata, written by hand) is imported wherever plug-ins load."""
    from android_gym.plugins import ENTRY_POINT_GROUP, load_plugins

    (tmp_path / "entry_point_plugin.py").write_text("LOADED = True\n")
    info = tmp_path / "entry_point_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: entry-point-plugin\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nmine = entry_point_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "entry_point_plugin", raising=False)
    load_plugins()
    assert sys.modules["entry_point_plugin"].LOADED
