"""Small JSON files written atomically (a temporary file, then a rename), shared by the
weight store's and the checkpoint store's `latest.json` pointers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json_atomic(path: Path, data: Any, *, durable: bool = False) -> None:
    """Writes `data` to `path` so that readers see the old file or the new one, never a part.
    With `durable`, the data is on disk before the rename (checkpoints; not for tmpfs)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
        if durable:
            f.flush()
            os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: Path) -> Any | None:
    """The JSON in `path`, or None when there is no such file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
