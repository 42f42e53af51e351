"""The notification shade: system UI (`com.android.systemui`) pulled down from the status bar.

A swipe down that starts on the status bar opens it: quick-settings tiles over the posted
notifications; a second swipe down expands the tiles to all of them, a swipe up collapses and
then closes it, as do the back and home keys. Tiles switch the phone's `DeviceSettings` (the
same state Settings shows). Tapping a notification opens its app; swiping it sideways, or
"Clear all", dismisses it. The shade lists the notifications of installed apps whose
notifications are on (`content/notifications.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from android_gym.content.notifications import Notification, posted
from android_gym.sim.material_you import Palette, palette
from android_gym.sim.view import View, col, icon, row, space, text
from android_gym.toggles import BY_NAME, TOGGLES

if TYPE_CHECKING:
    from android_gym.sim.phone import Phone

FIRST_TILES = ("wifi", "bluetooth", "dnd", "flashlight")
"""The tiles of the shade's first pull; the expanded shade shows every tile of `TOGGLES`."""
MAX_LISTED = 6


@dataclass
class ShadeState:
    """`open`, `expanded` (all tiles) and the keys of notifications dismissed since reset."""

    open: bool = False
    expanded: bool = False
    dismissed: tuple[str, ...] = ()


class Shade:
    """The shade of one phone; its handlers reach the live state through `self`."""

    def __init__(self, phone: Phone) -> None:
        self.phone = phone
        self.seed = 0
        self.state = ShadeState()

    def reset(self, seed: int) -> None:
        self.seed, self.state = seed, ShadeState()

    # -- state ----------------------------------------------------------------------------

    def posted(self) -> list[Notification]:
        """Notifications of installed apps that may notify, not dismissed, newest first."""
        phone = self.phone
        apps = tuple(
            (p, phone.apps[p].label)
            for p in phone.installed
            if phone.apps[p].icon and phone.settings.notifications_enabled(p)
        )
        return [n for n in posted(self.seed, apps) if n.key not in self.state.dismissed]

    def key(self) -> str:
        """Everything the shade's screen reads besides the phone's settings and packages."""
        return f"{self.state!r}|{self.seed}|{self.phone.date}"

    def facts(self) -> dict[str, Any]:
        """The shade as uiautomator and `dumpsys notification` show it: "closed", "open" or
        "expanded", and the packages of the posted notifications."""
        shown = "closed" if not self.state.open else "expanded" if self.state.expanded else "open"
        return {"shade": shown, "notifications": tuple(n.package for n in self.posted())}

    # -- input ----------------------------------------------------------------------------

    def swipe(self, direction: str) -> bool:
        """A swipe on the status bar or the shade: down opens, then expands; up collapses,
        then closes."""
        state = self.state
        if direction == "down" and not state.open:
            state.open = True
        elif direction == "down" and not state.expanded:
            state.expanded = True
        elif direction == "up" and state.expanded:
            state.expanded = False
        elif direction == "up" and state.open:
            state.open = False
        else:
            return False
        return True

    def close(self) -> None:
        self.state = ShadeState(dismissed=self.state.dismissed)

    def _tap_tile(self, name: str) -> None:
        self.phone.settings.toggle(name)

    def _open(self, note: Notification) -> None:
        self._dismiss(note.key)
        self.close()
        self.phone.open_app(note.package)

    def _dismiss(self, key: str) -> None:
        self.state.dismissed = (*self.state.dismissed, key)

    def _swipe_note(self, key: str, direction: str) -> bool:
        if direction in ("left", "right"):
            self._dismiss(key)
            return True
        return self.swipe(direction)

    def _clear_all(self) -> None:
        self.state.dismissed = (*self.state.dismissed, *(n.key for n in self.posted()))

    # -- view -----------------------------------------------------------------------------

    def build(self) -> View:
        """The shade between the status bar and the navigation bar."""
        pal = palette(self.phone.settings.dark_theme)
        names = [t.name for t in TOGGLES] if self.state.expanded else list(FIRST_TILES)
        tiles = [self._tile(name, pal) for name in names]
        grid = [row(*tiles[i : i + 2], gap=8) for i in range(0, len(tiles), 2)]
        notes = self.posted()
        cards = [self._card(n, pal) for n in notes[:MAX_LISTED]]
        return col(
            row(
                text(self.phone.clock, size=28, color=pal.text, rid="clock"),
                space(w=12),
                text(self.phone.date, size=14, color=pal.text_secondary, rid="date"),
                space(flex=1),
                icon("settings", 22, color=pal.text, desc="Open settings"),
                h=56,
                pad=(20, 0, 20, 0),
            ),
            col(*grid, gap=8, pad=(12, 0, 12, 0), rid="quick_settings_panel"),
            space(h=16),
            col(
                *cards,
                text("No notifications", size=15, color=pal.text_secondary, text_align="center")
                if not cards
                else None,
                gap=4,
                pad=(12, 0, 12, 0),
                rid="notification_stack_scroller",
            ),
            row(
                space(flex=1),
                text(
                    "Clear all",
                    size=14,
                    weight="medium",
                    color=pal.text,
                    pad=(16, 8, 16, 8),
                    radius=18,
                    bg=pal.tile_off,
                    on_tap=self._clear_all,
                    rid="clear_all",
                ),
                pad=(12, 8, 12, 0),
            )
            if cards
            else None,
            space(flex=1),
            flex=1,
            bg=pal.background,
            on_swipe=self.swipe,
            rid="notification_panel",
            cls="android.widget.FrameLayout",
        )

    def _tile(self, name: str, pal: Palette) -> View:
        toggle = BY_NAME[name]
        on = self.phone.settings.get(name)
        fg = pal.on_tile_on if on else pal.on_tile_off
        return row(
            icon(toggle.icon, 22, color=fg),
            col(
                text(toggle.tile, size=14, weight="medium", color=fg, lines=1),
                text("On" if on else "Off", size=12, color=fg, lines=1),
                flex=1,
                pad=(12, 0, 0, 0),
            ),
            flex=1,
            h=64,
            pad=(16, 0, 12, 0),
            radius=32,
            bg=pal.tile_on if on else pal.tile_off,
            desc=toggle.tile,
            checkable=True,
            checked=on,
            on_tap=lambda: self._tap_tile(name),
            rid="tile",
            cls="android.widget.Switch",
        )

    def _card(self, note: Notification, pal: Palette) -> View:
        app = self.phone.apps[note.package]
        return row(
            icon(app.icon, 36),
            col(
                text(f"{note.label} • {note.when}", size=12, color=pal.text_secondary, lines=1),
                text(note.title, size=15, weight="medium", color=pal.text, lines=1),
                text(note.text, size=14, color=pal.text_secondary, lines=1),
                flex=1,
                gap=2,
                pad=(14, 0, 0, 0),
            ),
            pad=(16, 12, 16, 12),
            radius=20,
            bg=pal.surface,
            desc=f"{note.label} notification: {note.title}",
            on_tap=lambda: self._open(note),
            on_swipe=lambda d: self._swipe_note(note.key, d),
            rid="notification",
            cls="android.widget.FrameLayout",
        )
