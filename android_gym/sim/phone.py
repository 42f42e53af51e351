"""The simulated phone: apps, the task stack, input dispatch and the screen.

`Phone` is a deterministic state machine. Screens are pure functions of state, so laid-out
screens (with their screenshot and XML) are cached by a key of the state: a screen seen before
costs a lookup. Input is hit-tested on the laid-out screen and runs the handler found there;
handlers reach state through their app when they run (never through state objects captured
while the screen was built), so a cached screen acts on the live state. Any handler that runs
bumps `version`.

Time: every input event takes `INPUT_SECONDS` of the phone's clock (`elapsed` since reset), so
what moves with time (a video's progress, an app's download) moves as an agent acts. Packages:
the phone simulates the apps of `android_gym.sim.apps` and can install those of the app store
catalog; `installed` says which are on the phone now (what `pm list packages` reports), and
`downloads` the installs under way: each finishes (installs its app) once the clock passes its end,
whichever app is in front, as Android's download manager carries on behind the Play Store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from android_gym.devices.base import DeviceState
from android_gym.sim import system, theme
from android_gym.sim.apps.base import App
from android_gym.sim.apps.launcher import LAUNCHER, Launcher
from android_gym.sim.device_settings import SYSTEM, DeviceSettings
from android_gym.sim.hierarchy import scroll_target, tap_target, to_xml
from android_gym.sim.layout import layout
from android_gym.sim.render import Block, Renderer, display_list
from android_gym.sim.shade import Shade
from android_gym.sim.view import View, col, stack
from android_gym.sim.web import Web
from android_gym.urls import host

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
INPUT_SECONDS = 2.0
"""Phone time one input event takes (a tap, a swipe, typing, a key): about one agent step."""
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class PhoneConfig:
    """Screen geometry: `width` x `height` device pixels, rendered at `scale`."""

    width: int = 1080
    height: int = 2400
    scale: float = 0.5
    screen_cache: int = 512
    """How many laid-out screens to keep (with their XML and drawing plan, about 80 kB each),
    least recently used out. Every cached screen adds about 0.07 ms to each full garbage
    collection (about 100 objects to scan): 512 keeps a pause, and so the slowest step, under
    100 ms; 2048 is about 1.6x faster on long streams that revisit screens, with pauses of
    about 200-350 ms (docs/environment.md, "Garbage-collector pauses")."""

    def __post_init__(self) -> None:
        if not (320 <= self.width <= 4096 and 480 <= self.height <= 8192):
            raise ValueError(
                f"screen {self.width}x{self.height} out of range (320..4096 x 480..8192)"
            )
        if not 0.05 <= self.scale <= 2.0:
            raise ValueError(f"render scale {self.scale} out of range (0.05..2.0)")
        if self.screen_cache < 1:
            raise ValueError(f"screen_cache must be at least 1, got {self.screen_cache}")


class _Screen:
    """A laid-out screen and, once asked for, its drawing plan, XML and one encoding of its
    pixels (`Phone.encoded_screen`)."""

    __slots__ = ("encoded", "keyboard", "plan", "root", "xml")

    def __init__(self, root: View, keyboard: bool) -> None:
        self.root, self.keyboard = root, keyboard
        self.plan: list[Block] | None = None
        self.xml: str | None = None
        self.encoded: tuple[Hashable, bytes] | None = None


class Phone:
    """A simulated Android phone with the installed apps of `android_gym.sim.apps`."""

    def __init__(self, config: PhoneConfig | None = None) -> None:
        from android_gym.sim.apps import INSTALLED, STORE_APPS

        self.config = config or PhoneConfig()
        self.metrics = theme.Metrics(self.config.width)
        self.renderer = Renderer(self.config.width, self.config.height, self.config.scale)
        self.web = Web()
        self.rng = np.random.default_rng(0)
        self.clock = "9:38"
        self.date = "Saturday, Jun 1"
        self.elapsed = 0.0
        """Seconds of phone time since reset."""
        self._start_minute = 9 * 60 + 38
        self.version = 0
        self.layouts = 0
        """How many screens were built and laid out (cache misses), for benchmarks."""
        self._screens: OrderedDict[tuple, _Screen] = OrderedDict()
        self._retained: dict[tuple, View] = {}
        self.apps: dict[str, App] = {}
        for cls in (*INSTALLED, *STORE_APPS):
            self.apps[cls.package] = cls(self)
        self.system_packages = frozenset(cls.package for cls in INSTALLED)
        """Packages that come with the phone and cannot be uninstalled."""
        self.shade = Shade(self)
        self.reset(0)

    # -- lifecycle ----------------------------------------------------------------------------

    def reset(self, seed: int) -> None:
        """Fresh state for every app, the home screen in front, clock set from `seed`."""
        self.rng = np.random.default_rng(seed)
        hour, minute = int(self.rng.integers(7, 12)), int(self.rng.integers(0, 60))
        self._start_minute = hour * 60 + minute
        self.elapsed = 0.0
        self.clock = f"{hour}:{minute:02d}"
        day = int(self.rng.integers(0, 7))
        month, date = _MONTHS[int(self.rng.integers(0, 12))], int(self.rng.integers(1, 29))
        self.date = f"{_WEEKDAYS[day]}, {month} {date}"
        self.installed = tuple(sorted(self.system_packages))
        """Installed packages, sorted."""
        self.downloads: dict[str, tuple[float, float]] = {}
        """Installs under way: package -> (`elapsed` when it started, seconds it takes)."""
        self.settings = DeviceSettings()
        """System settings (Wi-Fi, dark theme, notifications per app, ...) that Settings, the
        shade and the task families share."""
        self.shade.reset(seed)
        for app in self.apps.values():
            app.reset()
        self.recents: list[str] = []
        self.foreground_package = LAUNCHER
        self.scroll: dict[str, int] = {}
        self.ime_hidden = False
        self.shifted = False
        self.symbols = False
        self._invalidate()

    def changed(self) -> None:
        """Tells the phone that app state changed outside input dispatch (task set-up)."""
        self._invalidate()

    def _invalidate(self) -> None:
        self.version += 1
        self._current: _Screen | None = None
        self._state: DeviceState | None = None

    @property
    def foreground(self) -> App:
        return self.apps[self.foreground_package]

    @property
    def launcher(self) -> Launcher:
        launcher = self.apps[LAUNCHER]
        assert isinstance(launcher, Launcher)
        return launcher

    def advance(self, seconds: float) -> None:
        """Moves the phone's clock on by `seconds`."""
        self.elapsed += seconds
        minute = self.minute_of_day()
        hour = minute // 60
        self.clock = f"{(hour - 1) % 12 + 1}:{minute % 60:02d}"
        # What is on screen may move with time (a video, a download): look it up again.
        self._current = None
        self._state = None
        for package, (start, seconds) in list(self.downloads.items()):
            if self.elapsed >= start + seconds:
                del self.downloads[package]
                self.install(package)

    def minute_of_day(self) -> int:
        """The phone's time of day in minutes after midnight (its clock shows 12-hour time)."""
        return (self._start_minute + int(self.elapsed // 60)) % (24 * 60)

    def download(self, package: str, seconds: float) -> bool:
        """Starts downloading an app of the store catalog: it installs once `seconds` of phone
        time have passed. False when unknown, installed or already downloading."""
        if package not in self.apps or package in self.installed or package in self.downloads:
            return False
        self.downloads[package] = (self.elapsed, seconds)
        return True

    def download_progress(self, package: str) -> float | None:
        """How far the download of `package` is (0 to 1), or None when none runs."""
        if package not in self.downloads:
            return None
        start, seconds = self.downloads[package]
        return min(1.0, (self.elapsed - start) / seconds)

    def cancel_download(self, package: str) -> bool:
        """Stops the download of `package`; False when none runs."""
        return self.downloads.pop(package, None) is not None

    def is_installed(self, package: str) -> bool:
        return package in self.installed

    def install(self, package: str) -> bool:
        """Installs an app of the store catalog (a task's set-up, or the Play Store); False when
        unknown or already installed."""
        if package not in self.apps or package in self.installed:
            return False
        self.installed = tuple(sorted((*self.installed, package)))
        self.apps[package].reset()
        self._invalidate()
        return True

    def uninstall(self, package: str) -> bool:
        """Removes an installed app that did not come with the phone (closing it first)."""
        if package not in self.installed or package in self.system_packages:
            return False
        if package in self.recents:
            self.recents.remove(package)
        if self.foreground_package == package:
            self.foreground_package = self.recents[-1] if self.recents else LAUNCHER
        self.installed = tuple(p for p in self.installed if p != package)
        self.apps[package].reset()
        self._invalidate()
        return True

    def open_app(self, package: str) -> None:
        """Brings `package` to the front, launching it when it is not running (an app that
        is not installed does not open)."""
        if package not in self.installed:
            return
        if package != LAUNCHER:
            if package not in self.recents:
                self.apps[package].launch()
            else:
                self.recents.remove(package)
            self.recents.append(package)
        self.foreground_package = package
        self.ime_hidden = False
        self._invalidate()

    def follow_link(self, url: str) -> bool:
        """Opens `url` in the app that claims its address (`App.links`), as Android opens app
        links; False when no app does (the browser then loads it)."""
        address = host(url) + urlsplit(url).path
        for app in self.apps.values():
            if any(address.startswith(prefix) for prefix in app.links):
                self.open_app(app.package)
                app.open_link(url)
                return True
        return False

    def force_stop(self, package: str) -> bool:
        """Stops `package` as `am force-stop` does (its task goes; the home screen shows if it
        was in front). Apps here keep no data beyond their state, so this is also `pm clear`.
        False when it is not installed."""
        if package not in self.installed:
            return False
        if package in self.recents:
            self.recents.remove(package)
        if package == LAUNCHER:
            self.launcher.show("home")
        else:
            self.apps[package].reset()
        if self.foreground_package == package:
            self.foreground_package = LAUNCHER
        self._invalidate()
        return True

    def close_foreground(self) -> None:
        """Finishes the foreground app and shows the one below it (or the home screen)."""
        if self.foreground_package in self.recents:
            self.recents.remove(self.foreground_package)
        self.apps[self.foreground_package].close()
        self.foreground_package = self.recents[-1] if self.recents else LAUNCHER
        self._invalidate()

    # -- input --------------------------------------------------------------------------------

    def tap(self, x: int, y: int) -> bool:
        """Taps at device pixel (x, y); True when something handled it."""
        self.advance(INPUT_SECONDS)
        target = tap_target(self.screen(), x, y)
        if target is None or target.on_tap is None:
            return False
        if target.editable:
            self.ime_hidden = False
        target.on_tap()
        self._invalidate()
        return True

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> bool:
        """Swipes from (x1, y1) to (x2, y2): scrolls the container under the finger or calls
        the swipe handler there. True when something moved."""
        self.advance(INPUT_SECONDS)
        target = scroll_target(self.screen(), x1, y1)
        if target is None:
            return False
        dx, dy = x2 - x1, y2 - y1
        if target.scroll:
            before = self.scroll.get(target.scroll, 0)
            after = min(max(0, before - dy), target.scroll_range)
            if after == before:
                return False
            self.scroll[target.scroll] = after
        else:
            assert target.on_swipe is not None
            direction = (
                ("up" if dy < 0 else "down")
                if abs(dy) >= abs(dx)
                else ("left" if dx < 0 else "right")
            )
            if not target.on_swipe(direction):
                return False
        self._invalidate()
        return True

    def _focused(self) -> View | None:
        return self.screen().find_focused_field()

    def type_text(self, value: str) -> bool:
        """Types into the focused field (appending, like `adb shell input text`)."""
        self.advance(INPUT_SECONDS)
        return self._type_text(value)

    def _type_text(self, value: str) -> bool:
        field = self._focused()
        if field is None or field.on_change is None or not value:
            return False
        field.on_change(field.text + value)
        self._invalidate()
        return True

    def clear_text(self) -> bool:
        """Empties the focused field (an input method's clear); False when none is focused."""
        field = self._focused()
        if field is None or field.on_change is None:
            return False
        field.on_change("")
        self._invalidate()
        return True

    def hide_keyboard(self) -> None:
        """Hides the soft keyboard, as an input method may."""
        self.ime_hidden = True
        self._invalidate()

    def press(self, key: str) -> bool:
        """Presses a key: "back", "home", "recent_apps", "enter", or "delete" (erases the last
        character of the focused field)."""
        self.advance(INPUT_SECONDS)
        return self._press(key)

    def _press(self, key: str) -> bool:
        if self.shade.state.open and key != "enter":
            self.shade.close()
            if key == "back":
                self._invalidate()
                return True
        if key == "home":
            self.foreground_package = LAUNCHER
            self.launcher.show("home")
            self.ime_hidden = False
        elif key == "recent_apps":
            self.foreground_package = LAUNCHER
            self.launcher.show("recents")
        elif key == "enter":
            field = self._focused()
            if field is None or field.on_submit is None:
                return False
            field.on_submit()
        elif key == "delete":
            self._key("delete")
        elif key == "back":
            if self._entry().keyboard:
                self.ime_hidden = True
            elif not self.foreground.back():
                if self.foreground_package == LAUNCHER:
                    return False
                self.close_foreground()
        else:
            raise ValueError(
                f"unknown key {key!r}; accepted: back, home, recent_apps, enter, delete"
            )
        self._invalidate()
        return True

    def _key(self, value: str) -> None:
        """A key of the soft keyboard (called from a tap, which then invalidates)."""
        if value == "shift":
            self.shifted = not self.shifted
        elif value == "symbols":
            self.symbols = not self.symbols
        elif value == "enter":
            self._press("enter")
        elif value == "space":
            self._type_text(" ")
        elif value in ("delete",) or value.startswith("suggest:"):
            field = self._focused()
            if field is not None and field.on_change is not None:
                field.on_change(
                    field.text[:-1] if value == "delete" else _with_word(field.text, value[8:])
                )
        else:
            self._type_text(value)
            self.shifted = False

    # -- output -------------------------------------------------------------------------------

    def _screen_key(self) -> tuple:
        app = self.foreground
        return (
            app.package,
            app.screen_key(),
            tuple(sorted((k, v) for k, v in self.scroll.items() if v)),
            self.ime_hidden,
            self.shifted,
            self.symbols,
            self.clock,
            self.settings.key(),
            self.shade.key(),
            self.installed,
        )

    def _compose(self) -> tuple[View, bool]:
        """The whole screen's tree for the current state, and whether it shows the keyboard."""
        app = self.foreground
        shade = self.shade.state.open
        if shade:  # the shade covers the app's window
            content, window = self.shade.build(), system.SYSTEM_UI
            bars, light = content.bg, self.settings.dark_theme
        else:
            content, window = app.build(), app.package
            bars, light = app.bar_color, app.light_bars
        focused = content.find_focused_field()
        status = system.status_bar(
            self.clock, bars, light, system.indicators(self.settings), self.shade.swipe
        )
        parts: list[View | None] = [status, col(content, flex=1, package=window)]
        keyboard = focused is not None and not self.ime_hidden
        if keyboard:
            keys = self._retain(
                ("keys", self.shifted, self.symbols),
                lambda: system.keyboard_keys(self._key, self.shifted, self.symbols),
            )
            strip = system.suggestion_strip(self._key, _suggestions(focused.text))
            parts.append(system.keyboard(strip, keys))
        parts.append(
            self._retain(("nav", bars, light), lambda: system.nav_bar(self.press, bars, light))
        )
        backdrop = None if shade else app.backdrop()
        root = stack(
            backdrop,
            col(*parts, package=window),
            package=window,
            bg=None if backdrop else theme.WHITE,
            cls="android.widget.FrameLayout",
        )
        return root, keyboard

    def _retain(self, key: tuple, build) -> View:
        """A retained view (system UI that never changes for `key`), built once per phone."""
        view = self._retained.get(key)
        if view is None:
            view = self._retained[key] = build()
            view.retained = True
        return view

    def _entry(self) -> _Screen:
        if self._current is None:
            key = self._screen_key()
            entry = self._screens.get(key)
            if entry is None:
                root, keyboard = self._compose()
                self.layouts += 1
                layout(root, self.config.width, self.config.height, self.metrics, self.scroll)
                entry = _Screen(root, keyboard)
                self._screens[key] = entry
                if len(self._screens) > self.config.screen_cache:
                    self._screens.popitem(last=False)
            else:
                self._screens.move_to_end(key)
            self._current = entry
        return self._current

    def screen(self) -> View:
        """The laid-out view tree of the whole screen (do not call its handlers: use input)."""
        return self._entry().root

    def screenshot(self) -> np.ndarray:
        """The screen as a new uint8 RGB array at the render scale (the caller owns it)."""
        entry = self._entry()
        if entry.plan is None:
            frame, entry.plan = self.renderer.draw(display_list(entry.root))
            return frame
        return self.renderer.replay(entry.plan)

    def encoded_screen(self, key: Hashable, encode: Callable[[np.ndarray], bytes]) -> bytes:
        """The screen's pixels as `encode` writes them (a PNG, a JPEG of some quality: `key`
        names which), kept with the laid-out screen, so that a screen shown again is not
        encoded again (one encoding a screen: the latest key asked)."""
        entry = self._entry()
        if entry.encoded is None or entry.encoded[0] != key:
            entry.encoded = (key, encode(self.screenshot()))
        return entry.encoded[1]

    def ui_xml(self) -> str:
        """The screen as a uiautomator XML dump."""
        entry = self._entry()
        if entry.xml is None:
            entry.xml = to_xml(entry.root, self.foreground_package)
        return entry.xml

    def state(self) -> DeviceState:
        """The observable state that task families judge (facts of the installed apps)."""
        if self._state is None:
            app = self.foreground
            self._state = DeviceState(
                package=app.package,
                activity=app.activity(),
                url=app.url(),
                packages=self.installed,
                facts={
                    **{pkg: self.apps[pkg].facts() for pkg in self.installed},
                    system.SYSTEM_UI: self.shade.facts(),
                    SYSTEM: self.settings.facts(),
                },
            )
        return self._state


def _with_word(typed: str, word: str) -> str:
    """`typed` with its last word replaced by a keyboard suggestion."""
    head = typed.rsplit(" ", 1)[0] if " " in typed else ""
    return (head + " " if head else "") + word + " "


def _suggestions(typed: str) -> list[str]:
    """Gboard's word suggestions for the word being typed."""
    word = typed.rsplit(" ", 1)[-1]
    if not word:
        return ["I", "the", "thanks"]
    return [word, word + "s", word + "ing"]
