"""Wire format of the runtime's own channels: JSON headers and safetensors bodies, no pickle.

Every message is `MAGIC | uint32 header length | JSON header | safetensors body`. The header
holds the message kind and its JSON metadata; the body (possibly empty) holds arrays: the
screenshots of a trajectory, the tensors of a weight broadcast. Decoding never executes
anything: JSON and safetensors are pure data formats. A trajectory's screenshot travels as it
is held: an array `frame.{t}` (uint8 [H, W, 3]), or the bytes of a PNG `png.{t}` (uint8 [N],
checked to be an intact RGB PNG on receipt and kept encoded: the learner's replay and its
checkpoints hold frames that way).
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import safetensors.numpy
import safetensors.torch
from torch import Tensor

from android_gym.actions import Action
from distrl_agent.trajectory import FinalObservation, PngFrame, Screenshot, Step, Trajectory

MAGIC = b"DRL1"
_LENGTH = struct.Struct("<I")
_RECORD_SIZE = struct.Struct("<Q")
DECODE_ERROR = "decode_error"
BAD_HEADER = "bad_header"
NUMBER = (int, float)
_LOADERS = {"numpy": safetensors.numpy.load, "torch": safetensors.torch.load}


class TransportError(ValueError):
    """A message refused on receipt. `reason` is the kind of fault, the key it is counted
    under in the run summary's `rejected_messages` (docs/distributed.md): "decode_error" (the
    bytes are not this wire format) or "bad_header" (the header or the metadata is not what
    the message's kind needs); the learner adds its own (`runtime/intake.py`)."""

    def __init__(self, detail: str, reason: str = DECODE_ERROR) -> None:
        super().__init__(detail)
        self.reason = reason


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
    """Reads a message written by `encode`; raises `TransportError` on anything else: bytes
    that do not parse ("decode_error": bad magic, truncated, a header that is not UTF-8 JSON, a
    body that is not safetensors) or a header without the structure above ("bad_header")."""
    view = memoryview(data)
    if len(view) < 8 or bytes(view[:4]) != MAGIC:
        raise TransportError("not a distrl message (bad magic)")
    (length,) = _LENGTH.unpack(view[4:8])
    if 8 + length > len(view):
        raise TransportError("truncated distrl message header")
    try:
        header = json.loads(bytes(view[8 : 8 + length]).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TransportError(f"bad message header: {exc}") from exc
    if (
        not isinstance(header, dict)
        or not isinstance(header.get("kind"), str)
        or not isinstance(header.get("meta", {}), dict)
        or header.get("framework", "numpy") not in _LOADERS
    ):
        raise TransportError(
            "malformed message header: expected {kind: str, meta: object, framework: numpy|"
            f"torch, arrays: bool}}, got {str(header)[:200]}",
            BAD_HEADER,
        )
    arrays: dict[str, Any] = {}
    if header.get("arrays"):
        try:
            arrays = _LOADERS[header.get("framework", "numpy")](bytes(view[8 + length :]))
        except Exception as exc:  # safetensors' own error types: the body is not safetensors
            raise TransportError(f"bad message body: {exc}") from exc
    return Message(header["kind"], dict(header.get("meta", {})), arrays)


def typed_field(meta: Any, key: str, kinds: type | tuple[type, ...]) -> Any:
    """`meta[key]`, which must be present and of one of `kinds` (a bool is not a number);
    `ValueError` or `TypeError` naming the field otherwise."""
    if not isinstance(meta, dict):
        raise TypeError(f"expected an object holding {key!r}, got {type(meta).__name__}")
    if key not in meta:
        raise ValueError(f"missing field {key!r}")
    value = meta[key]
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
        names = " or ".join("null" if k is type(None) else k.__name__ for k in allowed)
        raise TypeError(f"field {key!r} must be {names}, got {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"field {key!r} must be finite, got {value}")
    return value


def encode_trajectory(trajectory: Trajectory) -> bytes:
    """A trajectory as a "trajectory" message (screenshots in the body, the rest JSON)."""
    steps, frames = [], {}
    for t, step in enumerate(trajectory.steps):
        frames.update(_frame_entry(str(t), step))
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
                "truncated": step.truncated,
                "action_tokens": step.action_tokens,
            }
        )
    final = trajectory.final_observation
    if final is not None:
        frames.update(_frame_entry("final", final))
    meta = {
        "instruction": trajectory.instruction,
        "task_id": trajectory.task_id,
        "family": trajectory.family,
        "success": trajectory.success,
        "worker_id": trajectory.worker_id,
        "timings": trajectory.timings,
        "metadata": trajectory.metadata,
        "steps": steps,
        "final": None if final is None else {"ui_xml": final.ui_xml, "info": final.info},
    }
    return encode("trajectory", meta, frames)


def _frame_entry(name: str, holder: Step | FinalObservation) -> dict[str, np.ndarray]:
    """The body entry of one screenshot: its PNG bytes when it is held encoded, else the
    array (read from disk when only referenced)."""
    if isinstance(holder.screenshot, PngFrame):
        return {f"png.{name}": np.frombuffer(holder.screenshot.data, dtype=np.uint8)}
    return {f"frame.{name}": np.asarray(holder.image(), dtype=np.uint8)}


def _frames(arrays: dict[str, Any], names: list[str]) -> dict[str, Screenshot]:
    """The screenshots `names` ("0", ..., "final") of a message body: exactly one entry each,
    an array `frame.{name}` (uint8 [H, W, 3]) or a verified PNG `png.{name}`; ValueError
    otherwise."""
    expected = {f"{kind}.{name}" for name in names for kind in ("frame", "png")}
    out: dict[str, Screenshot] = {}
    for name in names:
        raw, png = arrays.get(f"frame.{name}"), arrays.get(f"png.{name}")
        if (raw is None) == (png is None) or not expected.issuperset(arrays):
            raise ValueError(
                f"{len(names)} frames ({names[0]}..{names[-1]}) need one entry each, frame.N "
                f"or png.N; got {sorted(arrays)[:5]}"
            )
        if raw is not None and not _is_frame(raw):
            raise ValueError(f"frame.{name} must be uint8 [H, W, 3]")
        if png is not None and not (isinstance(png, np.ndarray) and png.dtype == np.uint8):
            raise ValueError(f"png.{name} must hold the bytes of a PNG as uint8")
        out[name] = raw if raw is not None else PngFrame.verified(png.tobytes())
    return out


def trajectory_record(trajectory: Trajectory) -> bytes:
    """A trajectory as a length-prefixed record (8-byte little-endian size, then its message),
    so that files can hold many back to back (replay segments, the anchor's demonstrations)."""
    message = encode_trajectory(trajectory)
    return _RECORD_SIZE.pack(len(message)) + message


def read_trajectory_record(data: bytes, at: int = 0) -> tuple[Trajectory, int]:
    """The trajectory of the `trajectory_record` starting at offset `at` of `data`, and the
    offset after it (struct.error or TransportError when the record is damaged)."""
    (size,) = _RECORD_SIZE.unpack_from(data, at)
    start = at + _RECORD_SIZE.size
    return trajectory_from_message(decode(data[start : start + size])), start + size


def trajectory_from_message(message: Message) -> Trajectory:
    """The trajectory of a "trajectory" message. `TransportError` ("bad_header") when a field
    is missing or of the wrong type, there is no step, or the frames are not the trajectory's
    own (one per step, plus one for a final observation; each an array uint8 [H, W, 3] or an
    intact RGB PNG): nothing half-read reaches a learner. `truncated` and `final` may be
    absent (messages written before they existed, as in older checkpoints)."""
    if message.kind != "trajectory":
        raise TransportError(f"expected a trajectory message, got {message.kind!r}", BAD_HEADER)
    meta, arrays = message.meta, message.arrays
    try:
        records = typed_field(meta, "steps", list)
        if not records:
            raise ValueError("a trajectory needs at least one step")
        final = meta.get("final")
        names = [str(t) for t in range(len(records))] + (["final"] if final is not None else [])
        frames = _frames(arrays, names)
        steps = [_step(record, frames[str(t)]) for t, record in enumerate(records)]
        instruction = typed_field(meta, "instruction", str)
        timings = typed_field(meta, "timings", dict)
        for key in timings:
            typed_field(timings, key, NUMBER)
        return Trajectory(
            steps=steps,
            instruction=instruction,
            task_id=typed_field(meta, "task_id", str),
            family=typed_field(meta, "family", str),
            success=typed_field(meta, "success", bool),
            worker_id=typed_field(meta, "worker_id", str),
            timings={k: float(v) for k, v in timings.items()},
            metadata=dict(typed_field(meta, "metadata", dict)),
            final_observation=None
            if final is None
            else FinalObservation(
                instruction,
                typed_field(final, "ui_xml", str),
                dict(typed_field(final, "info", dict)),
                frames["final"],
            ),
        )
    except (TypeError, ValueError) as exc:  # ActionParseError is a ValueError
        raise TransportError(f"malformed trajectory: {exc}", BAD_HEADER) from exc


def _is_frame(array: Any) -> bool:
    return (
        isinstance(array, np.ndarray)
        and array.dtype == np.uint8
        and array.ndim == 3
        and array.shape[2] == 3
    )


def _step(record: Any, frame: Screenshot) -> Step:
    action = typed_field(record, "action", (dict, type(None)))
    log_prob = typed_field(record, "behaviour_log_prob", (*NUMBER, type(None)))
    return Step(
        instruction=typed_field(record, "instruction", str),
        ui_xml=typed_field(record, "ui_xml", str),
        action_text=typed_field(record, "action_text", str),
        action=Action.from_dict(action) if action is not None else None,
        reward=float(typed_field(record, "reward", NUMBER)),
        done=typed_field(record, "done", bool),
        behaviour_log_prob=float(log_prob) if log_prob is not None else None,
        policy_version=typed_field(record, "policy_version", int),
        invalid=typed_field(record, "invalid", bool),
        info=dict(typed_field(record, "info", dict)),
        screenshot=frame,
        truncated=typed_field({"truncated": False, **record}, "truncated", bool),
        action_tokens=_tokens(record),
    )


def _tokens(record: Any) -> list[int] | None:
    """A step's sampled token ids (absent in messages from before they were sent)."""
    tokens = typed_field({"action_tokens": None, **record}, "action_tokens", (list, type(None)))
    if tokens is not None and not all(type(t) is int for t in tokens):
        raise ValueError(f"field 'action_tokens' must be a list of integers, got {tokens[:5]}")
    return tokens
