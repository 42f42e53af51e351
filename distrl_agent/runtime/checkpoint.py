"""Atomic, verified learner checkpoints: weights, critics, optimisers, replay buffer, counters.

A checkpoint is a directory `checkpoints/ckpt-<number>/` holding safetensors files (one per
tensor group: policy, critics, optimiser moments), `state.json` (counters, random generator
state, optimiser structure, histories), `replay.json` (the replay buffer's items, oldest
first, with their priorities) and, written last, `manifest.json`: the size and SHA-256 of each
of those files and of the replay segments it refers to. Every file is fsynced, the directory
is written under a temporary name and renamed into place, then `latest.json` is pointed at it
(also by rename), so a run killed at any moment leaves its previous checkpoint intact.

Reading verifies. `verify` checks a checkpoint against its manifest (one written before
manifests existed is verified by reading it whole); `latest` is the newest checkpoint that
verifies, whatever `latest.json` says; `resumable` also names the ones it passed over and why,
and raises `CheckpointError` when checkpoints exist but none is intact. New checkpoints are
numbered after every existing one, so none is overwritten, and pruning keeps the newest
`keep` checkpoints known intact (written by this store, or the one a run resumed from):
it deletes only checkpoints older than all of those, so the only intact one is never pruned.

Replay items are immutable once collected, so each is written once: every checkpoint appends
the trajectories collected since the previous one to a new compressed segment under
`checkpoints/replay/` (transport messages, JSON + safetensors, with the replay's frames as the
PNGs it holds), and `replay.json` points into the segments. Segments no kept checkpoint refers
to are deleted. Loading keeps frames PNG-encoded (those of older checkpoints, stored as
arrays, are encoded trajectory by trajectory) and holds one decompressed segment at a time,
so a resume never holds the replay's frames decoded.
"""

from __future__ import annotations

import hashlib
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
from safetensors import SafetensorError
from torch import Tensor

from distrl_agent.runtime import CheckpointError
from distrl_agent.runtime.files import read_json, write_json_atomic
from distrl_agent.runtime.transport import read_trajectory_record, trajectory_record
from distrl_agent.trajectory import Trajectory

LATEST = "latest.json"
MANIFEST = "manifest.json"
PREFIX = "ckpt-"
_READ_ERRORS = (
    OSError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    struct.error,
    zlib.error,
    SafetensorError,
)
"""What reading a damaged checkpoint raises (JSON, safetensors, zlib, our transport format)."""


@dataclass
class LoadedCheckpoint:
    """What `CheckpointStore.load` read back."""

    path: Path
    state: dict[str, Any]
    tensors: dict[str, dict[str, Tensor]]
    replay: list[tuple[Trajectory, float]] = field(default_factory=list)
    locations: list[tuple[str, int, int]] = field(default_factory=list)
    manifest: dict[str, Any] | None = None


