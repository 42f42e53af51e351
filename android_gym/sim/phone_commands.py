"""The shell commands that drive the simulated phone, printing what Android 14 prints: input,
screencap, uiautomator, am, monkey, pm, date, wm, getprop and ime, the commands adbutils,
uiautomator2 and the task families use to drive and set up a device. Those that read and switch
system state are `system_commands.py`.
"""

from __future__ import annotations

import base64
import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from android_gym.devices.base import KEYCODES
from android_gym.sim.shell import Command, ShellResult, fail, ok
from android_gym.sim.system_commands import device_time, system_commands

if TYPE_CHECKING:
    from android_gym.sim.phone import Phone
    from android_gym.sim.shell import SimShell

PHONE_KEYS = {
    form: name for name, (code, number) in KEYCODES.items() for form in (code, str(number))
}
"""The phone's key of each code `input keyevent` takes (number, or name with or without
`KEYCODE_`; `devices.base.KEYCODES`)."""
_IGNORED_KEYS = {"26", "KEYCODE_POWER", "224", "KEYCODE_WAKEUP", "82", "KEYCODE_MENU"}
"""Keys a phone has that change nothing here (its screen is always on, apps have no menu)."""

ADB_KEYBOARD = "com.github.uiautomator/.AdbKeyboard"
GBOARD = "com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME"
PROPS = {
    "ro.product.manufacturer": "Google",
    "ro.product.brand": "google",
    "ro.product.model": "android_gym simulated phone",
    "ro.product.name": "android_gym_sim",
    "ro.product.device": "sim",
    "ro.build.version.release": "14",
    "ro.build.version.sdk": "34",
    "ro.product.cpu.abi": "x86_64",
    "ro.kernel.qemu": "0",
}


