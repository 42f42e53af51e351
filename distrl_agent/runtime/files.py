"""Small files written atomically (a temporary file, then a rename): the weight store's and
the checkpoint store's `latest.json` pointers, a run's `summary.json` and `report.md`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_text_atomic(path: Path, text: str, *, durable: bool = False) -> None:
    """Writes `text` to `path` so that readers see the old file or the new one, never a part.
    With `durable`, the data is on disk before the rename (checkpoints; not for tmpfs)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        if durable:
            f.flush()
            os.fsync(f.fileno())
    os.replace(tmp, path)


def write_json_atomic(
    path: Path, data: Any, *, durable: bool = False, indent: int | None = None
) -> None:
    """`data` as JSON, written like `write_text_atomic`."""
    write_text_atomic(path, json.dumps(data, indent=indent), durable=durable)


def read_json(path: Path) -> Any | None:
    """The JSON in `path`, or None when there is no such file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
