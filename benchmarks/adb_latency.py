"""Per-call latency through the adb stack, as shipped and tuned, in one run; prints one JSON line.

A simulated phone is served as an adb device (`serve_phones`) and reached through the real adb
server (one of its own, stopped at the end). `shipped`: adbutils and uiautomator2 as installed
(`AdbClient().device(serial)`, `uiautomator2.connect(device)`). `tuned`: `AdbDevice`
(TCP_NODELAY, no close sleep, the server version asked once, one keep-alive JSON-RPC
connection; `android_gym.devices.adb_link`), with settling off so that only the call is
timed. The calls alternate (shipped, tuned, ...) on the same phone: screenshot (full-size JPEG,
quality 80, decoded to pixels), hierarchy dump, tap (on empty wallpaper), text ("hello",
through AdbKeyboard's broadcast), shell (`echo hi`).
`tuned.screenshot_half` is the tuned screenshot at half size (540x1200), scaled on the device.

Runs only inside a loopback-only network namespace (it starts an adb server):
    unshare -n sh -c 'ip link set lo up && exec python benchmarks/adb_latency.py'
Usage: python benchmarks/adb_latency.py [--calls 40]
"""

from __future__ import annotations

import argparse
import json
import sys

import adbutils
import numpy as np
import uiautomator2
from adb_common import machine, require_namespace, summary, time_ms

from android_gym.adbd import serve_phones
from android_gym.devices.adb import AdbDevice
from android_gym.devices.adb_link import adb_server

WALLPAPER = (540, 700)
"""A point of the home screen with nothing to tap (device pixels)."""


def main() -> None:
    require_namespace("benchmarks/adb_latency.py")
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=40, help="calls of each kind and stack")
    args = parser.parse_args()
    with serve_phones(count=1) as served, adb_server() as (host, port):
        serial = served.serials[0]
        spec = f"adb:{serial}@{host}:{port}"
        tuned = AdbDevice(spec, settle=False, hierarchy_reuse_s=0.0)
        half = AdbDevice(spec, settle=False, screenshot_scale=0.5)
        client = adbutils.AdbClient(host, port)
        version = client.server_version()
        shipped_device = client.device(serial)
        shipped = uiautomator2.connect(shipped_device)
        calls = {
            "screenshot": (
                lambda: np.asarray(shipped.screenshot()),
                tuned.screenshot,
            ),
            "hierarchy": (shipped.dump_hierarchy, tuned.ui_xml),
            "tap": (lambda: shipped.click(*WALLPAPER), lambda: tuned.tap(*WALLPAPER)),
            "text": (lambda: shipped.send_keys("hello"), lambda: tuned.type_text("hello")),
            "shell": (lambda: shipped_device.shell("echo hi"), lambda: tuned.shell("echo hi")),
        }
        samples: dict[str, dict[str, list[float]]] = {"shipped": {}, "tuned": {}}
        for name, (as_shipped, as_tuned) in calls.items():
            as_shipped(), as_tuned()  # warm up: first calls connect and push
            for _ in range(args.calls):
                samples["shipped"].setdefault(name, []).append(time_ms(as_shipped))
                samples["tuned"].setdefault(name, []).append(time_ms(as_tuned))
        half.screenshot()
        samples["tuned"]["screenshot_half"] = [time_ms(half.screenshot) for _ in range(args.calls)]
        package = served.devices[0].state().package
        tuned.close()
        half.close()
    figures = {
        "benchmark": "adb_latency",
        "machine": machine(),
        "adb_server_version": version,
        "calls": args.calls,
        "screen": {"device": list(tuned.screen_size), "screenshot": [1080, 2400]},
        "shipped": {name: summary(s) for name, s in samples["shipped"].items()},
        "tuned": {name: summary(s) for name, s in samples["tuned"].items()},
        "speedup": {
            name: round(
                summary(samples["shipped"][name])["median_ms"]
                / summary(samples["tuned"][name])["median_ms"],
                1,
            )
            for name in calls
        },
        "foreground_after": package,
    }
    print(json.dumps(figures))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
