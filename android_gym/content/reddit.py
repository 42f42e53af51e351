"""Reddit's content: communities, posts with scores, comment counts and ages, comments, the
front-page listings (Best, Hot, New, Rising, Top of a period), search, and reddit.com's URLs.

The Reddit app and reddit.com draw the same posts from here, so they agree on what is on the
front page and which post is the top one of a period. Everything is deterministic: a post's
numbers come from a stable hash of its community and index, relative to `BASE_UTC`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import parse_qs, quote_plus, unquote, urlsplit

from android_gym.content.common import normalize, path_slug, pick, records, rng_for

HOST = "https://www.reddit.com"
PERIODS: dict[str, str] = {
    "hour": "Now",
    "day": "Today",
    "week": "This Week",
    "month": "This Month",
    "year": "This Year",
    "all": "All Time",
}
"""Top's time ranges: the `t=` value of reddit.com's URLs and the label both apps show."""
PERIOD_MINUTES = {"hour": 60, "day": 1440, "week": 10080, "month": 43200, "year": 525600}
SORTS: dict[str, str] = {
    "best": "Best",
    "hot": "Hot",
    "new": "New",
    "top": "Top",
    "rising": "Rising",
}
FEEDS: dict[str, str] = {"home": "Home", "popular": "Popular"}
"""The front page's feeds. Logged out, Home shows every community, like Popular: they differ
in their default sort, never in which post tops a period."""

_COMMUNITIES = """
pics|30.6m|old barn;vintage camera;lighthouse;mountain lake;fox|
  My grandfather's {x} after 40 years of restoration;Found this {x} while hiking this morning
  The {x} outside my window at sunrise
funny|54.2m|printer;bookshelf;coffee machine;sign;desk|
  My cat discovered the {x} and chose violence;Nobody at work has mentioned the {x} yet
  When the {x} instructions say 'easy to assemble'
worldnews|37.9m|heat wave;ocean treaty;plastic bags;climate;drought|
  Record {x} reported across three continents;Leaders agree on a new {x} deal
  Country announces plan to ban {x} by 2030
science|32.1m|intermittent fasting;jellyfish;time crystals;coral;sleep|
  New study finds {x} may slow ageing in mice;Researchers discover a {x} species
  Physicists observe {x} for the first time
todayilearned|35.4m|crows;salt blocks;vending machine;octopuses;cocoa beans|
  TIL that {x} were once used as currency;TIL the inventor of the {x} never used one
  TIL {x} can recognise human faces
gaming|41.8m|final boss;Zelda;arcade cabinet;Elden Ring DLC;speedrun|
  After 600 hours I finally beat the {x};The new {x} trailer looks incredible
  Made a {x} out of cardboard for my son
aww|36.5m|golden retriever;kitten;duckling;corgi;hedgehog|
  Meet our new {x}, she already runs the house;This {x} waits for me every day after work
  Rescued this tiny {x} from the storm drain
movies|33.7m|Dune Part Two;sci-fi movie;Inside Out 2;heist film;animated classic|
  Official discussion: {x};What's a {x} that aged perfectly?;First look at the {x} remake
AskReddit|47.9m|life skill;small habit;piece of advice;gift;book|
  What's a {x} that everyone should know?;What {x} completely changed your life?
  What's the best {x} you've ever received?
technology|16.1m|New AI assistant;smartphone;USB-C;App Store;laptop battery|
  {x} announced at this week's keynote;Why the {x} is harder to repair than ever
  EU rules force changes to the {x}
space|26.2m|Orion Nebula;Moon;Starship;Andromeda galaxy;aurora|
  Photo of the {x} I took from my backyard;NASA releases new images of the {x}
  The {x} launch was spectacular
food|24.0m|sourdough bread;ramen;lasagna;tacos al pastor;croissants|
  [Homemade] {x};[I ate] {x} at a tiny family place;Spent all weekend making {x}
"""
COMMUNITIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
"""Community: (members, title templates where "{x}" takes one of its subjects, subjects)."""
for _name, _members, _subjects, _templates in records(_COMMUNITIES):
    COMMUNITIES[_name] = (_members, tuple(_templates.split(";")), tuple(_subjects.split(";")))
_AGES = ((5, 55), (70, 300), (330, 1380), (1500, 4300), (4400, 9800), (11000, 40000))
"""Minutes old, one range per post of a community: some of every period's posts."""
_SCORES = ((40, 900), (600, 9000), (2500, 30000), (35000, 70000), (40000, 98000), (50000, 140000))
_PER_COMMUNITY = len(_AGES)
_USERS = (
    "throwaway_2291",
    "Kind-Otter-771",
    "lunar_pancake",
    "Original-Bike-5523",
    "quietmapmaker",
    "Sad_Cauliflower_12",
    "pixel_gardener",
    "Ok-Juggernaut-4050",
)
_COMMENTS = (
    "This is the content I come here for.",
    "Underrated post. Take my upvote.",
    "I did not expect to laugh this hard today.",
    "Came here to say exactly this.",
    "Source? Genuinely curious, not trying to argue.",
    "This needs to be higher up.",
    "Saving this for later, thanks for sharing!",
    "The real answer is always in the comments.",
    "My grandma used to say the same thing.",
    "Edit: wow, thanks for the awards, kind strangers!",
    "Honestly the best thing I've seen all week.",
    "Username checks out.",
)


