"""adb's shell protocol v2, which both ends here speak: the kept shell of `AdbDevice`
(`adb_kept_shell`) and the served phone's shell service (`android_gym.adbd.shell`).

Each packet is a kind byte, the length of its data as a little-endian uint32, then the data.
The host sends stdin (0), close-stdin (4) and window-size changes (5); the device sends stdout
(1), stderr (2) and, when the command ends, its exit code (3).
"""

from __future__ import annotations

import struct

STDIN, STDOUT, STDERR, EXIT, CLOSE_STDIN, WINDOW_SIZE = range(6)
"""Packet kinds of shell protocol v2."""
HEADER = struct.Struct("<BI")
"""A packet's header: kind, then the length of its data."""


def packet(kind: int, data: bytes = b"") -> bytes:
    """One shell protocol v2 packet."""
    return HEADER.pack(kind, len(data)) + data
