"""Where an adb device is: the `device="adb:..."` strings the environment accepts.

    adb                          the only device the adb server lists (an error if none or several)
    adb:SERIAL                   a device by serial: adb:emulator-5554, adb:R58M41ABCDE
    adb:HOST:PORT                a device over TCP; connected first, like `adb connect HOST:PORT`
    adb:SERIAL@HOST:PORT         ... through the adb server at HOST:PORT (default 127.0.0.1:5037,
                                 or $ANDROID_ADB_SERVER_HOST / $ANDROID_ADB_SERVER_PORT)
    adb:@HOST:PORT               the only device of the adb server at HOST:PORT

A serial is everything before the last "@". A vector env takes a list of these strings, one per
sub-environment (`android_gym.make_vector_env(4, device=[...])`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from android_gym.errors import InvalidChoice

PREFIX = "adb"
DEFAULT_SERVER_HOST = "127.0.0.1"
DEFAULT_SERVER_PORT = 5037
FORMS = ("adb", "adb:SERIAL", "adb:HOST:PORT", "adb:SERIAL@HOST:PORT", "adb:@HOST:PORT")

_HOST_PORT = re.compile(r"^(?P<host>[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(?P<port>\d{1,5})$")


@dataclass(frozen=True)
class AdbAddress:
    """A device's serial (None: the only one listed) and the adb server that reaches it."""

    serial: str | None
    server_host: str = DEFAULT_SERVER_HOST
    server_port: int = DEFAULT_SERVER_PORT

    @property
    def over_tcp(self) -> bool:
        """Whether the serial is HOST:PORT, a device the adb server must `adb connect` to."""
        return self.serial is not None and _HOST_PORT.match(self.serial) is not None

    @property
    def spec(self) -> str:
        """The `adb:...` string of this address (the server only where it is not the default)."""
        server = f"{self.server_host}:{self.server_port}"
        default = f"{_default_host()}:{_default_port()}"
        tail = "" if server == default else f"@{server}"
        return f"{PREFIX}:{self.serial or ''}{tail}" if self.serial or tail else PREFIX


def is_adb_spec(name: object) -> bool:
    """Whether `name` is an `adb` device string (of any form above)."""
    return isinstance(name, str) and (name == PREFIX or name.startswith(PREFIX + ":"))


def parse_adb_spec(spec: str) -> AdbAddress:
    """The address a device string names; raises `InvalidChoice` listing the forms otherwise."""
    if not is_adb_spec(spec):
        raise InvalidChoice("adb device", spec, FORMS)
    rest = spec[len(PREFIX) + 1 :]
    serial, at, server = rest.rpartition("@")
    if not at:
        serial, server = rest, ""
    host, port = _default_host(), _default_port()
    if server:
        match = _HOST_PORT.match(server)
        if match is None or not 0 < int(match["port"]) < 65536:
            raise InvalidChoice("adb server address in device", spec, FORMS)
        host, port = match["host"].strip("[]"), int(match["port"])
    if any(c.isspace() for c in serial) or serial.startswith(":"):
        raise InvalidChoice("adb device", spec, FORMS)
    return AdbAddress(serial or None, host, port)


def _default_host() -> str:
    return os.environ.get("ANDROID_ADB_SERVER_HOST") or DEFAULT_SERVER_HOST


def _default_port() -> int:
    return int(os.environ.get("ANDROID_ADB_SERVER_PORT") or DEFAULT_SERVER_PORT)
