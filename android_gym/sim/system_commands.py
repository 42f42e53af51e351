"""The shell commands that read and switch the simulated phone's system state, printing what
Android 14 prints: dumpsys (activity, window, alarm, notification, display, power), settings,
svc, cmd (connectivity, uimode, statusbar; `cmd package` and `cmd activity` are pm and am) and
appops. `android_gym.devices.observed` parses these outputs on real devices too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from android_gym.sim.shell import Command, ShellResult, fail, ok
from android_gym.toggles import TOGGLES

if TYPE_CHECKING:
    from android_gym.sim.phone import Phone
    from android_gym.sim.shell import SimShell

SETTINGS = {tuple(t.key.split()): t.name for t in TOGGLES}
"""Settings-provider (table, key) pairs that hold a phone toggle."""
_ON_VALUE = {"location": "3", "dark_theme": "2"}
_OFF_VALUE = {"dark_theme": "1"}
SWITCHES = {t.switch(on): (t.name, on) for t in TOGGLES for on in (True, False)}
"""Command lines that switch a toggle (`android_gym.toggles`)."""


def device_time(phone: Phone) -> datetime:
    """The phone's local date and time (what `date` prints)."""
    from android_gym.content.calendar import today

    day = today(phone.date)
    hour, minute = divmod(phone.minute_of_day(), 60)
    return datetime(day.year, day.month, day.day, hour, minute, int(phone.elapsed) % 60)


def system_commands(sh: SimShell) -> dict[str, Command]:
    """The system-state commands of `sh`'s device, by name."""
    device = sh.device

    def phone() -> Phone:
        return device.phone

    def activity_line(prefix: str) -> str:
        pkg, act = phone().foreground_package, phone().foreground.activity()
        return f"{prefix}ActivityRecord{{{_hash(pkg)} u0 {pkg}/{act} t{_task(pkg)}}}"

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
        now = device_time(phone())
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
        if service in ("package", "activity"):  # `cmd package` is pm, `cmd activity` am
            return sh.call([{"package": "pm", "activity": "am"}[service], *rest], stdin)
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

    return {
        "dumpsys": dumpsys,
        "settings": switches("settings", settings),
        "svc": switches("svc", svc),
        "cmd": switches("cmd", cmd),
        "appops": appops,
    }


def _hash(text: str) -> str:
    """A stable hex id for a record (dumpsys prints object hashes)."""
    return f"{sum(ord(c) * 31**i for i, c in enumerate(text)) % 0xFFFFFFF:07x}"


def _task(package: str) -> int:
    return 10 + sum(map(ord, package)) % 90


def _pid(package: str) -> int:
    return 1000 + sum(map(ord, package)) % 9000
