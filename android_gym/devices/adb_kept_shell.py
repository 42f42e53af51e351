"""A kept `adb shell`: one shell stream that runs command after command.

`adb shell CMD` opens an adb stream per command: a connection to the adb server, the transport
chosen, the stream opened on the device and, on a phone, a new `sh` process forked for it. A
state read runs one command every step, so `AdbDevice` keeps one interactive shell open instead
(`adb shell` with no command and no terminal: shell protocol v2, `shell,v2,raw:`), writes each
command to its stdin and reads the answer up to an end mark.

The end mark: after the command, the line `echo MARK; echo MARK >&2`, where MARK is a random
token of this shell (one command is in flight at a time, and a shell that failed is not used
again, so no answer can be taken for another's). stdout and stderr travel apart (v2), so each
is read up to its own mark, and the answer is stdout then stderr, as `adb shell` gives it.

What this assumes of a command, and so why only the env's own state read goes through it (a
family's `shell(command)` keeps a stream of its own): it is complete (an unbalanced quote
would swallow the mark: the read then times out), it reads no stdin, and it leaves the shell as
it found it (no `cd`, variable or `exit`: an exit ends the stream, and the caller runs the
command again on a stream of its own).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import adbutils

from android_gym.devices.adb_link import is_timeout
from android_gym.devices.shell_v2 import EXIT, HEADER, STDERR, STDIN, STDOUT, packet

log = logging.getLogger(__name__)


class ShellLost(EOFError):
    """The kept shell cannot be used any more: its stream ended (the shell exited, the device
    closed it), or an answer was left unread."""


class KeptShell:
    """One interactive shell on a device; `send(command)` then `receive()` its answer.

    Opening it runs an empty command, so anything the shell prints as it starts is read and
    dropped there. Every read has the connection's timeout; a timeout or a dropped connection
    raises and leaves the shell unusable (`close()` it)."""

    def __init__(self, device: adbutils.AdbDevice, timeout_s: float) -> None:
        self._conn = device.open_transport(timeout=timeout_s)
        self._token = secrets.token_hex(8)
        self._mark: bytes | None = None
        try:
            self._conn.send_command("shell,v2,raw:")
            self._conn.check_okay()
            self.send("")
            self.receive()
        except BaseException:
            self.close()
            raise

    def send(self, command: str) -> None:
        """Writes `command` and its end mark to the shell (the answer waits for `receive`)."""
        if self._mark is not None:
            raise ShellLost("the last command's answer was left unread")
        line = f"{command}\necho {self._token}; echo {self._token} >&2\n"
        self._conn.conn.sendall(packet(STDIN, line.encode()))
        self._mark = f"{self._token}\n".encode()

    def receive(self) -> str:
        """The sent command's stdout then stderr, as text (without the end marks)."""
        mark = self._mark
        if mark is None:
            raise RuntimeError("send() a command before receive()")
        out, err = bytearray(), bytearray()
        while not (out.endswith(mark) and err.endswith(mark)):
            kind, data = self._packet()
            if kind == STDOUT:
                out += data
            elif kind == STDERR:
                err += data
            elif kind == EXIT:
                raise ShellLost(f"the kept shell exited (code {data[0] if data else '?'})")
        self._mark = None
        return _text(out[: -len(mark)]) + _text(err[: -len(mark)])

    def run(self, command: str) -> str:
        """`send` then `receive`."""
        self.send(command)
        return self.receive()

    def close(self) -> None:
        self._conn.close()

    def _packet(self) -> tuple[int, bytes]:
        try:
            kind, length = HEADER.unpack(self._conn.read_exact(HEADER.size))
            return kind, self._conn.read_exact(length) if length else b""
        except EOFError:
            raise ShellLost("the kept shell's stream closed") from None


_FAILURES = (OSError, EOFError, adbutils.AdbError)
"""How a kept shell fails: its socket, its stream's end, the adb server's refusal."""


class KeptCommand:
    """One command run again and again, through a kept shell where the device has shell
    protocol v2 (`kept`), else through `run_alone(command)` (a stream of its own).

    `ask()` writes the command, `answer()` reads what it printed; in between the caller may
    talk to the device on other streams while the device runs the command. A kept shell
    that fails other than by a timeout is dropped and the command run alone, which gives the
    verdict (the device is gone, or it answers), and this object runs it alone from then on
    (`AdbDevice` makes a new one at every connect). A timeout drops the kept shell and
    raises."""

    def __init__(
        self,
        command: str,
        device: adbutils.AdbDevice,
        timeout_s: float,
        run_alone: Callable[[str], str],
        kept: bool = True,
    ) -> None:
        self.command = command
        self.device = device
        self.timeout_s = timeout_s
        self.run_alone = run_alone
        self.kept = kept
        self._shell: KeptShell | None = None
        self._asked = False

    def ask(self) -> bool:
        """Writes the command to the kept shell (opened on first use); False where there is
        none, and `answer()` will run it alone."""
        self._asked = False
        if not self.kept:
            return False
        try:
            if self._shell is None:
                self._shell = KeptShell(self.device, self.timeout_s)
            self._shell.send(self.command)
        except _FAILURES as exc:
            self._drop(exc)
            return False
        self._asked = True
        return True

    def answer(self) -> str:
        """What the command printed (stdout then stderr): the kept shell's answer to `ask()`,
        or the command run alone."""
        if self._asked and self._shell is not None:
            self._asked = False
            try:
                return self._shell.receive()
            except _FAILURES as exc:
                self._drop(exc)
        return self.run_alone(self.command)

    def run(self) -> str:
        """`ask` then `answer`."""
        self.ask()
        return self.answer()

    def close(self) -> None:
        """Closes the kept shell (the next `ask` opens another)."""
        if self._shell is not None:
            self._shell.close()
            self._shell = None
        self._asked = False

    def _drop(self, exc: BaseException) -> None:
        self.close()
        if is_timeout(exc):
            raise exc
        log.warning("kept shell on %s failed (%s); running commands alone", self.device.serial, exc)
        self.kept = False


def _text(data: bytes | bytearray) -> str:
    return bytes(data).decode("utf-8", errors="replace")
