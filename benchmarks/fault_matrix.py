"""Fault matrix: what a training run survives, and what it loses, when a job ends badly.

Each scenario is a short real run of `distrl train` (configs/smoke.yaml shortened: 2 workers,
local backend, a checkpoint every 1.5 s, metrics every 0.5 s, watchdog 4 s, 2 evaluation tasks,
no periodic evaluation) that gets one fault one second after its second periodic checkpoint:

- to a worker (w0) or to the learner (on the local backend, the driver process): kill -9,
  SIGTERM, SIGINT or SIGSTOP (a stopped worker stays stopped, the watchdog must act; the
  learner is continued with SIGCONT after 5 s),
- or, after a kill -9 of the learner, its newest checkpoint is truncated, or its events and
  metrics logs end in a torn line.

A run the fault ended is resumed (`distrl train --resume`) and must finish. Every scenario
starts from one shared warm start (copied; resuming a run that has no checkpoint starts RL at
its warm start), so only RL is timed. Per scenario: `survives` (the last command exited 0
with a summary, and no worker process or scratch folder of the run is left), `exit_codes`
(each command's, in order), `lost` (the trajectories and updates the learner had, by its
last metrics record before the fault, beyond the checkpoint the run resumed from: the work
since that checkpoint; episodes in flight on the workers are lost in every scenario and not
counted), `resumed_from`, `worker_restarts` and `restart_s` (from the fault to the
replacement worker's start). Prints one JSON line.

    python benchmarks/fault_matrix.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from agent_common import load_average, machine, today

from distrl_agent.config import load_config
from distrl_agent.runtime import CheckpointError, scratch
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.metrics import read_jsonl
from distrl_agent.runtime.trainer import warm_start

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "configs" / "smoke.yaml"
OVERRIDES = [
    "runtime.checkpoint_every_s=1.5",
    "runtime.metrics_every_s=0.5",
    "runtime.watchdog_timeout_s=4",
    "eval.every_s=0",
    "eval.tasks=2",
]
SIGNALS = {"kill -9": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT}
SCENARIOS = [
    *[(target, fault) for target in ("worker", "learner") for fault in (*SIGNALS, "SIGSTOP")],
    ("learner", "corrupt checkpoint"),
    ("learner", "torn log"),
]
STOPPED_S = 5.0


def make_template(directory: Path, overrides: list[str]) -> None:
    """A run directory holding only a warm start (what `distrl train` writes before RL)."""
    config = load_config(SMOKE, overrides)
    directory.mkdir(parents=True)
    (directory / "config.yaml").write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))
    policy, pretrain = warm_start(config, directory, progress=False)
    before = {"pretrain": pretrain, **evaluate(policy, config, tasks=config.eval.tasks).to_dict()}
    (directory / "before.json").write_text(json.dumps(before))


def start(run_dir: Path, overrides: list[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "distrl_agent.cli", "train", "--quiet", "--resume"]
    command += ["--run-dir", str(run_dir), "--config", str(SMOKE), *overrides]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def events(run_dir: Path, kind: str) -> list[dict]:
    return [e for e in read_jsonl(run_dir / "events.jsonl") if e["event"] == kind]


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def finish(process: subprocess.Popen, timeout: float) -> int | None:
    """The exit status (None: it did not end in time and was killed with its group)."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None
    return process.returncode


def learner_had(run_dir: Path) -> dict[str, int]:
    """The learner's counters by its last metrics record."""
    train = [r for r in read_jsonl(run_dir / "metrics.jsonl") if r.get("kind") == "train"]
    last = train[-1] if train else {}
    return {"trajectories": last.get("trajectories", 0), "updates": last.get("updates", 0)}


def inject(process: subprocess.Popen, run_dir: Path, target: str, fault: str) -> float:
    """Sends the fault; returns when it was sent (time.time())."""
    if target == "worker":
        pid = [e["pid"] for e in events(run_dir, "worker_started") if e["worker_id"] == "w0"][-1]
    else:
        pid = process.pid
    sent = time.time()
    if fault == "SIGSTOP":
        os.kill(pid, signal.SIGSTOP)
        if target == "learner":
            time.sleep(STOPPED_S)
            os.kill(pid, signal.SIGCONT)
    else:
        os.kill(pid, SIGNALS.get(fault, signal.SIGKILL))
    return sent


