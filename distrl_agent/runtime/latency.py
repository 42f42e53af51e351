"""A device latency model: the simulated phone made to wait like an Android emulator.

The simulated phone answers in milliseconds; an emulator driven over adb takes seconds per step
and tens of seconds per reset, with a heavy tail (white screens that need another screenshot,
adb errors retried after a back-off, emulators that boot slowly). `LatentDevice` wraps any
`android_gym` Device and sleeps, before each observation, for a delay drawn from a
`DelayDistribution`, multiplied by a time scale, so that collection experiments on one machine
behave like a farm of emulators (only faster, by the time scale).

A delay is `base + LogNormal(median, sigma)`, plus with probability `stall_prob` a Pareto stall
(scale `stall_scale_s`, shape `stall_alpha`), the total capped at `max_s`. The `emulator`
preset is calibrated to the waits of the DigiRL and DistRL environment code and to the boot
time DigiRL reports; docs/distributed.md lists the sources.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from android_gym.devices.base import Device, DeviceState

if TYPE_CHECKING:
    from distrl_agent.config import LatencyConfig


@dataclass(frozen=True)
class DelayDistribution:
    """`base_s + LogNormal(median_s, sigma)` plus a Pareto stall with `stall_prob`, <= `max_s`."""

    base_s: float = 0.0
    median_s: float = 0.0
    sigma: float = 0.0
    stall_prob: float = 0.0
    stall_scale_s: float = 0.0
    stall_alpha: float = 1.5
    max_s: float = 0.0

    def sample(self, rng: np.random.Generator) -> float:
        """One delay in (unscaled) seconds."""
        delay = self.base_s
        if self.median_s > 0:
            delay += self.median_s * float(np.exp(self.sigma * rng.standard_normal()))
        if self.stall_prob > 0 and rng.random() < self.stall_prob:
            delay += self.stall_scale_s * float((1.0 - rng.random()) ** (-1.0 / self.stall_alpha))
        return min(delay, self.max_s)


@dataclass(frozen=True)
class LatencyProfile:
    """Delays of one device: before every observation after a step, and for a reset."""

    step: DelayDistribution
    reset: DelayDistribution


PRESETS: dict[str, LatencyProfile] = {
    "none": LatencyProfile(DelayDistribution(), DelayDistribution()),
    # Seconds of a KVM-accelerated Android emulator driven over adb (docs/distributed.md):
    # step: the 5 s settle wait both DigiRL and DistRL take before every screenshot, plus the
    # adb gesture, screencap/pull and the judge query; stalls: white-screen re-shots every 5 s
    # and errors retried after 6-10 s back-offs. reset: DistRL's 15 s wait after launching the
    # emulator plus a boot of ~12.6 s (DigiRL's reported cold boot), stalls from device polling
    # every 5 s and relaunches.
    "emulator": LatencyProfile(
        step=DelayDistribution(
            base_s=5.0,
            median_s=1.5,
            sigma=0.6,
            stall_prob=0.05,
            stall_scale_s=5.0,
            stall_alpha=1.5,
            max_s=60.0,
        ),
        reset=DelayDistribution(
            base_s=15.0,
            median_s=12.6,
            sigma=0.5,
            stall_prob=0.1,
            stall_scale_s=10.0,
            stall_alpha=1.5,
            max_s=120.0,
        ),
    ),
}


def profile_from_config(config: LatencyConfig) -> LatencyProfile:
    """The preset with `overrides` applied (keys like "step.base_s", "reset.stall_prob")."""
    from distrl_agent.config import ConfigError

    if config.preset not in PRESETS:
        raise ConfigError(f"latency.preset must be one of {', '.join(PRESETS)}")
    profile = PRESETS[config.preset]
    parts = {"step": profile.step, "reset": profile.reset}
    names = [f.name for f in dataclasses.fields(DelayDistribution)]
    for key, value in config.overrides.items():
        which, _, name = key.partition(".")
        if which not in parts or name not in names:
            raise ConfigError(
                f"latency.overrides key {key!r} must be step.<field> or reset.<field>, "
                f"fields: {', '.join(names)}"
            )
        parts[which] = dataclasses.replace(parts[which], **{name: float(value)})
    return LatencyProfile(parts["step"], parts["reset"])


class LatentDevice:
    """A Device that delays observations like an emulator (see the module docstring).

    `reset` waits a reset delay; `screenshot` (the observation after every step) waits a step
    delay, except for the first one after a reset. Delays are `time_scale` times the profile's
    seconds. `waited_s` counts the time spent waiting.
    """

    def __init__(
        self,
        device: Device,
        profile: LatencyProfile,
        *,
        time_scale: float = 1.0,
        seed: int = 0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.device = device
        self.profile = profile
        self.time_scale = float(time_scale)
        self.rng = np.random.default_rng(seed)
        self.sleep = sleep
        self.waited_s = 0.0
        self._after_reset = True  # the environment's first look at the screen is free

    def _wait(self, delay: float) -> None:
        scaled = delay * self.time_scale
        if scaled > 0:
            self.sleep(scaled)
            self.waited_s += scaled

    @property
    def screen_size(self) -> tuple[int, int]:
        return self.device.screen_size

    def reset(self, seed: int) -> None:
        self._wait(self.profile.reset.sample(self.rng))
        self._after_reset = True
        self.device.reset(seed)

    def launch(self, package: str) -> None:
        self.device.launch(package)

    def open_url(self, url: str) -> None:
        self.device.open_url(url)

    def tap(self, x: int, y: int) -> None:
        self.device.tap(x, y)

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self.device.swipe(x1, y1, x2, y2)

    def type_text(self, text: str) -> None:
        self.device.type_text(text)

    def key(self, name: str) -> None:
        self.device.key(name)

    def screenshot(self) -> np.ndarray:
        if self._after_reset:
            self._after_reset = False
        else:
            self._wait(self.profile.step.sample(self.rng))
        return self.device.screenshot()

    def ui_xml(self) -> str:
        return self.device.ui_xml()

    def state(self) -> DeviceState:
        return self.device.state()

    def shell(self, command: str) -> str:
        return self.device.shell(command)

    def close(self) -> None:
        self.device.close()
