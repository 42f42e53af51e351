"""Any adb device (emulator, phone, the simulated phone served by `serve-adb`) as a Device.

    env = gym.make("AndroidGeneral-v0", device="adb:emulator-5554")
    env = gym.make("AndroidGeneral-v0", device="adb:127.0.0.1:5555",
                   device_options={"settle": {"cap_s": 3.0}, "timeout_s": 10})

The device strings are in `android_gym.devices.adb_address`; the options are `AdbDevice`'s
keyword arguments. The screen goes through uiautomator2 (or the shell fallback, see
`adb_drivers`), commands through adbutils, both over the tuned connections of `adb_link`.
After every input the device waits for the screen to settle (`settle`) and keeps the report in
`last_settle`, which the environment copies into `info["settle"]`.

Faults raise `DeviceDisconnected`, `DeviceTimeout` or `DeviceOutputError`; the environment ends
the episode truncated with `info["error"]`, and the next `reset` reconnects (with retries and
backoff). Reset is cheapest first: Home and `am force-stop` of every app seen in front during
the episode; `pm clear` of `clear_packages`; an emulator snapshot where `snapshot` names one.
"""

from __future__ import annotations

import logging
import re
import shlex
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

import adbutils
import numpy as np

from android_gym.devices.adb_address import AdbAddress, parse_adb_spec
from android_gym.devices.adb_drivers import Driver, ShellDriver, UiautomatorDriver
from android_gym.devices.adb_kept_shell import KeptCommand
from android_gym.devices.adb_link import (
    RPC_PORT,
    FastAdbClient,
    device_state,
    load_emulator_snapshot,
    translate_errors,
)
from android_gym.devices.base import DeviceState, Observation
from android_gym.devices.observed import COMMAND as STATE_COMMAND
from android_gym.devices.observed import state_from
from android_gym.devices.settle import SettleOptions, settle
from android_gym.errors import (
    DeviceDisconnected,
    DeviceError,
    DeviceOutputError,
    DeviceTimeout,
    InvalidChoice,
)
from android_gym.packages import CHROME
from android_gym.ui import parse_ui_xml

log = logging.getLogger(__name__)

DRIVERS = ("auto", "uiautomator2", "shell")
ALWAYS_KEPT = ("android", "com.android.systemui", "com.github.uiautomator")
"""Packages a reset never force-stops: the system, its UI, uiautomator2's app (its IME)."""
_PACKAGE = re.compile(r"^package:(\S+)$", re.MULTILINE)
_FINAL = (DeviceDisconnected, DeviceTimeout, DeviceOutputError)
"""Failures no driver fallback helps: a lost or hung device, a broken answer."""
T = TypeVar("T")


