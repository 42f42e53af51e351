"""The shell services: `shell:CMD`, `exec:CMD`, `shell,v2,ARGS:CMD` and interactive shells.

- `shell:CMD` and `exec:CMD`: the command's output as raw bytes (stdout, then stderr), then
  the stream closes; `adb shell` on old hosts, `adb exec-out`, adbutils' `shell`.
- `shell,v2,ARGS:CMD`: shell protocol v2 packets (`android_gym.devices.shell_v2`): stdout
  (1), stderr (2), then the exit code (3). Of what the host sends, stdin (0) and close-stdin
  (4) feed an interactive shell and window-size changes (5) are ignored.
- An empty CMD is an interactive shell: each line of stdin runs as a command.

Every command runs through the phone's shell (`android_gym.sim.shell`).
"""

from __future__ import annotations

import re

from android_gym.adbd.served import ServedPhone
from android_gym.adbd.stream import Output
from android_gym.devices.shell_v2 import CLOSE_STDIN, EXIT, STDERR, STDIN, STDOUT, packet
from android_gym.devices.shell_v2 import HEADER as _PACKET

_CHUNK = 64 * 1024
_MAX_LINE = 64 * 1024
"""The longest line an interactive shell buffers before running it."""
_CONTROL = re.compile(rb"([\r\n\x7f\x08\x04])")
"""The bytes an interactive shell acts on: line ends, backspace, Ctrl-D."""


def _packets(kind: int, data: bytes) -> bytes:
    return b"".join(packet(kind, data[i : i + _CHUNK]) for i in range(0, len(data), _CHUNK))


class RawCommand:
    """`shell:CMD` and `exec:CMD`: runs the command, writes stdout then stderr, closes."""

    def __init__(self, phone: ServedPhone, command: str) -> None:
        self.phone, self.command = phone, command

    def start(self, out: Output) -> None:
        result = self.phone.run(self.command)
        out.write(result.stdout + result.stderr)
        out.close()

    def receive(self, data: bytes, out: Output) -> None:
        """Commands read no stdin."""

    def __repr__(self) -> str:
        return f"RawCommand({self.command!r})"


class ShellV2:
    """`shell,v2:CMD`: runs the command and writes stdout, stderr and exit-code packets."""

    def __init__(self, phone: ServedPhone, command: str) -> None:
        self.phone, self.command = phone, command

    def start(self, out: Output) -> None:
        result = self.phone.run(self.command)
        out.write(_packets(STDOUT, result.stdout) + _packets(STDERR, result.stderr))
        out.write(packet(EXIT, bytes([result.code & 0xFF])))
        out.close()

    def receive(self, data: bytes, out: Output) -> None:
        """Commands read no stdin."""

    def __repr__(self) -> str:
        return f"ShellV2({self.command!r})"


class InteractiveShell:
    """`adb shell` with no command: runs each line of stdin and prints a prompt.

    With a pty (a terminal on the host) it echoes what is typed, honours backspace, and ends
    lines with CR LF, as a terminal would; a line `exit [CODE]`, Ctrl-D on an empty line or
    close-stdin end it.
    """

    def __init__(self, phone: ServedPhone, v2: bool, pty: bool) -> None:
        self.phone, self.v2, self.pty = phone, v2, pty
        self.line = bytearray()
        self.pending = bytearray()
        """Shell protocol v2 bytes not yet a whole packet."""
        self.code = 0

    def start(self, out: Output) -> None:
        self._print(out, self._prompt())

    def receive(self, data: bytes, out: Output) -> None:
        if not self.v2:
            self._stdin(data, out)
            return
        self.pending += data
        while len(self.pending) >= _PACKET.size:
            kind, length = _PACKET.unpack_from(self.pending)
            if len(self.pending) < _PACKET.size + length:
                if length > _MAX_LINE:
                    self._exit(out)
                return
            body = bytes(self.pending[_PACKET.size : _PACKET.size + length])
            del self.pending[: _PACKET.size + length]
            if kind == STDIN:
                self._stdin(body, out)
            elif kind == CLOSE_STDIN:
                self._exit(out)

    def _prompt(self) -> bytes:
        return f"{self.phone.prop('ro.product.device')}:/ $ ".encode() if self.pty else b""

    def _print(self, out: Output, data: bytes, kind: int = STDOUT) -> None:
        if self.pty:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        if data:
            out.write(_packets(kind, data) if self.v2 else data)

    def _stdin(self, data: bytes, out: Output) -> None:
        """Takes typed bytes: runs of plain ones at once, the control bytes one by one."""
        for part in _CONTROL.split(data):
            if not part:
                continue
            byte = part[0]
            if byte in (0x0D, 0x0A):
                if self.pty:
                    self._print(out, b"\n")
                if not self._run(out):
                    return
            elif byte in (0x7F, 0x08) and self.pty:
                if self.line:
                    del self.line[-1]
                    self._print(out, b"\b \b")
            elif byte == 0x04 and not self.line:
                self._exit(out)
                return
            else:
                self.line += part
                if self.pty:
                    self._print(out, part)
                if len(self.line) > _MAX_LINE:
                    self._exit(out)
                    return

    def _run(self, out: Output) -> bool:
        """Runs the buffered line; False when it was `exit`."""
        command = self.line.decode("utf-8", errors="replace").strip()
        self.line.clear()
        words = command.split()
        if words and words[0] in ("exit", "logout"):  # `exit [CODE]` as the whole line
            if len(words) > 1 and words[1].isdigit():
                self.code = int(words[1])
            self._exit(out)
            return False
        if command:
            result = self.phone.run(command)
            self.code = result.code
            self._print(out, result.stdout)
            self._print(out, result.stderr, STDERR)
        self._print(out, self._prompt())
        return True

    def _exit(self, out: Output) -> None:
        if self.v2:
            out.write(packet(EXIT, bytes([self.code & 0xFF])))
        out.close()
