"""The Google app: the search screen opened by the home screen widget, and its results.

Typing shows suggestions (they are not results); Enter or tapping a suggestion opens the
results page for that query, the same results Chrome shows on google.com.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from android_gym import content, packages
from android_gym.sim import theme
from android_gym.sim.apps.base import App
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, icon, row, space, text
from android_gym.sim.web import PageContext
from android_gym.sim.web.google import account_bar
from android_gym.urls import parse_search, search_url

PACKAGE = packages.GOOGLE


@dataclass
class Page:
    """One screen of the app: "discover", "search" (typing) or "web" (a results page or a
    site opened from it)."""

    kind: str
    url: str = ""
    typed: str = ""
    page_state: dict = field(default_factory=dict)


@dataclass
class GoogleState:
    pages: list[Page] = field(default_factory=lambda: [Page("discover")])


class GoogleApp(App):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:google"
    bar_color = "#f1f3f4"
    light_bars = False

    def reset(self) -> None:
        self.state = GoogleState()

    @property
    def page(self) -> Page:
        return self.state.pages[-1]

    def start_search(self, typed: str = "", fresh: bool = False) -> None:
        """Opens the search screen with the keyboard up. The home screen widget opens a
        `fresh` one (back then returns to the home screen)."""
        if fresh:
            self.state.pages = [Page("search", typed=typed)]
        elif self.page.kind != "search":
            self.state.pages.append(Page("search", typed=typed))
        else:
            self.page.typed = typed

    def search(self, query: str, tab: str = "all") -> None:
        if not query.strip():
            return
        if self.page.kind == "search":
            self.state.pages.pop()
        self.open(search_url(query, tab))

    def open(self, url: str) -> None:
        self.state.pages.append(Page("web", url=url))
        self.phone.scroll.clear()

    def follow(self, url: str) -> None:
        """A link tapped on a page: an app that claims it opens it, else this app."""
        if not self.phone.follow_link(url):
            self.open(url)

    def back(self) -> bool:
        if len(self.state.pages) > 1:
            self.state.pages.pop()
            return True
        return False

    def activity(self) -> str:
        return {"discover": ".SearchActivity", "search": ".SearchActivity"}.get(
            self.page.kind, ".SearchResultsActivity"
        )

    def url(self) -> str | None:
        """The page URL, or None on the search screen or while the in-page box is edited."""
        if self.page.kind != "web" or self.page.page_state.get("editing"):
            return None
        return self.page.url

    def facts(self) -> dict[str, str]:
        return {"page": self.page.kind, "typed": self.page.typed}

    def build(self) -> View:
        page = self.page
        if page.kind == "search":
            return self._search_screen(page)
        if page.kind == "web":
            return self._web(page)
        return self._discover()

    def _search_bar(self, label: str, on_tap) -> View:
        return row(
            icon("search", 22, color=theme.TEXT_SECONDARY),
            text(
                label,
                size=17,
                flex=1,
                pad=(14, 0, 8, 0),
                lines=1,
                color=theme.TEXT if label != "Search" else theme.TEXT_HINT,
            ),
            icon("mic", 22, color=theme.GOOGLE_BLUE, desc="Voice search"),
            h=52,
            pad=(16, 0, 16, 0),
            radius=26,
            bg=theme.WHITE,
            shadow=True,
            on_tap=on_tap,
            rid="googleapp_search_box",
            desc="Search",
            cls="android.widget.EditText",
        )

    def _discover(self) -> View:
        return col(
            account_bar(),
            space(h=24),
            col(self._search_bar("Search", lambda: self.start_search()), pad=(16, 0, 16, 0)),
            space(h=24),
            text("Discover", size=18, weight="medium", pad=(20, 0, 20, 8)),
            text(
                "Your feed is empty. Search to get started.",
                size=14,
                color=theme.TEXT_SECONDARY,
                pad=(20, 0, 20, 0),
            ),
            space(flex=1),
            flex=1,
            bg=theme.SURFACE,
        )

    def _type(self, value: str) -> None:
        self.page.typed = value

    def _search_screen(self, page: Page) -> View:
        style = EditorStyle(field_id="googleapp_search_box", height=60, mic_when_empty=True)
        return search_editor(
            page.typed,
            content.suggestions(page.typed),
            style=style,
            on_change=self._type,
            on_submit=lambda: self.search(self.page.typed),
            on_pick=self.search,
            on_back=lambda: self.back() and None,
        )

    def _web(self, page: Page) -> View:
        ctx = PageContext(
            navigate=self.follow,
            key=f"gsa:{len(self.state.pages)}:{page.url}",
            page_state=lambda: self.page.page_state,
            in_app=True,
        )
        body = self.phone.web.page(page.url, ctx)
        search = parse_search(page.url)
        if search is None or page.page_state.get("editing"):
            return body
        query = search[0]
        return col(
            row(
                icon("menu", 24, color=theme.TEXT_SECONDARY, desc="Menu"), h=48, pad=(16, 0, 16, 0)
            ),
            col(self._search_bar(query, lambda: self.start_search(query)), pad=(12, 0, 12, 6)),
            body,
            flex=1,
            bg=theme.WHITE,
        )
