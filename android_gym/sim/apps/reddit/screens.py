"""The Reddit app's screens: its white feed with the feed switcher and sort bar over post
cards, the bottom navigation bar, bottom sheets for feeds, sorts and time ranges, post pages
with comments, communities, and search.

Handlers reach state through the app (`app.top`, `app.choose_sort`, ...) when they run: built
screens are cached by the app's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import reddit
from android_gym.content.reddit import FEEDS, PERIODS, SORTS
from android_gym.sim import theme
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, divider, icon, image, row, space, stack, text
from android_gym.sim.web.reddit import GREY, vote_row

if TYPE_CHECKING:
    from android_gym.sim.apps.reddit import Reddit

GAP = "#edeff1"
BLUE = "#0a449b"
EDITOR = EditorStyle(field_id="search_query", hint="Search Reddit", list_id="typeahead_list")
SORT_ICONS = {
    "best": "star",
    "hot": "sun",
    "new": "add",
    "top": "upvote",
    "rising": "arrow_forward",
}
NAV = (
    ("home", "Home"),
    ("grid", "Communities"),
    ("add", "Create"),
    ("chat", "Chat"),
    ("person", "Inbox"),
)


def build(app: Reddit) -> View:
    screen = {
        "feed": _feed,
        "community": _community,
        "post": _post,
        "search": _search,
        "results": _results,
    }[app.top.name](app)
    sheet = _sheet(app)
    return stack(screen, *sheet, flex=1) if sheet else screen


def _bar(*children: View | None) -> View:
    return row(*children, h=56, gap=14, pad=(12, 0, 12, 0), bg=theme.WHITE, rid="toolbar")


def _back(app: Reddit) -> View:
    return icon(
        "arrow_back",
        24,
        color=theme.TEXT,
        desc="Back",
        rid="back_button",
        on_tap=lambda: app.back() and None,
    )


def _card(app: Reddit, post: reddit.Post, in_community: bool = False) -> View:
    where = f"u/{post.author}" if in_community else f"r/{post.community}"
    return col(
        row(
            icon("app:reddit", 22),
            text(where, size=12.5, weight="medium", color=theme.TEXT, pad=(0, 0, 3, 0)),
            text(f"• {post.age}", size=12.5, color=GREY),
            gap=6,
        ),
        text(post.title, size=17, weight="medium", lines=3, rid="post_title"),
        image(f"scene:{post.title}", h=200, radius=10) if post.picture else None,
        vote_row(post, on_comments=lambda: app.open_post(post)),
        gap=8,
        pad=(14, 12, 14, 12),
        bg=theme.WHITE,
        desc=post.title,
        rid="post_unit",
        on_tap=lambda: app.open_post(post),
    )


def _sort_bar(app: Reddit) -> View:
    args = app.top.args
    label = f"{SORTS[args['sort']].upper()} POSTS"
    if args["sort"] == "top":
        label += f" · {PERIODS[args['period']].upper()}"
    desc = f"Sort posts: {SORTS[args['sort']]}"
    desc += f", {PERIODS[args['period']]}" if args["sort"] == "top" else ""
    return row(
        icon(SORT_ICONS[args["sort"]], 16, color=GREY),
        text(label, size=13, weight="bold", color=GREY, rid="sort_label", pad=(0, 0, 3, 0)),
        icon("chevron_down", 16, color=GREY),
        gap=6,
        h=40,
        pad=(14, 0, 14, 0),
        bg=theme.WHITE,
        desc=desc,
        rid="sort_button",
        on_tap=lambda: app.sheet("sort"),
    )


def _posts(app: Reddit, in_community: bool = False) -> View:
    cards = [_card(app, p, in_community) for p in app.listing()]
    return col(
        *cards,
        gap=8,
        flex=1,
        bg=GAP,
        scroll=app.scroll_key(),
        rid="feed_list",
        cls="androidx.recyclerview.widget.RecyclerView",
    )


def _nav() -> View:
    return row(
        *[
            col(
                icon(glyph, 24, color=theme.TEXT if k == 0 else GREY),
                text(label, size=10.5, color=theme.TEXT if k == 0 else GREY, text_align="center"),
                align="center",
                flex=1,
                desc=label,
                gap=2,
            )
            for k, (glyph, label) in enumerate(NAV)
        ],
        h=60,
        bg=theme.WHITE,
        rid="bottom_nav",
    )


def _feed(app: Reddit) -> View:
    feed = FEEDS[app.top.args["feed"]]
    return col(
        _bar(
            icon("menu", 24, color=theme.TEXT, desc="Community menu"),
            row(
                text(feed, size=19, weight="bold"),
                icon("chevron_down", 20, color=theme.TEXT),
                gap=2,
                desc=f"Feed: {feed}",
                rid="feed_selector",
                on_tap=lambda: app.sheet("feed"),
            ),
            space(flex=1),
            icon(
                "search",
                24,
                color=theme.TEXT,
                desc="Search",
                rid="search_icon",
                on_tap=lambda: app.start_search(),
            ),
            stack(
                icon("snoo", 22, color=theme.WHITE, at="center"),
                w=32,
                h=32,
                radius=16,
                bg="#ff4500",
                desc="Account",
            ),
        ),
        divider(GAP),
        _sort_bar(app),
        divider(GAP),
        _posts(app),
        divider(GAP),
        _nav(),
        flex=1,
        bg=theme.WHITE,
    )


def _community(app: Reddit) -> View:
    name = app.top.args["community"]
    members = reddit.COMMUNITIES.get(name, ("1.2k",))[0]
    return col(
        _bar(
            _back(app),
            text(f"r/{name}", size=18, weight="bold", flex=1, lines=1),
            icon("search", 24, color=theme.TEXT, desc="Search", on_tap=lambda: app.start_search()),
        ),
        space(h=56, bg="#33a8ff"),
        row(
            icon("app:reddit", 48),
            col(
                text(f"r/{name}", size=19, weight="bold"),
                text(f"{members} members", size=13, color=GREY),
                flex=1,
            ),
            text(
                "Join",
                size=14,
                weight="bold",
                color=theme.WHITE,
                bg=BLUE,
                radius=16,
                pad=(18, 7, 18, 7),
                desc="Join",
            ),
            gap=10,
            pad=(14, 10, 14, 10),
            bg=theme.WHITE,
        ),
        _sort_bar(app),
        _posts(app, in_community=True),
        flex=1,
        bg=theme.WHITE,
    )


def _post(app: Reddit) -> View:
    post = app.post()
    notes = [
        col(
            row(
                icon("person", 18, color=GREY),
                text(author, size=12.5, weight="medium"),
                text(f"• {age}", size=12.5, color=GREY),
                gap=6,
            ),
            text(body, size=15),
            row(
                icon("upvote", 16, color=GREY),
                text(reddit.count(score), size=12.5, color=GREY),
                icon("downvote", 16, color=GREY),
                text("Reply", size=12.5, color=GREY),
                gap=8,
            ),
            gap=6,
            pad=(14, 10, 14, 10),
            desc=body,
            rid="comment",
        )
        for author, body, score, age in reddit.comments(post)
    ]
    return col(
        _bar(
            _back(app),
            text(
                f"r/{post.community}",
                size=17,
                weight="bold",
                flex=1,
                lines=1,
                on_tap=lambda: app.open_community(post.community),
            ),
            icon("more_vert", 24, color=theme.TEXT, desc="More options"),
        ),
        col(
            col(
                row(
                    icon("app:reddit", 30),
                    col(
                        text(f"r/{post.community}", size=13, weight="bold"),
                        text(f"u/{post.author} • {post.age}", size=12, color=GREY),
                        flex=1,
                    ),
                    gap=8,
                ),
                text(post.title, size=21, weight="bold", rid="post_title"),
                image(f"scene:{post.title}", h=230, radius=10) if post.picture else None,
                vote_row(post),
                gap=10,
                pad=(14, 10, 14, 12),
            ),
            divider(GAP),
            text("Sort by: Best", size=13, weight="bold", color=GREY, pad=(14, 10, 14, 4)),
            *notes,
            flex=1,
            scroll=app.scroll_key(),
            rid="comments_list",
        ),
        row(
            text("Add a comment", size=15, color=GREY, flex=1),
            h=52,
            pad=(16, 0, 16, 0),
            bg=GAP,
            radius=0,
            desc="Add a comment",
        ),
        flex=1,
        bg=theme.WHITE,
    )


def _search(app: Reddit) -> View:
    typed = app.top.ui.get("typed", "")
    return search_editor(
        typed,
        reddit.suggestions(typed),
        style=EDITOR,
        on_change=app.type_query,
        on_submit=lambda: app.search(app.top.ui.get("typed", "")),
        on_pick=app.search,
        on_back=lambda: app.back() and None,
    )


def _results(app: Reddit) -> View:
    query = app.top.args["query"]
    tabs = [
        text(
            label,
            size=14,
            weight="bold" if k == 0 else "regular",
            color=theme.TEXT if k == 0 else GREY,
            pad=(12, 10, 12, 10),
            selected=k == 0,
        )
        for k, label in enumerate(("Posts", "Communities", "Comments", "Media", "People"))
    ]
    cards = [_card(app, p) for p in reddit.search(query)]
    return col(
        _bar(
            _back(app),
            row(
                icon("search", 20, color=GREY),
                text(query, size=16, lines=1, flex=1, rid="search_query_text"),
                flex=1,
                h=40,
                gap=8,
                pad=(12, 0, 12, 0),
                radius=20,
                bg=GAP,
                desc=f"Search: {query}",
                on_tap=lambda: app.start_search(query),
            ),
        ),
        row(*tabs, bg=theme.WHITE),
        divider(GAP),
        col(*cards, gap=8, flex=1, bg=GAP, scroll=app.scroll_key(), rid="search_results"),
        flex=1,
        bg=theme.WHITE,
    )


def _sheet(app: Reddit) -> tuple[View, View] | None:
    """The open bottom sheet over the screen, with a scrim that closes it."""
    which = app.top.ui.get("dialog")
    args = app.top.args
    if which == "feed":
        title = "Feeds"
        options = [
            (
                label,
                "home" if k == "home" else "upvote",
                k == args["feed"],
                lambda k=k: app.choose_feed(k),
            )
            for k, label in FEEDS.items()
        ]
    elif which == "sort":
        title = "Sort posts by"
        options = [
            (label, SORT_ICONS[k], k == args["sort"], lambda k=k: app.choose_sort(k))
            for k, label in SORTS.items()
        ]
    elif which == "period":
        title = "Top posts from"
        options = [
            (
                label,
                "clock",
                args["sort"] == "top" and k == args["period"],
                lambda k=k: app.choose_period(k),
            )
            for k, label in PERIODS.items()
        ]
    else:
        return None
    rows = [
        row(
            icon(glyph, 22, color=theme.TEXT),
            text(label, size=16, flex=1, weight="bold" if on else "regular"),
            gap=18,
            h=52,
            pad=(22, 0, 22, 0),
            desc=label,
            selected=on,
            rid="sheet_option",
            on_tap=tap,
        )
        for label, glyph, on, tap in options
    ]
    sheet = col(
        row(space(h=4, w=36, bg=theme.DIVIDER, radius=2), justify="center"),
        text(title, size=13, weight="bold", color=GREY, pad=(22, 14, 22, 6)),
        *rows,
        space(h=12),
        bg=theme.WHITE,
        radius=16,
        shadow=True,
        at="bottom",
        pad=(0, 10, 0, 0),
        rid="bottom_sheet",
    )
    scrim = space(flex=1, desc="Close", rid="touch_outside", on_tap=lambda: app.sheet(""))
    return scrim, sheet
