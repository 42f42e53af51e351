"""The Play Store: home (For you / Top charts), search with suggestions, results, app pages,
and installs that download with the phone's clock.

Screens form an activity stack (`StackApp`): "home" (bottom navigation Games, Apps, Search,
Books; top tabs For you / Top charts), "typing" (the search box with suggestions: app rows open
an app's page, query rows search; suggestions are not results), "results" and "details" (an
app's page: Install, then a download that installs the app after `DOWNLOAD_SECONDS` of phone
time, then Open / Uninstall). Downloads belong to the phone (`Phone.download`), so they carry on
when the store is closed, as on Android.
"""

from __future__ import annotations

from typing import Any, ClassVar

from android_gym import packages
from android_gym.content.store_apps import StoreApp
from android_gym.content.store_listings import listings
from android_gym.sim.apps.activities import StackApp
from android_gym.sim.apps.play_store import details, screens
from android_gym.sim.view import View

PACKAGE = packages.PLAY_STORE
DOWNLOAD_SECONDS = 6.0
"""Phone time an app takes to download and install: three inputs after Install, so the
progress shows for a few steps."""
MAIN_ACTIVITY = "com.google.android.finsky.activities.MainActivity"


class PlayStore(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:play_store"
    bar_color = "#ffffff"
    light_bars = False
    first = "home"
    activities: ClassVar[dict[str, str]] = {
        "home": MAIN_ACTIVITY,
        "typing": MAIN_ACTIVITY,
        "results": MAIN_ACTIVITY,
        "details": MAIN_ACTIVITY,
    }

    def screen_key(self) -> str:
        """The stack, the installed packages and, only while downloads run, their progress
        (so the screen cache keeps working when nothing moves)."""
        running = ""
        if self.phone.downloads:
            running = repr([(p, self.phone.download_progress(p)) for p in self.phone.downloads])
        return f"{self.state!r}|{self.phone.installed}|{running}"

    def build(self) -> View:
        top = self.top
        if top.name == "details":
            return details.page(self, self.listing(top.args["package"]))
        if top.name == "typing":
            return screens.typing(self)
        if top.name == "results":
            return screens.results(self, top.args["query"])
        return screens.home(self)

    def facts(self) -> dict[str, Any]:
        """What the UI shows: the screen, the app page's title and its main button ("Install",
        "Open", or "Downloading" while Cancel and a disabled Open show)."""
        top = self.top
        if top.name != "details":
            return {"page": top.name, "title": "", "button": ""}
        app = self.listing(top.args["package"])
        return {"page": "details", "title": app.label, "button": self.state_of(app)}

    # -- state ------------------------------------------------------------------------------

    @staticmethod
    def listing(package: str) -> StoreApp:
        return listings()[package]

    def state_of(self, app: StoreApp) -> str:
        """ "Open" (installed), "Downloading" or "Install"."""
        if self.phone.is_installed(app.package):
            return "Open"
        if app.package in self.phone.downloads:
            return "Downloading"
        return "Install"

    def progress(self, app: StoreApp) -> float:
        return self.phone.download_progress(app.package) or 0.0

    # -- handlers (reach live state when they run) --------------------------------------------

    def tab(self, **ui: str) -> None:
        """Switches the home screen's bottom or top tab."""
        self.back_to("home")
        self.top.ui.update(ui)
        self._forget_scroll(self.depth)

    def start_typing(self, typed: str = "") -> None:
        if self.top.name == "typing":
            self.top.ui["typed"] = typed
        else:
            self.open("typing")
            self.top.ui["typed"] = typed

    def type(self, value: str) -> None:
        self.top.ui["typed"] = value

    def search(self, query: str) -> None:
        query = " ".join(query.split())
        if not query:
            return
        if self.top.name == "typing":
            self._pop()
        if self.top.name == "results":
            self.replace("results", query=query)
        else:
            self.open("results", query=query)

    def show(self, package: str) -> None:
        """Opens an app's page (from a suggestion, a result or a card)."""
        if self.top.name == "typing":
            self._pop()
        self.open("details", package=package)

    def install(self, package: str) -> None:
        self.phone.download(package, DOWNLOAD_SECONDS)

    def cancel(self, package: str) -> None:
        self.phone.cancel_download(package)

    def launch_app(self, package: str) -> None:
        self.phone.open_app(package)

    def ask_uninstall(self) -> None:
        self.top.ui["dialog"] = "uninstall"

    def uninstall(self, package: str) -> None:
        self.top.ui["dialog"] = None
        self.phone.uninstall(package)

    def close_dialog(self) -> None:
        self.top.ui["dialog"] = None
