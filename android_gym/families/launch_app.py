"""Launching an app: "Open the calculator app", "Open the play store", "Open Chrome"."""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import Pool
from android_gym.ui import UIElement

PACKAGES = {
    "Calculator": "com.google.android.calculator",
    "Calendar": "com.google.android.calendar",
    "Camera": "com.android.camera2",
    "Chrome": "com.android.chrome",
    "Clock": "com.google.android.deskclock",
    "Contacts": "com.google.android.contacts",
    "Files": "com.google.android.apps.nbu.files",
    "Gmail": "com.google.android.gm",
    "Google": "com.google.android.googlequicksearchbox",
    "Maps": "com.google.android.apps.maps",
    "Messages": "com.google.android.apps.messaging",
    "Phone": "com.google.android.dialer",
    "Photos": "com.google.android.apps.photos",
    "Play Store": "com.android.vending",
    "Settings": "com.android.settings",
    "YouTube": "com.google.android.youtube",
    "YT Music": "com.google.android.apps.youtube.music",
}
"""Launcher label of each app this family opens, and its package."""

APPS = Pool(
    "app",
    {
        "Calculator": (),
        "Calendar": (),
        "Camera": (),
        "Chrome": ("google chrome", "chrome browser", "web browser"),
        "Clock": ("alarm clock",),
        "Contacts": (),
        "Files": ("files app", "file manager", "downloads", "my files"),
        "Gmail": ("email", "mail"),
        "Google": ("google app",),
        "Maps": ("google maps",),
        "Messages": ("sms", "messaging", "text messages"),
        "Phone": ("dialer",),
        "Photos": ("google photos", "gallery"),
        "Play Store": ("google play store", "google play"),
        "Settings": ("system settings",),
        "YouTube": (),
        "YT Music": ("music", "youtube music"),
    },
)
"""What people call each app in instructions."""
FRAMES = (
    Frame.declare(
        "launch_app",
        "app",
        cues=["open|launch|start|go to|run|bring up|pull up|fire up|switch to|take me to"],
        slots={"app": APPS},
        words=["app|application|up"],
    ),
    # an app named as one and nothing else ("camera app"): opening it
    Frame.declare(
        "launch_app",
        "app",
        cues=["app|application"],
        slots={"app": APPS},
        words=["the|my"],
        bare=True,
    ),
)
_SAMPLES = ("Open the {app} app", "Open the {app}", "Open {app}", "Launch the {app} app")


class LaunchApp(Family):
    name = "launch_app"
    description = "Open an installed app from the launcher."
    launches = True

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        return {"app": reading.params["app"]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        choices = APPS.split(split)
        app = choices[int(rng.integers(len(choices)))]
        name = APPS.name_for(app, rng)
        template = _SAMPLES[int(rng.integers(len(_SAMPLES)))]
        return template.format(app=name), {"app": app}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        return state.package == PACKAGES[params["app"]]

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return navigation.open_app(params["app"], elements, screen_size)