@dataclass(frozen=True)
class Post:
    """One post: its community, title, author, score, comment count and age in minutes."""

    id: str
    community: str
    title: str
    author: str
    score: int
    comments: int
    minutes: int
    picture: bool

    @property
    def url(self) -> str:
        """The post's permalink on reddit.com."""
        return f"{HOST}/r/{self.community}/comments/{self.id}/{path_slug(self.title)}/"

    @property
    def age(self) -> str:
        return age(self.minutes)


def age(minutes: int) -> str:
    """ "5m", "3h", "2d", "4mo" as Reddit writes how old a post or comment is."""
    if minutes < 60:
        return f"{minutes}m"
    if minutes < 1440:
        return f"{minutes // 60}h"
    return f"{minutes // 1440}d" if minutes < 43200 else f"{minutes // 43200}mo"


def count(value: int) -> str:
    """A score or count as Reddit shows it: "842", "12.3k"."""
    return str(value) if value < 1000 else f"{value / 1000:.1f}k".replace(".0k", "k")


def _post_id(*parts: str) -> str:
    return "1d" + format(zlib.crc32("/".join(parts).encode()) % 36**5, "x")[:5].rjust(5, "0")


@cache
def posts() -> tuple[Post, ...]:
    """Every post of the front page's communities."""
    out = []
    for community, (_, templates, subjects) in COMMUNITIES.items():
        rng = rng_for("reddit", community)
        order = rng.permutation(len(subjects))
        for i in range(_PER_COMMUNITY):
            template = templates[i % len(templates)]
            title = template.format(x=subjects[int(order[i % len(subjects)])])
            score = int(rng.integers(*_SCORES[i]))
            out.append(
                Post(
                    id=_post_id(community, str(i)),
                    community=community,
                    title=title[:1].upper() + title[1:],
                    author=pick(rng, _USERS),
                    score=score,
                    comments=int(score * rng.uniform(0.02, 0.12)) + 3,
                    minutes=int(rng.integers(*_AGES[i])),
                    picture=community in ("pics", "aww", "space", "food", "gaming"),
                )
            )
    return tuple(out)


def _in(post: Post, period: str) -> bool:
    return period == "all" or post.minutes <= PERIOD_MINUTES[period]


def listing(sort: str = "best", period: str = "day", community: str = "") -> list[Post]:
    """The posts of the front page (or of `community`) in the order `sort` shows them; "top"
    keeps only the posts of `period`."""
    pool = [p for p in posts() if not community or p.community.lower() == community.lower()]
    if community and not pool:
        pool = list(topic_posts(community, community))
    if sort == "new":
        return sorted(pool, key=lambda p: p.minutes)
    if sort == "top":
        return sorted((p for p in pool if _in(p, period)), key=lambda p: -p.score)
    if sort == "rising":
        return sorted((p for p in pool if p.minutes < 1440), key=lambda p: -p.score / p.minutes)
    gravity = 1.5 if sort == "hot" else 1.3
    return sorted(pool, key=lambda p: -p.score / (p.minutes / 60 + 2) ** gravity)


def top_post(period: str) -> Post:
    """The top post of `period` on the front page: the first post its Top listing shows."""
    return listing("top", period)[0]


def topic_posts(community: str, subject: str, n: int = 4) -> tuple[Post, ...]:
    """Posts about `subject` (a search, a page linked from elsewhere) in `community`."""
    templates = (
        "{x}",
        "What are your best {x}?",
        "I put together a guide to {x}",
        "Unpopular opinion about {x}",
        "{x}: megathread",
    )
    rng = rng_for("reddit-topic", normalize(subject))
    out = []
    for i in range(n):
        title = templates[i % len(templates)].format(x=subject)
        score = int(rng.integers(40, 25000))
        out.append(
            Post(
                id=_post_id(community, title),
                community=community,
                title=title[:1].upper() + title[1:],
                author=pick(rng, _USERS),
                score=score,
                comments=int(score * rng.uniform(0.02, 0.12)) + 3,
                minutes=int(rng.integers(30, 40000)),
                picture=False,
            )
        )
    return tuple(out)


