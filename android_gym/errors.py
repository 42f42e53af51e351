"""The exceptions android_gym raises.

Every error says what was wrong and what is accepted, so a user can fix the call without reading
the code. Agent input never raises in the default (lenient) mode: the environment turns it into a
flagged no-op instead. These exceptions are for programmer errors and for strict mode.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

QUOTE_LIMIT = 80
"""Characters of a bad value that an error message quotes."""

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = QUOTE_LIMIT


def quote(value: object) -> str:
    """`repr(value)` cut to about `QUOTE_LIMIT` characters, saying how long a cut string was:
    every message that quotes agent or user input goes through here, so a 100 kB instruction
    gives a readable error, not a 100 kB one."""
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return f"{value[:QUOTE_LIMIT]!r}... ({len(value):,} characters)"
    try:
        return _REPR.repr(value)
    except Exception:  # a broken __repr__, an int too long to print: say what it was
        return f"<{type(value).__name__}>"


class AndroidGymError(Exception):
    """Base class of every exception raised by android_gym."""


class ActionParseError(AndroidGymError, ValueError):
    """An action (string, dict or object) could not be understood.

    Raised by `Action.parse` and friends, and by the environment in strict mode.
    """


class UnsupportedTask(AndroidGymError, ValueError):
    """An instruction matches no task family that this version can set up and judge.

    `planned` names the family the instruction needs when it is one planned for later.
    """

    def __init__(self, message: str, planned: str | None = None) -> None:
        super().__init__(message)
        self.planned = planned


class InvalidTask(UnsupportedTask):
    """A task that can never run as given: an instruction longer than an observation holds, or
    a horizon that is not a positive whole number of steps. A kind of `UnsupportedTask`, so a
    task file skips such a line with the reason, as it does an instruction no family reads."""


class InvalidArgument(AndroidGymError, ValueError):
    """An argument that makes no sense where it enters (reset options that are not a mapping,
    a task index that is not an integer, a text limit below one character)."""


class InvalidChoice(AndroidGymError, ValueError):
    """A name (suite, split, device, family, ...) is not one of the accepted values."""

    def __init__(self, what: str, value: object, choices: Iterable[object]) -> None:
        self.what = what
        self.value = value
        self.choices = sorted(str(c) for c in choices)
        super().__init__(f"unknown {what} {quote(value)}; choose one of: {', '.join(self.choices)}")


class TaskFileError(AndroidGymError, ValueError):
    """A task file (suite YAML or AitW instruction list) is malformed."""


class DeviceError(AndroidGymError, RuntimeError):
    """The device backend failed (connection lost, command failed, screen unreadable)."""


class DeviceDisconnected(DeviceError):
    """The device is gone: the adb server does not list it, refuses it, or closed its
    connection. The environment ends the episode; its next reset reconnects."""


class DeviceTimeout(DeviceError):
    """A device call took longer than its timeout (a hung device, adb server or uiautomator2
    server). Every call to a real device has one, so nothing waits forever."""


class DeviceOutputError(DeviceError):
    """The device answered with something unreadable: a hierarchy dump that is not XML, a
    screenshot that is not an image, a command whose output has no expected line."""


class ProtocolError(AndroidGymError, ValueError):
    """A peer broke a wire protocol (adb messages, adb sync, HTTP): bad framing, an unknown
    command, an oversize length, or a stall mid-message. Servers close that one connection."""
