"""The Play Store's home (For you / Top charts under Games and Apps, the Search tab, Books),
its search box with suggestions, and search results.

Builders read the app only through its state and phone; handlers are lambdas on the app so
that a cached screen acts on the live state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import store_listings as store
from android_gym.sim import theme
from android_gym.sim.apps.play_store import widgets as w
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, divider, icon, image, row, space, text

if TYPE_CHECKING:
    from android_gym.sim.apps.play_store import PlayStore

NAV = (("games", "Games", "gamepad"), ("apps", "Apps", "grid"), ("search", "Search", "search"))
NAV_BOOKS = ("books", "Books", "bookmark")
TOP_TABS = (("for_you", "For you"), ("top_charts", "Top charts"))
SECTIONS = ("Recommended for you", "Suggested for you", "New & updated")
CATEGORIES = (
    "Social",
    "Music & Audio",
    "Entertainment",
    "Shopping",
    "News & Magazines",
    "Travel & Local",
    "Communication",
    "Food & Drink",
    "Finance",
    "Sports",
)


def home(app: PlayStore) -> View:
    """The screen under the bottom navigation: Games / Apps (with top tabs), Search, Books."""
    ui = app.top.ui
    nav = ui.get("nav", "apps")
    if nav == "search":
        body = _search_tab(app)
    elif nav == "books":
        body = _books(app)
    else:
        body = _apps_tab(app, games=nav == "games", top=ui.get("top", "for_you"))
    return col(
        col(
            w.search_pill("Search apps & games", lambda: app.start_typing()),
            pad=(14, 8, 14, 6),
        ),
        body,
        _bottom_nav(app, nav),
        flex=1,
        bg=w.SURFACE,
    )


def _bottom_nav(app: PlayStore, current: str) -> View:
    items = []
    for key, label, glyph in (*NAV, NAV_BOOKS):
        on = key == current
        items.append(
            col(
                icon(
                    glyph,
                    22,
                    color=theme.TEXT,
                    w=56,
                    h=30,
                    radius=15,
                    bg=w.GREEN_TINT if on else None,
                ),
                text(
                    label,
                    size=12,
                    weight="medium" if on else "regular",
                    color=theme.TEXT,
                    text_align="center",
                ),
                align="center",
                gap=4,
                flex=1,
                selected=on,
                desc=label,
                rid="navigation_bar_item",
                on_tap=lambda key=key: app.tab(nav=key),
            )
        )
    return col(
        divider("#e3e3e3"),
        row(*items, h=72, bg="#f3f6f4", rid="bottom_navigation"),
    )


def _top_tabs(app: PlayStore, current: str) -> View:
    tabs = []
    for key, label in TOP_TABS:
        on = key == current
        tabs.append(
            col(
                text(
                    label,
                    size=14,
                    weight="medium",
                    color=w.GREEN if on else w.GREY,
                    pad=(16, 12, 16, 10),
                ),
                space(h=3, w=48, bg=w.GREEN if on else None, radius=2),
                align="center",
                selected=on,
                desc=label,
                on_tap=lambda key=key: app.tab(top=key),
                rid="tab",
            )
        )
    return col(row(*tabs, pad=(8, 0, 8, 0)), divider("#e3e3e3"))


def _apps_tab(app: PlayStore, games: bool, top: str) -> View:
    if top == "top_charts":
        rows = [
            w.app_row(a, lambda p=a.package: app.show(p), rank=k + 1)
            for k, a in enumerate(store.charts(games))
        ]
        body = col(
            text("Top free", size=14, weight="medium", pad=(20, 14, 20, 6)),
            *rows,
            scroll=app.scroll_key(f"charts:{games}"),
            flex=1,
            rid="top_charts",
        )
    else:
        sections = []
        for title in SECTIONS:
            cards = [
                w.app_card(a, lambda p=a.package: app.show(p))
                for a in store.recommended(title, games)
            ]
            sections += [
                w.section_title(title),
                row(*cards, gap=14, pad=(20, 0, 20, 0), cls="android.widget.HorizontalScrollView"),
            ]
        body = col(
            *sections,
            space(h=16),
            scroll=app.scroll_key(f"for_you:{games}"),
            flex=1,
            rid="for_you",
        )
    return col(_top_tabs(app, top), body, flex=1)


def _search_tab(app: PlayStore) -> View:
    chips = [
        text(
            c,
            size=14,
            pad=(14, 12, 14, 12),
            radius=10,
            border="#c4c7c5",
            flex=1,
            lines=1,
            on_tap=lambda c=c: app.search(c),
            desc=c,
        )
        for c in CATEGORIES
    ]
    pairs = [row(chips[k], chips[k + 1], gap=10) for k in range(0, len(chips), 2)]
    return col(
        text("Explore apps", size=18, weight="medium", pad=(20, 16, 20, 10)),
        col(*pairs, gap=10, pad=(20, 0, 20, 0)),
        scroll=app.scroll_key("explore"),
        flex=1,
    )


def _books(app: PlayStore) -> View:
    rows = [
        row(
            image(f"cover:{title}", w=64, h=96, desc=title),
            col(
                text(title, size=16, lines=2),
                text(author, size=13, color=w.GREY),
                text(price, size=13, color=w.GREY),
                gap=3,
                flex=1,
                pad=(16, 0, 0, 0),
            ),
            pad=(20, 8, 20, 8),
            desc=title,
        )
        for title, author, price in store.BOOKS
    ]
    return col(
        w.section_title("Top selling ebooks", arrow=False),
        *rows,
        scroll=app.scroll_key("books"),
        flex=1,
    )


def typing(app: PlayStore) -> View:
    """The search box with app suggestions (open the app's page) above query suggestions."""
    typed = app.top.ui.get("typed", "")
    apps, queries = store.suggestions(typed, app.phone.installed)
    app_rows = [
        row(
            icon(a.icon, 40),
            col(
                text(a.label, size=16, lines=1, rid="suggestion_app_name"),
                text(a.developer, size=13, color=w.GREY, lines=1),
                flex=1,
                pad=(16, 0, 0, 0),
            ),
            h=64,
            pad=(20, 0, 16, 0),
            desc=a.label,
            on_tap=lambda p=a.package: app.show(p),
            rid="suggestion_app",
            cls="android.widget.LinearLayout",
        )
        for a in apps
    ]
    style = EditorStyle(field_id="search_bar_text_input", hint="Search apps & games")
    return search_editor(
        typed,
        queries,
        style=style,
        on_change=lambda value: app.type(value),
        on_submit=lambda: app.search(app.top.ui.get("typed", "")),
        on_pick=lambda s: app.search(s),
        on_back=lambda: app.back() and None,
        top=app_rows,
    )


def results(app: PlayStore, query: str) -> View:
    """Search results: the best match as a card with its Install / Open button, then rows."""
    found = store.search(query, app.phone.installed)
    parts: list[View | None] = []
    if found:
        best, rest = found[0], found[1:]
        parts.append(_featured(app, best))
        parts += [w.app_row(a, lambda p=a.package: app.show(p)) for a in rest]
    else:
        parts.append(text(f"No results for {query}", size=16, color=w.GREY, pad=(20, 24, 20, 0)))
    return col(
        row(
            icon(
                "arrow_back",
                24,
                color=theme.TEXT,
                desc="Navigate up",
                on_tap=lambda: app.back() and None,
            ),
            space(w=10),
            col(w.search_pill(query, lambda: app.start_typing(query), hint=False), flex=1),
            pad=(12, 8, 14, 8),
        ),
        col(*parts, space(h=16), scroll=app.scroll_key(), flex=1, rid="search_results"),
        flex=1,
        bg=w.SURFACE,
    )


def _featured(app: PlayStore, best) -> View:
    state = app.state_of(best)
    if state == "Open":
        action = w.button("Open", lambda p=best.package: app.launch_app(p), flex=0)
    elif state == "Downloading":
        action = w.download_status(best, app.progress(best))
    else:
        action = w.button("Install", lambda p=best.package: app.install(p), flex=0)
    return col(
        row(
            icon(best.icon, 64),
            col(
                text(best.label, size=18, weight="medium", lines=1, rid="app_name"),
                text(best.developer, size=13, color=w.GREEN, lines=1),
                w.rating_row(best, f"{best.downloads} downloads"),
                gap=2,
                flex=1,
                pad=(16, 0, 8, 0),
            ),
            on_tap=lambda p=best.package: app.show(p),
            desc=best.label,
            rid="app_row",
        ),
        action,
        gap=14,
        pad=(20, 12, 20, 16),
        rid="featured_result",
    )
