"""The Reddit app (com.reddit.frontpage), from the hierarchy.

- `screen`: "post" (`comments_list`), "results" (`search_results`), "search" (the search box
  being edited, `search_query`), "feed" (the front page: `feed_selector`), "community" (a
  listing without the feed selector);
- `dialog`: the open bottom sheet, by its title: "feed" (Feeds), "sort" (Sort posts by),
  "period" (Top posts from), else "";
- `sort`, `period`: the listing's sort button ("Sort posts: Top, This Week"); `period` is ""
  unless the sort is Top;
- `feed`: the front page's feed ("Feed: Home");
- `post_title`: the open post's title; `query`: the search results' query.
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import REDDIT

PACKAGE = REDDIT
SHEETS = {"Feeds": "feed", "Sort posts by": "sort", "Top posts from": "period"}
_SORT = "Sort posts: "
_FEED = "Feed: "


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    sheet = app.first("bottom_sheet")
    titles = [e.text for e in app.inside(sheet) if e.text in SHEETS] if sheet else []
    out: dict[str, Any] = {"dialog": SHEETS[titles[0]] if titles else ""}
    sort = app.first("sort_button")
    if sort is not None and sort.content_desc.startswith(_SORT):
        name, _, period = sort.content_desc.removeprefix(_SORT).partition(", ")
        out.update(sort=name, period=period if name == "Top" else "")
    if app.has("comments_list"):
        out.update(screen="post", post_title=app.text("post_title"))
    elif app.has("search_results"):
        out.update(screen="results", query=app.text("search_query_text"))
    elif app.has("search_query"):
        out["screen"] = "search"
    elif (feed := app.first("feed_selector")) is not None:
        out.update(screen="feed", feed=feed.content_desc.removeprefix(_FEED))
    elif sort is not None:
        out["screen"] = "community"
    return out
