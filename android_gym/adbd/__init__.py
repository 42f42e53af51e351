"""The simulated phone served as an adb device.

`python -m android_gym serve-adb` (or `serve_phones()` in Python) listens on a TCP port per
phone; the real `adb` binary can `adb connect` it, and adb shell, exec-out, push and pull,
adbutils and uiautomator2 work against it as against an emulator. Modules: `wire` (the message
format), `connection` (handshake and streams), `stream` (what a service is), `services` (which
service a stream names), `shell` (shell and exec), `sync` (files), `http` and `uiautomator`
(the uiautomator2 server on device port 9008), `served` (a phone and its lock), `server`
(sockets and threads).
"""

from android_gym.adbd.server import ServedPhones, serve_phones

__all__ = ["ServedPhones", "serve_phones"]