class AdbDevice:
    """A phone or emulator reached through an adb server.

    Args:
        spec: an `adb...` device string (`adb_address`), e.g. "adb:emulator-5554".
        driver: "auto" (uiautomator2, and the shell driver when its server cannot start or
            stops working), "uiautomator2" or "shell".
        settle: after each input, wait for the screen to settle: `SettleOptions`, a dict of
            its fields, True (defaults) or False/None (no wait).
        timeout_s: the longest any one device call may take.
        connect_attempts, backoff_s: reconnecting tries this many times, waiting backoff_s,
            then twice as long, ... between tries.
        clear_packages: packages to `pm clear` (wipe their data) at every reset.
        keep_packages: packages a reset never force-stops (besides `ALWAYS_KEPT` and the
            launcher).
        snapshot: an emulator snapshot to load at every reset (`adb emu avd snapshot load`),
            for emulators only (serial emulator-N).
        hierarchy_reuse_s: a dump younger than this, with nothing sent to the device since,
            is returned again instead of dumping anew (the env reads the hierarchy, then the
            state, which reads it too).
        screenshot_scale, jpeg_quality: screenshots (uiautomator2 driver) are JPEGs of this
            quality at this fraction of the screen size, scaled on the device: 0.5 moves a
            quarter of the pixels (the env resizes observations anyway). The shell driver's
            `screencap -p` is always full-size PNG.
        rpc_port: the device port of the uiautomator2 server (uiautomator2's default 9008).
    """

    def __init__(
        self,
        spec: str = "adb",
        *,
        driver: str = "auto",
        settle: SettleOptions | dict[str, Any] | bool | None = True,
        timeout_s: float = 20.0,
        connect_attempts: int = 4,
        backoff_s: float = 0.5,
        clear_packages: Sequence[str] = (),
        keep_packages: Sequence[str] = (),
        snapshot: str | None = None,
        hierarchy_reuse_s: float = 0.25,
        screenshot_scale: float = 1.0,
        jpeg_quality: int = 80,
        rpc_port: int = RPC_PORT,
    ) -> None:
        if driver not in DRIVERS:
            raise InvalidChoice("adb driver", driver, DRIVERS)
        if timeout_s <= 0 or connect_attempts < 1 or backoff_s < 0:
            raise ValueError("timeout_s must be > 0, connect_attempts >= 1 and backoff_s >= 0")
        self.address: AdbAddress = parse_adb_spec(spec)
        self.driver_mode = driver
        self.settle_options = SettleOptions.of(settle)
        self.timeout_s = float(timeout_s)
        self.connect_attempts = int(connect_attempts)
        self.backoff_s = float(backoff_s)
        self.clear_packages = tuple(clear_packages)
        self.keep_packages = frozenset(ALWAYS_KEPT) | frozenset(keep_packages)
        self.snapshot = snapshot
        self.hierarchy_reuse_s = float(hierarchy_reuse_s)
        if not 0.05 <= screenshot_scale <= 1.0 or not 1 <= jpeg_quality <= 100:
            raise ValueError("screenshot_scale must be in [0.05, 1] and jpeg_quality in [1, 100]")
        self.screenshot_scale = float(screenshot_scale)
        self.jpeg_quality = int(jpeg_quality)
        self.rpc_port = int(rpc_port)
        self.last_settle: dict[str, Any] | None = None
        """The settle report of the latest input (`SettleReport.as_info()`), None without."""
        self.serial = self.address.serial or ""
        self._client = FastAdbClient(
            self.address.server_host, self.address.server_port, self.timeout_s
        )
        self._adb: adbutils.AdbDevice | None = None
        self._shell_v2 = False
        self._state_read: KeptCommand | None = None  # the state's command, on a kept shell
        self._driver: Driver | None = None
        self._size = (0, 0)
        self._broken = False
        self._seen_packages: set[str] = set()
        self._launcher: str | None = None
        self._xml: tuple[float, str] | None = None  # (time read, dump) while still fresh
        self._workers: ThreadPoolExecutor | None = None  # observe()'s, made on first use
        self._connect()

    # -- connection -----------------------------------------------------------------------

    @property
    def driver(self) -> str:
        """The driver in use: "uiautomator2" or "shell"."""
        return self._driver.name if self._driver is not None else ""

    def _connect(self) -> None:
        with translate_errors("connect", self.address.spec):
            self._client.ensure_server()
            adb = self._attach()
            self._adb = adb
            self._shell_v2 = "shell_v2" in adb.get_features().split(",")
            width, height = adb.window_size(landscape=False)
            self._size = (int(width), int(height))
        self._close_state_read()
        self._state_read = KeptCommand(
            STATE_COMMAND, adb, self.timeout_s, self._shell_output, kept=self._shell_v2
        )
        self._driver = self._make_driver()
        self._broken = False
        log.info("connected to %s (%s driver)", self.serial, self.driver)

    def _attach(self) -> adbutils.AdbDevice:
        """The device, `adb connect`ed first when it is HOST:PORT. A HOST:PORT device the
        adb server still holds offline (it lost it, and retries on its own schedule) is
        disconnected and connected anew, as `adb reconnect` would."""
        if self.address.over_tcp:
            self._adb_connect()
        self.serial = self.address.serial or self._only_serial()
        adb = self._client.device(self.serial)
        state = device_state(adb)
        if state == "offline" and self.address.over_tcp:
            self._client.disconnect(self.serial)
            self._adb_connect()
            state = device_state(adb)
        if state != "device":
            raise DeviceDisconnected(f"{self.serial} is {state!r}, not 'device'")
        return adb

    def _adb_connect(self) -> None:
        answer = self._client.connect(self.serial, timeout=self.timeout_s)
        if "connected" not in answer:
            raise DeviceDisconnected(f"adb connect {self.serial}: {answer}")

    def _only_serial(self) -> str:
        serials = [info.serial for info in self._client.list() if info.state == "device"]
        if len(serials) != 1:
            raise DeviceError(
                f"the adb server at {self._client.host}:{self._client.port} lists "
                f"{len(serials)} devices ({', '.join(serials) or 'none'}); name one: adb:SERIAL"
            )
        return serials[0]

    def _make_driver(self) -> Driver:
        assert self._adb is not None
        if self.driver_mode != "shell":
            try:
                with translate_errors("starting uiautomator2", self.serial):
                    return UiautomatorDriver(
                        self._adb,
                        self.timeout_s,
                        self.screenshot_scale,
                        self.jpeg_quality,
                        self.rpc_port,
                    )
            except (DeviceDisconnected, DeviceTimeout):
                raise
            except DeviceError as exc:
                if self.driver_mode == "uiautomator2":
                    raise
                log.warning("%s; using the shell driver (screencap, uiautomator dump)", exc)
        return ShellDriver(self._adb, self.shell, self.timeout_s)

    def reconnect(self) -> None:
        """Connects anew, `connect_attempts` times at most, waiting `backoff_s`, then twice
        that, ... between tries; raises `DeviceDisconnected` with the last error."""
        self._close_driver()
        delay, last = self.backoff_s, None
        for attempt in range(self.connect_attempts):
            if attempt:
                time.sleep(delay)
                delay *= 2
            try:
                self._connect()
                return
            except DeviceError as exc:
                last = exc
                log.info(
                    "reconnect %d/%d to %s: %s",
                    attempt + 1,
                    self.connect_attempts,
                    self.address.spec,
                    exc,
                )
        raise DeviceDisconnected(
            f"could not reconnect to {self.address.spec} in {self.connect_attempts} tries: {last}"
        )

    def _call(self, what: str, function: Callable[..., T], *args: Any) -> T:
        """Runs one device call with typed errors; a lost or hung device is marked broken (the
        next reset reconnects)."""
        try:
            with translate_errors(what, self.serial):
                return function(*args)
        except (DeviceDisconnected, DeviceTimeout):
            self._broken = True
            raise

    def _drive(self, method: str, *args: Any) -> Any:
        """Calls a `Driver` method. In "auto" mode a uiautomator2 driver that fails (its server
        died and would not restart) is replaced by the shell driver, which repeats the call."""
        try:
            return self._call(method, getattr(self._active(), method), *args)
        except (DeviceDisconnected, DeviceTimeout, DeviceOutputError):
            raise
        except DeviceError as exc:
            if self.driver_mode != "auto" or self.driver != UiautomatorDriver.name:
                raise
            log.warning("%s; switching %s to the shell driver", exc, self.serial)
            self._close_driver()
            assert self._adb is not None
            self._driver = ShellDriver(self._adb, self.shell, self.timeout_s)
            return self._call(method, getattr(self._driver, method), *args)

    def _close_driver(self) -> None:
        self._close_quietly("driver", self._driver)
        self._driver = None

    def _close_quietly(self, what: str, link: Driver | KeptCommand | None) -> None:
        if link is not None:
            try:
                link.close()
            except Exception:  # closing a dead link must not hide the fault being handled
                log.debug("closing the %s of %s failed", what, self.serial, exc_info=True)

    # -- the Device protocol ----------------------------------------------------------------

    @property
    def screen_size(self) -> tuple[int, int]:
        return self._size

    def reset(self, seed: int) -> None:
        """Reconnects if the last episode lost the device, loads the snapshot if one is set,
        presses Home, force-stops the apps seen in front since the last reset and clears
        `clear_packages`. `seed` is unused: a real device has no seeded start state."""
        del seed
        if self._broken or self._driver is None:
            self.reconnect()
        if self.snapshot:
            self._load_snapshot()
        self.key("home")
        if self._launcher is None:
            self._launcher = self.state().package
        stop = sorted(self._seen_packages - self.keep_packages - {self._launcher})
        commands = [f"am force-stop {p}" for p in stop]
        commands += [f"pm clear {p}" for p in self.clear_packages]
        if commands:
            self.shell("; ".join(commands))
        self._seen_packages.clear()
        self._after_input()

    def launch(self, package: str) -> None:
        """Opens an app's launcher activity (`monkey -p PKG -c ...LAUNCHER 1`)."""
        output = self.shell(
            f"monkey -p {shlex.quote(package)} -c android.intent.category.LAUNCHER 1"
        )
        if "No activities found" in output or "aborted" in output:
            installed = _PACKAGE.findall(self.shell("pm list packages"))
            raise InvalidChoice("app package", package, installed)
        self._seen_packages.add(package)
        self._after_input()

    def open_url(self, url: str) -> None:
        """Opens a URL in Chrome (`am start -a android.intent.action.VIEW -d URL -p CHROME`)."""
        output = self.shell(
            "am start -a android.intent.action.VIEW -d " + shlex.quote(url) + f" -p {CHROME}"
        )
        if output.lstrip().startswith("Error") or "\nError" in output:
            raise DeviceError(f"am start of {url!r} on {self.serial} failed: {output.strip()}")
        self._seen_packages.add(CHROME)
        self._after_input()

    def tap(self, x: int, y: int) -> None:
        self._drive("tap", int(x), int(y))
        self._after_input()

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self._drive("swipe", int(x1), int(y1), int(x2), int(y2))
        self._after_input()

    def type_text(self, text: str) -> None:
        self._drive("text", text)
        self._after_input()

    def key(self, name: str) -> None:
        self._drive("key", name)
        self._after_input()

    def screenshot(self) -> np.ndarray:
        return self._drive("screenshot")

    def ui_xml(self) -> str:
        """The hierarchy dump (the last one if younger than `hierarchy_reuse_s` and nothing
        was sent since); raises `DeviceOutputError` when it is not a uiautomator hierarchy."""
        fresh = self._fresh_xml()
        return self._remember(self._dump()) if fresh is None else fresh

    def state(self) -> DeviceState:
        """What families judge, read from the hierarchy and one shell command (`observed`) on
        the kept shell (`adb_kept_shell`)."""
        xml = self.ui_xml()
        return self._state_of(xml, self._call("state read", self._reader().run))

    def observe(self) -> Observation:
        """The hierarchy, the state and the screenshot of the screen, asked for at once. The
        state's shell command goes first, written to the kept shell (`adb_kept_shell`), and
        its answer is read last, so the device runs it while this process asks for the rest.
        With a fresh dump at hand (settling on) this thread then takes the screenshot; without
        one a worker thread takes it (on a JSON-RPC connection of its own) while this one
        dumps the hierarchy. Where the device has no kept shell, a worker runs the command on
        a stream of its own. A phone works on them together (its uiautomator2 server serves
        each connection in a thread, adbd each shell in a process), and this process decodes
        one answer while it waits for the others. Only reads are in flight, and all have
        ended when this returns, so inputs reach the device in the order of the calls.

        A lost or hung device raises `DeviceDisconnected` or `DeviceTimeout`, a broken answer
        `DeviceOutputError`, as the serial calls do; after any other failure the three calls
        are made again in turn, with their fallbacks (the shell driver in "auto" mode)."""
        driver = self._active()
        reader = self._reader()
        asked = self._call("state read", reader.ask)
        xml = self._fresh_xml()
        shot = printed = None
        if xml is None or not asked:
            if self._workers is None:
                self._workers = ThreadPoolExecutor(
                    2, thread_name_prefix=f"adb-observe-{self.serial}"
                )
            shot = self._workers.submit(self._call, "screenshot", driver.screenshot)
            if xml is None and not asked:
                printed = self._workers.submit(self._call, "state read", reader.answer)
        if xml is None:
            dumped = _done(lambda: self._remember(self._call("hierarchy", driver.hierarchy)))
        else:
            dumped = _done(lambda: xml)
        if shot is None:
            shot = _done(lambda: self._call("screenshot", driver.screenshot))
        if printed is None:
            printed = _done(lambda: self._call("state read", reader.answer))
        wait((shot, printed))
        outcomes = (dumped.exception(), shot.exception(), printed.exception())
        failures = [exc for exc in outcomes if exc is not None]
        for exc in failures:
            if not isinstance(exc, DeviceError) or isinstance(exc, _FINAL):
                raise exc
        if failures:
            return Observation(self.ui_xml(), self.state(), self.screenshot())
        xml = dumped.result()
        return Observation(xml, self._state_of(xml, printed.result()), shot.result())

    def shell(self, command: str) -> str:
        """Runs `command` in the device's shell; its stdout and stderr as text."""
        self._xml = None  # a command may change the screen
        return self._call("shell", self._shell_output, command)

    def close(self) -> None:
        """Closes this process's connections (the uiautomator2 server keeps running)."""
        if self._workers is not None:
            self._workers.shutdown()
            self._workers = None
        self._close_driver()
        self._close_state_read()

    # -- internals ----------------------------------------------------------------------------

    def _active(self) -> Driver:
        if self._driver is None:
            raise DeviceDisconnected(f"{self.address.spec} is not connected; reset() reconnects")
        return self._driver

    def _dump(self) -> str:
        return self._drive("hierarchy")

    def _reader(self) -> KeptCommand:
        if self._state_read is None:
            raise DeviceDisconnected(f"{self.address.spec} is not connected; reset() reconnects")
        return self._state_read

    def _close_state_read(self) -> None:
        self._close_quietly("kept shell", self._state_read)
        self._state_read = None

    def _fresh_xml(self) -> str | None:
        """The last dump if younger than `hierarchy_reuse_s` with nothing sent since."""
        if self._xml is not None and time.monotonic() - self._xml[0] < self.hierarchy_reuse_s:
            return self._xml[1]
        return None

    def _shell_output(self, command: str) -> str:
        """What `command` prints, stdout then stderr (it does not forget the last dump: the
        caller does when the command may change the screen)."""
        assert self._adb is not None, "connected in __init__"
        if self._shell_v2:  # stdout and stderr apart, so stdout comes first as documented
            done = self._adb.shell2(command, self.timeout_s, v2=True)
            return str(done.stdout) + str(done.stderr)
        return self._adb.shell(command, timeout=self.timeout_s, rstrip=False)

    def _state_of(self, xml: str, printed: str) -> DeviceState:
        """The state in a dump and the state command's output (the command only prints: the
        dump still holds)."""
        state = state_from(xml, printed)
        self._seen_packages.add(state.package)
        return state

    def _remember(self, xml: str) -> str:
        try:
            parse_ui_xml(xml)
        except DeviceError as exc:
            raise DeviceOutputError(f"broken hierarchy dump from {self.serial}: {exc}") from None
        self._xml = (time.monotonic(), xml)
        return xml

    def _after_input(self) -> None:
        """Waits for the screen to settle (if enabled) and keeps its last dump and report."""
        self._xml = None
        if self.settle_options is None:
            self.last_settle = None
            return
        xml, report = settle(self._dump, self.settle_options, time.monotonic())
        self._remember(xml)
        self.last_settle = report.as_info()

    def _load_snapshot(self) -> None:
        """Loads `snapshot` (emulators only), then reconnects."""
        assert self.snapshot is not None
        load_emulator_snapshot(self._client, self.serial, self.snapshot)
        self.reconnect()


def _done(call: Callable[[], T]) -> Future[T]:
    """A future that holds what `call()` returned or raised, run here and now."""
    future: Future[T] = Future()
    try:
        future.set_result(call())
    except BaseException as exc:  # held, raised by the caller once its workers are done
        future.set_exception(exc)
    return future


def list_adb_devices(server: str | None = None, timeout_s: float = 10.0) -> list[str]:
    """The `adb:...` strings of every device the adb server lists as ready (server: "HOST:PORT",
    default the usual one), e.g. for `make_vector_env(n, device=list_adb_devices())`."""
    address = parse_adb_spec(f"adb:@{server}" if server else "adb")
    client = FastAdbClient(address.server_host, address.server_port, timeout_s)
    with translate_errors("list devices", f"{address.server_host}:{address.server_port}"):
        client.ensure_server()
        infos = client.list()
    return [
        AdbAddress(info.serial, address.server_host, address.server_port).spec
        for info in infos
        if info.state == "device"
    ]
