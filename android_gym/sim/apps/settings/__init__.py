"""The Settings app (`com.android.settings`), Android 13/14 style.

Screens form an activity stack (`StackApp`): the top-level list with the search bar, Network &
internet, Connected devices, Apps -> See all apps -> App info (Open, Uninstall, Force stop,
Notifications, Permissions, Storage & cache), Notifications -> App notifications, Display,
Battery, Sound & vibration, Location and the plainer pages. Switches change the phone's
`DeviceSettings`, the state the notification shade's tiles share; Uninstall really uninstalls
(non-system apps). Every installed app is listed (`phone.installed`).

Activities as `dumpsys activity` names them: `.Settings` (top level), `.applications.
InstalledAppDetails` (App info, its `package:` data the app shown), `.applications.
ManageApplications` (all apps), `.Settings$AppNotificationSettingsActivity` (an app's
notifications), see `SettingsApp.activities`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from android_gym import packages
from android_gym.sim.apps.activities import StackApp
from android_gym.sim.apps.settings import app_pages, pages, search
from android_gym.sim.material_you import Palette, palette
from android_gym.sim.view import View, stack

PACKAGE = packages.SETTINGS
APP_PAGES = ("app_info", "app_notifications", "app_permissions", "app_storage")
"""Screens about one app (their `package` argument)."""


BUILDERS = {**pages.BUILDERS, **app_pages.BUILDERS, "search": search.screen}
"""Screen name -> its view builder (`builder(app, palette)`); other names are plain pages."""


class SettingsApp(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:settings"
    first = "home"
    activities: ClassVar[dict[str, str]] = {
        "home": ".Settings",
        "search": ".search.SearchActivity",
        "network": ".Settings$NetworkDashboardActivity",
        "internet": ".Settings$NetworkProviderSettingsActivity",
        "connected": ".Settings$ConnectedDeviceDashboardActivity",
        "bluetooth": ".Settings$BluetoothDashboardActivity",
        "apps": ".Settings$AppDashboardActivity",
        "all_apps": ".applications.ManageApplications",
        "app_info": ".applications.InstalledAppDetails",
        "app_notifications": ".Settings$AppNotificationSettingsActivity",
        "app_permissions": ".Settings$AppPermissionsActivity",
        "app_storage": ".Settings$StorageUseActivity",
        "notifications": ".Settings$ConfigureNotificationSettingsActivity",
        "notification_apps": ".Settings$NotificationAppListActivity",
        "display": ".Settings$DisplaySettingsActivity",
        "battery": ".Settings$PowerUsageSummaryActivity",
        "sound": ".Settings$SoundSettingsActivity",
        "location": ".Settings$LocationSettingsActivity",
    }

    @property
    def bar_color(self) -> str:  # type: ignore[override]
        return self.pal.background

    @property
    def light_bars(self) -> bool:  # type: ignore[override]
        return self.pal.dark

    @property
    def pal(self) -> Palette:
        """The colours of the phone's current theme (dark theme applies here too)."""
        return palette(self.phone.settings.dark_theme)

    def screen_key(self) -> str:
        phone = self.phone
        return f"{self.state!r}|{phone.settings.key()}|{phone.installed}|{phone.recents}"

    def activity(self) -> str:
        return self.activities.get(self.top.name, ".SubSettings")

    def intent_data(self) -> str:
        """`package:<name>` on a screen about one app, as Settings' app pages are started."""
        return f"package:{self.top.args['package']}" if self.top.name in APP_PAGES else ""

    def facts(self) -> dict[str, Any]:
        """The screen shown and, on a screen about one app, that app's package (the intent
        data `package:<name>` that `dumpsys activity activities` reports; the UI shows its
        label)."""
        return {
            "screen": self.top.name,
            "app": self.intent_data().removeprefix("package:"),
            "query": self.top.ui.get("query", ""),
        }

    # -- handlers (they reach the live state through `self`) -----------------------------------

    def go(self, name: str, **args: Any) -> None:
        """Opens screen `name` on top of the current one."""
        self.open(name, **args)

    def up(self) -> None:
        """The toolbar's back arrow."""
        self.back()

    def toggle(self, setting: str) -> None:
        self.phone.settings.toggle(setting)

    def toggle_notifications(self, package: str) -> None:
        settings = self.phone.settings
        settings.set_notifications(package, not settings.notifications_enabled(package))

    def ask(self, dialog: str | None) -> None:
        """Shows (or, with None, closes) a dialog of the screen in front."""
        self.top.ui["dialog"] = dialog

    def uninstall(self, package: str) -> None:
        """Uninstalls `package` and closes the screens about it."""
        self.ask(None)
        if self.phone.uninstall(package):
            while self.depth > 1 and self.top.args.get("package") == package:
                self._pop()

    def force_stop(self, package: str) -> None:
        self.ask(None)
        if package in self.phone.recents:
            self.phone.recents.remove(package)
            self.phone.apps[package].reset()

    def launch_app(self, package: str) -> None:
        self.phone.open_app(package)

    def type_query(self, query: str) -> None:
        self.top.ui["query"] = query

    # -- screens ----------------------------------------------------------------------------

    def build(self) -> View:
        top = self.top
        view = BUILDERS.get(top.name, pages.plain)(self, self.pal)
        dialog = top.ui.get("dialog")
        if dialog:
            return stack(view, app_pages.dialog(self, self.pal, dialog), flex=1)
        return view
