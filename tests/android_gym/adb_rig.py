"""Served simulated phones reached through the real adb server, for the adb backend's tests.

`Rig` serves phones (`serve_phones`) and runs an adb server of its own on a free loopback port
(`adb_server`, stopped afterwards). `twin()` builds an unserved SimDevice in the same start
state: what the served phone shows after actions sent through adb must equal what the twin
shows after the same actions sent directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from android_gym.adbd import ServedPhones, serve_phones
from android_gym.devices.adb import AdbDevice
from android_gym.devices.adb_link import adb_server
from android_gym.devices.sim import SimDevice
from android_gym.ui import parse_ui_xml

FAST_SETTLE = {"min_s": 0.0, "interval_s": 0.0, "cap_s": 2.0}
"""The simulated phone is still as soon as an input returns."""


@dataclass
class Rig:
    served: ServedPhones
    server: tuple[str, int]

    def spec(self, index: int = 0) -> str:
        host, port = self.server
        return f"adb:{self.served.serials[index]}@{host}:{port}"

    def device(self, index: int = 0, **options: Any) -> AdbDevice:
        options = {"settle": FAST_SETTLE, "hierarchy_reuse_s": 0.0, "timeout_s": 10.0} | options
        return AdbDevice(self.spec(index), **options)

    def sim(self, index: int = 0) -> SimDevice:
        return self.served.devices[index]

    def restart_phone(self, index: int = 0, seed: int = 0) -> None:
        """Puts a served phone back in its start state (the test's set-up, not under test)."""
        with self.served.phones[index].lock:
            self.sim(index).reset(seed)


@contextmanager
def rig(count: int = 1, port: int = 0) -> Iterator[Rig]:
    with ExitStack() as stack:
        served = stack.enter_context(serve_phones(count=count, port=port))
        server = stack.enter_context(adb_server())
        yield Rig(served, server)


def twin(seed: int = 0) -> SimDevice:
    device = SimDevice()
    device.reset(seed)
    return device


def center(xml: str, **criteria: str) -> tuple[int, int]:
    """The centre of the first element of a dump whose attributes equal `criteria`."""
    for element in parse_ui_xml(xml):
        if all(getattr(element, name) == value for name, value in criteria.items()):
            return element.center
    raise AssertionError(f"no element with {criteria}")


def image_difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean and 99th percentile of the absolute difference of two images of one size."""
    assert a.shape == b.shape, (a.shape, b.shape)
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16))
    return float(diff.mean()), float(np.percentile(diff, 99))
