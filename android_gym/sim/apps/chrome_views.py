"""Chrome's screens: toolbar, new tab page, omnibox with suggestions, tab switcher and menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym import content
from android_gym.sim import theme
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, divider, icon, image, row, space, stack, text
from android_gym.urls import NEW_TAB, display

if TYPE_CHECKING:
    from android_gym.sim.apps.chrome import Chrome, Tab

MOST_VISITED = (
    ("Facebook", "facebook", "https://m.facebook.com/"),
    ("YouTube", "youtube", "https://m.youtube.com/"),
    ("Amazon.com", "amazon", "https://www.amazon.com/"),
    ("Wikipedia", "wikipedia", "https://en.m.wikipedia.org/"),
    ("ESPN.com", "espn", "https://www.espn.com/"),
    ("Yahoo", "yahoo", "https://www.yahoo.com/"),
    ("eBay", "ebay", "https://www.ebay.com/"),
    ("Instagram", "instagram", "https://www.instagram.com/"),
)
MENU_ITEMS = (
    ("New tab", "new_tab_menu_id"),
    ("New incognito tab", "new_incognito_tab_menu_id"),
    ("New window", "new_window_menu_id"),
    ("History", "open_history_menu_id"),
    ("Downloads", "downloads_menu_id"),
    ("Bookmarks", "all_bookmarks_menu_id"),
    ("Recent tabs", "recent_tabs_menu_id"),
    ("Share…", "share_menu_id"),
    ("Settings", "preferences_id"),
)


def _colors(tab: Tab) -> tuple[str, str, str]:
    """(toolbar background, foreground, page background) for a normal or incognito tab."""
    if tab.incognito:
        return (theme.INCOGNITO_SURFACE, theme.WHITE, theme.INCOGNITO_BG)
    return (theme.WHITE, theme.TEXT_SECONDARY, theme.SURFACE)


def _tab_button(chrome: Chrome, fg: str) -> View:
    count = len(chrome.tabs(chrome.tab.incognito))
    label = str(count) if count < 100 else ":D"
    return stack(
        icon("tabs", 24, color=fg),
        text(label, size=11, weight="bold", color=fg, text_align="center", at="center", w=24),
        w=48,
        h=48,
        rid="tab_switcher_button",
        desc=f"Switch or close tabs, {count} open tabs",
        on_tap=lambda: chrome.open_overlay("switcher"),
        cls="android.widget.ImageButton",
    )


def _menu_button(chrome: Chrome, fg: str) -> View:
    return row(
        icon("more_vert", 24, color=fg),
        w=44,
        h=48,
        justify="center",
        rid="menu_button",
        desc="Customize and control Google Chrome",
        on_tap=lambda: chrome.open_overlay("menu"),
        cls="android.widget.ImageButton",
    )


def _toolbar(chrome: Chrome) -> View:
    tab = chrome.tab
    bar, fg, _ = _colors(tab)
    url_bg = theme.INCOGNITO_BG if tab.incognito else theme.SURFACE
    shown = display(tab.url)
    return row(
        icon("home", 24, color=fg, desc="Home", on_tap=lambda: chrome.navigate(NEW_TAB)),
        space(w=8),
        row(
            icon("incognito" if tab.incognito else "search", 18, color=fg),
            text(
                shown or "Search or type web address",
                size=16,
                color=theme.WHITE if tab.incognito else theme.TEXT,
                lines=1,
                flex=1,
                pad=(10, 0, 4, 0),
                rid="url_bar",
                cls="android.widget.EditText",
            ),
            flex=1,
            h=44,
            radius=22,
            pad=(14, 0, 8, 0),
            bg=url_bg,
            on_tap=lambda: chrome.open_overlay("omnibox"),
            rid="location_bar",
            desc="Search or type web address",
        ),
        _tab_button(chrome, fg),
        _menu_button(chrome, fg),
        h=56,
        pad=(12, 0, 4, 0),
        bg=bar,
        rid="toolbar",
        cls="android.widget.FrameLayout",
    )


def _new_tab_page(chrome: Chrome) -> View:
    tab = chrome.tab
    _, fg, page = _colors(tab)
    top = row(
        space(flex=1), _tab_button(chrome, fg), _menu_button(chrome, fg), h=56, pad=(0, 0, 4, 0)
    )
    if tab.incognito:
        body = col(
            icon("incognito", 64, color="#9aa0a6"),
            text("You've gone Incognito", size=22, color=theme.WHITE, pad=(0, 20, 0, 12)),
            text(
                "Others who use this device won't see your activity, so you can browse more "
                "privately.",
                size=15,
                color="#bdc1c6",
            ),
            space(h=16),
            _fake_box(chrome, dark=True),
            gap=8,
            pad=(28, 40, 28, 0),
            flex=1,
        )
    else:
        tiles = [
            col(
                image(f"site:{key}", w=56, h=56, radius=8),
                text(label, size=13, color=theme.TEXT_SECONDARY, text_align="center", lines=1),
                w=84,
                gap=8,
                align="center",
                desc=label,
                on_tap=lambda url=url: chrome.navigate(url),
                rid="tile_view_title",
                text=label,
                cls="android.widget.FrameLayout",
            )
            for label, key, url in MOST_VISITED
        ]
        body = col(
            space(h=24),
            image("logo:google", h=92, desc="Google"),
            space(h=32),
            col(_fake_box(chrome, dark=False), pad=(16, 0, 16, 0)),
            space(h=28),
            row(*tiles[:4], justify="between", pad=(8, 0, 8, 0), align="start"),
            space(h=16),
            row(*tiles[4:], justify="between", pad=(8, 0, 8, 0), align="start"),
            space(h=24),
            row(
                text("Articles for you", size=14, color=theme.TEXT_SECONDARY, flex=1),
                icon("expand_less", 22, color=theme.TEXT_SECONDARY),
                h=40,
                pad=(16, 0, 16, 0),
            ),
            col(
                text("That's all for now", size=18, color=theme.TEXT),
                text("Your suggested articles appear here", size=15, color=theme.TEXT_SECONDARY),
                gap=6,
                pad=(16, 16, 16, 16),
                bg=theme.WHITE,
            ),
            flex=1,
            scroll=f"ntp:{tab.id}",
            rid="ntp_content",
        )
    return col(top, body, flex=1, bg=page, rid="ntp", cls="android.widget.FrameLayout")


def _fake_box(chrome: Chrome, dark: bool) -> View:
    return row(
        text(
            "Search or type web address",
            size=17,
            color="#9aa0a6" if dark else theme.TEXT_SECONDARY,
            flex=1,
            lines=1,
            rid="search_box_text",
            cls="android.widget.EditText",
        ),
        icon(
            "mic", 22, color="#9aa0a6" if dark else theme.TEXT_SECONDARY, desc="Start voice search"
        ),
        h=52,
        pad=(18, 0, 16, 0),
        radius=4 if not dark else 26,
        bg=theme.INCOGNITO_SURFACE if dark else theme.WHITE,
        shadow=not dark,
        on_tap=lambda: chrome.open_overlay("omnibox"),
        rid="search_box",
        desc="Search or type web address",
    )


def _omnibox(chrome: Chrome) -> View:
    bar, fg, _ = _colors(chrome.tab)
    typed = chrome.state.omnibox
    first = typed.strip()
    options = (
        [first, *[s for s in content.suggestions(typed) if s != first.lower()]] if first else []
    )
    style = EditorStyle(
        field_id="url_bar",
        hint="Search or type web address",
        clear_desc="Delete",
        bar=bar,
        fg=fg,
        text_color=theme.WHITE if chrome.tab.incognito else theme.TEXT,
        list_id="omnibox_results_container",
        row_id="omnibox_suggestion",
        text_id="line_1",
    )
    return search_editor(
        typed,
        options[:6],
        style=style,
        on_change=chrome.set_omnibox,
        on_submit=chrome.submit_omnibox,
        on_pick=chrome.submit_omnibox,
        on_back=lambda: chrome.open_overlay(""),
    )


def _switcher(chrome: Chrome) -> View:
    incognito = chrome.state.switcher_incognito
    tabs = chrome.tabs(incognito)
    bg = theme.INCOGNITO_BG if incognito else theme.SURFACE
    fg = theme.WHITE if incognito else theme.TEXT

    def toggle(value: bool) -> None:
        chrome.state.switcher_incognito = value

    cards = []
    for t in tabs:
        title = chrome.phone.web.title(t.url) if t.url != NEW_TAB else "New tab"
        cards.append(
            col(
                row(
                    text(title, size=14, color=fg, lines=1, flex=1, rid="tab_title"),
                    icon(
                        "close",
                        18,
                        color=fg,
                        desc=f"Close {title} tab",
                        on_tap=lambda t=t: chrome.close_tab(t.id),
                        rid="action_button",
                    ),
                    h=40,
                    pad=(12, 0, 8, 0),
                ),
                col(
                    text(
                        display(t.url) or "New tab",
                        size=12,
                        color=theme.TEXT_SECONDARY,
                        text_align="center",
                    ),
                    h=220,
                    justify="center",
                    bg=theme.INCOGNITO_SURFACE if incognito else theme.WHITE,
                ),
                w=186,
                radius=12,
                bg=theme.INCOGNITO_SURFACE if incognito else theme.DIVIDER,
                selected=t is chrome.tab,
                desc=title,
                on_tap=lambda t=t: chrome.select_tab(t.id),
                rid="card_view",
            )
        )
    grid = [row(*cards[i : i + 2], gap=12, align="start") for i in range(0, len(cards), 2)]
    return col(
        row(
            icon(
                "incognito",
                24,
                color=fg if incognito else theme.TEXT_SECONDARY,
                desc="Incognito tabs",
                on_tap=lambda: toggle(True),
                selected=incognito,
                rid="incognito_toggle_tabs",
            ),
            space(w=16),
            icon(
                "tabs",
                24,
                color=fg if not incognito else "#9aa0a6",
                desc="Standard tabs",
                selected=not incognito,
                on_tap=lambda: toggle(False),
            ),
            space(flex=1),
            icon(
                "add",
                26,
                color=fg,
                desc="New incognito tab" if incognito else "New tab",
                on_tap=lambda: chrome.new_tab(incognito),
                rid="new_tab_view_button",
            ),
            space(w=12),
            _menu_button(chrome, fg),
            h=56,
            pad=(16, 0, 4, 0),
        ),
        col(
            *grid,
            gap=12,
            pad=(12, 8, 12, 16),
            flex=1,
            scroll=f"switcher:{incognito}",
            rid="tab_list_view",
        )
        if cards
        else text("No open tabs", size=16, color=fg, text_align="center", pad=40),
        space(flex=1) if not cards else None,
        flex=1,
        bg=bg,
        rid="tab_switcher_view",
    )


def _menu(chrome: Chrome, below: View) -> View:
    actions = {
        "New tab": lambda: chrome.new_tab(False),
        "New incognito tab": lambda: chrome.new_tab(True),
        "New window": chrome.new_window,
    }
    items = []
    for label, rid in MENU_ITEMS:
        action = actions.get(label, lambda: chrome.open_overlay(""))
        items.append(
            row(
                text(label, size=16, flex=1, rid="menu_item_text"),
                h=48,
                pad=(16, 0, 16, 0),
                desc=label,
                on_tap=action,
                rid=rid,
            )
        )
    icons_row = row(
        *[
            icon(n, 22, color=theme.TEXT_SECONDARY, desc=d)
            for n, d in (
                ("arrow_back", "Forward"),
                ("star", "Bookmark"),
                ("download", "Download"),
                ("refresh", "Refresh"),
            )
        ],
        justify="between",
        h=48,
        pad=(16, 0, 16, 0),
    )
    menu = col(
        icons_row,
        divider(),
        *items,
        w=256,
        bg=theme.WHITE,
        radius=4,
        shadow=True,
        at="top-right",
        rid="app_menu_list",
        cls="android.widget.ListView",
    )
    scrim = space(on_tap=lambda: chrome.open_overlay(""), desc="Close menu", rid="menu_scrim")
    return stack(below, scrim, menu, flex=1)


def build(chrome: Chrome) -> View:
    """Chrome's window for its current state."""
    overlay = chrome.state.overlay
    if overlay == "omnibox":
        return _omnibox(chrome)
    if overlay == "switcher":
        screen = _switcher(chrome)
    elif chrome.tab.url == NEW_TAB:
        screen = _new_tab_page(chrome)
    else:
        page = chrome.phone.web.page(chrome.tab.url, chrome.page_context())
        screen = (
            col(_toolbar(chrome), divider(), page, flex=1)
            if not chrome.tab.page_state.get("editing")
            else page
        )
    return _menu(chrome, screen) if overlay == "menu" else screen
