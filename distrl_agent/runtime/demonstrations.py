"""The warm start's demonstrations, kept in the run directory for the learner's anchor.

`pretrain.anchor > 0` keeps behaviour cloning on during RL (`algorithms.anchor`): the trainer
writes the demonstrations it cloned to `RUN_DIR/demonstrations.z` (each trajectory as a
transport message, length-prefixed, zlib-compressed, written atomically) and the learner, in
its own process, reads them back, on a resume too.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from distrl_agent.runtime.transport import decode, encode_trajectory, trajectory_from_message
from distrl_agent.trajectory import Trajectory

DEMONSTRATIONS = "demonstrations.z"
_SIZE = struct.Struct("<Q")


def save_demonstrations(demonstrations: Sequence[Trajectory], run_dir: Path) -> Path:
    """Writes `demonstrations` to `run_dir/demonstrations.z`; returns the path."""
    blob = b"".join(
        _SIZE.pack(len(message)) + message for message in map(encode_trajectory, demonstrations)
    )
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
        (size,) = _SIZE.unpack_from(blob, at)
        message = decode(blob[at + _SIZE.size : at + _SIZE.size + size])
        out.append(trajectory_from_message(message).compress_frames())
        at += _SIZE.size + size
    return out
