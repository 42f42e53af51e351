"""Whole runs that end the ways jobs really end (SIGTERM, Ctrl-C during the warm start, a second
Ctrl-C during the last checkpoint, Ctrl-C during the final evaluation, a worker that cannot
start), then resume from damaged checkpoints and torn logs. The quick refusals are in
test_rundir.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from runtime_helpers import SMOKE, interruptible, wait_for

from distrl_agent.runtime import scratch
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.metrics import read_jsonl

pytestmark = pytest.mark.slow
FAST = ("eval.tasks=2", "eval.every_s=0", "runtime.checkpoint_every_s=2")


def start_cli(run_dir: Path, *overrides: str, resume: bool = False) -> subprocess.Popen:
    """`distrl train` in its own process group (a terminal's job, or a batch job)."""
    command = [sys.executable, "-m", "distrl_agent.cli", "train", "--quiet"]
    command += ["--run-dir", str(run_dir)] + (["--resume"] if resume else [])
    command += ["--config", str(SMOKE), *FAST, *overrides]
    return subprocess.Popen(
        command,
        start_new_session=True,
        preexec_fn=interruptible,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, timeout: float = 240) -> tuple[int, str]:
    """Its exit status and what it wrote to stderr (the process group is killed if it hangs)."""
    try:
        _, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, err


def events(run_dir: Path, kind: str) -> list[dict]:
    return [e for e in read_jsonl(run_dir / "events.jsonl") if e["event"] == kind]


def periodic(run_dir: Path) -> list[dict]:
    return [e for e in events(run_dir, "checkpoint") if not e.get("final")]


def left_behind(pid: int) -> list[Path]:
    """Scratch folders (shared memory, sockets) that process `pid` made and left."""
    roots = {scratch.shared_memory_root(), Path("/tmp")}
    found = []
    for root in roots:
        for path in root.glob("distrl-*"):
            owner = scratch.owner_of(path)
            if owner is not None and owner["pid"] == pid:
                found.append(path)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def snapshot(root: Path) -> dict:
    return {p: p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


def test_sigterm_stops_like_ctrl_c_and_resume_passes_over_damage(tmp_path):
    run_dir = tmp_path / "run"
    process = start_cli(run_dir, "runtime.duration_s=120")
    wait_for(lambda: len(periodic(run_dir)) >= 2, timeout=240)  # recorded as they are written
    os.killpg(process.pid, signal.SIGTERM)  # what timeout, Slurm, Kubernetes send
    code, err = finish(process)
    assert code == 143, err
    assert f"--run-dir {run_dir} --resume" in err
    (interrupted,) = events(run_dir, "interrupted")
    assert interrupted["signal"] == "SIGTERM"
    store = CheckpointStore(run_dir / "checkpoints")
    newest = store.latest()
    assert interrupted["checkpoint"] == str(newest)  # the last checkpoint, written on SIGTERM
    assert not left_behind(process.pid)
    older = store.checkpoints()[-2]
    elapsed = json.loads((older / "state.json").read_text())["elapsed_s"]

    # a crash had torn the logs and damaged the newest checkpoint
    policy = newest / "policy.safetensors"
    policy.write_bytes(policy.read_bytes()[:1000])
    for name in ("events.jsonl", "metrics.jsonl"):
        with open(run_dir / name, "a") as f:
            f.write('{"event": "torn", "ti')
    resumed = start_cli(run_dir, f"runtime.duration_s={elapsed + 3:.1f}", resume=True)
    code, err = finish(resumed)
    assert code == 0, err
    assert "passed over checkpoint " + newest.name in err and "Traceback" not in err
    (skipped,) = events(run_dir, "checkpoint_skipped")
    assert skipped["checkpoint"] == newest.name and "truncated" in skipped["reason"]
    assert {e["file"] for e in events(run_dir, "torn_line_cut")} == {
        "events.jsonl",
        "metrics.jsonl",
    }
    assert events(run_dir, "resumed")[-1]["checkpoint"] == older.name
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["rl"]["resumed_from"] == older.name
    assert older.exists() or store.latest().name > newest.name  # never pruned in its place

    # resuming the finished run says so and changes nothing
    before = snapshot(run_dir)
    again = start_cli(run_dir, f"runtime.duration_s={elapsed + 3:.1f}", resume=True)
    code, err = finish(again)
    assert code == 0 and "finished already" in err and "nothing was changed" in err
    assert snapshot(run_dir) == before


def test_ctrl_c_in_the_warm_start_and_twice_in_the_last_checkpoint_leave_resumable_runs(
    tmp_path,
):
    run_dir = tmp_path / "run"
    process = start_cli(run_dir, "runtime.duration_s=120")
    wait_for(lambda: (run_dir / "config.yaml").exists(), timeout=120)
    os.killpg(process.pid, signal.SIGINT)  # during the warm start
    code, err = finish(process)
    assert code == 130 and f"--run-dir {run_dir} --resume" in err
    assert not (run_dir / "before.json").exists()
    assert events(run_dir, "interrupted")[0]["checkpoint"] is None

    resumed = start_cli(run_dir, "runtime.duration_s=120", resume=True)  # warm start again
    store = CheckpointStore(run_dir / "checkpoints")
    wait_for(lambda: store.latest() is not None, timeout=240)
    os.killpg(resumed.pid, signal.SIGINT)
    time.sleep(0.1)
    os.killpg(resumed.pid, signal.SIGINT)  # impatient: during the stop and last checkpoint
    code, err = finish(resumed)
    assert code == 130, err
    assert not left_behind(resumed.pid)
    workers = [e["pid"] for e in events(run_dir, "worker_started")]
    wait_for(lambda: not any(alive(pid) for pid in workers), timeout=30)
    elapsed = json.loads((store.latest() / "state.json").read_text())["elapsed_s"]

    duration = round(elapsed + 3, 1)  # as the command line writes it
    last = start_cli(run_dir, f"runtime.duration_s={duration}", resume=True)
    code, err = finish(last)
    assert code == 0, err
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["rl"]["elapsed_s"] >= duration


def test_ctrl_c_in_the_final_evaluation_leaves_only_that_evaluation_to_resume(tmp_path):
    run_dir = tmp_path / "run"
    options = ("runtime.duration_s=2", "eval.tasks=8")
    process = start_cli(run_dir, *options)
    wait_for(
        lambda: [e["label"] for e in events(run_dir, "evaluating")] == ["before", "after"],
        timeout=240,
    )
    os.killpg(process.pid, signal.SIGINT)
    code, err = finish(process)
    assert code == 130 and f"--run-dir {run_dir} --resume" in err
    assert not (run_dir / "summary.json").exists()  # stopped in the evaluation
    (final,) = [e for e in events(run_dir, "checkpoint") if e.get("final")]
    checkpoint = Path(final["path"])
    state = json.loads((checkpoint / "state.json").read_text())
    seen = len(read_jsonl(run_dir / "events.jsonl"))

    resumed = start_cli(run_dir, *options, resume=True)
    code, err = finish(resumed)
    assert code == 0, err
    assert "only the final evaluation and the report are left" in err
    after = [e["event"] for e in read_jsonl(run_dir / "events.jsonl")[seen:]]
    assert after == ["resumed", "evaluating", "finished"]  # no RL session, no worker
    assert CheckpointStore(run_dir / "checkpoints").latest() == checkpoint
    summary = json.loads((run_dir / "summary.json").read_text())
    figures = state["service"]["session"]
    assert summary["rl"]["checkpoint"] == checkpoint.name
    for key in ("elapsed_s", "session_s", "trajectories_per_minute", "updates", "startup_s"):
        assert summary["rl"][key] == figures[key]  # the session's own, not a new clock's
    assert summary["rl"]["elapsed_s"] >= 2 and summary["rl"]["trajectories_per_minute"] > 0
    assert summary["after"]["tasks"] == 8 and (run_dir / "report.md").exists()


def test_a_worker_that_cannot_start_stops_the_run_with_its_own_error(tmp_path):
    run_dir = tmp_path / "run"
    started = time.monotonic()
    # no CUDA on this machine: every worker start fails the same way
    process = start_cli(run_dir, "policy.worker_device=cuda", "runtime.max_start_failures=2")
    code, err = finish(process, timeout=180)
    assert code == 1 and time.monotonic() - started < 180
    assert "failed to start 2 times in a row" in err and "CUDA" in err
    failed = events(run_dir, "worker_failed")
    assert {e["restart_in_s"] for e in failed} >= {1.0, None}
    assert all("CUDA" in e["error"] for e in failed)
    assert "CUDA" in events(run_dir, "run_failed")[0]["reason"]
