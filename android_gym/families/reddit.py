"""Reddit: open it, see its front page, its top posts of a time range, its top post, or search
it, in the Reddit app or on reddit.com in Chrome.

Intents (params: `intent`, `period`, `via`, `query`):
- `open` ("Open Reddit", "Launch the Reddit app"): the Reddit app in front, any screen. On a
  phone with the app installed "Open Reddit" opens the app, so the site does not count, unless
  the instruction names it ("Open reddit.com", "Open Reddit in Chrome").
- `visit` ("Go to Reddit", "Visit Reddit"): any Reddit screen, in the app or on reddit.com.
- `front` ("What's on Reddit", "Show me the Reddit front page"): the front page, Home or Popular,
  in any sort; a community, a post or a search is not it.
- `top` ("What's on Reddit this week", "Top posts on Reddit today", "Show me reddit's best posts
  this week"): the front page sorted by Top over the asked time range (today when none is
  said: Top's default); another range, or another sort, is not it.
- `top_post` ("What's the top post on reddit today?"): that post open, the first of the front
  page's Top listing of the range (today when none is said, "right now" included).
- `search` ("Open the Reddit app and search for hiking tips"): Reddit's own search results for
  a query holding every content word of the asked one; suggestions are not results.

`via` is "app" or "site" when the instruction names one ("the Reddit app", "reddit.com", "in
Chrome"), else "" and either satisfies the task.

Facts judged, as a real device reports them: the foreground package (`dumpsys activity`); in the
app, what its screen shows (`Reddit.facts`: the screen, an open bottom sheet, the feed tab, the
sort and time-range label of the listing, the open post's title, the search query), from the UI
hierarchy; on the site, the browser's URL (reddit.com's paths: `/top/?t=week`, `/r/popular/`,
`/r/<community>/comments/<id>/`, `/search/?q=`). Which post tops a range is what reddit's Top
listing of that range shows first (`content.reddit.top_post`, the listing both the app and the
site draw).

The splits differ by phrasing, since a time range or an app cannot be held out: the test split
uses templates the train split never does (as `chrome_ui`), and search queries of the test
split are held out by the `reddit_queries` pool.
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.content import reddit
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.families.queries import covers
from android_gym.families.search import content_words
from android_gym.families.text import word_forms
from android_gym.packages import CHROME, REDDIT
from android_gym.ui import UIElement, find

PERIOD_KEYS = {
    "today": "day",
    "this week": "week",
    "this month": "month",
    "this year": "year",
    "of all time": "all",
    "this hour": "hour",
}
_REDDIT = "reddit|reddit.com"
_SITE_CUES = {"reddit.com"}
_TOP = "top|best|most upvoted|most popular|highest rated|top rated|most liked|hottest|number 1|no 1"
_SINGLE = {"post", "thread", "story", "submission"}
_SLOTS = {"period": pools()["reddit_periods"], "via": pools()["reddit_via"]}
_COMMON = "app|application|up|open|launch|go to|visit|pull up|bring up|in|on|the|of|page|feed"
FRAMES = (
    Frame.declare(
        "reddit",
        "open",
        cues=["open|launch|start|fire up|load", _REDDIT],
        slots={"via": _SLOTS["via"]},
        optional=["via"],
        words=[_COMMON],
    ),
    # Reddit named with the way to open it and nothing else ("reddit app"): opening it
    Frame.declare(
        "reddit", "open", cues=[_REDDIT], slots={"via": _SLOTS["via"]}, words=["the|my"], bare=True
    ),
    Frame.declare(
        "reddit",
        "visit",
        cues=[
            "go to|visit|take me to|navigate to|head to|head over to|get on|go on|hop on",
            _REDDIT,
        ],
        slots={"via": _SLOTS["via"]},
        optional=["via"],
        words=[_COMMON],
    ),
    Frame.declare(
        "reddit",
        "front",
        cues=[_REDDIT],
        slots={"via": _SLOTS["via"]},
        optional=["via"],
        words=[
            _COMMON + "|happening|going on|new|trending|popular|hot|front page|"
            "frontpage|home page|homepage|home feed|posts|post|stuff|browse"
        ],
    ),
    Frame.declare(
        "reddit",
        "top",
        cues=[_REDDIT, _TOP, "post|thread|story|submission"],
        slots=_SLOTS,
        optional=["period", "via"],
        words=[_COMMON],
    ),
    Frame.declare(
        "reddit",
        "top",
        cues=[_REDDIT, _TOP],
        slots=_SLOTS,
        optional=["period", "via"],
        words=[_COMMON + "|stuff|content"],
    ),
    Frame.declare(
        "reddit",
        "top",
        cues=[_REDDIT],
        slots=_SLOTS,
        optional=["via"],
        words=[_COMMON + "|happening|going on|trending|popular|hot|posts|post"],
    ),
    Frame.declare(
        "reddit",
        "search",
        cues=[_REDDIT, "search|search for|look up|look for|find"],
        slots={"query": pools()["reddit_queries"], "via": _SLOTS["via"]},
        templates=[
            "(search|search for|look up|look for|find|for|about) {query}",
            "{query} (on|in)",
        ],
        optional=["via"],
        words=[_COMMON + "|and|then|posts|post"],
    ),
)
_SAMPLES = {
    "train": {
        "open": ("Open Reddit", "Launch the Reddit app", "Open the Reddit app"),
        "visit": ("Go to Reddit", "Go to reddit.com", "Visit Reddit"),
        "front": ("What's on Reddit", "Show me the Reddit front page", "What's on reddit.com"),
        "top": ("What's on Reddit {period}", "Show me the top posts on Reddit {period}"),
        "top_post": ("What's the top post on reddit {period}?", "Open the top post on Reddit"),
        "search": ("Search Reddit for {query}", "Open the Reddit app and search for {query}"),
    },
    "test": {
        "open": ("Start the Reddit app", "Open up Reddit"),
        "visit": ("Take me to Reddit", "Head to reddit.com"),
        "front": ("What's happening on Reddit", "Open the Reddit front page"),
        "top": ("Show me Reddit's best posts {period}", "Most upvoted posts on Reddit {period}"),
        "top_post": (
            "What's the most upvoted post on Reddit {period}?",
            "Show me the number one post on reddit {period}",
        ),
        "search": ("Look up {query} on Reddit", "Find posts about {query} on Reddit"),
    },
}
_PERIOD_WORDS = ("today", "this week", "this month", "this year", "of all time")


class RedditFamily(Family):
    name = "reddit"
    description = "Open Reddit, its front page, its top posts or top post of a time range, search."
    app = "Reddit"
    phrasing_split = True

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        intent = reading.frame.intent
        if intent == "top" and any(c.split()[-1] in _SINGLE for c in reading.cues):
            intent = "top_post"
        via = reading.params.get("via", "")
        if _SITE_CUES & set(reading.cues):
            via = "site"
        out: Params = {"intent": intent, "via": via}
        if intent in ("top", "top_post"):
            out["period"] = PERIOD_KEYS[reading.params.get("period", "today")]
        if intent == "search":
            out["query"] = reading.params["query"]
        return out

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        templates = _SAMPLES.get(split, _SAMPLES["train"])
        intent = list(templates)[int(rng.integers(len(templates)))]
        template = templates[intent][int(rng.integers(len(templates[intent])))]
        words = _PERIOD_WORDS[int(rng.integers(len(_PERIOD_WORDS)))]
        queries = pools()["reddit_queries"].split(split)
        query = queries[int(rng.integers(len(queries)))]
        instruction = " ".join(template.format(period=words, query=query).split())
        via = "site" if "reddit.com" in instruction else "app" if " app" in instruction else ""
        params: Params = {"intent": intent, "via": via}
        if intent in ("top", "top_post"):
            params["period"] = PERIOD_KEYS[words] if "{period}" in template else "day"
        if intent == "search":
            params["query"] = query
        return instruction, params

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        intent, via = params["intent"], params["via"]
        if state.package == REDDIT:
            return via != "site" and _app_shows(params, state.app_facts(REDDIT))
        if reddit.is_reddit(state.url) and state.url is not None:
            return (
                via != "app"
                and (intent != "open" or via == "site")
                and _site_shows(params, reddit.parse(state.url))
            )
        return False

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if params["via"] == "site":
            return _site_step(params, elements, screen_size)
        return _app_step(params, elements, screen_size)


def _query_ok(params: Params, shown: str) -> bool:
    return covers(shown, [word_forms(w) for w in content_words(params["query"])])


def _app_shows(params: Params, facts: dict) -> bool:
    """Whether the Reddit app's screen answers the task (facts: what its UI shows)."""
    intent, screen = params["intent"], facts.get("screen")
    if facts.get("dialog") or intent in ("open", "visit"):
        return intent in ("open", "visit")
    if intent == "front":
        return screen == "feed"
    if intent == "top":
        period = reddit.PERIODS[params["period"]]
        return screen == "feed" and facts.get("sort") == "Top" and facts.get("period") == period
    if intent == "top_post":
        return (
            screen == "post" and facts.get("post_title") == reddit.top_post(params["period"]).title
        )
    return screen == "results" and _query_ok(params, facts.get("query", ""))


