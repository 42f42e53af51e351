"""The apps installed on the simulated phone."""

from __future__ import annotations

from android_gym.sim.apps.base import App
from android_gym.sim.apps.chrome import Chrome
from android_gym.sim.apps.google_app import GoogleApp
from android_gym.sim.apps.launcher import Launcher
from android_gym.sim.apps.maps import MapsApp
from android_gym.sim.apps.simple import SIMPLE_APPS, simple_app

INSTALLED: tuple[type[App], ...] = (
    Launcher,
    Chrome,
    GoogleApp,
    MapsApp,
    *(simple_app(*spec) for spec in SIMPLE_APPS),
)
"""App classes in install order; the launcher's drawer lists them alphabetically."""

__all__ = ["INSTALLED", "App"]
