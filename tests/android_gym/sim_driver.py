"""Driving the simulated phone by what it shows, as an agent would."""

from __future__ import annotations

import numpy as np
from PIL import Image

from android_gym.sim import Phone
from android_gym.ui import UIElement, find, parse_ui_xml


def elements(phone: Phone) -> list[UIElement]:
    return parse_ui_xml(phone.ui_xml())


def tap(phone: Phone, **criteria: object) -> UIElement:
    """Taps the centre of the first element matching `criteria` (see `android_gym.ui.find`)."""
    found = find(elements(phone), **criteria)
    assert found, f"nothing on screen matches {criteria}"
    x, y = found[0].center
    assert phone.tap(x, y), f"tap on {found[0].describe()} did nothing"
    return found[0]


def texts(phone: Phone) -> list[str]:
    return [e.text for e in elements(phone) if e.text]


def oracle_solves(instruction: str, seed: int = 0, limit: int = 10) -> bool:
    """Whether the family's oracle solves `instruction` within `limit` steps (the General
    horizon), acting from the UI hierarchy only, on a fresh simulated phone."""
    from android_gym.devices.sim import SimDevice
    from android_gym.env import AndroidEnv
    from android_gym.families import resolve

    family, params = resolve(instruction)
    device = SimDevice()
    device.reset(seed)
    start = device.state()
    holder = type("Env", (), {"device": device})()
    for _ in range(limit):
        action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
        AndroidEnv._apply(holder, action)
        if family.success(params, device.state(), start):
            return True
    return False


def screen_frame(device) -> np.ndarray:
    """What a screencap of a `SimDevice` shows: its screen at the device's size (the phone
    renders at a smaller scale; screencap enlarges it, as a real device's is the physical
    size)."""
    image = Image.fromarray(device.screenshot())
    return np.asarray(image.resize(device.screen_size, Image.Resampling.NEAREST))
