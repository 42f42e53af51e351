"""The simulated phone: apps, the task stack, input dispatch and the screen.

`Phone` is a deterministic state machine. Input (tap, swipe, type, keys) is dispatched by
hit-testing the laid-out view tree; any handler that runs bumps `version`, and the screen (tree,
layout, screenshot, XML) is rebuilt lazily once per version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from android_gym.sim import system, theme
from android_gym.sim.apps.base import App
from android_gym.sim.apps.launcher import LAUNCHER, Launcher
from android_gym.sim.hierarchy import scroll_target, tap_target, to_xml
from android_gym.sim.layout import layout
from android_gym.sim.render import Renderer, display_list
from android_gym.sim.view import View, col, stack
from android_gym.sim.web import Web


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class PhoneConfig:
    """Screen geometry: `width` x `height` device pixels, rendered at `scale`."""

    width: int = 1080
    height: int = 2400
    scale: float = 0.5

    def __post_init__(self) -> None:
        if not (320 <= self.width <= 4096 and 480 <= self.height <= 8192):
            raise ValueError(f"screen {self.width}x{self.height} out of range (320..4096 x 480..8192)")
        if not 0.05 <= self.scale <= 2.0:
            raise ValueError(f"render scale {self.scale} out of range (0.05..2.0)")


@dataclass(frozen=True)
class PhoneState:
    """What task families judge: the foreground app, its activity and URL, and app facts."""

    package: str
    activity: str
    url: str | None
    facts: dict[str, dict[str, Any]]


class Phone:
    """A simulated Android phone with the installed apps of `android_gym.sim.apps`."""

    def __init__(self, config: PhoneConfig | None = None) -> None:
        from android_gym.sim.apps import INSTALLED

        self.config = config or PhoneConfig()
        self.metrics = theme.Metrics(self.config.width)
        self.renderer = Renderer(self.config.width, self.config.height, self.config.scale)
        self.web = Web()
        self.rng = np.random.default_rng(0)
        self.clock = "9:38"
        self.date = "Saturday, Jun 1"
        self.version = 0
        self.apps: dict[str, App] = {}
        for cls in INSTALLED:
            self.apps[cls.package] = cls(self)
        self.reset(0)

    # -- lifecycle ----------------------------------------------------------------------------

    def reset(self, seed: int) -> None:
        """Fresh state for every app, the home screen in front, clock set from `seed`."""
        self.rng = np.random.default_rng(seed)
        hour, minute = int(self.rng.integers(7, 12)), int(self.rng.integers(0, 60))
        self.clock = f"{hour}:{minute:02d}"
        day = int(self.rng.integers(0, 7))
        self.date = f"{_WEEKDAYS[day]}, {_MONTHS[int(self.rng.integers(0, 12))]} {int(self.rng.integers(1, 29))}"
        for app in self.apps.values():
            app.reset()
        self.recents: list[str] = []
        self.foreground_package = LAUNCHER
        self.scroll: dict[str, int] = {}
        self.ime_hidden = False
        self.shifted = False
        self.symbols = False
        self._keyboard = False
        self._invalidate()

    def _invalidate(self) -> None:
        self.version += 1
        self._root: View | None = None
        self._xml: str | None = None
        self._frame: np.ndarray | None = None

    @property
    def foreground(self) -> App:
        return self.apps[self.foreground_package]

    @property
    def launcher(self) -> Launcher:
        launcher = self.apps[LAUNCHER]
        assert isinstance(launcher, Launcher)
        return launcher

    def open_app(self, package: str) -> None:
        """Brings `package` to the front, launching it when it is not running."""
        if package not in self.apps:
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

    def close_foreground(self) -> None:
        """Finishes the foreground app and shows the one below it (or the home screen)."""
        if self.foreground_package in self.recents:
            self.recents.remove(self.foreground_package)
        self.apps[self.foreground_package].reset()
        self.foreground_package = self.recents[-1] if self.recents else LAUNCHER
        self._invalidate()

    # -- input --------------------------------------------------------------------------------

    def tap(self, x: int, y: int) -> bool:
        """Taps at device pixel (x, y); True when something handled it."""
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
            direction = ("up" if dy < 0 else "down") if abs(dy) >= abs(dx) else ("left" if dx < 0 else "right")
            if not target.on_swipe(direction):
                return False
        self._invalidate()
        return True

    def type_text(self, value: str) -> bool:
        """Types into the focused field (appending, like `adb shell input text`)."""
        field = self.screen().find_focused_field()
        if field is None or field.on_change is None or not value:
            return False
        field.on_change(field.text + value)
        self._invalidate()
        return True

    def press(self, key: str) -> bool:
        """Presses a system key: "back", "home", "recent_apps" or "enter"."""
        if key == "home":
            self.foreground_package = LAUNCHER
            self.launcher.show("home")
            self.ime_hidden = False
        elif key == "recent_apps":
            self.foreground_package = LAUNCHER
            self.launcher.show("recents")
        elif key == "enter":
            field = self.screen().find_focused_field()
            if field is None or field.on_submit is None:
                return False
            field.on_submit()
        elif key == "back":
            if self._keyboard_shown():
                self.ime_hidden = True
            elif not self.foreground.back():
                if self.foreground_package == LAUNCHER:
                    return False
                self.close_foreground()
        else:
            raise ValueError(f"unknown key {key!r}; accepted: back, home, recent_apps, enter")
        self._invalidate()
        return True

    def _key(self, value: str) -> None:
        """A key of the soft keyboard."""
        if value == "shift":
            self.shifted = not self.shifted
        elif value == "symbols":
            self.symbols = not self.symbols
        elif value == "enter":
            self.press("enter")
        elif value == "delete":
            field = self.screen().find_focused_field()
            if field is not None and field.on_change is not None and field.text:
                field.on_change(field.text[:-1])
        elif value.startswith("suggest:"):
            self._replace_last_word(value[len("suggest:"):])
        else:
            self.type_text(" " if value == "space" else value)
            self.shifted = False

    def _replace_last_word(self, word: str) -> None:
        field = self.screen().find_focused_field()
        if field is not None and field.on_change is not None:
            head = field.text.rsplit(" ", 1)[0] if " " in field.text else ""
            field.on_change((head + " " if head else "") + word + " ")

    # -- output -------------------------------------------------------------------------------

    def _keyboard_shown(self) -> bool:
        self.screen()
        return self._keyboard

    def screen(self) -> View:
        """The laid-out view tree of the whole screen (cached until the state changes)."""
        if self._root is None:
            app = self.foreground
            content = app.build()
            focused = content.find_focused_field()
            bars, light = app.bar_color, app.light_bars
            parts: list[View | None] = [
                system.status_bar(self.clock, bars, light),
                col(content, flex=1, package=app.package),
            ]
            self._keyboard = focused is not None and not self.ime_hidden
            if self._keyboard:
                parts.append(system.keyboard(self._key, _suggestions(focused.text), self.shifted, self.symbols))
            parts.append(system.nav_bar(self.press, bars, light))
            main = col(*parts, package=app.package)
            backdrop = app.backdrop()
            root = stack(backdrop, main, package=app.package, bg=None if backdrop else theme.WHITE,
                         cls="android.widget.FrameLayout")
            layout(root, self.config.width, self.config.height, self.metrics, self.scroll)
            self._root = root
        return self._root

    def screenshot(self) -> np.ndarray:
        """The screen as a read-only uint8 RGB array at the render scale."""
        if self._frame is None:
            self._frame = self.renderer.frame(display_list(self.screen()))
        return self._frame

    def ui_xml(self) -> str:
        """The screen as a uiautomator XML dump."""
        if self._xml is None:
            self._xml = to_xml(self.screen(), self.foreground_package)
        return self._xml

    def state(self) -> PhoneState:
        """The observable state that task families judge."""
        app = self.foreground
        return PhoneState(
            package=app.package,
            activity=app.activity(),
            url=app.url(),
            facts={pkg: a.facts() for pkg, a in self.apps.items()},
        )


def _suggestions(typed: str) -> list[str]:
    """Gboard's word suggestions for the word being typed."""
    word = typed.rsplit(" ", 1)[-1]
    if not word:
        return ["I", "the", "thanks"]
    return [word, word + "s", word + "ing"]
