"""What a run writes as it goes: metrics (JSON lines + TensorBoard) and events (JSON lines).

`metrics.jsonl` has one record per line: `{"kind": "train", "t": seconds of RL, ...}` every
`runtime.metrics_every_s` seconds and `{"kind": "eval", ...}` for each evaluation. TensorBoard
gets their numeric values (not `t`, not flags) under `tb/`, with the run's update count as the
step. `events.jsonl` records what
happened to workers (started, crashed, hung, restarted) and to the run (checkpoints, resume).
On resume the metrics are cut back to what the checkpoint had seen; events are history and
stay, followed by a "resumed" event.

A crash can tear the line being written. `repair_torn_tail` cuts such a last line off before a
resumed run appends to the file (the run records that it did), and `read_jsonl` skips, with a
warning, any line that is not a JSON record, so neither file can block a resume or a report.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class JsonLines:
    """An append-only JSON-lines file, flushed after every record."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (closed in close())
        self.lines = len(self.path.read_text(encoding="utf-8").splitlines())

    def write(self, record: dict[str, Any]) -> None:
        self.file.write(json.dumps(record, default=float) + "\n")
        self.file.flush()
        self.lines += 1

    def truncate(self, lines: int) -> None:
        """Keeps the first `lines` records (what a checkpoint had seen)."""
        self.file.close()
        kept = self.path.read_text(encoding="utf-8").splitlines(keepends=True)[:lines]
        self.path.write_text("".join(kept), encoding="utf-8")
        self.file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115
        self.lines = len(kept)

    def close(self) -> None:
        self.file.close()


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """All records of a JSON-lines file ([] when it does not exist); lines that are not a JSON
    record (torn by a crash) are skipped with a warning."""
    path = Path(path)
    if not path.exists():
        return []
    records, skipped = [], 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict):
            records.append(record)
        else:
            skipped += 1
    if skipped:
        log.warning(
            "%s: skipped %d line(s) that are not JSON records (torn by a crash?)", path, skipped
        )
    return records


def repair_torn_tail(path: str | Path) -> int:
    """Cuts a torn last line (a crash mid-write: no newline at its end and not a JSON record,
    or not JSON at all) off a JSON-lines file, so that appending goes on after the last whole
    record; returns the number of bytes cut (0: the file was whole, or is not there)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0
    terminated = data.endswith(b"\n")
    body = data[:-1] if terminated else data
    start = body.rfind(b"\n") + 1
    if not body[start:].strip():
        return 0
    try:
        whole = isinstance(json.loads(body[start:]), dict)
    except ValueError:
        whole = False
    with open(path, "r+b") as f:
        if whole:  # a whole record that only lacks its newline
            if not terminated:
                f.seek(0, 2)
                f.write(b"\n")
            return 0
        f.truncate(start)
    return len(data) - start


class MetricsLog:
    """A run's metrics: `metrics.jsonl` and TensorBoard scalars under `tb/`."""

    def __init__(self, run_dir: str | Path, tensorboard: bool = True) -> None:
        self.run_dir = Path(run_dir)
        self.lines = JsonLines(self.run_dir / "metrics.jsonl")
        self.writer = None
        self._purge: int | None = None
        self._tensorboard = tensorboard

    def _tb(self):
        if self._tensorboard and self.writer is None:
            try:
                from torch.utils.tensorboard import SummaryWriter
            except ImportError:  # tensorboard is optional
                self._tensorboard = False
                return None
            self.writer = SummaryWriter(str(self.run_dir / "tb"), purge_step=self._purge)
        return self.writer

    def write(self, record: dict[str, Any], step: int) -> None:
        """Writes a metrics record and its numeric fields to TensorBoard at `step`."""
        self.lines.write(record)
        writer = self._tb()
        if writer is None:
            return
        prefix = "eval/" if record.get("kind") == "eval" else ""
        for key, value in record.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool) and key != "t":
                writer.add_scalar(prefix + key, value, step)
        writer.flush()

    def rewind(self, lines: int, step: int) -> None:
        """Cuts the metrics back to a checkpoint's position (TensorBoard: purges later steps)."""
        self.lines.truncate(lines)
        self._purge = step

    def close(self) -> None:
        self.lines.close()
        if self.writer is not None:
            self.writer.close()


class EventLog:
    """A run's `events.jsonl`: what happened to workers and to the run, with wall-clock times."""

    def __init__(self, run_dir: str | Path) -> None:
        self.lines = JsonLines(Path(run_dir) / "events.jsonl")

    def write(self, kind: str, **fields: Any) -> None:
        self.lines.write({"event": kind, "time": time.time(), **fields})
        log.info("%s %s", kind, fields)

    def close(self) -> None:
        self.lines.close()