class CheckpointStore:
    """Writes, verifies and reads the checkpoints of one run under `root` (see the module
    docstring). Creates nothing until the first `save`."""

    def __init__(self, root: str | Path, keep: int = 2) -> None:
        self.root = Path(root)
        self.replay_dir = self.root / "replay"
        self.keep = max(1, int(keep))
        self._locations: dict[int, tuple[str, int, int]] = {}
        self._segments: dict[str, dict[str, Any]] = {}
        self._intact: set[str] = set()

    def checkpoints(self) -> list[Path]:
        """The checkpoint directories there are, oldest first."""
        if not self.root.is_dir():
            return []
        found = [p for p in self.root.glob(f"{PREFIX}*") if p.is_dir() and _number(p.name) >= 0]
        return sorted(found, key=lambda p: _number(p.name))

    # -- writing ------------------------------------------------------------------------------

    def save(
        self,
        state: dict[str, Any],
        tensors: dict[str, dict[str, Tensor]],
        replay: list[tuple[int, Trajectory, float]],
    ) -> Path:
        """Writes the next checkpoint atomically; `replay` is (item id, trajectory, priority)."""
        self.replay_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.root.glob(f".{PREFIX}*.tmp"):  # of a save that was interrupted
            shutil.rmtree(leftover, ignore_errors=True)
        self._persist_new([(i, t) for i, t, _ in replay])
        existing = self.checkpoints()
        name = f"{PREFIX}{(_number(existing[-1].name) if existing else 0) + 1:06d}"
        final = self.root / name
        tmp = self.root / f".{name}.tmp"
        tmp.mkdir()
        files = {}
        for group, group_tensors in tensors.items():
            data = safetensors.torch.save(
                {k: v.detach().cpu().contiguous() for k, v in group_tensors.items()}
            )
            files[f"{group}.safetensors"] = _write_durable(tmp / f"{group}.safetensors", data)
        index = [{"location": list(self._locations[i]), "priority": float(p)} for i, _, p in replay]
        files["replay.json"] = _write_durable(tmp / "replay.json", json.dumps(index).encode())
        files["state.json"] = _write_durable(tmp / "state.json", json.dumps(state).encode())
        segments = {s: self._segment_digest(s) for s in sorted({e["location"][0] for e in index})}
        manifest = {"format": 1, "files": files, "segments": segments}
        write_json_atomic(tmp / MANIFEST, manifest, durable=True)
        _fsync_dir(tmp)
        os.replace(tmp, final)
        write_json_atomic(self.root / LATEST, {"checkpoint": name}, durable=True)
        _fsync_dir(self.root)
        self._intact.add(name)
        self._prune()
        live = {i for i, _, _ in replay}
        self._locations = {i: loc for i, loc in self._locations.items() if i in live}
        return final

    def adopt(self, ids: list[int], loaded: LoadedCheckpoint) -> None:
        """Records that the restored replay items `ids` are already stored (where `loaded`
        says) and that `loaded` is intact (it was verified before a run resumed from it)."""
        self._locations.update(zip(ids, loaded.locations, strict=True))
        self._intact.add(loaded.path.name)
        if loaded.manifest is not None:
            self._segments.update(loaded.manifest["segments"])

    def _persist_new(self, items: list[tuple[int, Trajectory]]) -> None:
        new = [(i, t) for i, t in items if i not in self._locations]
        if not new:
            return
        existing = sorted(self.replay_dir.glob("seg-*.z"))
        number = int(existing[-1].stem.split("-")[1]) + 1 if existing else 0
        segment = f"seg-{number:06d}.z"
        blob, offsets = bytearray(), []
        for _, trajectory in new:
            record = trajectory_record(trajectory)
            offsets.append((len(blob), len(record)))
            blob += record
        path = self.replay_dir / segment
        tmp = path.with_suffix(".tmp")
        self._segments[segment] = _write_durable(tmp, zlib.compress(bytes(blob), 1))
        os.replace(tmp, path)
        _fsync_dir(self.replay_dir)
        for (item_id, _), (offset, length) in zip(new, offsets, strict=True):
            self._locations[item_id] = (segment, offset, length)

    def _segment_digest(self, segment: str) -> dict[str, Any]:
        if segment not in self._segments:  # a segment of a checkpoint without a manifest
            self._segments[segment] = _file_digest(self.replay_dir / segment)
        return self._segments[segment]

    def _prune(self) -> None:
        checkpoints = self.checkpoints()
        names = {p.name for p in checkpoints}
        kept = sorted((n for n in self._intact if n in names), key=_number)[-self.keep :]
        self._intact = set(kept)
        oldest_kept = _number(kept[0])
        for old in checkpoints:
            if _number(old.name) < oldest_kept:
                shutil.rmtree(old, ignore_errors=True)
        referenced = {loc[0] for loc in self._locations.values()}
        for name in kept:
            for entry in json.loads((self.root / name / "replay.json").read_text("utf-8")):
                referenced.add(entry["location"][0])
        for segment in self.replay_dir.glob("seg-*.z"):
            if segment.name not in referenced:
                segment.unlink(missing_ok=True)
                self._segments.pop(segment.name, None)

    # -- verifying ----------------------------------------------------------------------------

    def verify(self, path: str | Path) -> None:
        """Checks a checkpoint against its manifest (sizes and SHA-256 of its files and of the
        replay segments it refers to); raises `CheckpointError` saying what is wrong. One
        written before manifests existed is read whole instead."""
        path = Path(path)
        if not path.is_dir():
            raise CheckpointError(f"{path} is missing")
        if not (path / MANIFEST).exists():
            self._read_checked(path)
            return
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            files, segments = dict(manifest["files"]), dict(manifest["segments"])
        except _READ_ERRORS as exc:
            raise CheckpointError(f"{path / MANIFEST} is unreadable ({exc})") from exc
        for name, expected in files.items():
            _check(path / name, expected)
        for name, expected in segments.items():
            _check(self.replay_dir / name, expected)

    def latest(self) -> Path | None:
        """The newest intact checkpoint, or None."""
        return self._newest_intact()[0]

    def resumable(self) -> tuple[Path | None, list[tuple[str, str]]]:
        """The checkpoint to resume from, the newest intact one, and the ones passed over
        (name, why). None when there has never been a checkpoint; `CheckpointError` when there
        are checkpoints (or `latest.json` names one) but none is intact."""
        found, skipped = self._newest_intact()
        if found is None and (skipped or (self.root / LATEST).exists()):
            reasons = "; ".join(f"{name}: {why}" for name, why in skipped) or "none is there"
            raise CheckpointError(
                f"no intact checkpoint under {self.root} to resume from ({reasons}); nothing "
                "was changed. Start a new run (another --run-dir), or --force to replace this one"
            )
        return found, skipped

    def _newest_intact(self) -> tuple[Path | None, list[tuple[str, str]]]:
        skipped: list[tuple[str, str]] = []
        try:
            pointer = read_json(self.root / LATEST)
        except _READ_ERRORS as exc:
            pointer = None
            skipped.append((LATEST, f"unreadable ({exc})"))
        named = pointer.get("checkpoint") if isinstance(pointer, dict) else None
        if isinstance(named, str) and not (self.root / named).is_dir():
            skipped.append((named, f"missing: {LATEST} names it, but it is not there"))
        for path in reversed(self.checkpoints()):
            try:
                self.verify(path)
            except CheckpointError as exc:
                skipped.append((path.name, str(exc)))
            else:
                return path, skipped
        return None, skipped

    # -- reading ------------------------------------------------------------------------------

    def load(self, path: str | Path | None = None) -> LoadedCheckpoint:
        """Reads a checkpoint (default: the newest intact one) with its replay items, after
        verifying it; raises `CheckpointError` when it is damaged or cannot be read."""
        path = Path(path) if path is not None else self.latest()
        if path is None:
            raise CheckpointError(f"no intact checkpoint under {self.root}")
        if (path / MANIFEST).exists():
            self.verify(path)
        return self._read_checked(path)

    def _read_checked(self, path: Path) -> LoadedCheckpoint:
        try:
            return self._read(path)
        except _READ_ERRORS as exc:
            raise CheckpointError(f"{path} cannot be read ({type(exc).__name__}: {exc})") from exc

    def _read(self, path: Path) -> LoadedCheckpoint:
        tensors = {
            f.stem: safetensors.torch.load_file(str(f)) for f in sorted(path.glob("*.safetensors"))
        }
        if "policy" not in tensors:
            raise FileNotFoundError(f"{path / 'policy.safetensors'} is missing")
        state = json.loads((path / "state.json").read_text(encoding="utf-8"))
        index = json.loads((path / "replay.json").read_text(encoding="utf-8"))
        manifest = read_json(path / MANIFEST)
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
            trajectory, _ = read_trajectory_record(data)
            replay.append((trajectory.compress_frames(), float(entry["priority"])))
            locations.append((segment, int(offset), int(length)))
        return LoadedCheckpoint(path, state, tensors, replay, locations, manifest)


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


def _number(name: str) -> int:
    """The number of checkpoint directory `name` (ckpt-000012 -> 12; -1 if it has none)."""
    digits = name[len(PREFIX) :]
    return int(digits) if name.startswith(PREFIX) and digits.isdigit() else -1


def _write_durable(path: Path, data: bytes) -> dict[str, Any]:
    """Writes `data` to `path` and to disk (fsync); returns its size and SHA-256."""
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _file_digest(path: Path) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def _check(path: Path, expected: dict[str, Any]) -> None:
    """Raises `CheckpointError` unless `path` has the size and SHA-256 `expected`."""
    try:
        found = _file_digest(path)
    except FileNotFoundError as exc:
        raise CheckpointError(f"{path} is missing") from exc
    except OSError as exc:
        raise CheckpointError(f"{path} cannot be read ({exc})") from exc
    if found["size"] != expected.get("size"):
        raise CheckpointError(
            f"{path} has {found['size']} bytes where its manifest says {expected.get('size')} "
            "(truncated or overwritten)"
        )
    if found["sha256"] != expected.get("sha256"):
        raise CheckpointError(f"{path} does not match its SHA-256 checksum (corrupt)")
