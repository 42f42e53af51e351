"""Wire format of the runtime's own channels: JSON headers and safetensors bodies, no pickle.

Every message is `MAGIC | uint32 header length | JSON header | safetensors body`. The header
holds the message kind and its JSON metadata; the body (possibly empty) holds arrays: the
screenshots of a trajectory, the tensors of a weight broadcast. Decoding never executes
anything: JSON and safetensors are pure data formats.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import safetensors.numpy
import safetensors.torch
from torch import Tensor

from android_gym.actions import Action
from distrl_agent.trajectory import Step, Trajectory

MAGIC = b"DRL1"
_LENGTH = struct.Struct("<I")


class TransportError(ValueError):
    """A message that is not in this wire format."""


@dataclass
class Message:
    """A decoded message: its kind, JSON metadata and arrays (numpy or torch)."""

    kind: str
    meta: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, Any] = field(default_factory=dict)


def encode(
    kind: str,
    meta: dict[str, Any] | None = None,
    arrays: dict[str, np.ndarray] | dict[str, Tensor] | None = None,
) -> bytes:
    """One message as bytes; `arrays` are all numpy arrays or all torch tensors."""
    arrays = arrays or {}
    framework = "torch" if any(isinstance(v, Tensor) for v in arrays.values()) else "numpy"
    if framework == "torch":
        body = safetensors.torch.save(
            {k: v.detach().cpu().contiguous() for k, v in arrays.items()}  # type: ignore[union-attr]
        )
    else:
        body = safetensors.numpy.save({k: np.ascontiguousarray(v) for k, v in arrays.items()})
    header = json.dumps(
        {"kind": kind, "meta": meta or {}, "framework": framework, "arrays": bool(arrays)},
        separators=(",", ":"),
    ).encode("utf-8")
    return MAGIC + _LENGTH.pack(len(header)) + header + (body if arrays else b"")


def decode(data: bytes) -> Message:
    """Reads a message written by `encode`; raises `TransportError` on anything else."""
    view = memoryview(data)
    if bytes(view[:4]) != MAGIC or len(view) < 8:
        raise TransportError("not a distrl message (bad magic)")
    (length,) = _LENGTH.unpack(view[4:8])
    if 8 + length > len(view):
        raise TransportError("truncated distrl message header")
    try:
        header = json.loads(bytes(view[8 : 8 + length]).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TransportError(f"bad message header: {exc}") from exc
    body = bytes(view[8 + length :])
    arrays: dict[str, Any] = {}
    if header.get("arrays"):
        loader = (
            safetensors.torch.load if header["framework"] == "torch" else safetensors.numpy.load
        )
        arrays = loader(body)
    return Message(str(header["kind"]), dict(header.get("meta", {})), arrays)


def encode_trajectory(trajectory: Trajectory) -> bytes:
    """A trajectory as a "trajectory" message (screenshots in the body, the rest JSON)."""
    steps, frames = [], {}
    for t, step in enumerate(trajectory.steps):
        frames[f"frame.{t}"] = np.asarray(step.image(), dtype=np.uint8)
        steps.append(
            {
                "instruction": step.instruction,
                "ui_xml": step.ui_xml,
                "action_text": step.action_text,
                "action": step.action.to_dict() if step.action is not None else None,
                "reward": step.reward,
                "done": step.done,
                "behaviour_log_prob": step.behaviour_log_prob,
                "policy_version": step.policy_version,
                "invalid": step.invalid,
                "info": step.info,
            }
        )
    meta = {
        "instruction": trajectory.instruction,
        "task_id": trajectory.task_id,
        "family": trajectory.family,
        "success": trajectory.success,
        "worker_id": trajectory.worker_id,
        "timings": trajectory.timings,
        "metadata": trajectory.metadata,
        "steps": steps,
    }
    return encode("trajectory", meta, frames)


def trajectory_from_message(message: Message) -> Trajectory:
    """The trajectory of a "trajectory" message."""
    if message.kind != "trajectory":
        raise TransportError(f"expected a trajectory message, got {message.kind!r}")
    meta = message.meta
    steps = [
        Step(
            instruction=s["instruction"],
            ui_xml=s["ui_xml"],
            action_text=s["action_text"],
            action=Action.from_dict(s["action"]) if s["action"] is not None else None,
            reward=float(s["reward"]),
            done=bool(s["done"]),
            behaviour_log_prob=s["behaviour_log_prob"],
            policy_version=int(s["policy_version"]),
            invalid=bool(s["invalid"]),
            info=dict(s["info"]),
            screenshot=message.arrays[f"frame.{t}"],
        )
        for t, s in enumerate(meta["steps"])
    ]
    return Trajectory(
        steps=steps,
        instruction=meta["instruction"],
        task_id=meta["task_id"],
        family=meta["family"],
        success=bool(meta["success"]),
        worker_id=meta["worker_id"],
        timings={k: float(v) for k, v in meta["timings"].items()},
        metadata=dict(meta["metadata"]),
    )
