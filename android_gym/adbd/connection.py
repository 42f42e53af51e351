"""One adb host connected to one served phone: the handshake, then streams over the socket.

The host sends CNXN and we answer with ours (no AUTH). It then OPENs streams, each naming a
service ("shell,v2,raw:ls", "sync:", "tcp:9008"); we answer OKAY with our id for the stream, or
CLSE when no service of that name exists. Both sides then send WRTE with data; flow control is
one WRTE in flight per direction and stream: we OKAY each host WRTE once its service has taken
the data, and send our next WRTE on a stream only after the host's OKAY for the last. Either
side ends a stream with CLSE.

The connection runs in one thread and calls its services inline, so services need no locks of
their own (the phone's lock guards the phone). A message that breaks the protocol closes this
connection only; a service that fails closes its stream only.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from android_gym.adbd import wire
from android_gym.adbd.served import ServedPhone
from android_gym.adbd.services import open_service
from android_gym.adbd.stream import Service
from android_gym.errors import ProtocolError

log = logging.getLogger(__name__)

FEATURES = ("shell_v2", "cmd", "fixed_push_mkdir")
"""What we tell the host we support: shell protocol v2, and a push that creates the parent
directories itself (without it the host runs `mkdir` first). Not stat_v2, ls_v2, sendrecv_v2
nor delayed_ack: those change the wire formats, and we speak only the first versions."""
MAX_STREAMS = 64
"""Open streams one connection may hold; an OPEN beyond them is refused."""
HANDSHAKE_SECONDS = 10.0


@dataclass
class _Stream:
    """One open stream and what it still has to send."""

    local_id: int
    remote_id: int
    service: Service
    pending: bytearray = field(default_factory=bytearray)
    in_flight: bool = False
    """A WRTE of ours awaits the host's OKAY."""
    closing: bool = False
    """Send CLSE once `pending` is out and acknowledged."""


class _Output:
    """What a service writes through: data for its stream, then close."""

    def __init__(self, stream: _Stream) -> None:
        self._stream = stream

    def write(self, data: bytes) -> None:
        if not self._stream.closing:
            self._stream.pending += data

    def close(self) -> None:
        self._stream.closing = True


class Connection:
    """Serves one host socket until the host leaves, breaks the protocol or `alive()` turns
    False. `sock` must have a timeout: it bounds every send and paces every wait."""

    def __init__(self, sock: socket.socket, phone: ServedPhone, alive: Callable[[], bool]) -> None:
        self.sock = sock
        self.phone = phone
        self.alive = alive
        self.max_payload = wire.MAX_PAYLOAD
        self.checksums = True
        """Whether the host is older than `wire.VERSION` and checks payload checksums."""
        self.streams: dict[int, _Stream] = {}
        self._next_id = 1

    def serve(self) -> None:
        """Runs the connection to its end; never raises."""
        try:
            self._handshake()
            while True:
                message = wire.read_message(self.sock, wire.MAX_PAYLOAD, alive=self.alive)
                if message is None:
                    return
                self._dispatch(message)
        except ProtocolError as error:
            log.debug("closing adb connection: %s", error)
        except OSError as error:
            log.debug("adb connection lost: %s", error)
        finally:
            self.streams.clear()
            self.sock.close()

    def _handshake(self) -> None:
        deadline = time.monotonic() + HANDSHAKE_SECONDS
        message = wire.read_message(self.sock, wire.MAX_PAYLOAD, deadline, self.alive)
        if message is None:
            raise ProtocolError("closed before CNXN")
        if message.command != wire.CNXN:
            raise ProtocolError(f"expected CNXN, got {message.name}")
        self._connect(message)

    def _connect(self, message: wire.Message) -> None:
        """Answers the host's CNXN with ours (a repeated CNXN starts the session over)."""
        self.streams.clear()
        self.max_payload = max(4096, min(wire.MAX_PAYLOAD, message.arg1))
        self.checksums = message.arg0 < wire.VERSION
        props = ";".join(
            f"ro.product.{key}={self.phone.prop(f'ro.product.{key}')}"
            for key in ("name", "model", "device")
        )
        banner = f"device::{props};features={','.join(FEATURES)}".encode()
        self._send(wire.CNXN, wire.VERSION, self.max_payload, banner)

    def _send(self, command: int, arg0: int, arg1: int, data: bytes = b"") -> None:
        self.sock.sendall(wire.encode(command, arg0, arg1, data, self.checksums))

    def _dispatch(self, message: wire.Message) -> None:
        if message.command == wire.CNXN:
            self._connect(message)
        elif message.command == wire.OPEN:
            self._open(message)
        elif message.command == wire.WRTE:
            stream = self.streams.get(message.arg1)
            if stream is not None and stream.remote_id == message.arg0:
                self._call(stream, lambda out: stream.service.receive(message.data, out))
                if message.arg1 in self.streams:
                    self._send(wire.OKAY, stream.local_id, stream.remote_id)
        elif message.command == wire.OKAY:
            stream = self.streams.get(message.arg1)
            if stream is not None and stream.remote_id == message.arg0:
                stream.in_flight = False
                self._pump(stream)
        elif message.command == wire.CLSE:
            stream = self.streams.get(message.arg1)
            if stream is not None and stream.remote_id == message.arg0:
                del self.streams[stream.local_id]
        else:
            raise ProtocolError(f"unexpected {message.name} after the handshake")

    def _open(self, message: wire.Message) -> None:
        destination = message.data.rstrip(b"\0").decode("utf-8", errors="replace")
        service = open_service(destination, self.phone) if message.arg0 else None
        if service is None or len(self.streams) >= MAX_STREAMS:
            log.debug("refused adb service %r", destination)
            self._send(wire.CLSE, 0, message.arg0)
            return
        stream = _Stream(self._next_id, message.arg0, service)
        self._next_id = self._next_id % 0xFFFFFFFF + 1
        self.streams[stream.local_id] = stream
        self._send(wire.OKAY, stream.local_id, stream.remote_id)
        self._call(stream, service.start)

    def _call(self, stream: _Stream, step: Callable[[_Output], None]) -> None:
        """Runs one step of a stream's service, then sends what it wrote."""
        out = _Output(stream)
        try:
            step(out)
        except ProtocolError as error:
            log.debug("closing adb stream: %s", error)
            out.close()
        except Exception:  # a bug in a service must not end the other streams
            log.exception("adb service %r failed", stream.service)
            out.close()
        self._pump(stream)

    def _pump(self, stream: _Stream) -> None:
        if stream.in_flight or self.streams.get(stream.local_id) is not stream:
            return
        if stream.pending:
            chunk = bytes(stream.pending[: self.max_payload])
            del stream.pending[: self.max_payload]
            stream.in_flight = True
            self._send(wire.WRTE, stream.local_id, stream.remote_id, chunk)
        elif stream.closing and self.streams.pop(stream.local_id, None) is not None:
            self._send(wire.CLSE, stream.local_id, stream.remote_id)
