"""The uiautomator2 server of a served phone, on device port 9008 (`tcp:9008` streams).

uiautomator2 (the Python client) speaks HTTP to it through adb `tcp:` streams: `GET /ping` must
answer `pong` (else the client pushes and launches its server jar), and `POST /jsonrpc/0`
carries JSON-RPC 2.0 calls. The methods here are the ones the client's screenshot,
dump_hierarchy, click, swipe, press, clipboard, open_notification, open_quick_settings and
(without its keyboard app) send_keys use. Any other method, such as the selector API's
(`d(text=...)`), gets the JSON-RPC error -32601 in an HTTP 200 response, as the real server
sends it (a non-200 makes the client restart the server and retry).
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image

from android_gym.adbd.http import HttpParser, Request, response
from android_gym.adbd.served import ServedPhone
from android_gym.adbd.stream import Output
from android_gym.devices.base import KEYCODES

DENSITY = 2.625
"""Screen density (420 dpi / 160), for deviceInfo's sizes in dp."""
KEY_NAMES = {
    **{name: code for name, (code, _) in KEYCODES.items()},
    "recent": KEYCODES["recent_apps"][0],
    "del": KEYCODES["delete"][0],
}
"""The key codes of uiautomator2's key names (any other name NAME is KEYCODE_NAME)."""


class UiautomatorServer:
    """One `tcp:9008` stream: HTTP requests in, responses out (keep-alive or one-shot)."""

    def __init__(self, phone: ServedPhone) -> None:
        self.phone = phone
        self.parser = HttpParser()
        self.methods: dict[str, Callable[..., Any]] = {
            "deviceInfo": self.device_info,
            "dumpWindowHierarchy": self.dump_window_hierarchy,
            "takeScreenshot": self.take_screenshot,
            "click": self.click,
            "swipe": self.swipe,
            "pressKey": self.press_key,
            "pressKeyCode": self.press_key_code,
            "setClipboard": self.set_clipboard,
            "getClipboard": lambda: self.phone.clipboard,
            "pasteClipboard": self.paste_clipboard,
            "openNotification": lambda: self._shell("cmd statusbar expand-notifications"),
            "openQuickSettings": lambda: self._shell("cmd statusbar expand-settings"),
        }

    def start(self, out: Output) -> None:
        """The client speaks first."""

    def receive(self, data: bytes, out: Output) -> None:
        for request in self.parser.feed(data):
            status, body, kind = self.route(request)
            out.write(response(status, body, kind, request.keep_alive))
            if not request.keep_alive:
                out.close()
                return

    def route(self, request: Request) -> tuple[int, bytes, str]:
        """(status, body, content type) for one request."""
        if request.path == "/ping":
            return 200, b"pong", "text/plain"
        if request.path != "/jsonrpc/0":
            return 404, b"not found", "text/plain"
        if request.method != "POST":
            return 405, b"POST a JSON-RPC call", "text/plain"
        return 200, json.dumps(self.call(request.body)).encode(), "application/json"

    def call(self, body: bytes) -> dict[str, Any]:
        """The JSON-RPC response object for a request body."""
        try:
            request = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return _error(None, -32700, "Parse error")
        if not isinstance(request, dict) or not isinstance(request.get("method"), str):
            return _error(None, -32600, "Invalid Request")
        ident, name, params = request.get("id"), request["method"], request.get("params", [])
        method = self.methods.get(name)
        if method is None:
            return _error(ident, -32601, f"Method not found: {name}")
        try:
            if isinstance(params, list):
                result = method(*params)
            elif isinstance(params, dict):
                result = method(**params)
            else:
                raise TypeError("params must be a list or an object")
        except (TypeError, ValueError) as error:
            return _error(ident, -32602, f"Invalid params for {name}: {error}")
        return {"jsonrpc": "2.0", "id": ident, "result": result}

    # -- methods ------------------------------------------------------------------------------

    def device_info(self) -> dict[str, Any]:
        device = self.phone.device
        width, height = device.screen_size
        with self.phone.lock:
            package = device.state().package
        return {
            "currentPackageName": package,
            "displayWidth": width,
            "displayHeight": height,
            "displayRotation": 0,
            "displaySizeDpX": round(width / DENSITY),
            "displaySizeDpY": round(height / DENSITY),
            "naturalOrientation": True,
            "productName": self.phone.prop("ro.product.name"),
            "screenOn": True,
            "sdkInt": int(self.phone.prop("ro.build.version.sdk") or 0),
        }

    def dump_window_hierarchy(
        self, compressed: bool = False, maxDepth: int = 50, rootInActive: bool | None = None
    ) -> str:
        """The uiautomator XML of the screen (the phone's dump is already compact)."""
        with self.phone.lock:
            return self.phone.device.ui_xml()

    def take_screenshot(self, scale: float = 1.0, quality: int = 100) -> str:
        """The screen as base64 JPEG at `scale` times the device size: rendered pixels are
        duplicated (nearest) going up and filtered (bilinear) going down."""
        scale, quality = float(scale), int(quality)
        if not 0.05 <= scale <= 2.0:
            raise ValueError(f"scale {scale} out of range 0.05..2")
        device = self.phone.device
        width, height = device.screen_size
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        quality = min(100, max(1, quality))

        def encode(frame: np.ndarray) -> bytes:
            image = Image.fromarray(frame)
            if image.size != size:
                up = size[0] > image.size[0]
                image = image.resize(
                    size, Image.Resampling.NEAREST if up else Image.Resampling.BILINEAR
                )
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=quality)
            return buffer.getvalue()

        with self.phone.lock:
            jpeg = device.phone.encoded_screen(("jpeg", size, quality), encode)
        return base64.b64encode(jpeg).decode("ascii")

    def click(self, x: int, y: int, milliseconds: int = 0) -> bool:
        """A tap (a long click is a tap: the phone has no long-press)."""
        with self.phone.lock:
            self.phone.device.tap(int(x), int(y))
        return True

    def swipe(self, fx: int, fy: int, tx: int, ty: int, steps: int = 10) -> bool:
        with self.phone.lock:
            self.phone.device.swipe(int(fx), int(fy), int(tx), int(ty))
        return True

    def press_key(self, name: str) -> bool:
        """A key by uiautomator2's name ("home", "back", "enter", "recent", ...)."""
        name = str(name).lower()
        return self.press_key_code(KEY_NAMES.get(name, f"KEYCODE_{name.upper()}"))

    def press_key_code(self, code: int | str, meta: int = 0) -> bool:
        """A key by Android key code, through the phone's `input keyevent`; False for keys the
        phone does not have."""
        if not str(code).replace("_", "").isalnum():
            raise ValueError(f"bad key code {code!r}")
        return self._shell(f"input keyevent {code}")

    def _shell(self, command: str) -> bool:
        """Runs a shell command on the phone; whether it succeeded."""
        return self.phone.run(command).code == 0

    def set_clipboard(self, label: str | None, text: str) -> None:
        self.phone.clipboard = str(text)

    def paste_clipboard(self) -> None:
        """Types the clipboard into the focused field (uiautomator2's send_keys without its
        keyboard app)."""
        with self.phone.lock:
            self.phone.device.type_text(self.phone.clipboard)


def _error(ident: Any, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}
