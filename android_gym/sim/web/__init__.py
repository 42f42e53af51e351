"""The simulated web: routes a URL to the page that draws it.

Browsers (Chrome, the Google app) own navigation; a page gets a `PageContext` with the
callbacks it may use (navigate, search) and a small per-page state dict for things like an
in-page search box. Pages are views like any app screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from android_gym.sim.view import View
from android_gym.sim.web import google, reddit, sites, stores
from android_gym.urls import parse_search, search_url


@dataclass
class PageContext:
    """What a page may do and remember.

    navigate: open a URL in the same tab. key: a prefix unique to this page in this tab, for
    scroll containers. page_state: returns the live per-page mutable state (cleared on
    navigation). dark: draw for an incognito tab. in_app: True inside the Google app, whose own
    header replaces the page's. site_data: returns the live data the browser keeps for the
    page's site (its cookies: a store's cart). seed: the browser's per-episode seed, for what
    a site varies between visits (banners, sponsored listings).

    Screens are cached by state and reused, so a page's handlers must reach state through the
    context when they run (`ctx.state`, `ctx.navigate`), never through objects captured while
    the page was built.
    """

    navigate: Callable[[str], None]
    key: str
    page_state: Callable[[], dict[str, Any]] = field(default=lambda: {})
    dark: bool = False
    in_app: bool = False
    site_data: Callable[[], dict[str, Any]] = field(default=lambda: {})
    seed: int = 0

    @property
    def state(self) -> dict[str, Any]:
        """The live per-page state."""
        return self.page_state()

    @property
    def storage(self) -> dict[str, Any]:
        """The live site data of the page's site."""
        return self.site_data()

    def search(self, query: str, tab: str = "all") -> None:
        if query.strip():
            self.navigate(search_url(query, tab))


class Web:
    """Routes URLs to pages."""

    def page(self, url: str, ctx: PageContext) -> View:
        """The content view of `url` (it fills the browser's content area and scrolls)."""
        search = parse_search(url)
        if search is not None:
            return google.results_page(search[0], search[1], ctx)
        if sites.is_google_home(url):
            return google.home_page(ctx)
        if reddit.handles(url):
            return reddit.page(url, ctx)
        if stores.read(url) is not None:
            return stores.page(url, ctx)
        return sites.page(url, ctx)

    def visit(self, url: str, site_data: Callable[[str], dict[str, Any]]) -> str:
        """The URL a request for `url` ends on, after the site has handled it with its site
        data (`site_data(url)`): a store's add-to-cart link fills the cart and redirects."""
        if stores.read(url) is not None:
            return stores.visit(url, site_data(url))
        return url

    def title(self, url: str) -> str:
        """The page title shown in tab switchers and history."""
        search = parse_search(url)
        if search is not None:
            return f"{search[0]} - Google Search"
        if reddit.handles(url):
            return reddit.title(url)
        if stores.read(url) is not None:
            return stores.title(url)
        return sites.title(url)
