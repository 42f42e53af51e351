"""Device backends. `make_device("sim")` is the simulated phone (the default)."""

from __future__ import annotations

from typing import Any

from android_gym.devices.base import KEYS, Device, DeviceState
from android_gym.errors import InvalidChoice

BACKENDS = ("sim",)


def make_device(name: str | Device = "sim", **kwargs: Any) -> Device:
    """A device by backend name, or `name` itself when it already is a Device."""
    if not isinstance(name, str):
        if not isinstance(name, Device):
            raise InvalidChoice("device", type(name).__name__, BACKENDS)
        return name
    if name == "sim":
        from android_gym.devices.sim import SimDevice

        return SimDevice(**kwargs)
    raise InvalidChoice("device", name, BACKENDS)


__all__ = ["BACKENDS", "KEYS", "Device", "DeviceState", "make_device"]
