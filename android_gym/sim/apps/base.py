"""What every simulated app provides to the phone.

An app keeps its state in a plain dataclass (`state`), rebuilt by `reset`, and `build` turns
that state into a view tree: the screen is a pure function of state. Handlers in the tree
mutate the state; the phone then rebuilds the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from android_gym.sim.view import View

if TYPE_CHECKING:
    from android_gym.sim.phone import Phone


class App:
    """Base class of simulated apps. Subclasses set the class attributes and override
    `reset`, `build` and, where they have them, `back`, `activity`, `url` and `facts`."""

    package: str = ""
    label: str = ""
    icon: str = ""
    bar_color: str | None = "#000000"
    """Status and navigation bar colour; None draws them over the app's backdrop."""
    light_bars: bool = True
    """True when the bars' icons are light (on a dark bar)."""
    links: tuple[str, ...] = ()
    """Web addresses (host and path prefix, no scheme or "www.": "google.com/maps") whose
    links open in this app instead of the browser, as Android app links do."""

    def __init__(self, phone: Phone) -> None:
        self.phone = phone
        self.state: Any = None
        self.reset()

    def reset(self) -> None:
        """Puts the app in its freshly-installed state."""

    def screen_key(self) -> str:
        """A key that changes whenever the screen would: everything `build` reads.

        The default, the repr of `state`, is right for apps that keep all their state there.
        """
        return repr(self.state)

    def launch(self) -> None:
        """Called when the app is opened from the launcher while not running."""

    def close(self) -> None:
        """Called when the app's last screen is closed (back from its first screen). The
        default forgets everything, as `reset`; apps with data a real app keeps in storage
        (alarms, mail) override it to forget only their screens."""
        self.reset()

    def build(self) -> View:
        """The app's window content (between the status bar and the navigation bar)."""
        raise NotImplementedError

    def backdrop(self) -> View | None:
        """A full-screen view drawn behind the bars (the launcher's wallpaper), if any."""
        return None

    def back(self) -> bool:
        """Handles the back key; False means the app has nothing to go back to and closes."""
        return False

    def activity(self) -> str:
        """The name of the current activity (what `dumpsys activity` would report)."""
        return ".MainActivity"

    def intent_data(self) -> str:
        """The data URI of the current activity's intent (`dat=` in `dumpsys activity
        activities`), "" when it has none."""
        return ""

    def open_link(self, url: str) -> None:
        """Shows what `url` (one of `links`) points to; the phone has brought the app up."""

    def url(self) -> str | None:
        """The URL of the page on screen, for browser-like apps."""
        return None

    def facts(self) -> dict[str, Any]:
        """Observable facts about the app's state that task families judge success by."""
        return {}
