"""Device backends. `make_device("sim")` is the simulated phone (the default); `make_device(
"adb:SERIAL")` any adb device (emulator, phone, served simulated phone; the forms are in
`android_gym.devices.adb_address`); `make_device("my_module:MyDevice")` a user's backend
(a `Device` class or factory, imported by a plug-in or importable by name)."""

from __future__ import annotations

from typing import Any

from android_gym.devices.adb_address import FORMS as ADB_FORMS
from android_gym.devices.adb_address import is_adb_spec
from android_gym.devices.base import KEYS, Device, DeviceState
from android_gym.errors import InvalidChoice
from android_gym.plugins import is_reference, resolve

BACKENDS = ("sim", *ADB_FORMS, "module:Name")


def make_device(name: str | Device = "sim", **kwargs: Any) -> Device:
    """A device by backend name, or `name` itself when it already is a Device. `kwargs` go to
    the backend (`SimDevice` or `AdbDevice`)."""
    if isinstance(name, (list, tuple)):
        raise InvalidChoice(
            "device (a list is one device per sub-environment: pass it to "
            "android_gym.make_vector_env(n, device=[...]))",
            name,
            BACKENDS,
        )
    if not isinstance(name, str):
        if not isinstance(name, Device):
            raise InvalidChoice("device", type(name).__name__, BACKENDS)
        return name
    if name == "sim":
        from android_gym.devices.sim import SimDevice

        return SimDevice(**kwargs)
    if is_adb_spec(name):
        from android_gym.devices.adb import AdbDevice

        return AdbDevice(name, **kwargs)
    if is_reference(name):
        return resolve(name)(**kwargs)
    raise InvalidChoice("device", name, BACKENDS)


__all__ = ["BACKENDS", "KEYS", "Device", "DeviceState", "make_device"]
