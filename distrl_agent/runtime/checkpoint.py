"""Atomic learner checkpoints: weights, critics, optimisers, replay buffer and counters.

A checkpoint is a directory `checkpoints/ckpt-<updates>/` holding safetensors files (one per
tensor group: policy, critics, optimiser moments), `state.json` (counters, random generator
state, optimiser structure, histories) and `replay.json` (the replay buffer's items, oldest
first, with their priorities). It is written under a temporary name and renamed into place,
then `latest.json` is pointed at it (also by rename), so a run killed at any moment leaves
its previous checkpoint intact and readable.

Replay items are immutable once collected, so each is written once: every checkpoint appends
the trajectories collected since the previous one to a new compressed segment under
`checkpoints/replay/` (transport messages, JSON + safetensors, with the replay's frames as the
PNGs it holds), and `replay.json` points into the segments. Segments no kept checkpoint refers
to are deleted. Loading keeps frames PNG-encoded (those of older checkpoints, stored as
arrays, are encoded trajectory by trajectory) and holds one decompressed segment at a time,
so a resume never holds the replay's frames decoded.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import safetensors.torch
import torch
from torch import Tensor

from distrl_agent.runtime.files import read_json, write_json_atomic
from distrl_agent.runtime.transport import decode, encode_trajectory, trajectory_from_message
from distrl_agent.trajectory import Trajectory

LATEST = "latest.json"
_SIZE = struct.Struct("<Q")


@dataclass
class LoadedCheckpoint:
    """What `CheckpointStore.load` read back."""

    path: Path
    state: dict[str, Any]
    tensors: dict[str, dict[str, Tensor]]
    replay: list[tuple[Trajectory, float]] = field(default_factory=list)
    locations: list[tuple[str, int, int]] = field(default_factory=list)


class CheckpointStore:
    """Writes and reads the checkpoints of one run under `root` (see the module docstring)."""

    def __init__(self, root: str | Path, keep: int = 2) -> None:
        self.root = Path(root)
        self.replay_dir = self.root / "replay"
        self.replay_dir.mkdir(parents=True, exist_ok=True)
        self.keep = max(1, int(keep))
        self._locations: dict[int, tuple[str, int, int]] = {}

    # -- writing ------------------------------------------------------------------------------

    def save(
        self,
        name: str,
        state: dict[str, Any],
        tensors: dict[str, dict[str, Tensor]],
        replay: list[tuple[int, Trajectory, float]],
    ) -> Path:
        """Writes checkpoint `name` atomically; `replay` is (item id, trajectory, priority)."""
        self._persist_new([(i, t) for i, t, _ in replay])
        final = self.root / name
        tmp = self.root / f".{name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for group, group_tensors in tensors.items():
            safetensors.torch.save_file(
                {k: v.detach().cpu().contiguous() for k, v in group_tensors.items()},
                str(tmp / f"{group}.safetensors"),
            )
        index = [{"location": list(self._locations[i]), "priority": float(p)} for i, _, p in replay]
        write_json_atomic(tmp / "replay.json", index, durable=True)
        write_json_atomic(tmp / "state.json", state, durable=True)
        _fsync_dir(tmp)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        write_json_atomic(self.root / LATEST, {"checkpoint": name}, durable=True)
        _fsync_dir(self.root)
        self._prune(keep_current=name)
        live = {i for i, _, _ in replay}
        self._locations = {i: loc for i, loc in self._locations.items() if i in live}
        return final

    def adopt(self, ids: list[int], locations: list[tuple[str, int, int]]) -> None:
        """Records that restored replay items `ids` are already stored at `locations`."""
        self._locations.update(zip(ids, locations, strict=True))

    def _persist_new(self, items: list[tuple[int, Trajectory]]) -> None:
        new = [(i, t) for i, t in items if i not in self._locations]
        if not new:
            return
        existing = sorted(self.replay_dir.glob("seg-*.z"))
        number = int(existing[-1].stem.split("-")[1]) + 1 if existing else 0
        segment = f"seg-{number:06d}.z"
        blob, offsets = bytearray(), []
        for _, trajectory in new:
            message = encode_trajectory(trajectory)
            offsets.append((len(blob), len(message) + _SIZE.size))
            blob += _SIZE.pack(len(message)) + message
        path = self.replay_dir / segment
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(zlib.compress(bytes(blob), 1))
        os.replace(tmp, path)
        for (item_id, _), (offset, length) in zip(new, offsets, strict=True):
            self._locations[item_id] = (segment, offset, length)

    def _prune(self, keep_current: str) -> None:
        checkpoints = sorted(p for p in self.root.glob("ckpt-*") if p.is_dir())
        kept = checkpoints[-self.keep :]
        if keep_current not in {p.name for p in kept}:
            kept.append(self.root / keep_current)
        for old in checkpoints:
            if old not in kept:
                shutil.rmtree(old, ignore_errors=True)
        referenced = set()
        for path in kept:
            for entry in json.loads((path / "replay.json").read_text(encoding="utf-8")):
                referenced.add(entry["location"][0])
        referenced |= {loc[0] for loc in self._locations.values()}
        for segment in self.replay_dir.glob("seg-*.z"):
            if segment.name not in referenced:
                segment.unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------------------------

    def latest(self) -> Path | None:
        """The newest complete checkpoint, or None."""
        pointer = read_json(self.root / LATEST)
        if pointer is None:
            return None
        path = self.root / pointer["checkpoint"]
        return path if path.is_dir() else None

    def load(self, path: str | Path | None = None) -> LoadedCheckpoint:
        """Reads a checkpoint (default: the latest) with its replay items."""
        path = Path(path) if path is not None else self.latest()
        if path is None:
            raise FileNotFoundError(f"no checkpoint under {self.root}")
        tensors = {
            f.stem: safetensors.torch.load_file(str(f)) for f in sorted(path.glob("*.safetensors"))
        }
        state = json.loads((path / "state.json").read_text(encoding="utf-8"))
        index = json.loads((path / "replay.json").read_text(encoding="utf-8"))
        last_use = {entry["location"][0]: i for i, entry in enumerate(index)}
        segments: dict[str, bytes] = {}
        replay, locations = [], []
        for i, entry in enumerate(index):
            segment, offset, length = entry["location"]
            if segment not in segments:
                segments[segment] = zlib.decompress((self.replay_dir / segment).read_bytes())
            data = segments[segment][offset : offset + length]
            if last_use[segment] == i:
                del segments[segment]
            (size,) = _SIZE.unpack(data[: _SIZE.size])
            trajectory = trajectory_from_message(decode(data[_SIZE.size : _SIZE.size + size]))
            replay.append((trajectory.compress_frames(), float(entry["priority"])))
            locations.append((segment, int(offset), int(length)))
        return LoadedCheckpoint(path, state, tensors, replay, locations)


def optimizer_payload(optimizer: torch.optim.Optimizer) -> tuple[dict[str, Tensor], dict]:
    """An optimiser's state as (tensors, JSON structure), for safetensors + state.json."""
    state_dict = optimizer.state_dict()
    tensors, structure = {}, {}
    for index, values in state_dict["state"].items():
        entry = {}
        for key, value in values.items():
            if isinstance(value, Tensor):
                tensors[f"{index}.{key}"] = value
                entry[key] = "tensor"
            else:
                entry[key] = value
        structure[str(index)] = entry
    return tensors, {"state": structure, "param_groups": state_dict["param_groups"]}


def load_optimizer(
    optimizer: torch.optim.Optimizer, tensors: dict[str, Tensor], structure: dict
) -> None:
    """Restores what `optimizer_payload` saved."""
    state = {}
    for index, entry in structure["state"].items():
        state[int(index)] = {
            key: tensors[f"{index}.{key}"] if value == "tensor" else value
            for key, value in entry.items()
        }
    optimizer.load_state_dict({"state": state, "param_groups": structure["param_groups"]})


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
