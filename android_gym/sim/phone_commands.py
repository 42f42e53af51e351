"""The shell commands that reach the simulated phone, printing what Android 14 prints.

input, screencap, uiautomator, am, monkey, pm, dumpsys, settings, svc, cmd, appops, wm, getprop,
date and ime: the commands adbutils, uiautomator2 and the task families use to drive, set up and
read a device (`android_gym.devices.observed` parses these outputs on real devices too).
"""

from __future__ import annotations

import base64
import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from android_gym.sim.shell import Command, ShellResult, fail, ok
from android_gym.toggles import TOGGLES

if TYPE_CHECKING:
    from android_gym.sim.phone import Phone
    from android_gym.sim.shell import SimShell

KEYCODES = {
    "3": "home",
    "KEYCODE_HOME": "home",
    "4": "back",
    "KEYCODE_BACK": "back",
    "66": "enter",
    "KEYCODE_ENTER": "enter",
    "67": "delete",
    "KEYCODE_DEL": "delete",
    "187": "recent_apps",
    "KEYCODE_APP_SWITCH": "recent_apps",
}
"""Key codes `input keyevent` takes (number, name, or name without `KEYCODE_`) for the keys
the phone has."""
_IGNORED_KEYS = {"26", "KEYCODE_POWER", "224", "KEYCODE_WAKEUP", "82", "KEYCODE_MENU"}
"""Keys a phone has that change nothing here (its screen is always on, apps have no menu)."""

