"""The Pixel launcher: home screen with the Google search widget and dock, the app drawer
(swipe up on home), and the overview of recent apps."""

from __future__ import annotations

from dataclasses import dataclass

from android_gym import packages
from android_gym.sim import theme
from android_gym.sim.apps.base import App
from android_gym.sim.view import View, col, icon, image, row, space, text

LAUNCHER = packages.LAUNCHER
GOOGLE_APP = "com.google.android.googlequicksearchbox"
DOCK = (
    "com.google.android.dialer",
    "com.google.android.apps.messaging",
    "com.android.vending",
    "com.android.chrome",
)
DRAWER_COLUMNS = 5
CELL_DP = 68


@dataclass
class LauncherState:
    page: str = "home"  # "home" | "drawer" | "recents"


class Launcher(App):
    package = LAUNCHER
    label = packages.PHONE_APPS[LAUNCHER]
    bar_color = None
    light_bars = True

    def reset(self) -> None:
        self.state = LauncherState()

    def show(self, page: str) -> None:
        """Switches to "home", "drawer" or "recents"; the drawer starts scrolled to the top."""
        if page == "drawer":
            self.phone.scroll.pop("drawer", None)
        self.state.page = page

    def screen_key(self) -> str:
        return f"{self.state!r}|{self.phone.date}|{self.phone.recents}|{self.phone.installed}"

    def backdrop(self) -> View:
        return image("wallpaper")

    def back(self) -> bool:
        if self.state.page != "home":
            self.state.page = "home"
            return True
        return False

    def activity(self) -> str:
        return ".NexusLauncherActivity" if self.state.page != "recents" else ".RecentsActivity"

    def facts(self) -> dict[str, str]:
        return {"page": self.state.page}

    def build(self) -> View:
        if self.state.page == "drawer":
            return self._drawer()
        if self.state.page == "recents":
            return self._recents()
        return self._home()

    # -- pages --------------------------------------------------------------------------------

    def _app_icon(self, package: str, labelled: bool) -> View:
        app = self.phone.apps[package]
        label = (
            text(
                app.label,
                size=12,
                color=theme.WHITE if not labelled else theme.TEXT,
                text_align="center",
                lines=1,
                pad=(0, 6, 0, 0),
            )
            if labelled
            else None
        )
        return col(
            icon(app.icon, 52),
            label,
            w=CELL_DP,
            align="center",
            desc=app.label,
            text=app.label if labelled else "",
            on_tap=lambda: self.phone.open_app(package),
            cls="android.widget.TextView",
            rid="icon",
        )

    def _search_widget(self) -> View:
        return row(
            icon("app:google", 30),
            space(flex=1),
            icon("mic", 24, color=theme.GOOGLE_BLUE, desc="Voice search"),
            h=56,
            pad=(16, 0, 16, 0),
            radius=28,
            bg="#e8e3ea",
            rid="search_container_hotseat",
            desc="Google search",
            cls="android.widget.FrameLayout",
            on_tap=lambda: self._open_search(),
        )

    def _open_search(self) -> None:
        self.phone.open_app(GOOGLE_APP)
        self.phone.apps[GOOGLE_APP].start_search(fresh=True)  # type: ignore[attr-defined]

    def _home(self) -> View:
        return col(
            space(h=40),
            text(self.phone.date, size=30, color=theme.WHITE, text_align="center", rid="date"),
            space(flex=1),
            icon(
                "expand_less",
                20,
                color=theme.WHITE,
                desc="Apps list",
                on_tap=lambda: self.show("drawer"),
            ),
            space(h=8),
            row(
                *[self._app_icon(p, labelled=False) for p in DOCK if self.phone.is_installed(p)],
                justify="between",
                pad=(16, 0, 16, 0),
                rid="hotseat",
            ),
            space(h=28),
            col(self._search_widget(), pad=(24, 0, 24, 0)),
            space(h=16),
            flex=1,
            align="center",
            on_swipe=self._home_swipe,
            rid="workspace",
        )

    def _home_swipe(self, direction: str) -> bool:
        if direction == "up":
            self.show("drawer")
            return True
        return False

    def _drawer(self) -> View:
        packages = sorted(
            (p for p in self.phone.installed if self.phone.apps[p].icon and p != LAUNCHER),
            key=lambda p: self.phone.apps[p].label.lower(),
        )
        rows = []
        for i in range(0, len(packages), DRAWER_COLUMNS):
            chunk = packages[i : i + DRAWER_COLUMNS]
            cells = [self._app_icon(p, labelled=True) for p in chunk]
            cells += [space(w=CELL_DP) for _ in range(DRAWER_COLUMNS - len(chunk))]
            rows.append(row(*cells, justify="between"))
        return col(
            row(
                icon("app:google", 26),
                text("Search apps", size=16, color=theme.TEXT_SECONDARY, flex=1, pad=(12, 0, 0, 0)),
                h=52,
                pad=(16, 0, 16, 0),
                radius=26,
                bg=theme.SURFACE,
                rid="search_box_input",
                on_tap=self._open_search,
                desc="Search apps",
            ),
            space(h=16),
            col(
                *rows,
                gap=20,
                flex=1,
                scroll="drawer",
                pad=(0, 8, 0, 16),
                rid="apps_list_view",
                cls="androidx.recyclerview.widget.RecyclerView",
            ),
            flex=1,
            pad=(12, 16, 12, 0),
            bg=theme.WHITE,
            radius=24,
        )

    def _recents(self) -> View:
        cards = []
        for package in reversed(self.phone.recents):
            app = self.phone.apps[package]
            cards.append(
                col(
                    row(
                        icon(app.icon, 28),
                        text(app.label, size=15, weight="medium", pad=(10, 0, 0, 0)),
                        h=44,
                    ),
                    col(
                        text(app.label, size=22, color=theme.TEXT_SECONDARY, text_align="center"),
                        h=360,
                        justify="center",
                        bg=theme.WHITE,
                        radius=16,
                    ),
                    w=240,
                    desc=app.label,
                    on_tap=lambda p=package: self.phone.open_app(p),
                    rid="snapshot",
                )
            )
        body = (
            row(*cards, gap=20, pad=(24, 0, 24, 0))
            if cards
            else text("No recent items", size=18, color=theme.WHITE, text_align="center")
        )
        return col(
            space(flex=1),
            body,
            space(flex=1),
            text(
                "Clear all",
                size=15,
                weight="medium",
                color=theme.WHITE,
                text_align="center",
                pad=12,
                on_tap=self._clear_all,
                rid="clear_all",
            )
            if cards
            else None,
            space(h=16),
            flex=1,
            bg="#3b2a44",
        )

    def _clear_all(self) -> None:
        for package in list(self.phone.recents):
            self.phone.apps[package].reset()
        self.phone.recents.clear()
        self.state.page = "home"
