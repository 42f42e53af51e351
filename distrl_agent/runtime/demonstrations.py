"""The warm start's demonstrations, kept in the run directory for the learner's anchor.

`pretrain.anchor > 0` keeps behaviour cloning on during RL (`algorithms.anchor`): the trainer
writes what the anchor clones (`pretrain.anchor_source`: the demonstrations it cloned, or the
warm-started policy's solved train episodes) to `RUN_DIR/demonstrations.z` (each trajectory as
a length-prefixed transport record, zlib-compressed, written atomically) and the learner, in
its own process, reads them back, on a resume too.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from pathlib import Path

from distrl_agent.runtime.transport import read_trajectory_record, trajectory_record
from distrl_agent.trajectory import Trajectory

DEMONSTRATIONS = "demonstrations.z"


def save_demonstrations(demonstrations: Sequence[Trajectory], run_dir: Path) -> Path:
    """Writes `demonstrations` to `run_dir/demonstrations.z`; returns the path."""
    blob = b"".join(map(trajectory_record, demonstrations))
    path = run_dir / DEMONSTRATIONS
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(zlib.compress(blob, 1))
    os.replace(tmp, path)
    return path


def load_demonstrations(run_dir: Path) -> list[Trajectory]:
    """The demonstrations `save_demonstrations` wrote to `run_dir`, frames PNG-compressed."""
    path = run_dir / DEMONSTRATIONS
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: pretrain.anchor needs the warm start's demonstrations "
            "(pretrain.demos > 0 in the run that created this directory)"
        )
    blob, out, at = zlib.decompress(path.read_bytes()), [], 0
    while at < len(blob):
        trajectory, at = read_trajectory_record(blob, at)
        out.append(trajectory.compress_frames())
    return out
