"""Apps made of an activity stack: each screen an `Activity`, back returns to the one below.

Most Android apps open screens on top of each other (search -> results -> detail) and the back
key closes the top one. `StackApp` keeps that stack in the app's state, names the Android
activity of the top screen for `dumpsys`-like facts, and gives every screen its own scroll
positions, so a screen opened again starts at the top while the one below keeps its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from android_gym.sim.apps.base import App


@dataclass
class Activity:
    """One screen on the stack: its `name`, the `args` it shows (a query, an item id) and
    `ui`, its transient UI state (text being typed, the selected tab, an open dialog)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    ui: dict[str, Any] = field(default_factory=dict)


@dataclass
class StackState:
    """The state of a `StackApp` with nothing but its stack; apps with more state declare
    their own dataclass with a `stack` field."""

    stack: list[Activity] = field(default_factory=list)


class StackApp(App):
    """Base class of apps whose screens form an activity stack.

    Subclasses set `first` (the launcher screen's name) and `activities` (screen name ->
    Android activity class name), override `new_state` when they keep more than the stack,
    and draw `self.top` in `build`.
    """

    first: str = "main"
    activities: ClassVar[dict[str, str]] = {}

    def new_state(self) -> Any:
        """A fresh state whose `stack` holds the first screen."""
        return StackState([Activity(self.first)])

    def reset(self) -> None:
        self.state = self.new_state()

    @property
    def top(self) -> Activity:
        """The screen in front."""
        return self.state.stack[-1]

    @property
    def depth(self) -> int:
        return len(self.state.stack)

    def open(self, name: str, **args: Any) -> None:
        """Opens screen `name` on top of the current one."""
        self.state.stack.append(Activity(name, dict(args)))

    def replace(self, name: str, **args: Any) -> None:
        """Replaces the screen in front (a new search from a results page)."""
        self._forget_scroll(self.depth)
        self.state.stack[-1] = Activity(name, dict(args))

    def back_to(self, name: str) -> bool:
        """Closes screens down to the nearest one called `name`; False when there is none."""
        for depth in range(self.depth, 0, -1):
            if self.state.stack[depth - 1].name == name:
                while self.depth > depth:
                    self._pop()
                return True
        return False

    def back(self) -> bool:
        """Closes an open dialog or editor of the top screen, else the top screen itself;
        False at the first screen (the phone then closes the app)."""
        ui = self.top.ui
        for transient in ("dialog", "editing"):
            if ui.get(transient):
                ui[transient] = None if transient == "dialog" else False
                return True
        if self.depth > 1:
            self._pop()
            return True
        return False

    def _pop(self) -> None:
        self._forget_scroll(self.depth)
        self.state.stack.pop()

    def scroll_key(self, part: str = "list") -> str:
        """The scroll-container key of `part` on the screen in front: unique to this screen's
        place in the stack, so a screen opened again starts scrolled to the top."""
        return f"{self.package}:{self.depth}:{self.top.name}:{part}"

    def _forget_scroll(self, depth: int) -> None:
        prefix = f"{self.package}:{depth}:"
        for key in [k for k in self.phone.scroll if k.startswith(prefix)]:
            del self.phone.scroll[key]

    def activity(self) -> str:
        return self.activities.get(self.top.name, ".MainActivity")
