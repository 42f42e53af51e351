"""The two ways `AdbDevice` sees and touches the screen: uiautomator2, or plain adb shell.

`UiautomatorDriver` talks to the uiautomator2 server on the device (JPEG screenshots, scaled
on the device when asked, the
accessibility hierarchy, injected touches and keys, Unicode text through its AdbKeyboard IME);
it is fast and the default. `ShellDriver` needs nothing on the device but `adb shell`:
`screencap -p` (PNG), `uiautomator dump` and a pull of the file, and `input tap|swipe|keyevent|
text`. It is slower (each dump starts a Java process on a real phone, seconds on some) and
`input text` cannot type anything but printable ASCII, so it raises on other text.
"""

from __future__ import annotations

import base64
import io
import shlex
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

import adbutils
import numpy as np
from PIL import Image

from android_gym.devices.adb_link import TunedUiautomator
from android_gym.devices.base import KEYCODES, KEYS
from android_gym.errors import DeviceError, DeviceOutputError, InvalidChoice

DECODED = 8
"""Screenshots kept decoded by their JPEG bytes (2 MB each at 540x1200)."""
DUMP_PATH = "/sdcard/window_dump.xml"
"""Where `uiautomator dump` writes, as it does by default on Android."""


class Driver(Protocol):
    """What AdbDevice needs from a driver (device pixels, keys from `KEYS`)."""

    name: str

    def screenshot(self) -> np.ndarray: ...
    def hierarchy(self) -> str: ...
    def tap(self, x: int, y: int) -> None: ...
    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None: ...
    def key(self, name: str) -> None: ...
    def text(self, text: str) -> None: ...
    def close(self) -> None: ...


def rgb_array(image: Image.Image, copy: bool = True) -> np.ndarray:
    """The uint8 [H, W, 3] array of an image: a new, writable one, or with `copy=False` a
    read-only view of the (converted) image's bytes."""
    rgb = image.convert("RGB") if image.mode != "RGB" else image
    return np.array(rgb, dtype=np.uint8) if copy else np.asarray(rgb)


def _check_key(name: str) -> None:
    if name not in KEYS:
        raise InvalidChoice("key", name, KEYS)


class UiautomatorDriver:
    """The screen through uiautomator2 (its server is started and, if needed, installed by
    uiautomator2 when this is built)."""

    name = "uiautomator2"

    def __init__(
        self, device: adbutils.AdbDevice, timeout_s: float, scale: float, quality: int, port: int
    ) -> None:
        self.u2 = TunedUiautomator(device, timeout_s, port)
        self.scale = scale
        self.quality = quality
        self._decoded: OrderedDict[str, np.ndarray] = OrderedDict()

    def screenshot(self) -> np.ndarray:
        """A JPEG at `scale` times the device size (the server scales before encoding),
        decoded. A still screen gives the same bytes again, and decoding (a few milliseconds)
        is then skipped: the last `DECODED` images are kept by their bytes."""
        data = self.u2.jsonrpc.takeScreenshot(self.scale, self.quality)
        if not data or not isinstance(data, str):
            raise DeviceOutputError("uiautomator2's takeScreenshot returned no image")
        frame = self._decoded.get(data)
        if frame is None:
            image = Image.open(io.BytesIO(base64.b64decode(data)))
            image.load()
            frame = rgb_array(image, copy=False)  # the copy returned below is the only one
            self._decoded[data] = frame
            if len(self._decoded) > DECODED:
                self._decoded.popitem(last=False)
        else:
            self._decoded.move_to_end(data)
        return frame.copy()

    def hierarchy(self) -> str:
        return self.u2.dump_hierarchy()

    def tap(self, x: int, y: int) -> None:
        self.u2.click(x, y)

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self.u2.swipe(x1, y1, x2, y2)

    def key(self, name: str) -> None:
        _check_key(name)
        self.u2.press(name)

    def text(self, text: str) -> None:
        """Types through uiautomator2's AdbKeyboard IME (installed and selected by its
        `set_input_ime`): the text travels base64-encoded, so any Unicode arrives. This is
        `send_keys` without its last step, which hides the keyboard: AitW's TYPE and the
        simulated phone leave it up."""
        self.u2.set_input_ime()
        encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
        command = ["am", "broadcast", "-a", "ADB_KEYBOARD_INPUT_TEXT", "--es", "text", encoded]
        output = self.u2.shell(command).output
        if "result=-1" not in output:
            raise DeviceError(f"AdbKeyboard did not take the text: {output.strip()[:200]}")

    def close(self) -> None:
        self.u2.close()


class ShellDriver:
    """The screen through `adb shell` alone. `shell(command)` runs a command and returns its
    output; `pull(path)` reads a device file (adb sync)."""

    name = "shell"

    def __init__(
        self, device: adbutils.AdbDevice, shell: Callable[[str], str], timeout_s: float
    ) -> None:
        self.device = device
        self.shell = shell
        self.timeout_s = timeout_s

    def screenshot(self) -> np.ndarray:
        png = self.device.shell("screencap -p", encoding=None, timeout=self.timeout_s)
        try:
            image = Image.open(io.BytesIO(png))
            image.load()
        except (OSError, ValueError) as exc:
            raise DeviceOutputError(f"screencap -p gave no PNG ({len(png)} bytes): {exc}") from exc
        return rgb_array(image)

    def hierarchy(self) -> str:
        output = self.shell(f"uiautomator dump {DUMP_PATH}")
        if "dumped to" not in output:  # Android prints "UI hierchary dumped to: PATH"
            raise DeviceOutputError(f"uiautomator dump failed: {output.strip()[:200]}")
        return self.device.sync.read_text(DUMP_PATH)

    def tap(self, x: int, y: int) -> None:
        self.shell(f"input tap {int(x)} {int(y)}")

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self.shell(f"input swipe {int(x1)} {int(y1)} {int(x2)} {int(y2)}")

    def key(self, name: str) -> None:
        _check_key(name)
        self.shell(f"input keyevent {KEYCODES[name][0]}")

    def text(self, text: str) -> None:
        self.shell(input_text_command(text))

    def close(self) -> None:
        """Nothing to release: every call is its own adb stream."""


def input_text_command(text: str) -> str:
    """The `input text` command that types `text`: spaces as %s (how `input text` reads them),
    the rest quoted for the device shell. Raises `DeviceError` for anything but printable
    ASCII, which `input text` cannot type (use the uiautomator2 driver: its AdbKeyboard can)."""
    if not text or not all(" " <= c <= "~" for c in text):
        raise DeviceError(
            f"`input text` types printable ASCII only, not {text!r}; the shell driver cannot "
            "type it (the uiautomator2 driver can, through its AdbKeyboard IME)"
        )
    return "input text " + shlex.quote(text.replace(" ", "%s"))
