"""A run's scratch folders outside its run directory, and what cleans them up.

The local backend keeps the weight versions it broadcasts in shared memory (`/dev/shm`, which
is RAM) and the learner's socket under `/tmp`; `distrl collect` keeps its session there too.
Each such folder is made by `make` as `distrl-*` with an owner record inside (the process id
and its start time, so a reused pid is not mistaken for the owner) and is removed on every way
out that runs Python code: by the session's `finally` (`remove`), and by `atexit` when a second
Ctrl-C cut the `finally` short. What a process killed outright (kill -9, an out-of-memory kill)
leaves behind, the next run removes at its start: `sweep` deletes the `distrl-*` folders whose
owner is gone. Folders without an owner record (made by earlier versions, or by anything else)
are left alone.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from distrl_agent.runtime.files import write_json_atomic

log = logging.getLogger(__name__)
PREFIX = "distrl-"
OWNER = ".owner.json"
_made: set[Path] = set()


def shared_memory_root() -> Path:
    """/dev/shm when it exists and is writable (tmpfs: a broadcast is a memory copy), else the
    system temporary directory."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


def make(label: str, root: str | Path | None = None) -> Path:
    """A fresh folder `distrl-<label>-*` under `root` (default: the temporary directory),
    owned by this process and removed when it exits."""
    root = Path(root) if root is not None else Path(tempfile.gettempdir())
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{label}-", dir=root))
    write_json_atomic(path / OWNER, {"pid": os.getpid(), "started": _start_time(os.getpid())})
    _made.add(path)
    return path


def remove(path: str | Path) -> None:
    """Deletes a scratch folder (nothing when it is gone already)."""
    path = Path(path)
    shutil.rmtree(path, ignore_errors=True)
    _made.discard(path)


@atexit.register
def _remove_all() -> None:
    for path in list(_made):
        remove(path)


def sweep(roots: list[Path] | None = None) -> list[Path]:
    """Removes the scratch folders under `roots` (default: shared memory and the temporary
    directory) whose owning process is gone; returns them."""
    roots = roots if roots is not None else [shared_memory_root(), Path(tempfile.gettempdir())]
    removed = []
    for root in dict.fromkeys(roots):
        for path in sorted(root.glob(f"{PREFIX}*")):
            owner = owner_of(path)
            if owner is not None and not is_alive(owner):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    if removed:
        log.info("removed %d scratch folder(s) of runs that are gone: %s", len(removed), removed)
    return removed


def owner_of(path: Path) -> dict[str, Any] | None:
    """The owner record of a scratch folder ({"pid", "started"}), or None."""
    try:
        owner = json.loads((path / OWNER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return owner if isinstance(owner, dict) and isinstance(owner.get("pid"), int) else None


def is_alive(owner: dict[str, Any]) -> bool:
    """Whether the process that made a folder still runs (the same pid and start time)."""
    pid = owner["pid"]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    started = _start_time(pid)
    return owner.get("started") is None or started is None or started == owner["started"]


def _start_time(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])