def find(post_id: str, community: str = "", slug: str = "") -> Post:
    """The post with `post_id`; a post not generated here (a link from a search result) is
    rebuilt from its community and the title its URL carries."""
    for post in posts():
        if post.id == post_id:
            return post
    title = unquote(slug).replace("-", " ").strip() or "Discussion thread"
    community = community or "AskReddit"
    found = topic_posts(community, title, 1)[0]
    return replace(found, id=post_id) if post_id else found


def comments(post: Post, n: int = 8) -> list[tuple[str, str, int, str]]:
    """(author, text, score, age) of the post's top comments."""
    rng = rng_for("reddit-comments", post.id)
    out = []
    for k in rng.permutation(len(_COMMENTS))[:n]:
        score = int(post.score * rng.uniform(0.005, 0.08)) + 1
        minutes = max(1, int(post.minutes * rng.uniform(0.1, 0.9)))
        out.append((pick(rng, _USERS), _COMMENTS[int(k)], score, age(minutes)))
    return sorted(out, key=lambda c: -c[2])


def search(query: str) -> list[Post]:
    """Posts whose title has every word of `query`, then posts about it."""
    words = normalize(query).split()
    if not words:
        return []
    found = [p for p in posts() if all(w in normalize(p.title).split() for w in words)]
    community = pick(rng_for("reddit-search", " ".join(words)), tuple(COMMUNITIES))
    return found + list(topic_posts(community, query.strip()))


def communities_matching(typed: str) -> list[str]:
    """Communities whose name starts with (or holds) what is typed, for suggestions."""
    key = normalize(typed).replace(" ", "")
    if not key:
        return []
    names = sorted(COMMUNITIES, key=str.lower)
    return [n for n in names if n.lower().startswith(key)] + [
        n for n in names if key in n.lower() and not n.lower().startswith(key)
    ]


def suggestions(typed: str) -> list[str]:
    """What the search box suggests while typing: communities, then searches."""
    text = " ".join(typed.split())
    if not text:
        return []
    return [f"r/{n}" for n in communities_matching(text)[:4]] + [
        text,
        f"{text} reddit",
        f"best {text}",
    ][: 6 - min(4, len(communities_matching(text)))]


# -- reddit.com's URLs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What a reddit.com URL shows. kind: "feed" (the front page: `feed` home or popular),
    "community", "post", "search" or "other"."""

    kind: str
    feed: str = ""
    sort: str = ""
    period: str = ""
    community: str = ""
    post_id: str = ""
    slug: str = ""
    query: str = ""


def is_reddit(url: str | None) -> bool:
    """True for a reddit.com URL (www., old. and m. included)."""
    if not url:
        return False
    netloc = urlsplit(url).netloc.lower()
    return netloc == "reddit.com" or netloc.endswith(".reddit.com")


def parse(url: str) -> Page:
    """The page a reddit.com URL shows."""
    parts = urlsplit(url)
    path = [unquote(s) for s in parts.path.split("/") if s]
    params = parse_qs(parts.query)
    period = params.get("t", ["day"])[0]
    period = period if period in PERIODS else "day"
    if path[:1] == ["search"]:
        return Page("search", query=params.get("q", [""])[0].strip())
    if path[:1] == ["r"] and len(path) >= 2:
        community, rest = path[1], path[2:]
        if community.lower() in ("popular", "all") and (not rest or rest[0] in SORTS):
            sort = rest[0] if rest else "hot"
            return Page("feed", "popular", sort, period if sort == "top" else "")
        if rest[:1] == ["comments"] and len(rest) >= 2:
            return Page("post", community=community, post_id=rest[1], slug=_at(rest, 2))
        if not rest or rest[0] in SORTS:
            sort = rest[0] if rest else "hot"
            return Page("community", "", sort, period if sort == "top" else "", community)
        return Page("post", community=community, slug=rest[-1])
    if not path or path[0] in SORTS:
        sort = path[0] if path else "best"
        return Page("feed", "home", sort, period if sort == "top" else "")
    return Page("other")


def _at(items: list[str], i: int) -> str:
    return items[i] if len(items) > i else ""


def feed_url(feed: str, sort: str, period: str = "day") -> str:
    """The URL of a front-page feed in a sort ("top" with its period)."""
    base = f"{HOST}/r/popular/" if feed == "popular" else f"{HOST}/"
    if (feed, sort) in (("home", "best"), ("popular", "hot")):
        return base
    return f"{base}{sort}/" + (f"?t={period}" if sort == "top" else "")


def community_url(community: str, sort: str = "hot", period: str = "day") -> str:
    base = f"{HOST}/r/{community}/"
    if sort == "hot":
        return base
    return f"{base}{sort}/" + (f"?t={period}" if sort == "top" else "")


def search_url(query: str) -> str:
    return f"{HOST}/search/?q={quote_plus(query.strip())}"
