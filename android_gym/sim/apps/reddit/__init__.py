"""The Reddit app (`com.reddit.frontpage`): the Home and Popular feeds with their sorts (Top
by time range), communities, posts with comments, and search with suggestions.

Its screens form an activity stack (`StackApp`): "feed" at the bottom, then "post",
"community", "search" (typing, with suggestions) and "results". The feed, sort and time
range a listing shows live in its screen's args; the open bottom sheet (feed, sort or time
range picker) in its `ui`. `facts` reports what the screen in front shows: the screen, the
feed, the sort and time-range labels, the post title, the community and the query.
"""

from __future__ import annotations

from typing import Any, ClassVar

from android_gym import packages
from android_gym.content import reddit
from android_gym.sim.apps.activities import StackApp
from android_gym.sim.view import View

PACKAGE = packages.REDDIT


class Reddit(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:reddit"
    bar_color = "#ffffff"
    light_bars = False
    first = "feed"
    activities: ClassVar[dict[str, str]] = {
        "feed": "com.reddit.launch.main.MainActivity",
        "community": "com.reddit.launch.main.MainActivity",
        "post": "com.reddit.launch.main.MainActivity",
        "search": "com.reddit.search.SearchActivity",
        "results": "com.reddit.search.SearchActivity",
    }

    def new_state(self) -> Any:
        state = super().new_state()
        state.stack[0].args.update(feed="home", sort="best", period="day")
        return state

    # -- actions (handlers reach the live state through `self`) ---------------------------

    def sheet(self, name: str) -> None:
        """Opens the "feed", "sort" or "period" bottom sheet ("" closes it)."""
        self.top.ui["dialog"] = name or None

    def choose_feed(self, feed: str) -> None:
        default = "best" if feed == "home" else "hot"
        self.top.args.update(feed=feed, sort=default, period="day")
        self.sheet("")
        self._forget_scroll(self.depth)

    def choose_sort(self, sort: str) -> None:
        """A sort; Top asks for its time range next, as the app does."""
        if sort == "top":
            self.sheet("period")
            return
        self.top.args.update(sort=sort, period="day")
        self.sheet("")
        self._forget_scroll(self.depth)

    def choose_period(self, period: str) -> None:
        self.top.args.update(sort="top", period=period)
        self.sheet("")
        self._forget_scroll(self.depth)

    def open_post(self, post: reddit.Post) -> None:
        self.open("post", id=post.id, community=post.community, slug=post.title)

    def open_community(self, name: str) -> None:
        self.open("community", community=name, sort="hot", period="day")

    def start_search(self, typed: str = "") -> None:
        if self.top.name == "search":
            self.top.ui["typed"] = typed
            return
        self.open("search")
        self.top.ui["typed"] = typed

    def type_query(self, typed: str) -> None:
        self.top.ui["typed"] = typed

    def search(self, choice: str) -> None:
        """Searches `choice` (or opens the community a suggestion names) from the editor."""
        choice = " ".join(choice.split())
        if not choice:
            return
        if choice.startswith("r/"):
            self.replace("community", community=choice[2:], sort="hot", period="day")
        else:
            self.replace("results", query=choice)

    # -- App ----------------------------------------------------------------------------------

    def post(self) -> reddit.Post:
        args = self.top.args
        return reddit.find(args["id"], args["community"], args["slug"])

    def listing(self) -> list[reddit.Post]:
        args = self.top.args
        return reddit.listing(args["sort"], args["period"], args.get("community", ""))

    def facts(self) -> dict[str, Any]:
        """What the screen in front shows: its name, an open sheet, the feed tab, the sort and
        time-range labels of a listing, the title of an open post, the community, the query."""
        top = self.top
        args = top.args
        out: dict[str, Any] = {"screen": top.name, "dialog": top.ui.get("dialog") or ""}
        if "sort" in args:
            out["sort"] = reddit.SORTS[args["sort"]]
            out["period"] = reddit.PERIODS[args["period"]] if args["sort"] == "top" else ""
        if top.name == "feed":
            out["feed"] = reddit.FEEDS[args["feed"]]
        if top.name == "post":
            post = self.post()
            out.update(post_title=post.title, community=post.community)
        if top.name == "community":
            out["community"] = args["community"]
        if top.name == "results":
            out["query"] = args["query"]
        return out

    def build(self) -> View:
        from android_gym.sim.apps.reddit import screens

        return screens.build(self)
