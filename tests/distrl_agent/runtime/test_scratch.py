"""Scratch folders (shared-memory weights, the learner's socket): removed however their process
ends, and swept by the next run when it was killed outright."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from distrl_agent.runtime import scratch

MAKE = """
import os, signal, sys, time
from distrl_agent.runtime import scratch
path = scratch.make("test", sys.argv[1])
print(path, flush=True)
how = sys.argv[2]
if how == "exception":
    raise RuntimeError("a crash")
if how == "wait":
    time.sleep(60)
"""


def start(root, how):
    """A process that makes a scratch folder under `root` (it prints it), then ends `how`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-c", MAKE, str(root), how],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    return process


def made(process):
    """The folder a process from `start` made."""
    return process.stdout.readline().strip()


def test_a_scratch_folder_is_removed_when_its_process_exits_or_crashes(tmp_path):
    started = {how: start(tmp_path, how) for how in ("exit", "exception")}
    for how, process in started.items():
        path = made(process)
        process.wait(30)
        assert path and not os.path.exists(path), how


def test_folders_of_killed_processes_are_swept_and_live_ones_kept(tmp_path):
    killed, alive = start(tmp_path, "wait"), start(tmp_path, "wait")
    gone, kept = made(killed), made(alive)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(30)
        assert os.path.isdir(gone)  # kill -9: nothing of the process ran
        foreign = tmp_path / "distrl-other"  # no owner record: not ours to judge
        foreign.mkdir()
        reused = tmp_path / "distrl-reused"  # a live pid, but not the process that made it
        reused.mkdir()
        owner = {"pid": os.getpid(), "started": 1}
        (reused / scratch.OWNER).write_text(json.dumps(owner))
        removed = scratch.sweep([tmp_path])
        assert sorted(map(str, removed)) == sorted([gone, str(reused)])
        assert os.path.isdir(kept) and foreign.is_dir()
    finally:
        alive.kill()
        alive.wait()


def test_the_default_weights_folder_is_a_scratch_folder_in_shared_memory():
    from distrl_agent.runtime.weights import default_weights_dir

    path = default_weights_dir("test")
    try:
        assert path.parent == scratch.shared_memory_root() and path.name.startswith("distrl-")
        assert json.loads((path / scratch.OWNER).read_text())["pid"] == os.getpid()
    finally:
        scratch.remove(path)
    assert not path.exists()