SETTINGS = {tuple(t.key.split()): t.name for t in TOGGLES}
"""Settings-provider (table, key) pairs that hold a phone toggle."""
_ON_VALUE = {"location": "3", "dark_theme": "2"}
_OFF_VALUE = {"dark_theme": "1"}
SWITCHES = {t.switch(on): (t.name, on) for t in TOGGLES for on in (True, False)}
"""Command lines that switch a toggle (`android_gym.toggles`)."""

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

    def activity_line(prefix: str) -> str:
        pkg, act = phone().foreground_package, phone().foreground.activity()
        return f"{prefix}ActivityRecord{{{_hash(pkg)} u0 {pkg}/{act} t{_task(pkg)}}}"

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
                if code in KEYCODES:
                    phone().press(KEYCODES[code])
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

    # -- system state ---------------------------------------------------------------------

    def dumpsys(args: list[str], stdin: bytes) -> ShellResult:
        service, rest = (args[0] if args else ""), args[1:]
        pkg = phone().foreground_package
        if service == "activity" and rest[:1] == ["top"]:
            return ok(
                f"TASK 10{_task(pkg):03d}:{pkg} id={_task(pkg)} userId=0\n"
                f"  ACTIVITY {pkg}/{phone().foreground.activity()} {_hash(pkg)} pid={_pid(pkg)}"
            )
        if service == "activity":
            app = phone().foreground
            data = f" dat={app.intent_data()}" if app.intent_data() else ""
            component = f"{pkg}/{app.activity()}"
            return ok(
                "ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)\n"
                "Display #0 (activities from top to bottom):\n"
                + activity_line("      * Hist  #0: ")
                + f"\n        intent={{flg=0x10000000{data} cmp={component}}}\n"
                + activity_line("  mResumedActivity: ")
                + "\n"
                + activity_line("  topResumedActivity=")
            )
        if service == "window":
            act = phone().foreground.activity()
            return ok(
                f"  mCurrentFocus=Window{{{_hash(pkg)} u0 {pkg}/{act}}}\n"
                + activity_line("  mFocusedApp=")
            )
        if service == "alarm":
            return ok(alarm_dump())
        if service == "notification":
            return ok(notification_dump())
        if service == "display":
            w, h = device.screen_size
            return ok(f"  mBaseDisplayInfo=DisplayInfo{{real {w} x {h}, rotation 0}} orientation=0")
        if service == "power":
            return ok("  mWakefulness=Awake\n  mHoldingDisplaySuspendBlocker=true")
        return ok(f"Can't find service: {service}")

    def alarm_dump() -> str:
        """The Clock's enabled alarms as the AlarmManager holds them: each at its next time
        (repeat days are not there: the Clock's alarm list shows those)."""
        now = now_dt()
        lines = [
            "Current Alarm Manager state:",
            f"  nowRTC={now:%Y-%m-%d %H:%M:%S}",
            "  Pending alarms:",
        ]
        clock = phone().apps.get("com.google.android.deskclock")
        for alarm in getattr(getattr(clock, "state", None), "alarms", ()):
            if not alarm.enabled:
                continue
            when = now.replace(hour=alarm.hour, minute=alarm.minute, second=0)
            if when <= now:
                when += timedelta(days=1)
            lines += [
                f"    RTC_WAKEUP #{alarm.id}: Alarm{{{_hash(str(alarm.id))} type 0 "
                "com.google.android.deskclock}",
                "      tag=*walarm*:com.google.android.deskclock.ALARM_ALERT",
                f"      type=RTC_WAKEUP origWhen={when:%Y-%m-%d %H:%M:%S}.000 window=0",
            ]
        return "\n".join(lines)

    def notification_dump() -> str:
        lines = ["Current Notification Manager state:", "  Notification List:"]
        for i, note in enumerate(phone().shade.posted()):
            lines.append(
                f"    NotificationRecord(0x{_hash(note.key)}: pkg={note.package} "
                f"user=UserHandle{{0}} id={i + 1} tag={note.key} importance=3 "
                f"key=0|{note.package}|{i + 1}|{note.key})"
            )
        shade = phone().shade.state
        lines.append(f"  mPanelExpanded={str(shade.open).lower()}")
        return "\n".join(lines)

    def settings(args: list[str], stdin: bytes) -> ShellResult:
        verb, table, key = args[0], args[1], args[2]
        name = SETTINGS.get((table, key))
        if verb == "get":
            if name is None:
                return ok(sh.settings.get(f"{table} {key}", "null"))
            on = phone().settings.get(name)
            return ok(_ON_VALUE.get(name, "1") if on else _OFF_VALUE.get(name, "0"))
        if verb == "put":
            if name is None:
                sh.settings[f"{table} {key}"] = args[3]
            else:
                set_toggle(name, args[3] not in ("0", "false", _OFF_VALUE.get(name)))
            return ok()
        return fail(f"Invalid command: {verb}")

    def set_toggle(name: str, on: bool) -> None:
        phone().settings.set(name, on)
        phone().changed()

    def switches(command: str, run: Command) -> Command:
        """`run`, unless the command line is one of the toggles' switch commands (they print
        nothing: a real device's differ in what they print, and nothing reads it)."""

        def dispatch(args: list[str], stdin: bytes) -> ShellResult:
            switch = SWITCHES.get(" ".join((command, *args)))
            if switch is None:
                return run(args, stdin)
            set_toggle(*switch)
            return ok()

        return dispatch

    def svc(args: list[str], stdin: bytes) -> ShellResult:
        return fail(f"svc: unknown command {' '.join(args)}")

    def cmd(args: list[str], stdin: bytes) -> ShellResult:
        service, rest = args[0], args[1:]
        if service == "package":
            return pm(rest, stdin)
        if service == "activity":
            return am(rest, stdin)
        if rest == ["airplane-mode"] and service == "connectivity":
            return ok("enabled" if phone().settings.get("airplane") else "disabled")
        if rest == ["night"] and service == "uimode":
            return ok("Night mode: " + ("yes" if phone().settings.get("dark_theme") else "no"))
        if service == "statusbar":
            shade = phone().shade.state
            if rest[0] == "collapse":
                phone().shade.close()
            else:
                shade.open = True
                shade.expanded = rest[0] == "expand-settings"
            phone().changed()
            return ok()
        return fail(f"cmd: Can't find service: {service}", 20)

    def appops(args: list[str], stdin: bytes) -> ShellResult:
        args = [a for a in args if a not in ("--user", "0")]
        if args[0] == "query-op":
            return query_op(args[1], args[2] if len(args) > 2 else "allow")
        verb, pkg, op = args[0], args[1], args[2]
        if op != "POST_NOTIFICATION":
            return ok("No operations.")
        if verb == "get":
            mode = "allow" if phone().settings.notifications_enabled(pkg) else "ignore"
            return ok(f"POST_NOTIFICATION: {mode}")
        if verb == "set":
            phone().settings.set_notifications(pkg, args[3] in ("allow", "default"))
            phone().changed()
            return ok()
        return fail(f"Unknown command: {verb}")

    def query_op(op: str, mode: str) -> ShellResult:
        """The packages whose `op` is in `mode` (`appops query-op`)."""
        allowed = phone().settings.notifications_enabled
        listed = [
            p
            for p in phone().installed
            if op == "POST_NOTIFICATION" and allowed(p) == (mode == "allow")
        ]
        return ok("\n".join(listed) if listed else "No operations.")

    # -- the device -------------------------------------------------------------------------

    def now_dt() -> datetime:
        from android_gym.content.calendar import today

        day = today(phone().date)
        hour, minute = divmod(phone().minute_of_day(), 60)
        return datetime(day.year, day.month, day.day, hour, minute, int(phone().elapsed) % 60)

    def date(args: list[str], stdin: bytes) -> ShellResult:
        now = now_dt()
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
        "input": input_,
        "screencap": screencap,
        "uiautomator": uiautomator,
        "am": am,
        "monkey": monkey,
        "pm": pm,
        "dumpsys": dumpsys,
        "settings": switches("settings", settings),
        "svc": switches("svc", svc),
        "cmd": switches("cmd", cmd),
        "appops": appops,
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


def _hash(text: str) -> str:
    """A stable hex id for a record (dumpsys prints object hashes)."""
    return f"{sum(ord(c) * 31**i for i, c in enumerate(text)) % 0xFFFFFFF:07x}"


def _task(package: str) -> int:
    return 10 + sum(map(ord, package)) % 90


def _pid(package: str) -> int:
    return 1000 + sum(map(ord, package)) % 9000
