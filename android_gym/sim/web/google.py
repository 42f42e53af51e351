"""google.com: the home page, the search box with its suggestions, and the results page.

The Google app and Chrome show the same results body; only the header differs (the app draws
its own search bar, Chrome shows the mobile web page's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym import content
from android_gym.content import Card, Result, SearchResults, geo
from android_gym.sim import theme
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, divider, icon, image, row, space, text
from android_gym.sim.web.cards import card_view
from android_gym.sim.web.widgets import BODY, GREY, PAD, Tap, card
from android_gym.urls import SEARCH_TABS

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

TAB_GREY = "#757575"
TAB_LABELS = {
    "all": "ALL",
    "news": "NEWS",
    "images": "IMAGES",
    "videos": "VIDEOS",
    "shopping": "SHOPPING",
    "books": "BOOKS",
}


def _editing_overlay(ctx: PageContext) -> View:
    """The in-page search box while typing, with its suggestions."""
    typed = ctx.state.get("typed", "")

    def change(value: str) -> None:
        ctx.state["typed"] = value

    def pick(query: str) -> None:
        ctx.state["editing"] = False
        ctx.search(query)

    def close() -> None:
        ctx.state["editing"] = False

    return search_editor(
        typed,
        content.suggestions(typed),
        style=EditorStyle(field_id="gLFyf"),
        on_change=change,
        on_submit=lambda: pick(ctx.state.get("typed", "")),
        on_pick=pick,
        on_back=close,
    )


def _search_box(query: str, ctx: PageContext, big: bool = False) -> View:
    """The search box: a pill on the home page, the top of the header card on results."""

    def start() -> None:
        ctx.state["editing"] = True
        ctx.state["typed"] = query

    return row(
        icon("search", 24, color=theme.TEXT_SECONDARY),
        text(query or "", size=16.5, flex=1, pad=(18, 0, 8, 0), lines=1, color=theme.TEXT),
        icon("mic", 24, color=theme.GOOGLE_BLUE, desc="Search by voice"),
        h=52 if big else 50,
        pad=(16, 0, 16, 0),
        radius=26 if big else 8,
        bg=theme.WHITE,
        shadow=big,
        on_tap=start,
        rid="search_box",
        desc="Search",
        cls="android.widget.EditText",
    )


def account_bar() -> View:
    """The menu button and the account picture at the top of Google's pages and app."""
    return row(
        icon("menu", 24, color=theme.TEXT_SECONDARY, desc="Main menu"),
        space(flex=1),
        icon("app:google", 32, desc="Google Account"),
        h=56,
        pad=(16, 0, 16, 0),
    )


def home_page(ctx: PageContext) -> View:
    """www.google.com: logo and search box."""
    if ctx.state.get("editing"):
        return _editing_overlay(ctx)
    return col(
        account_bar(),
        space(h=48),
        image("logo:google", h=72, desc="Google"),
        space(h=28),
        col(_search_box("", ctx, big=True), pad=(20, 0, 20, 0)),
        space(flex=1),
        text(
            "United States",
            size=13,
            color=theme.TEXT_SECONDARY,
            pad=(20, 12, 20, 12),
            bg=theme.SURFACE,
        ),
        flex=1,
        bg=theme.WHITE,
        cls="android.webkit.WebView",
        desc="Google",
    )


TAB_WIDTHS = {"all": 44, "news": 56, "images": 68, "videos": 66, "shopping": 84, "books": 62}
MORE_TAB = {
    "news": "news",
    "images": "images",
    "wallpapers": "images",
    "wide_images": "images",
    "shopping": "shopping",
    "videos": "videos",
    "menu": "images",
}


def tabs_row(query: str, tab: str, ctx: PageContext) -> View:
    """ALL / NEWS / IMAGES / ... tabs of a results page; the selected one blue and underlined."""
    tabs = []
    for name in SEARCH_TABS:
        selected = name == tab
        width = TAB_WIDTHS[name]
        tabs.append(
            col(
                text(
                    TAB_LABELS[name],
                    size=13,
                    weight="medium",
                    color=theme.GOOGLE_BLUE if selected else TAB_GREY,
                    text_align="center",
                    pad=(0, 12, 0, 9),
                    lines=1,
                ),
                row(
                    space(h=3, w=width - 16, bg=theme.GOOGLE_BLUE, radius=2) if selected else None,
                    h=3,
                    justify="center",
                ),
                w=width,
                selected=selected,
                desc=TAB_LABELS[name],
                on_tap=lambda name=name: ctx.search(query, name),
            )
        )
    return row(*tabs, pad=(8, 0, 0, 0), align="start", rid="tabs")


