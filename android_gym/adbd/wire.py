"""The adb wire format: the 24-byte messages an adb host and a device exchange over TCP.

A message is six little-endian uint32 (command, arg0, arg1, payload length, payload checksum,
magic = command ^ 0xffffffff) and then the payload. The checksum is the byte sum of the payload;
hosts of protocol version 0x01000001 and later no longer check it, so, as adbd does, it is
written only for older hosts (and never checked). Anything that breaks the format raises
`ProtocolError`, and the caller closes that connection.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from android_gym.errors import ProtocolError

HEADER = struct.Struct("<6I")
VERSION = 0x01000001
"""The protocol version we speak: the first that skips checksums."""
MAX_PAYLOAD = 1024 * 1024
"""The largest payload we accept or send (the host may ask for less in its CNXN)."""


def command_id(name: bytes) -> int:
    """The uint32 of a four-letter command such as b"CNXN"."""
    return int.from_bytes(name, "little")


CNXN, OPEN, OKAY, WRTE, CLSE, AUTH = (
    command_id(c) for c in (b"CNXN", b"OPEN", b"OKAY", b"WRTE", b"CLSE", b"AUTH")
)
COMMANDS = {CNXN: "CNXN", OPEN: "OPEN", OKAY: "OKAY", WRTE: "WRTE", CLSE: "CLSE", AUTH: "AUTH"}


@dataclass(frozen=True)
class Message:
    """One adb message: its command (a key of `COMMANDS`), two arguments and the payload."""

    command: int
    arg0: int
    arg1: int
    data: bytes = b""

    @property
    def name(self) -> str:
        return COMMANDS.get(self.command, f"0x{self.command:08x}")


def encode(command: int, arg0: int, arg1: int, data: bytes = b"", checksum: bool = True) -> bytes:
    """The bytes of one message (header and payload); the payload's checksum is 0 unless
    `checksum` (hosts older than `VERSION` check it, newer ones ignore it)."""
    total = int(np.frombuffer(data, np.uint8).sum(dtype=np.uint64)) if checksum else 0
    header = HEADER.pack(command, arg0, arg1, len(data), total & 0xFFFFFFFF, command ^ 0xFFFFFFFF)
    return header + data


def read_exact(
    sock: socket.socket, size: int, deadline: float | None, alive: Callable[[], bool]
) -> bytes | None:
    """`size` bytes from `sock`, or None when the peer closed before the first byte.

    The socket's own timeout paces the polling: before the first byte the wait may last while
    `alive()` holds and `deadline` (a `time.monotonic()` value, None for no limit) has not
    passed; once bytes have come, the rest must come before the socket's timeout runs out
    twice in a row. Raises `ProtocolError` when the peer closes or stalls mid-message or the
    deadline passes.
    """
    buffer = bytearray(size)
    view, got, stalls = memoryview(buffer), 0, 0
    while got < size:
        try:
            n = sock.recv_into(view[got:])
        except TimeoutError:
            if got:
                stalls += 1
                if stalls >= 2:
                    raise ProtocolError(f"peer stalled after {got} of {size} bytes") from None
            elif not alive():
                return None
            elif deadline is not None and time.monotonic() > deadline:
                raise ProtocolError("peer sent nothing before the deadline") from None
            continue
        if n == 0:
            if got:
                raise ProtocolError(f"peer closed after {got} of {size} bytes")
            return None
        got, stalls = got + n, 0
    return bytes(buffer)


def read_message(
    sock: socket.socket,
    max_payload: int,
    deadline: float | None = None,
    alive: Callable[[], bool] = lambda: True,
) -> Message | None:
    """The next message from `sock`, or None when the peer closed between messages.

    Raises `ProtocolError` for a bad magic, an unknown command or a payload over
    `max_payload`, before reading that payload.
    """
    header = read_exact(sock, HEADER.size, deadline, alive)
    if header is None:
        return None
    command, arg0, arg1, length, _checksum, magic = HEADER.unpack(header)
    if magic != command ^ 0xFFFFFFFF:
        raise ProtocolError(f"bad magic 0x{magic:08x} for command 0x{command:08x}")
    if command not in COMMANDS:
        raise ProtocolError(f"unknown command 0x{command:08x}")
    if length > max_payload:
        raise ProtocolError(f"payload of {length} bytes exceeds the maximum {max_payload}")
    data = read_exact(sock, length, None, alive) if length else b""
    if data is None:
        raise ProtocolError("peer closed before the payload")
    return Message(command, arg0, arg1, data)
