"""Settings tasks about one app: "Check the settings for the Netflix app" (its App info page
is open) and "Turn off notifications for the Google Maps app" (its notification switch ends in
the asked state; "toggle": the opposite of its start).

Facts judged and where a real device reports them:
- the foreground package and activity (`com.android.settings/.applications.
  InstalledAppDetails` for App info): `dumpsys activity activities`;
- the app that App info shows: the `package:` data of that activity's intent (`dumpsys activity
  top`), and the app's label in the page header of the UI hierarchy (`facts["com.android.
  settings"]["app"]`);
- whether an app may notify: `appops get PKG POST_NOTIFICATION` (the packages whose
  notifications are blocked, `facts["android"]["blocked"]`);
- installed packages: `pm list packages` (`DeviceState.packages`).

Catalog apps (`content/store_apps.py`) come uninstalled: set-up installs the asked app
(`pm install-existing`) and sets its notifications (`appops set`) through the device's shell, as
AitW's devices had the apps their tasks name.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.content.store_apps import CATALOG
from android_gym.devices.base import Device, DeviceState
from android_gym.families import navigation
from android_gym.families import settings_nav as nav
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import Pool, load_pools
from android_gym.packages import ANDROID as SYSTEM
from android_gym.packages import PHONE_APPS, SETTINGS
from android_gym.ui import UIElement

APP_INFO = ".applications.InstalledAppDetails"


def settings_pools() -> dict[str, Pool]:
    """The pools of `data/settings.yaml`: apps, states (on / off / toggle), toggles."""
    return load_pools("settings.yaml")


@cache
def packages() -> dict[str, str]:
    """The package of every app the phone has or can install, by launcher label."""
    return {
        **{label: package for package, label in PHONE_APPS.items()},
        **{app.label: app.package for app in CATALOG},
    }


def install(device: Device, package: str) -> None:
    """Makes sure `package` is installed (`pm install-existing`, which on a real device
    restores an app uninstalled for the user; an app the device never had must be installed by
    its owner)."""
    device.shell(f"pm install-existing {package}")


def wanted(params: Params, before: bool) -> bool:
    """The state a switch must end in: on, off, or (toggle) the opposite of `before`."""
    return {"on": True, "off": False}.get(params["state"], not before)


_VIEW_WORDS = (
    "check|open|show|view|see|look at|go to|take me to|display|app|application|page|screen|"
    "menu|options|preferences|in settings"
)


class AppSettings(Family):
    name = "app_settings"
    description = "Open an app's App info page in Settings."
    app = "Settings"

    def frames(self) -> tuple[Frame, ...]:
        return (
            Frame.declare(
                self.name,
                "app",
                cues=["setting|settings|app info|app information|app details|app settings"],
                slots={"app": settings_pools()["apps"]},
                words=[_VIEW_WORDS],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {"app": reading.params["app"]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        pool = settings_pools()["apps"]
        values = pool.split(split)
        app = values[int(rng.integers(len(values)))]
        template = (
            "Check the settings for the {} app",
            "Open the app info for {}",
            "Show me the {} app settings",
            "Go to the settings of the {} app",
        )[int(rng.integers(4))]
        return template.format(pool.name_for(app, rng)), {"app": app}

    def setup(self, device: Device, params: Params, rng: np.random.Generator) -> None:
        """Installs the app when it is not on the phone."""
        install(device, packages()[params["app"]])

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        """App info of the asked app is in front (not another app's, not a page below it),
        or the app itself shows its own settings: the foreground activity (`dumpsys
        activity`) is the app's settings activity (YouTube's `...settings.SettingsActivity`).
        "The settings for the YouTube app" may mean either, so either counts."""
        package = packages()[params["app"]]
        own = state.package == package and state.activity.rsplit(".", 1)[-1].startswith("Settings")
        return own or (
            state.package == SETTINGS
            and state.activity == APP_INFO
            and state.app_facts(SETTINGS).get("app") == package
        )

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if nav.on_app_info(elements, params["app"]):
            return Action.key(ActionType.STATUS_TASK_COMPLETE)
        return nav.to_app_info(params["app"], elements, screen_size)


class AppNotifications(Family):
    name = "app_notifications"
    description = "Turn an app's notifications on or off (or toggle them) in Settings."
    app = "Settings"

    def frames(self) -> tuple[Frame, ...]:
        p = settings_pools()
        return (
            Frame.declare(
                self.name,
                "switch",
                cues=["notification|notifications|alerts|notifs|push notifications"],
                slots={"state": p["states"], "app": p["apps"]},
                words=["app|application|all|sending|send|showing|in settings|setting|settings"],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {"app": reading.params["app"], "state": reading.params["state"]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        p = settings_pools()
        values = p["apps"].split(split)
        app = values[int(rng.integers(len(values)))]
        state = ("on", "off", "toggle")[int(rng.integers(3))]
        verb = {"on": "Turn on", "off": "Turn off", "toggle": "Toggle"}[state]
        template = (
            "{verb} notifications for the {app} app",
            "{verb} {app} notifications",
            "{verb} the notifications of {app}",
        )[int(rng.integers(3))]
        return template.format(verb=verb, app=p["apps"].name_for(app, rng)), {
            "app": app,
            "state": state,
        }

    def setup(self, device: Device, params: Params, rng: np.random.Generator) -> None:
        """Installs the app when needed; its notifications start on for "off", off for "on",
        either for "toggle"."""
        package = packages()[params["app"]]
        install(device, package)
        start = {"on": False, "off": True}.get(params["state"], bool(rng.integers(2)))
        mode = "allow" if start else "ignore"
        device.shell(f"appops set {package} POST_NOTIFICATION {mode}")

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        """The app's notifications are in the asked state and no other app's changed."""
        package = packages()[params["app"]]
        if package not in state.packages:
            return False
        now = set(state.app_facts(SYSTEM).get("blocked", ()))
        before = set(start.app_facts(SYSTEM).get("blocked", ()))
        on = package not in now
        return on == wanted(params, package not in before) and now - {package} == before - {package}

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        label = params["app"]
        switch = [
            e
            for e in elements
            if e.checkable and e.content_desc == f"All {label} notifications" and e.clickable
        ]
        if switch:
            if params["state"] == "toggle" or switch[0].checked != (params["state"] == "on"):
                return navigation.tap(switch[0], screen_size)
            return Action.key(ActionType.STATUS_TASK_COMPLETE)
        if nav.on_app_info(elements, label):
            row = nav.row(elements, "Notifications")
            if row is not None:
                return navigation.tap(row, screen_size)
            return Action.scroll("down")
        return nav.to_app_info(label, elements, screen_size)
