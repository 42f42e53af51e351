"""What a stream's service is to the connection: it starts, receives bytes, writes output."""

from __future__ import annotations

from typing import Protocol


class Output(Protocol):
    """Where a service writes: bytes for its stream, and the end of the stream."""

    def write(self, data: bytes) -> None: ...

    def close(self) -> None: ...


class Service(Protocol):
    """One stream's service. `start` runs when the stream opens, `receive` for each chunk the
    host writes; both may write and close. Bad input raises `ProtocolError` (closes the
    stream)."""

    def start(self, out: Output) -> None: ...

    def receive(self, data: bytes, out: Output) -> None: ...