def damage(run_dir: Path, fault: str) -> None:
    if fault == "corrupt checkpoint":
        newest = CheckpointStore(run_dir / "checkpoints").checkpoints()[-1]
        policy = newest / "policy.safetensors"
        policy.write_bytes(policy.read_bytes()[: len(policy.read_bytes()) // 2])
    elif fault == "torn log":
        for name in ("events.jsonl", "metrics.jsonl"):
            with open(run_dir / name, "a", encoding="utf-8") as f:
                f.write('{"event": "checkpoint", "pa')


def left_behind(pids: list[int], worker_pids: list[int]) -> dict[str, int]:
    """Scratch folders the run's drivers made and worker processes still alive (after 10 s)."""
    folders = [
        path
        for root in {scratch.shared_memory_root(), Path(tempfile.gettempdir())}
        for path in root.glob("distrl-*")
        if (scratch.owner_of(path) or {}).get("pid") in pids
    ]

    def running() -> list[int]:
        return [pid for pid in worker_pids if scratch.is_alive({"pid": pid})]

    wait_until(lambda: not running(), 10.0)
    return {"scratch_folders": len(folders), "worker_processes": len(running())}


def scenario(template: Path, work: Path, target: str, fault: str, duration: float) -> dict:
    run_dir = work / f"{target}-{fault}".replace(" ", "-")
    shutil.copytree(template, run_dir)
    overrides = [*OVERRIDES, f"runtime.duration_s={duration}"]
    started = time.monotonic()
    process = start(run_dir, overrides)
    ready = wait_until(lambda: len(events(run_dir, "checkpoint")) >= 2, 240)
    time.sleep(1.0)
    had = learner_had(run_dir)
    sent = inject(process, run_dir, target, fault) if ready else time.time()
    codes = [finish(process, 240)]
    drivers, resumed_from, lost = [process.pid], None, {"trajectories": 0, "updates": 0}
    if codes[-1] != 0:  # the fault ended the run: resume it
        damage(run_dir, fault)
        try:
            found, _ = CheckpointStore(run_dir / "checkpoints").resumable()
        except CheckpointError:
            found = None
        if found is not None:
            counters = json.loads((found / "state.json").read_text())["counters"]
            lost = {key: max(0, had[key] - counters[key]) for key in lost}
            resumed_from = found.name
        again = start(run_dir, overrides)
        drivers.append(again.pid)
        codes.append(finish(again, 300))
    failed = [e for e in events(run_dir, "worker_failed") if e["time"] >= sent]
    restarts = [
        e["time"] - sent
        for e in events(run_dir, "worker_started")
        if e["time"] >= sent and e["incarnation"] > 0
    ]
    workers = [e["pid"] for e in events(run_dir, "worker_started")]
    leftovers = left_behind(drivers, workers)
    survives = (
        ready
        and codes[-1] == 0
        and (run_dir / "summary.json").exists()
        and not any(leftovers.values())
    )
    return {
        "target": target,
        "fault": fault,
        "survives": survives,
        "exit_codes": codes,
        "resumed_from": resumed_from,
        "lost": lost,
        "worker_restarts": len(failed),
        "restart_s": round(min(restarts), 2) if restarts else None,
        "left_behind": leftovers,
        "wall_s": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=12.0, help="seconds of RL per run")
    parser.add_argument("--only", nargs="*", default=None, help='e.g. "learner:kill -9"')
    args = parser.parse_args()
    load_before = load_average()
    started = time.perf_counter()
    chosen = [s for s in SCENARIOS if args.only is None or ":".join(s) in args.only]
    with tempfile.TemporaryDirectory(prefix="fault-matrix-") as tmp:
        work = Path(tmp)
        make_template(work / "template", OVERRIDES)
        rows = [
            scenario(work / "template", work, target, fault, args.duration)
            for target, fault in chosen
        ]
    print(
        json.dumps(
            {
                "benchmark": "fault_matrix",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [load_before, load_average()],
                "config": {"base": "configs/smoke.yaml", "overrides": OVERRIDES},
                "duration_s": args.duration,
                "survived": sum(r["survives"] for r in rows),
                "scenarios": rows,
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
