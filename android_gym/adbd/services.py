"""The services a host can OPEN on a served phone, by the name in its OPEN message.

`shell:`, `shell,v2,...:` and `exec:` (`shell.py`), `sync:` (`sync.py`) and `tcp:9008`, the
uiautomator2 server (`uiautomator.py`). Any other name is refused, as adbd refuses a service it
does not have.
"""

from __future__ import annotations

from android_gym.adbd.served import ServedPhone
from android_gym.adbd.shell import InteractiveShell, RawCommand, ShellV2
from android_gym.adbd.stream import Service
from android_gym.adbd.sync import SyncService
from android_gym.adbd.uiautomator import UiautomatorServer

UIAUTOMATOR_PORT = 9008


def open_service(destination: str, phone: ServedPhone) -> Service | None:
    """The service `destination` names on `phone`, or None (the OPEN is refused)."""
    name, _, command = destination.partition(":")
    kind, *args = name.split(",")
    if kind == "shell":
        pty = "pty" in args or (not command and "raw" not in args)
        if not command:
            return InteractiveShell(phone, "v2" in args, pty)
        return ShellV2(phone, command) if "v2" in args else RawCommand(phone, command)
    if kind == "exec" and not args and command:
        return RawCommand(phone, command)
    if destination == "sync:":
        return SyncService(phone)
    if kind == "tcp" and not args:
        host, _, port = command.rpartition(":")
        if port == str(UIAUTOMATOR_PORT) and host in ("", "localhost", "127.0.0.1"):
            return UiautomatorServer(phone)
    return None
