"""A run directory's life: starting a run in one, resuming one, and reading weights from one.

- A new run refuses a directory that already holds a run (`holds_run`), so two runs never mix
  or overwrite each other; `--force` replaces that run (its files, listed in `RUN_FILES`, are
  deleted; anything else there is left alone).
- `plan_resume` decides, before anything in the directory changes, what `--resume` does: the
  checkpoint to continue from, the newest intact one (`CheckpointStore.resumable`, which names
  the damaged ones passed over, and refuses when checkpoints exist but none is intact), whether
  the warm start must be redone (a run stopped before it finished has no `before.json`),
  whether its RL is over (the checkpoint spent the run's budget: then only the final
  evaluation and the report are left, with the session's figures the checkpoint holds), and
  whether the run is finished already (`summary.json` evaluated that checkpoint and
  `report.md`, written last, is there), in which case nothing is done at all.
- `repair_logs` cuts a torn last line off the run's logs before a resumed run appends to them.
- `policy_weights` reads the weights `distrl eval` and `pretrain.from_checkpoint` use, from a
  run directory (its newest intact checkpoint, else its warm start) or from one checkpoint,
  verified, writing nothing.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safetensors import SafetensorError
from torch import Tensor

from distrl_agent.config import RuntimeConfig
from distrl_agent.runtime import CheckpointError, RunDirectoryError
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.files import read_json
from distrl_agent.runtime.metrics import repair_torn_tail
from distrl_agent.runtime.service import INITIAL_WEIGHTS, POLICY_SPEC

log = logging.getLogger(__name__)
CONFIG = "config.yaml"
BEFORE = "before.json"
SUMMARY = "summary.json"
REPORT = "report.md"
LOGS = ("events.jsonl", "metrics.jsonl")
RUN_FILES = (
    CONFIG,
    POLICY_SPEC,
    INITIAL_WEIGHTS,
    BEFORE,
    *LOGS,
    SUMMARY,
    REPORT,
    "checkpoints",
    "tb",
    "workers",
    "plots",
    "viewer",
    "evaluations",
)
"""What a run writes into its directory (docs/cli.md)."""


def holds_run(run_dir: Path) -> bool:
    """Whether `run_dir` holds (part of) a run."""
    return any((run_dir / name).exists() for name in RUN_FILES)


def prepare_new(run_dir: Path, *, force: bool) -> None:
    """Makes `run_dir` ready for a new run: refuses one that holds a run, unless `force`, which
    deletes that run's files first."""
    if not holds_run(run_dir):
        return
    if not force:
        raise RunDirectoryError(
            f"{run_dir} already holds a run: `--resume` continues it, `--force` replaces it "
            "(deleting its checkpoints and results), or give another --run-dir"
        )
    for name in RUN_FILES:
        path = run_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


@dataclass
class ResumePlan:
    """What `--resume` does (see the module docstring)."""

    checkpoint: str | None
    """The checkpoint to continue from (None: there is none yet, RL starts at the warm start)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Checkpoints passed over, newest first, and why."""
    warm_started: bool = True
    session: dict[str, Any] | None = None
    """The RL session's figures when the checkpoint spent the run's budget (None: RL goes on)."""
    evaluated: bool = False
    """`summary.json` holds the final evaluation of that checkpoint."""
    finished: bool = False


def plan_resume(runtime: RuntimeConfig, run_dir: Path) -> ResumePlan:
    """What resuming the run in `run_dir` under `runtime` does; changes nothing. Raises
    `RunDirectoryError` when there is no run there and `CheckpointError` when it has
    checkpoints but none is intact."""
    if not (run_dir / CONFIG).exists():
        raise RunDirectoryError(f"--resume: {run_dir} holds no run to resume")
    found, skipped = CheckpointStore(run_dir / "checkpoints").resumable()
    if found is None:
        session = None
    else:
        state = json.loads((found / "state.json").read_text("utf-8"))
        session = state["service"].get("session") if budget_spent(runtime, state) else None
    summary = read_json(run_dir / SUMMARY) if session is not None else None
    evaluated = summary is not None and summary["rl"].get("checkpoint") == found.name
    return ResumePlan(
        checkpoint=found.name if found is not None else None,
        skipped=skipped,
        warm_started=all((run_dir / name).exists() for name in (BEFORE, POLICY_SPEC)),
        session=session,
        evaluated=evaluated,
        finished=evaluated and (run_dir / REPORT).exists(),
    )


def budget_spent(runtime: RuntimeConfig, state: dict[str, Any]) -> bool:
    """Whether a checkpoint's run had spent `runtime.duration_s` (or `max_updates`)."""
    if runtime.max_updates is not None and state["counters"]["updates"] >= runtime.max_updates:
        return True
    return float(state["elapsed_s"]) >= runtime.duration_s


def repair_logs(run_dir: Path) -> list[tuple[str, int]]:
    """Cuts a torn last line (a crash mid-write) off the run's logs: (file, bytes cut) each."""
    cut = [(name, repair_torn_tail(run_dir / name)) for name in LOGS]
    return [(name, size) for name, size in cut if size]


def policy_weights(path: Path) -> dict[str, Tensor]:
    """The policy weights of a run directory (its newest intact checkpoint's, else its warm
    start's) or of one of its checkpoints, verified; `RunDirectoryError` (or
    `CheckpointError`) says what is wrong with `path`. Writes nothing."""
    from distrl_agent.policies.base import load_trainable_state

    if (path / POLICY_SPEC).exists():  # a run directory
        found, skipped = CheckpointStore(path / "checkpoints").resumable()
        for name, why in skipped:
            log.warning("%s: passed over checkpoint %s: %s", path, name, why)
        if found is None:
            return load_trainable_state(path / INITIAL_WEIGHTS)
        path = found
    elif not (path.parent.parent / POLICY_SPEC).exists():
        raise RunDirectoryError(f"{path} is neither a run directory nor one of its checkpoints")
    store = CheckpointStore(path.parent)
    if not path.is_dir():
        there = ", ".join(p.name for p in store.checkpoints()) or "none"
        raise CheckpointError(f"there is no checkpoint {path} (the run's checkpoints: {there})")
    store.verify(path)
    try:
        return load_trainable_state(path / "policy.safetensors")
    except (OSError, SafetensorError) as exc:  # from before manifests, and damaged
        raise CheckpointError(f"{path / 'policy.safetensors'} cannot be read ({exc})") from exc


def run_dir_of(path: Path) -> Path:
    """The run directory of `path`, itself a run directory or one of its checkpoints."""
    return path if (path / POLICY_SPEC).exists() else path.parent.parent
