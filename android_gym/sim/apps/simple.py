"""Apps that open a simple screen with their name.

Every app of the phone is installed from the start so that launching tasks work; apps whose
own tasks come later show this screen until they get one.
"""

from __future__ import annotations

from android_gym import packages
from android_gym.sim import theme
from android_gym.sim.apps.base import App
from android_gym.sim.view import View, col, icon, row, space, text

SIMPLE_APPS: tuple[tuple[str, str, str], ...] = tuple(
    (package, packages.PHONE_APPS[package], f"app:{icon_name}")
    for package, icon_name in (
        ("com.google.android.dialer", "phone"),
        ("com.google.android.apps.messaging", "messages"),
        ("com.google.android.calculator", "calculator"),
        ("com.android.camera2", "camera"),
        ("com.google.android.contacts", "contacts"),
        ("com.google.android.apps.nbu.files", "files"),
        ("com.google.android.apps.photos", "photos"),
        ("com.google.android.apps.youtube.music", "music"),
    )
)
"""(package, label, icon) of the phone's apps that show a plain screen."""


class SimpleApp(App):
    """An app whose screen is its name in an app bar over an empty page."""

    bar_color = "#f1f3f4"
    light_bars = False

    def build(self) -> View:
        return col(
            row(
                text(self.label, size=22, color=theme.TEXT, rid="title"),
                h=64,
                pad=(20, 0, 20, 0),
                bg=theme.SURFACE,
                rid="toolbar",
            ),
            space(flex=1),
            col(
                icon(self.icon, 96),
                text(
                    self.label,
                    size=20,
                    color=theme.TEXT_SECONDARY,
                    pad=(0, 16, 0, 0),
                    text_align="center",
                ),
                align="center",
            ),
            space(flex=1),
            flex=1,
            bg=theme.WHITE,
            desc=self.label,
        )


def simple_app(package: str, label: str, app_icon: str) -> type[SimpleApp]:
    """A `SimpleApp` subclass for one package."""
    name = "".join(part.capitalize() for part in label.split()) + "App"
    return type(name, (SimpleApp,), {"package": package, "label": label, "icon": app_icon})
