"""Run directories: a run is never mixed with another, resumed from a damaged checkpoint or
silently restarted, `distrl eval` writes nothing, and torn log lines do not block a resume.
These refuse before anything starts, so they are fast; whole runs are in test_run_faults.py."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from runtime_helpers import SMOKE, prepare_run_dir, smoke_config, trained_learner

from distrl_agent.cli import main
from distrl_agent.runtime import Interrupted, RunDirectoryError, trainer
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.metrics import JsonLines, read_jsonl, repair_torn_tail
from distrl_agent.runtime.rundir import plan_resume, prepare_new, repair_logs


@pytest.fixture(scope="module")
def stopped_run(tmp_path_factory, trajectories):
    """A run directory as a run killed during RL leaves it: its config, warm start, logs and
    two checkpoints (written by a real learner, with the session's figures so far)."""
    config = smoke_config()
    run_dir = tmp_path_factory.mktemp("stopped") / "run"
    prepare_run_dir(config, run_dir)
    (run_dir / "config.yaml").write_text(yaml.safe_dump(config.to_dict()))
    (run_dir / "before.json").write_text("{}")
    (run_dir / "events.jsonl").write_text('{"event": "session", "time": 1.0, "number": 0}\n')
    learner = trained_learner(trajectories)
    store = CheckpointStore(run_dir / "checkpoints")
    for elapsed in (5.0, 10.0):
        state, tensors, replay = learner.checkpoint()
        session = {**learner.totals(), "elapsed_s": elapsed, "trajectories_per_minute": elapsed}
        state.update(
            elapsed_s=elapsed,
            service={"checkpoints": 1, "metrics_lines": 0, "session": session},
        )
        store.save(state, tensors, replay)
    return run_dir


@pytest.fixture
def run_dir(tmp_path, stopped_run):
    shutil.copytree(stopped_run, tmp_path / "run")
    return tmp_path / "run"


def snapshot(root):
    """Every path under `root` with its bytes (None for a directory)."""
    return {p: p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


def train(run_dir, *args):
    return main(["train", "--quiet", "--run-dir", str(run_dir), *args])


def test_training_into_a_run_refuses_without_resume_or_force(run_dir, capsys):
    before = snapshot(run_dir)
    assert train(run_dir, "--config", str(SMOKE)) == 2
    assert "already holds a run" in capsys.readouterr().err
    assert snapshot(run_dir) == before


def test_force_deletes_the_runs_files_and_nothing_else(run_dir):
    (run_dir / "notes.txt").write_text("mine")
    (run_dir / "evaluations" / "before").mkdir(parents=True, exist_ok=True)  # a run's too
    prepare_new(run_dir, force=True)
    assert [p.name for p in run_dir.iterdir()] == ["notes.txt"]
    prepare_new(run_dir, force=False)  # nothing of a run is left: a new one may start


@pytest.mark.parametrize(
    "damage",
    ["truncate both", "delete both"],
)
def test_resume_with_no_intact_checkpoint_refuses_and_changes_nothing(run_dir, capsys, damage):
    for checkpoint in CheckpointStore(run_dir / "checkpoints").checkpoints():
        if damage == "delete both":
            shutil.rmtree(checkpoint)  # latest.json names one that is gone
        else:
            policy = checkpoint / "policy.safetensors"
            policy.write_bytes(policy.read_bytes()[:100])
    before = snapshot(run_dir)
    assert train(run_dir, "--resume") == 2  # not a new run from the warm start
    err = capsys.readouterr().err
    assert "no intact checkpoint" in err and "Traceback" not in err
    assert snapshot(run_dir) == before


def test_resume_plans_the_newest_intact_checkpoint_and_names_the_damaged_one(run_dir):
    newest = run_dir / "checkpoints" / "ckpt-000002"
    (newest / "optimizer0.safetensors").write_bytes(b"\0" * 10)
    plan = plan_resume(smoke_config().runtime, run_dir)
    assert plan.checkpoint == "ckpt-000001" and not plan.finished and plan.warm_started
    assert plan.skipped[0][0] == "ckpt-000002" and "optimizer0" in plan.skipped[0][1]


def test_a_finished_run_is_recognised_and_a_longer_one_is_not(run_dir):
    (run_dir / "summary.json").write_text('{"rl": {"checkpoint": "ckpt-000002"}}')
    (run_dir / "report.md").write_text("# smoke")
    assert plan_resume(smoke_config("runtime.duration_s=10").runtime, run_dir).finished
    assert not plan_resume(smoke_config("runtime.duration_s=30").runtime, run_dir).finished
    assert plan_resume(smoke_config("runtime.max_updates=1").runtime, run_dir).finished


def test_resume_plans_what_is_left_once_the_rl_budget_is_spent(run_dir):
    spent = smoke_config("runtime.duration_s=10").runtime  # by ckpt-000002
    plan = plan_resume(spent, run_dir)
    assert plan.checkpoint == "ckpt-000002" and plan.session["elapsed_s"] == 10.0
    assert not plan.evaluated and not plan.finished  # stopped in its final evaluation
    assert plan_resume(smoke_config().runtime, run_dir).session is None  # 15 s: RL goes on
    (run_dir / "summary.json").write_text('{"rl": {"checkpoint": "ckpt-000002"}}')
    plan = plan_resume(spent, run_dir)
    assert plan.evaluated and not plan.finished  # stopped while writing its report
    # the summary of an earlier finish, before runtime.duration_s was raised, is not this one's
    (run_dir / "summary.json").write_text('{"rl": {"checkpoint": "ckpt-000001"}}')
    (run_dir / "report.md").write_text("# smoke")
    plan = plan_resume(spent, run_dir)
    assert plan.session is not None and not plan.evaluated and not plan.finished


def test_resuming_a_run_stopped_after_its_rl_runs_no_session_and_keeps_its_figures(
    run_dir, capsys, caplog
):
    before = {"success_rate": 0.5, "tasks": 2, "split": "test", "per_family": {"search": 0.5}}
    (run_dir / "before.json").write_text(json.dumps(before))
    state = json.loads((run_dir / "checkpoints" / "ckpt-000002" / "state.json").read_text())
    checkpoints = snapshot(run_dir / "checkpoints")
    assert train(run_dir, "--resume", "runtime.duration_s=10", "eval.tasks=2") == 0
    assert "only the final evaluation and the report are left" in caplog.text
    assert [e["event"] for e in read_jsonl(run_dir / "events.jsonl")] == [
        "session",  # the stopped run's: no session, no worker now
        "resumed",
        "evaluating",
        "finished",
    ]
    summary = json.loads((run_dir / "summary.json").read_text())
    session = state["service"]["session"]
    assert summary["rl"] == {
        **{k: v for k, v in session.items() if k != "evaluations"},
        "checkpoint": "ckpt-000002",
    }
    assert summary["after"]["tasks"] == 2 and summary["before"] == before
    assert snapshot(run_dir / "checkpoints") == checkpoints  # the clock was not touched

    (run_dir / "report.md").unlink()  # as if stopped while writing it
    written = (run_dir / "summary.json").read_bytes()
    assert train(run_dir, "--resume", "runtime.duration_s=10", "eval.tasks=2") == 0
    assert (run_dir / "summary.json").read_bytes() == written and (run_dir / "report.md").exists()
    assert [e["event"] for e in read_jsonl(run_dir / "events.jsonl")][4:] == ["finished"]
    assert train(run_dir, "--resume", "runtime.duration_s=10", "eval.tasks=2") == 0
    assert "finished already" in capsys.readouterr().err


def test_a_run_stopped_during_its_warm_start_is_resumed_by_doing_it_again(tmp_path):
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "config.yaml").write_text(yaml.safe_dump(smoke_config().to_dict()))
    plan = plan_resume(smoke_config().runtime, run_dir)
    assert plan.checkpoint is None and not plan.warm_started
    with pytest.raises(RunDirectoryError, match="holds no run"):
        plan_resume(smoke_config().runtime, tmp_path / "nothing")


def test_a_signal_as_soon_as_config_yaml_exists_is_recorded(tmp_path, monkeypatch):
    """config.yaml is how a watcher (and --resume) knows a run began: from then on an
    interrupt leaves its `interrupted` event."""

    def interrupt_after_config(threads: int) -> None:
        assert (tmp_path / "run" / "config.yaml").exists()
        raise Interrupted("SIGTERM")

    monkeypatch.setattr(trainer.torch, "set_num_threads", interrupt_after_config)
    with pytest.raises(Interrupted):
        trainer.train(smoke_config(), tmp_path / "run", progress=False)
    (event,) = read_jsonl(tmp_path / "run" / "events.jsonl")
    assert event["event"] == "interrupted" and event["signal"] == "SIGTERM"
    assert event["checkpoint"] is None


def test_resume_needs_a_run_dir(capsys):
    assert main(["train", "--resume"]) == 2
    assert "--resume needs --run-dir" in capsys.readouterr().err


@pytest.mark.parametrize("typo", ["checkpoints/ckpt-000009", "checkpoints/ckpt-9/x", "nothing"])
def test_eval_of_a_mistyped_checkpoint_says_so_and_creates_nothing(run_dir, capsys, typo):
    before = snapshot(run_dir.parent)
    assert main(["eval", "--checkpoint", str(run_dir / typo), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("no checkpoint" in err or "neither" in err)
    assert snapshot(run_dir.parent) == before


def test_eval_of_a_run_whose_checkpoints_are_all_damaged_refuses(run_dir, capsys):
    for checkpoint in CheckpointStore(run_dir / "checkpoints").checkpoints():
        (checkpoint / "state.json").write_text("{")
    assert main(["eval", "--checkpoint", str(run_dir), "--quiet"]) == 2
    assert "no intact checkpoint" in capsys.readouterr().err


TORN = {
    "half a record": (b'{"event": "a"}\n{"event": "b", "ti', 18),
    "garbage after a record": (b'{"event": "a"}\n\x00\x00\n', 3),
    "whole record, no newline": (b'{"event": "a"}\n{"event": "b"}', 0),
    "whole": (b'{"event": "a"}\n', 0),
    "empty": (b"", 0),
}


@pytest.mark.parametrize("case", TORN)
def test_a_torn_last_line_is_cut_so_appending_goes_on_after_the_last_record(tmp_path, case):
    data, cut = TORN[case]
    path = tmp_path / "events.jsonl"
    path.write_bytes(data)
    assert repair_torn_tail(path) == cut
    lines = JsonLines(path)
    lines.write({"event": "c"})
    lines.close()
    records = read_jsonl(path)
    assert records[-1] == {"event": "c"} and len(records) == lines.lines


def test_reading_skips_lines_torn_in_the_middle_with_a_warning(tmp_path, caplog):
    path = tmp_path / "metrics.jsonl"
    path.write_bytes(b'{"kind": "train"}\n{"kind": "tr{"kind": "eval"}\n[1]\n{"kind": "eval"}\n')
    assert read_jsonl(path) == [{"kind": "train"}, {"kind": "eval"}]
    assert "skipped 2 line(s)" in caplog.text


def test_repair_logs_reports_what_it_cut(run_dir):
    with open(run_dir / "events.jsonl", "ab") as f:
        f.write(b'{"event": "checkpo')
    (run_dir / "metrics.jsonl").write_bytes(b'{"kind": "train", "t": 1}\n{"ki')
    assert repair_logs(run_dir) == [("events.jsonl", 18), ("metrics.jsonl", 4)]
    assert repair_logs(run_dir) == []
    assert [e["event"] for e in read_jsonl(run_dir / "events.jsonl")] == ["session"]
    assert json.loads((run_dir / "metrics.jsonl").read_text()) == {"kind": "train", "t": 1}
