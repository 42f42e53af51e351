"""The apps installed on the simulated phone."""

from __future__ import annotations

from android_gym.content.store_apps import CATALOG
from android_gym.sim.apps.base import App
from android_gym.sim.apps.calendar_app import Calendar
from android_gym.sim.apps.chrome import Chrome
from android_gym.sim.apps.clock import Clock
from android_gym.sim.apps.gmail import Gmail
from android_gym.sim.apps.google_app import GoogleApp
from android_gym.sim.apps.launcher import Launcher
from android_gym.sim.apps.maps import MapsApp
from android_gym.sim.apps.play_store import PlayStore
from android_gym.sim.apps.reddit import Reddit
from android_gym.sim.apps.settings import SettingsApp
from android_gym.sim.apps.simple import SIMPLE_APPS, simple_app
from android_gym.sim.apps.youtube import YouTubeApp

INSTALLED: tuple[type[App], ...] = (
    Launcher,
    Chrome,
    GoogleApp,
    YouTubeApp,
    Reddit,
    Clock,
    Calendar,
    Gmail,
    PlayStore,
    SettingsApp,
    MapsApp,
    *(simple_app(*spec) for spec in SIMPLE_APPS),
)
"""The apps the phone simulates and comes with, in install order; the launcher's drawer lists
the installed apps alphabetically."""

STORE_APPS: tuple[type[App], ...] = tuple(simple_app(a.package, a.label, a.icon) for a in CATALOG)
"""The apps of the store catalog (`content/store_apps.py`): installable, none
installed after a reset; they open a plain start screen."""

__all__ = ["INSTALLED", "STORE_APPS", "App"]
