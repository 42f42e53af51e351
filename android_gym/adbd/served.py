"""One simulated phone as the adb services see it: the device, its lock and what adbd keeps."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from android_gym.devices.sim import SimDevice
from android_gym.sim.shell import ShellResult


@dataclass
class ServedPhone:
    """A `SimDevice` shared by every connection to its port.

    `SimDevice` is not thread-safe, so every call into it holds `lock`. `mtimes` keeps the
    modification times adb sync reports (the phone's files have none of their own), and
    `clipboard` is what uiautomator2's setClipboard stored.
    """

    device: SimDevice
    lock: threading.Lock = field(default_factory=threading.Lock)
    clipboard: str = ""
    mtimes: dict[str, int] = field(default_factory=dict)
    started: int = field(default_factory=lambda: int(time.time()))

    def run(self, command: str) -> ShellResult:
        """Runs a shell command line on the phone (what `adb shell CMD` runs)."""
        with self.lock:
            return self.device.sh.run(command)

    def prop(self, name: str) -> str:
        """A system property, as `getprop NAME` prints it."""
        return self.run(f"getprop {name}").stdout.decode("utf-8", errors="replace").strip()

    @property
    def files(self) -> dict[str, bytes]:
        """The phone's in-memory file system (absolute path -> bytes); hold `lock` to use it."""
        return self.device.sh.files
