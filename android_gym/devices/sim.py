"""The simulated phone as a Device (the default backend)."""

from __future__ import annotations

import numpy as np

from android_gym.devices.base import KEYS, DeviceState
from android_gym.errors import InvalidChoice
from android_gym.sim.apps.chrome import PACKAGE as CHROME
from android_gym.sim.phone import Phone, PhoneConfig
from android_gym.sim.shell import SimShell


class SimDevice:
    """Drives an in-process `Phone`. Deterministic: the same seed and inputs give the same
    screenshots and XML."""

    def __init__(
        self,
        width: int = 1080,
        height: int = 2400,
        scale: float = 0.5,
        screen_cache: int = PhoneConfig.screen_cache,
    ) -> None:
        """`screen_cache`: laid-out screens the phone keeps (`PhoneConfig.screen_cache`; in
        an env, `device_options={"screen_cache": N}`)."""
        self.phone = Phone(
            PhoneConfig(width=width, height=height, scale=scale, screen_cache=screen_cache)
        )
        self.sh = SimShell(self)
        """The phone's shell (`adb shell` on a real device), with its in-memory files."""

    @property
    def screen_size(self) -> tuple[int, int]:
        return (self.phone.config.width, self.phone.config.height)

    def reset(self, seed: int) -> None:
        self.phone.reset(seed)

    def launch(self, package: str) -> None:
        if package not in self.phone.apps:
            raise InvalidChoice("app package", package, self.phone.apps)
        self.phone.open_app(package)

    def open_url(self, url: str) -> None:
        self.phone.open_app(CHROME)
        self.phone.apps[CHROME].navigate(url)  # type: ignore[attr-defined]
        self.phone.changed()

    def tap(self, x: int, y: int) -> None:
        self.phone.tap(x, y)

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self.phone.swipe(x1, y1, x2, y2)

    def type_text(self, text: str) -> None:
        self.phone.type_text(text)

    def key(self, name: str) -> None:
        if name not in KEYS:
            raise InvalidChoice("key", name, KEYS)
        self.phone.press(name)

    def screenshot(self) -> np.ndarray:
        return self.phone.screenshot()

    def shell(self, command: str) -> str:
        return self.sh.run(command).text

    def ui_xml(self) -> str:
        return self.phone.ui_xml()

    def state(self) -> DeviceState:
        return self.phone.state()

    def close(self) -> None:
        """Nothing to release: the phone lives in this process."""
