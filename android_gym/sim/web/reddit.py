"""reddit.com in a browser: the mobile web reddit with its orange-red Snoo header.

The front page (Home or Popular, sorted Best, Hot, New, Rising or Top of a time range),
communities, post pages with comments and search, all from `content.reddit`, so the site shows
the same posts as the Reddit app. Where the page is, is its URL (`content.reddit.parse`):
choosing a sort or a time range navigates, as on the real site. The sort and time-range
dropdowns and the search editor are per-page state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from android_gym.content import reddit
from android_gym.content.reddit import PERIODS, SORTS, Post, count
from android_gym.sim import theme
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, icon, image, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

ORANGE = "#ff4500"
GREY = "#576f76"
PAGE_BG = "#dae0e6"
EDITOR = EditorStyle(
    field_id="reddit_search_input", hint="Search Reddit", list_id="reddit_typeahead"
)


def handles(url: str) -> bool:
    """True for the URLs this site draws (reddit.com's)."""
    return reddit.is_reddit(url)


def title(url: str) -> str:
    """The page title: the post's, the community's, or the front page's."""
    page = reddit.parse(url)
    if page.kind == "post":
        return f"{reddit.find(page.post_id, page.community, page.slug).title} : r/{page.community}"
    if page.kind == "community":
        return f"r/{page.community}"
    if page.kind == "search":
        return f"reddit.com: search results - {page.query}"
    return "Reddit - Dive into anything"


def vote_row(post: Post, fg: str = GREY, on_comments: Callable[[], None] | None = None) -> View:
    """Votes, comments and share under a post, as both Reddits draw them."""
    return row(
        row(
            icon("upvote", 18, color=fg, desc="Upvote"),
            text(count(post.score), size=13, weight="bold", color=fg, desc=f"{post.score} votes"),
            icon("downvote", 18, color=fg, desc="Downvote"),
            gap=6,
            pad=(10, 6, 10, 6),
            radius=16,
            bg="#eaedef",
        ),
        row(
            icon("comment", 18, color=fg),
            text(count(post.comments), size=13, weight="bold", color=fg),
            gap=6,
            pad=(10, 6, 10, 6),
            radius=16,
            bg="#eaedef",
            on_tap=on_comments,
            desc=f"{post.comments} comments",
        ),
        row(
            icon("share", 18, color=fg),
            text("Share", size=13, weight="bold", color=fg),
            gap=6,
            pad=(10, 6, 10, 6),
            radius=16,
            bg="#eaedef",
            desc="Share",
        ),
        gap=8,
    )


def post_card(post: Post, open_post: Callable[[], None], fg: str = theme.TEXT) -> View:
    """A post in a listing: community and age, title, picture, votes; tapping opens it."""
    return col(
        row(
            icon("app:reddit", 20),
            text(f"r/{post.community}", size=12.5, weight="bold", color=fg, pad=(0, 0, 3, 0)),
            text(f"· {post.age}", size=12.5, color=GREY),
            gap=6,
        ),
        text(post.title, size=17, weight="medium", color=fg, lines=3, rid="post_title"),
        image(f"scene:{post.title}", h=190, radius=12) if post.picture else None,
        vote_row(post, on_comments=open_post),
        gap=8,
        pad=(14, 12, 14, 12),
        bg=theme.WHITE,
        on_tap=open_post,
        desc=post.title,
        rid="post_container",
    )


def _header(ctx: PageContext) -> View:
    return row(
        row(
            icon("snoo", 30, color=theme.WHITE),
            text("reddit", size=22, weight="bold", color=theme.WHITE, pad=(8, 0, 0, 0)),
            desc="Reddit home",
            on_tap=lambda: ctx.navigate(reddit.HOST + "/"),
        ),
        space(flex=1),
        icon(
            "search",
            24,
            color=theme.WHITE,
            desc="Search Reddit",
            rid="reddit_search",
            on_tap=lambda: ctx.state.update(editing=True, typed="", menu=""),
        ),
        icon("menu", 24, color=theme.WHITE, desc="Menu"),
        h=52,
        gap=16,
        pad=(14, 0, 14, 0),
        bg=ORANGE,
    )


def _dropdown(label: str, desc: str, on_tap: Callable[[], None], rid: str) -> View:
    return row(
        text(label, size=13, weight="bold", color=GREY, pad=(0, 0, 3, 0)),
        icon("chevron_down", 16, color=GREY),
        gap=2,
        pad=(10, 6, 8, 6),
        radius=16,
        on_tap=on_tap,
        desc=desc,
        rid=rid,
    )


def _toggle(ctx: PageContext, menu: str) -> None:
    ctx.state["menu"] = "" if ctx.state.get("menu") == menu else menu


def _sort_bar(ctx: PageContext, page: reddit.Page) -> View:
    sort = page.sort or "best"
    return row(
        _dropdown(
            SORTS[sort], f"Sort by {SORTS[sort]}", lambda: _toggle(ctx, "sort"), "sort_button"
        ),
        _dropdown(
            PERIODS[page.period],
            f"Time range: {PERIODS[page.period]}",
            lambda: _toggle(ctx, "period"),
            "time_range_button",
        )
        if sort == "top"
        else None,
        gap=4,
        pad=(8, 6, 8, 6),
        bg=theme.WHITE,
    )


def _menu(ctx: PageContext, page: reddit.Page, link: Callable[[str, str], str]) -> View | None:
    """The open dropdown's options: each navigates to the listing it names."""
    which = ctx.state.get("menu")
    if which == "sort":
        options = [(SORTS[s], link(s, page.period or "day")) for s in SORTS]
    elif which == "period" and page.sort == "top":
        options = [(label, link("top", t)) for t, label in PERIODS.items()]
    else:
        return None
    return col(
        *[
            text(
                label,
                size=15,
                pad=(18, 12, 18, 12),
                desc=label,
                rid="menu_option",
                on_tap=lambda url=url: ctx.navigate(url),
            )
            for label, url in options
        ],
        w=200,
        bg=theme.WHITE,
        radius=8,
        shadow=True,
        at="top-left",
        rid="dropdown_menu",
        cls="android.widget.ListView",
    )


def _feed_tabs(ctx: PageContext, feed: str) -> View:
    tabs = []
    for key, label in reddit.FEEDS.items():
        on = key == feed
        tabs.append(
            text(
                label,
                size=15,
                weight="bold" if on else "regular",
                color=theme.TEXT if on else GREY,
                pad=(14, 10, 14, 10),
                selected=on,
                desc=label,
                border=None,
                bg="#eaedef" if on else None,
                radius=18,
                on_tap=lambda key=key: ctx.navigate(
                    reddit.feed_url(key, "best" if key == "home" else "hot")
                ),
            )
        )
    return row(*tabs, gap=6, pad=(10, 8, 10, 2), bg=theme.WHITE)


def _listing(ctx: PageContext, page: reddit.Page) -> list[View]:
    if page.kind == "feed":
        posts = reddit.listing(page.sort, page.period or "day")
        head = _feed_tabs(ctx, page.feed)
        feed = page.feed

        def link(sort: str, period: str) -> str:
            return reddit.feed_url(feed, sort, period)
    else:
        posts = reddit.listing(page.sort, page.period or "day", page.community)
        members = reddit.COMMUNITIES.get(page.community, ("1.2k",))[0]
        head = row(
            icon("app:reddit", 44),
            col(
                text(f"r/{page.community}", size=20, weight="bold"),
                text(f"{members} members", size=13, color=GREY),
                flex=1,
            ),
            text(
                "Join",
                size=14,
                weight="bold",
                color=theme.WHITE,
                bg="#0a449b",
                radius=16,
                pad=(16, 7, 16, 7),
                desc="Join",
            ),
            gap=10,
            pad=(14, 12, 14, 12),
            bg=theme.WHITE,
        )
        name = page.community

        def link(sort: str, period: str) -> str:
            return reddit.community_url(name, sort, period)

    cards = [post_card(p, lambda url=p.url: ctx.navigate(url)) for p in posts]
    body = col(*cards, gap=8, flex=1, scroll=f"{ctx.key}:reddit")
    menu = _menu(ctx, page, link)
    return [head, _sort_bar(ctx, page), stack(body, menu, flex=1) if menu else body]


def _post(ctx: PageContext, page: reddit.Page) -> list[View]:
    post = reddit.find(page.post_id, page.community, page.slug)
    notes = [
        col(
            row(
                text(f"u/{author}", size=12.5, weight="bold", color=GREY),
                text(f"· {age}", size=12.5, color=GREY),
                gap=6,
            ),
            text(body, size=15),
            row(
                icon("upvote", 16, color=GREY),
                text(count(score), size=12.5, color=GREY),
                icon("downvote", 16, color=GREY),
                gap=6,
            ),
            gap=4,
            pad=(14, 10, 14, 10),
            desc=body,
        )
        for author, body, score, age in reddit.comments(post)
    ]
    return [
        col(
            col(
                row(
                    icon("app:reddit", 28),
                    col(
                        text(
                            f"r/{post.community}",
                            size=13,
                            weight="bold",
                            on_tap=lambda: ctx.navigate(reddit.community_url(post.community)),
                        ),
                        text(f"u/{post.author} · {post.age}", size=12, color=GREY),
                    ),
                    gap=8,
                ),
                text(post.title, size=21, weight="bold", rid="post_title"),
                image(f"scene:{post.title}", h=220, radius=12) if post.picture else None,
                vote_row(post),
                gap=10,
                pad=(14, 12, 14, 12),
                bg=theme.WHITE,
            ),
            text("Sort by: Best", size=13, weight="bold", color=GREY, pad=(14, 10, 14, 4)),
            *notes,
            flex=1,
            bg=theme.WHITE,
            scroll=f"{ctx.key}:reddit",
        )
    ]


def _search(ctx: PageContext, page: reddit.Page) -> list[View]:
    posts = reddit.search(page.query)
    return [
        row(
            icon("search", 20, color=GREY),
            text(page.query, size=16, flex=1, lines=1, rid="search_query"),
            h=44,
            gap=10,
            pad=(14, 0, 14, 0),
            bg=theme.WHITE,
            on_tap=lambda: ctx.state.update(editing=True, typed=page.query),
            desc="Search Reddit",
        ),
        col(
            *[post_card(p, lambda url=p.url: ctx.navigate(url)) for p in posts],
            gap=8,
            flex=1,
            scroll=f"{ctx.key}:reddit",
        ),
    ]


def _editor(ctx: PageContext) -> View:
    typed = ctx.state.get("typed", "")

    def pick(choice: str) -> None:
        ctx.state["editing"] = False
        if choice.startswith("r/"):
            ctx.navigate(reddit.community_url(choice[2:]))
        elif choice.strip():
            ctx.navigate(reddit.search_url(choice))

    return search_editor(
        typed,
        reddit.suggestions(typed),
        style=EDITOR,
        on_change=lambda value: ctx.state.update(typed=value),
        on_submit=lambda: pick(ctx.state.get("typed", "")),
        on_pick=pick,
        on_back=lambda: ctx.state.update(editing=False),
    )


def page(url: str, ctx: PageContext) -> View:
    """The reddit.com page of `url`."""
    if ctx.state.get("editing"):
        return _editor(ctx)
    found = reddit.parse(url)
    if found.kind == "post":
        body = _post(ctx, found)
    elif found.kind == "search":
        body = _search(ctx, found)
    elif found.kind == "other":
        body = [
            col(
                text("Sorry, there aren't any communities on Reddit with that name.", size=17),
                text(
                    "Go home",
                    size=15,
                    weight="bold",
                    color=theme.WHITE,
                    bg="#0a449b",
                    radius=18,
                    pad=(18, 9, 18, 9),
                    on_tap=lambda: ctx.navigate(reddit.HOST + "/"),
                ),
                gap=16,
                pad=24,
                flex=1,
                bg=theme.WHITE,
            )
        ]
    else:
        body = _listing(ctx, found)
    return col(
        _header(ctx),
        *body,
        space(h=0),
        flex=1,
        bg=PAGE_BG,
        cls="android.webkit.WebView",
        desc=title(url),
    )
