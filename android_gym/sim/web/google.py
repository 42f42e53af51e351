"""google.com: the home page, the search box with its suggestions, and the results page.

The Google app and Chrome show the same results body; only the header differs (the app draws
its own search bar, Chrome shows the mobile web page's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.sim import content, theme
from android_gym.sim.content import SearchResults
from android_gym.sim.view import View, col, divider, field, icon, image, row, space, text
from android_gym.sim.web.cards import card_view
from android_gym.sim.web.urls import SEARCH_TABS

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

TAB_LABELS = {"all": "ALL", "news": "NEWS", "images": "IMAGES", "videos": "VIDEOS", "shopping": "SHOPPING", "books": "BOOKS"}


def suggestion_list(typed: str, pick, complete) -> View:
    """The suggestions dropdown under a search box: tap a row to search it, the arrow to
    copy it into the box."""
    rows = []
    for s in content.suggestions(typed):
        rows.append(row(
            icon("search", 20, color=theme.TEXT_SECONDARY),
            text(s, size=16, flex=1, pad=(16, 0, 0, 0), rid="suggestion_text", lines=1),
            icon("arrow_back", 20, color=theme.TEXT_SECONDARY, desc=f"Refine {s}", on_tap=lambda s=s: complete(s)),
            h=52, pad=(20, 0, 16, 0), on_tap=lambda s=s: pick(s), desc=s,
            cls="android.widget.LinearLayout",
        ))
    return col(*rows, bg=theme.WHITE, rid="suggestions_list", cls="android.widget.ListView")


def _editing_overlay(ctx: PageContext) -> View:
    """The in-page search box while typing, with its suggestions."""
    typed = ctx.state.get("typed", "")

    def change(value: str) -> None:
        ctx.state["typed"] = value

    def submit() -> None:
        ctx.state["editing"] = False
        ctx.search(ctx.state.get("typed", ""))

    def close() -> None:
        ctx.state["editing"] = False

    box = row(
        icon("arrow_back", 22, color=theme.TEXT_SECONDARY, desc="Back", on_tap=close),
        field(typed, hint="Search", size=17, flex=1, pad=(16, 0, 8, 0), focused=True, rid="gLFyf",
              on_change=change, on_submit=submit, on_tap=lambda: None, desc="Search"),
        icon("close", 22, color=theme.TEXT_SECONDARY, desc="Clear", on_tap=lambda: change("")) if typed else None,
        h=56, pad=(16, 0, 16, 0), bg=theme.WHITE,
    )
    return col(box, divider(), suggestion_list(typed, ctx.search, change), flex=1, bg=theme.WHITE)


def _search_box(query: str, ctx: PageContext, big: bool) -> View:
    def start() -> None:
        ctx.state["editing"] = True
        ctx.state["typed"] = query

    return row(
        icon("search", 22, color=theme.TEXT_SECONDARY),
        text(query or "", size=17, flex=1, pad=(14, 0, 8, 0), lines=1, color=theme.TEXT),
        icon("mic", 22, color=theme.GOOGLE_BLUE, desc="Search by voice"),
        h=52 if big else 48, pad=(16, 0, 16, 0), radius=26 if big else 8, bg=theme.WHITE, shadow=True,
        on_tap=start, rid="search_box", desc="Search", cls="android.widget.EditText",
    )


def home_page(ctx: PageContext) -> View:
    """www.google.com: logo and search box."""
    if ctx.state.get("editing"):
        return _editing_overlay(ctx)
    return col(
        row(icon("menu", 24, color=theme.TEXT_SECONDARY, desc="Main menu"), space(flex=1),
            icon("app:google", 32, desc="Google Account"), h=56, pad=(16, 0, 16, 0)),
        space(h=48),
        image("logo:google", h=72, desc="Google"),
        space(h=28),
        col(_search_box("", ctx, big=True), pad=(20, 0, 20, 0)),
        space(flex=1),
        text("United States", size=13, color=theme.TEXT_SECONDARY, pad=(20, 12, 20, 12), bg=theme.SURFACE),
        flex=1, bg=theme.WHITE, cls="android.webkit.WebView", desc="Google",
    )


def tabs_row(query: str, tab: str, ctx: PageContext) -> View:
    """ALL / NEWS / IMAGES / ... tabs of a results page."""
    tabs = []
    for name in SEARCH_TABS:
        selected = name == tab
        tabs.append(col(
            text(TAB_LABELS[name], size=14, weight="medium", color=theme.ACCENT if selected else theme.TEXT_SECONDARY,
                 text_align="center", pad=(0, 12, 0, 10)),
            space(h=3, bg=theme.ACCENT if selected else None),
            w=80 if name != "shopping" else 96, selected=selected, desc=TAB_LABELS[name],
            on_tap=lambda name=name: ctx.search(query, name),
        ))
    return row(*tabs, pad=(8, 0, 0, 0), align="start", rid="tabs")


def results_body(results: SearchResults, ctx: PageContext) -> list[View]:
    """Answer cards, organic results, "People also ask" and related searches."""
    body: list[View] = [card_view(c, ctx) for c in results.cards]
    for r in results.results:
        body.append(col(
            text(r.breadcrumb, size=13, color=theme.TEXT, lines=1),
            text(r.title, size=19, color=theme.LINK_BLUE, lines=2, on_tap=lambda url=r.url: ctx.navigate(url),
                 cls="android.view.View"),
            text(r.snippet, size=14, color=theme.TEXT_SECONDARY, lines=3),
            gap=6, pad=(16, 14, 16, 14), bg=theme.WHITE, radius=8, shadow=True,
        ))
    if results.questions:
        rows = [text("People also ask", size=18, weight="medium", pad=(0, 0, 0, 6))]
        for q in results.questions:
            rows.append(divider())
            rows.append(row(text(q, size=15, flex=1), icon("chevron_down", 22, color=theme.TEXT_SECONDARY),
                            h=52, on_tap=lambda q=q: ctx.search(q), desc=q))
        body.append(col(*rows, pad=(16, 14, 16, 6), bg=theme.WHITE, radius=8, shadow=True))
    if results.related:
        rows = [text("People also search for", size=18, weight="medium", pad=(0, 0, 0, 6))]
        for q in results.related:
            rows.append(row(icon("search", 18, color=theme.TEXT_SECONDARY), text(q, size=15, flex=1, pad=(12, 0, 0, 0)),
                            h=46, on_tap=lambda q=q: ctx.search(q), desc=q))
        body.append(col(*rows, pad=(16, 14, 16, 10), bg=theme.WHITE, radius=8, shadow=True))
    return body


def results_page(query: str, tab: str, ctx: PageContext) -> View:
    """www.google.com/search?q=...: header (in Chrome), tabs and the results."""
    if ctx.state.get("editing"):
        return _editing_overlay(ctx)
    results = content.search(query, tab)
    header: list[View] = []
    if not ctx.in_app:
        header = [
            row(icon("menu", 24, color=theme.TEXT_SECONDARY, desc="Main menu"), space(flex=1),
                image("logo:google", w=100, h=34, desc="Google"), space(flex=1), icon("app:google", 30, desc="Google Account"),
                h=56, pad=(16, 0, 16, 0)),
            col(_search_box(query, ctx, big=False), pad=(12, 0, 12, 4)),
        ]
    return col(
        *header,
        tabs_row(query, tab, ctx),
        divider(),
        col(*results_body(results, ctx), gap=10, pad=(10, 10, 10, 24), flex=1, scroll=f"{ctx.key}:results",
            bg=theme.SURFACE, rid="center_col"),
        flex=1, bg=theme.WHITE, cls="android.webkit.WebView", desc=f"{query} - Google Search",
    )