def phone_commands(sh: SimShell) -> dict[str, Command]:
    """The commands of `sh`'s device, by name."""
    device = sh.device

    def phone() -> Phone:
        return device.phone

    # -- input ------------------------------------------------------------------------------

    def input_(args: list[str], stdin: bytes) -> ShellResult:
        if len(args) >= 2 and args[0] == "-d":
            args = args[2:]
        verb, rest = args[0], args[1:]
        if verb == "tap":
            device.tap(int(float(rest[0])), int(float(rest[1])))
        elif verb in ("swipe", "draganddrop"):
            x1, y1, x2, y2 = (int(float(v)) for v in rest[:4])
            device.swipe(x1, y1, x2, y2)
        elif verb == "text":
            text = " ".join(rest).replace("%s", " ")
            if not text.isascii():
                return fail("Exception occurred while executing 'text': only ASCII can be typed")
            device.type_text(text)
        elif verb == "keyevent":
            codes = [c for c in rest if c not in ("--longpress", "--doubletap")]
            for code in (
                c if c.isdigit() or c.startswith("KEYCODE_") else f"KEYCODE_{c}" for c in codes
            ):
                if code in PHONE_KEYS:
                    phone().press(PHONE_KEYS[code])
                elif code not in _IGNORED_KEYS:
                    return fail(f"Error: unknown key code {code}")
        else:
            return fail(f"Error: Unknown command: {verb}")
        return ok()

    def screencap(args: list[str], stdin: bytes) -> ShellResult:
        """The screen at the device's size (as `wm size` reports it), like a real screencap;
        a phone that renders at a smaller scale is enlarged to it."""

        def encode(frame: np.ndarray) -> bytes:
            image = Image.fromarray(frame)
            if image.size != device.screen_size:
                image = image.resize(device.screen_size, Image.Resampling.NEAREST)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)
            return buffer.getvalue()

        png = device.phone.encoded_screen("png", encode)
        files = [a for a in args if not a.startswith("-")]
        if files:
            sh.files[files[0]] = png
            return ok()
        return ShellResult(png)

    def uiautomator(args: list[str], stdin: bytes) -> ShellResult:
        if not args or args[0] != "dump":
            return fail("Usage: uiautomator dump [--compressed] [FILE]")
        files = [a for a in args[1:] if not a.startswith("-")]
        path = files[0] if files else "/sdcard/window_dump.xml"
        xml = device.ui_xml().encode()
        if path in ("/dev/tty", "/dev/stdout"):
            return ShellResult(xml + b"UI hierchary dumped to: " + path.encode() + b"\n")
        sh.files[path] = xml
        return ok(f"UI hierchary dumped to: {path}")

    # -- activities and packages ------------------------------------------------------------

    def am(args: list[str], stdin: bytes) -> ShellResult:
        verb, rest = args[0], args[1:]
        if verb in ("start", "start-activity"):
            return am_start(_options(rest))
        if verb == "force-stop":
            phone().force_stop(rest[-1])
            return ok()
        if verb == "broadcast":
            return broadcast(_options(rest))
        return fail(f"Error: unknown command '{verb}'")

    def am_start(opts: dict[str, str]) -> ShellResult:
        if "-d" in opts:
            device.open_url(opts["-d"])
            return ok(f"Starting: Intent {{ act={opts.get('-a', '')} dat={opts['-d']} }}")
        component = opts.get("-n", opts.get("", ""))
        pkg = component.split("/")[0]
        if pkg not in phone().installed:
            return fail(
                f"Error: Activity not started, unable to resolve Intent {{ cmp={component} }}"
            )
        phone().open_app(pkg)
        return ok(f"Starting: Intent {{ cmp={component} }}")

    def broadcast(opts: dict[str, str]) -> ShellResult:
        action = opts.get("-a", "")
        head = f"Broadcasting: Intent {{ flg=0x400000 act={action} (has extras) }}\n"
        if action == "ADB_KEYBOARD_INPUT_TEXT":
            device.type_text(base64.b64decode(opts.get("text", "")).decode("utf-8"))
        elif action == "ADB_KEYBOARD_CLEAR_TEXT":
            phone().clear_text()
        elif action == "ADB_KEYBOARD_HIDE":
            phone().hide_keyboard()
        else:
            return ok(head + "Broadcast completed: result=0")
        return ok(head + 'Broadcast completed: result=-1, data="success"')

    def monkey(args: list[str], stdin: bytes) -> ShellResult:
        pkg = _options(args).get("-p", "")
        if pkg not in phone().installed:
            return fail("** No activities found to run, monkey aborted.", 252)
        phone().open_app(pkg)
        return ok("  bash arg: -p\nEvents injected: 1\n## Network stats: elapsed time=1ms")

    def pm(args: list[str], stdin: bytes) -> ShellResult:
        verb, rest = args[0], [a for a in args[1:] if a not in ("--user", "0", "-k")]
        installed = phone().installed
        if verb == "list" and rest[:1] == ["packages"]:
            listed = installed
            if "-3" in rest:
                listed = tuple(p for p in installed if p not in phone().system_packages)
            elif "-s" in rest:
                listed = tuple(p for p in installed if p in phone().system_packages)
            return ok("\n".join(f"package:{p}" for p in listed))
        pkg = rest[-1] if rest else ""
        if verb == "path":
            where = "system/app" if pkg in phone().system_packages else "data/app"
            return (
                ok(f"package:/{where}/{pkg}/base.apk") if pkg in installed else ShellResult(code=1)
            )
        if verb == "clear":
            return ok("Success") if phone().force_stop(pkg) else fail("Failed")
        if verb == "uninstall":
            if phone().uninstall(pkg):
                return ok("Success")
            return fail("Failure [DELETE_FAILED_INTERNAL_ERROR]")
        if verb == "install-existing":
            if pkg not in phone().apps:
                return fail(f"android.content.pm.PackageManager$NameNotFoundException: {pkg}")
            phone().install(pkg)
            return ok(f"Package {pkg} installed for user: 0")
        return fail(f"Unknown command: {verb}")

    # -- the device -------------------------------------------------------------------------

    def date(args: list[str], stdin: bytes) -> ShellResult:
        now = device_time(phone())
        if args and args[0].startswith("+"):
            return ok(now.strftime(args[0][1:]) if args[0] != "+%s" else str(int(now.timestamp())))
        return ok(now.strftime("%a %b %e %H:%M:%S UTC %Y"))

    def wm(args: list[str], stdin: bytes) -> ShellResult:
        w, h = device.screen_size
        if args[:1] == ["density"]:
            return ok("Physical density: 420")
        return ok(f"Physical size: {w}x{h}")

    def getprop(args: list[str], stdin: bytes) -> ShellResult:
        props = {**PROPS, "ro.serialno": sh.serial}
        if args:
            return ok(props.get(args[0], ""))
        return ok("\n".join(f"[{k}]: [{v}]" for k, v in props.items()))

    def ime(args: list[str], stdin: bytes) -> ShellResult:
        if args[:1] == ["list"]:
            return ok(f"{GBOARD}\n{ADB_KEYBOARD}")
        if args[:1] == ["enable"]:
            return ok(f"Input method {args[1]}: already enabled")
        if args[:1] == ["set"]:
            sh.settings["secure default_input_method"] = args[1]
            return ok(f"Input method {args[1]} selected for user #0")
        return fail(f"Unknown command: {args[:1]}")

    return {
        **system_commands(sh),
        "input": input_,
        "screencap": screencap,
        "uiautomator": uiautomator,
        "am": am,
        "monkey": monkey,
        "pm": pm,
        "date": date,
        "wm": wm,
        "getprop": getprop,
        "ime": ime,
    }


def _options(args: list[str]) -> dict[str, str]:
    """`-x VALUE` pairs (extras `--es KEY VALUE` by KEY); a lone last word under ""."""
    opts: dict[str, str] = {}
    i = 0
    while i < len(args):
        if args[i] in ("--es", "--ei", "--ez") and i + 2 < len(args):
            opts[args[i + 1]] = args[i + 2]
            i += 3
        elif args[i].startswith("-") and i + 1 < len(args):
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            opts[""] = args[i]
            i += 1
    return opts