def _site_shows(params: Params, page: reddit.Page) -> bool:
    """Whether the reddit.com page (from its URL) answers the task."""
    intent = params["intent"]
    if intent in ("open", "visit"):
        return True
    if intent == "front":
        return page.kind == "feed"
    if intent == "top":
        return page.kind == "feed" and page.sort == "top" and page.period == params["period"]
    if intent == "top_post":
        return page.kind == "post" and page.post_id == reddit.top_post(params["period"]).id
    return page.kind == "search" and _query_ok(params, page.query)


def _tap_first(elements: list[UIElement], screen: tuple[int, int], **criteria) -> Action | None:
    found = find(elements, **criteria)
    return navigation.tap(found[0], screen) if found else None


def _app_step(params: Params, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step in the Reddit app, read from its UI hierarchy."""
    if not any(e.package == REDDIT for e in elements):
        return navigation.open_app("Reddit", elements, screen)
    intent = params["intent"]
    if intent == "search":
        field = navigation.focused_field(elements)
        if field is not None:
            return navigation.type_into(field, params["query"], elements, screen)
        return _tap_first(elements, screen, resource_id="search_icon") or _back()
    if intent in ("front", "open", "visit"):
        return _tap_first(elements, screen, resource_id="touch_outside") or _back()
    period = reddit.PERIODS[params["period"]]
    if find(elements, resource_id="bottom_sheet"):
        for label in (period, "Top"):
            step = _tap_first(elements, screen, content_desc=label, resource_id="sheet_option")
            if step:
                return step
        return _tap_first(elements, screen, resource_id="touch_outside") or _back()
    sort = find(elements, resource_id="sort_button")
    if not sort or not find(elements, resource_id="feed_selector"):
        return _back()
    if sort[0].content_desc != f"Sort posts: Top, {period}":
        return navigation.tap(sort[0], screen)
    return _tap_first(elements, screen, resource_id="post_unit") or _back()


def _site_url(params: Params) -> str:
    intent = params["intent"]
    if intent == "search":
        return reddit.search_url(params["query"]).removeprefix("https://")
    if intent in ("top", "top_post"):
        return f"www.reddit.com/top/?t={params['period']}"
    return "www.reddit.com"


def _site_step(params: Params, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step on reddit.com in Chrome: type the page's address, then open the top post."""
    target = _site_url(params)
    field = navigation.focused_field(elements)
    if field is not None:
        return navigation.type_into(field, target, elements, screen)
    if not any(e.package == CHROME for e in elements):
        return navigation.open_app("Chrome", elements, screen)
    bar = find(elements, resource_id="url_bar")
    if params["intent"] == "top_post" and bar and bar[0].text == target:
        return _tap_first(elements, screen, resource_id="post_container") or _back()
    for rid in navigation.SEARCH_BOXES:
        step = _tap_first(elements, screen, resource_id=rid, clickable=True)
        if step:
            return step
    return _back()


def _back() -> Action:
    return Action.key(ActionType.PRESS_BACK)