def _organic(r: Result, ctx: PageContext) -> View:
    return card(
        text(r.breadcrumb, size=BODY, lines=1),
        text(
            r.title,
            size=20.5,
            color=theme.LINK_BLUE,
            lines=2,
            on_tap=lambda url=r.url: ctx.navigate(url),
            cls="android.view.View",
            desc=r.title,
        ),
        text(r.snippet, size=BODY, lines=4),
        gap=8,
    )


def _questions(results: SearchResults, ctx: PageContext) -> View:
    rows: list[View] = [text("People also ask", size=17, weight="medium", pad=(0, 0, 0, 12))]
    for q in results.questions:
        rows.append(divider())
        rows.append(
            row(
                text(q, size=BODY, flex=1, lines=2),
                icon("chevron_down", 22, color=theme.TEXT_SECONDARY),
                h=54,
                gap=8,
                on_tap=lambda q=q: ctx.search(q),
                desc=q,
            )
        )
    return col(*rows, pad=(PAD, 14, PAD, 0), bg=theme.WHITE, radius=8, shadow=True)


def _related(results: SearchResults, ctx: PageContext) -> View:
    rows: list[View] = [text("People also search for", size=17, weight="medium", pad=(0, 0, 0, 8))]
    for q in results.related:
        rows.append(divider())
        rows.append(
            row(
                icon("search", 20, color=theme.TEXT_SECONDARY),
                text(q, size=BODY, flex=1, lines=1),
                h=50,
                gap=22,
                pad=(8, 0, 0, 0),
                on_tap=lambda q=q: ctx.search(q),
                desc=q,
            )
        )
    return col(*rows, pad=(PAD, 14, PAD, 0), bg=theme.WHITE, radius=8, shadow=True)


def _on_more(c: Card, results: SearchResults, ctx: PageContext) -> Tap:
    """A card's "More ..." opens the matching tab, else the first result's site."""
    tab = MORE_TAB.get(c.kind)
    if tab is not None and tab != results.tab:
        return lambda: ctx.search(results.query, tab)
    if results.results:
        return lambda url=results.results[0].url: ctx.navigate(url)
    return None


def results_body(results: SearchResults, ctx: PageContext) -> list[View]:
    """Answer cards, organic results, "People also ask", related searches and the footer."""
    body: list[View] = [
        card_view(c, lambda url: ctx.navigate(url), _on_more(c, results, ctx))
        for c in results.cards
    ]
    body += [_organic(r, ctx) for r in results.results]
    if results.questions:
        body.append(_questions(results, ctx))
    if results.related:
        body.append(_related(results, ctx))
    body.append(
        text(
            f"{geo.HOME.label} - From your IP address · Update location",
            size=12.5,
            color=GREY,
            text_align="center",
            pad=(PAD, 8, PAD, 0),
            lines=2,
        )
    )
    return body


def _header(query: str, tab: str, ctx: PageContext) -> list[View]:
    """Chrome shows google.com's own header: menu and logo, then a card with the search box
    and the tabs. The Google app draws its own search bar, so there only the tabs show."""
    tabs = tabs_row(query, tab, ctx)
    if ctx.in_app:
        return [tabs, divider()]
    return [
        row(
            icon("menu", 24, color=theme.TEXT_SECONDARY, desc="Main menu"),
            space(flex=1),
            image("logo:google", w=110, h=38, desc="Google"),
            space(flex=1),
            space(w=24),
            h=60,
            pad=(20, 0, 20, 0),
        ),
        col(
            col(_search_box(query, ctx), divider(), tabs, bg=theme.WHITE, radius=8, shadow=True),
            pad=(8, 0, 8, 4),
        ),
    ]


def results_page(query: str, tab: str, ctx: PageContext) -> View:
    """www.google.com/search?q=...: header, tabs and the results of `tab`."""
    if ctx.state.get("editing"):
        return _editing_overlay(ctx)
    results = content.search(query, tab)
    return col(
        *_header(query, tab, ctx),
        col(
            *results_body(results, ctx),
            gap=10,
            pad=(8, 8, 8, 24),
            flex=1,
            scroll=f"{ctx.key}:results",
            bg=theme.WHITE,
            rid="center_col",
        ),
        flex=1,
        bg=theme.WHITE,
        cls="android.webkit.WebView",
        desc=f"{query} - Google Search",
    )
