"""What the learner refuses from workers, and the one place that refuses it.

Both backends take every message a worker sends inside `Rejections.guard` (through
`LearnerService.intake`): the message is decoded, checked by `admit` and only then recorded.
Anything raised on the way is logged, counted under its kind and the message dropped, so no
message can stop ingestion. The kinds, the keys of the run summary's `rejected_messages`:

- `decode_error`: the bytes are not our wire format (bad magic, truncated, a header that is
  not UTF-8 JSON, a body that is not safetensors);
- `bad_header`: the header or the metadata is not what the message's kind needs: an unknown
  kind, a missing or mistyped field, steps without their frames, a hello that does not name
  a worker of this run, a trajectory collected by another worker than the one sending it;
- `too_long`: a trajectory with more steps than the replay holds transitions;
- `foreign_version`: a trajectory step or an evaluation stamped with a policy version this
  learner never published: negative, or newer than the newest version it has published (from
  another run's weights, say a worker reading a weight directory another run writes to);
  older versions are policy lag, not foreign;
- `ingest_error`: anything else raised while handling one message (a bug: logged with its
  traceback).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from distrl_agent.runtime.transport import (
    BAD_HEADER,
    DECODE_ERROR,
    NUMBER,
    Message,
    TransportError,
    trajectory_from_message,
    typed_field,
)
from distrl_agent.trajectory import Trajectory

log = logging.getLogger(__name__)

TOO_LONG = "too_long"
FOREIGN_VERSION = "foreign_version"
INGEST_ERROR = "ingest_error"
REASONS = (DECODE_ERROR, BAD_HEADER, TOO_LONG, FOREIGN_VERSION, INGEST_ERROR)

CONTROL_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "hello": {"worker_id": str, "incarnation": int},
    "heartbeat": {"progress_age_s": NUMBER, "broadcast_s": list},
    "evaluation": {"version": int, "success_rate": NUMBER, "tasks": int, "elapsed_s": NUMBER},
}
"""The fields the learner reads from each kind of control message, with their types."""


class Rejections:
    """Per-kind counts of refused messages (thread-safe), restored from a checkpoint's."""

    def __init__(self, counts: Mapping[str, int] | None = None) -> None:
        self.counts: Counter[str] = Counter(dict.fromkeys(REASONS, 0))
        self.counts.update(counts or {})
        self.lock = threading.Lock()

    @contextmanager
    def guard(self, sender: str) -> Iterator[None]:
        """Runs the taking of one message from `sender`: an exception raised inside is
        recorded (`record`) and not propagated, so the caller's receive loop goes on."""
        try:
            yield
        except Exception as exc:
            self.record(sender, exc)

    def record(self, sender: str, exc: Exception) -> str:
        """Counts a refused message under its kind and logs it (the 1st, 2nd, 4th, 8th... of
        each kind, so a flood of bad messages stays a trickle of log lines); returns the kind."""
        reason = exc.reason if isinstance(exc, TransportError) else INGEST_ERROR
        with self.lock:
            self.counts[reason] += 1
            count = self.counts[reason]
        if count & (count - 1) == 0:
            log.warning(
                "rejected a message from %s (%s, %d so far): %s",
                sender,
                reason,
                count,
                exc,
                exc_info=reason == INGEST_ERROR,
            )
        return reason

    def totals(self) -> dict[str, int]:
        """Counts so far, every kind named (0 when none)."""
        with self.lock:
            return dict(self.counts)


def admit(message: Message, sender: str, *, newest: int, capacity: int) -> Trajectory | None:
    """Checks one message from `sender` before anything of it is recorded: the trajectory of a
    trajectory message (`newest`: the newest version published, `capacity`: the replay's, in
    transitions), None for a control message whose fields are read. Raises `TransportError`
    with the kind of the fault (see the module docstring)."""
    kind, meta = message.kind, message.meta
    if kind == "trajectory":
        trajectory = trajectory_from_message(message)
        if trajectory.worker_id != sender:
            raise TransportError(
                f"a trajectory of worker {trajectory.worker_id!r} sent by {sender!r}", BAD_HEADER
            )
        if len(trajectory) > capacity:
            raise TransportError(
                f"a trajectory of {len(trajectory)} steps; the replay holds {capacity}", TOO_LONG
            )
        versions = [step.policy_version for step in trajectory.steps]
        check_version(min(versions), newest, "a trajectory step")
        check_version(max(versions), newest, "a trajectory step")
        return trajectory
    if kind not in CONTROL_FIELDS:
        raise TransportError(
            f"unknown message kind {kind!r}; accepted: trajectory, {', '.join(CONTROL_FIELDS)}",
            BAD_HEADER,
        )
    try:
        for key, kinds in CONTROL_FIELDS[kind].items():
            typed_field(meta, key, kinds)
        for latency in meta["broadcast_s"] if kind == "heartbeat" else []:
            typed_field({"broadcast_s": latency}, "broadcast_s", NUMBER)
    except (TypeError, ValueError) as exc:
        raise TransportError(f"malformed {kind}: {exc}", BAD_HEADER) from exc
    if kind == "hello" and meta["worker_id"] != sender:
        raise TransportError(f"a hello of worker {meta['worker_id']!r} from {sender!r}", BAD_HEADER)
    if kind == "evaluation":
        check_version(meta["version"], newest, "an evaluation")
    return None


def check_version(version: int, newest: int, what: str) -> None:
    """Refuses ("foreign_version") a version this learner never published."""
    if not 0 <= version <= newest:
        raise TransportError(
            f"{what} acted by version {version}; this learner has published 0..{newest}",
            FOREIGN_VERSION,
        )
