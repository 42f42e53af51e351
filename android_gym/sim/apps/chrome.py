"""Chrome: windows of tabs (normal and incognito) with history, the omnibox with
suggestions, the new tab page, the tab switcher and the app menu.

State lives in `ChromeState`; `chrome_views` draws it. Facts for judging (tab and window
counts, the current tab) are what the tab switcher and toolbar show to any agent. Chrome also
keeps each site's data (its cookies: a store's cart, a dismissed banner), shared by all tabs,
and a per-episode seed that sites may vary their pages by (banners, sponsored listings).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from android_gym import packages
from android_gym.sim.apps.base import App
from android_gym.sim.view import View
from android_gym.sim.web import PageContext
from android_gym.urls import NEW_TAB, from_omnibox, site

PACKAGE = packages.CHROME


@dataclass
class Tab:
    """A tab: its history of URLs and where in it the tab is."""

    id: int
    incognito: bool = False
    history: list[str] = field(default_factory=lambda: [NEW_TAB])
    index: int = 0
    page_state: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.history[self.index]


@dataclass
class Window:
    tabs: list[Tab]
    current: int = 0


@dataclass
class ChromeState:
    windows: list[Window]
    window: int = 0
    overlay: str = ""  # "" | "menu" | "switcher" | "omnibox"
    omnibox: str = ""
    switcher_incognito: bool = False
    next_id: int = 1
    site_data: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per site (`urls.site`), what the site stored in the browser."""
    seed: int = 0


class Chrome(App):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:chrome"
    bar_color = "#000000"

    def reset(self) -> None:
        seed = int(self.phone.rng.integers(2**31 - 1))
        self.state = ChromeState(windows=[Window(tabs=[Tab(id=0)])], seed=seed)

    # -- model --------------------------------------------------------------------------------

    @property
    def win(self) -> Window:
        return self.state.windows[self.state.window]

    @property
    def tab(self) -> Tab:
        return self.win.tabs[self.win.current]

    def tabs(self, incognito: bool) -> list[Tab]:
        """The current window's tabs of one kind, in order."""
        return [t for t in self.win.tabs if t.incognito == incognito]

    def navigate(self, url: str) -> None:
        """Opens `url` in the current tab (dropping forward history)."""
        tab = self.tab
        url = self.phone.web.visit(url, self.site_storage)
        del tab.history[tab.index + 1 :]
        tab.history.append(url)
        tab.index += 1
        tab.page_state = {}
        self.state.overlay = ""

    def follow(self, url: str) -> None:
        """A link tapped on a page: an app that claims it opens it, else the current tab."""
        if not self.phone.follow_link(url):
            self.navigate(url)

    def new_tab(self, incognito: bool = False) -> None:
        tab = Tab(id=self.state.next_id, incognito=incognito)
        self.state.next_id += 1
        self.win.tabs.append(tab)
        self.win.current = len(self.win.tabs) - 1
        self.state.overlay = ""

    def new_window(self) -> None:
        tab = Tab(id=self.state.next_id)
        self.state.next_id += 1
        self.state.windows.append(Window(tabs=[tab]))
        self.state.window = len(self.state.windows) - 1
        self.state.overlay = ""

    def select_tab(self, tab_id: int) -> None:
        for i, t in enumerate(self.win.tabs):
            if t.id == tab_id:
                self.win.current = i
        self.state.overlay = ""

    def close_tab(self, tab_id: int) -> None:
        """Closes a tab; closing the last one of the window leaves a fresh new tab page."""
        tabs = self.win.tabs
        index = next((i for i, t in enumerate(tabs) if t.id == tab_id), None)
        if index is None:
            return
        tabs.pop(index)
        if not tabs:
            tabs.append(Tab(id=self.state.next_id))
            self.state.next_id += 1
        self.win.current = min(
            self.win.current if index > self.win.current else max(0, self.win.current - 1),
            len(tabs) - 1,
        )

    def open_overlay(self, name: str) -> None:
        self.state.overlay = name
        if name == "omnibox":
            self.state.omnibox = "" if self.tab.url == NEW_TAB else self.tab.url
        if name == "switcher":
            self.state.switcher_incognito = self.tab.incognito

    def set_omnibox(self, typed: str) -> None:
        self.state.omnibox = typed

    def submit_omnibox(self, typed: str | None = None) -> None:
        text = self.state.omnibox if typed is None else typed
        if text.strip():
            self.navigate(from_omnibox(text))

    def site_storage(self, url: str) -> dict[str, Any]:
        """The live data Chrome keeps for `url`'s site (created empty on first use)."""
        return self.state.site_data.setdefault(site(url), {})

    def page_context(self) -> PageContext:
        tab = self.tab
        return PageContext(
            navigate=self.follow,
            key=f"chrome:{tab.id}:{tab.index}:{tab.url}",
            page_state=lambda: self.tab.page_state,
            dark=tab.incognito,
            site_data=lambda: self.site_storage(self.tab.url),
            seed=self.state.seed,
        )

    # -- App ----------------------------------------------------------------------------------

    def back(self) -> bool:
        if self.state.overlay:
            self.state.overlay = ""
            return True
        tab = self.tab
        if tab.page_state.get("editing"):
            tab.page_state["editing"] = False
            return True
        if tab.index > 0:
            tab.index -= 1
            tab.page_state = {}
            return True
        return False

    def activity(self) -> str:
        return "org.chromium.chrome.browser.ChromeTabbedActivity"

    def url(self) -> str | None:
        """The page URL, or None while the omnibox, menu, tab switcher or an in-page search
        box covers the page."""
        if self.state.overlay or self.tab.page_state.get("editing"):
            return None
        return self.tab.url

    def facts(self) -> dict[str, Any]:
        all_tabs = [t for w in self.state.windows for t in w.tabs]
        return {
            "windows": len(self.state.windows),
            "window": self.state.window,
            "tabs": sum(not t.incognito for t in all_tabs),
            "incognito_tabs": sum(t.incognito for t in all_tabs),
            "tab_ids": sorted(t.id for t in all_tabs),
            "current_tab": self.tab.id,
            "current_incognito": self.tab.incognito,
            "current_url": self.tab.url,
            "overlay": self.state.overlay,
            "site_data": copy.deepcopy(self.state.site_data),
        }

    def build(self) -> View:
        from android_gym.sim.apps import chrome_views

        return chrome_views.build(self)
