"""What the Play Store shows: every app's listing, search, suggestions, charts and page text.

The store lists the installable catalog (`store_apps.CATALOG`) and the apps that come with the
phone (Google's own, with pages too: Open and no Install). Everything is derived from the
listing (its package, label, developer, category), so search results, cards and pages agree on
every run.
"""

from __future__ import annotations

from functools import cache

from android_gym.content.common import normalize, rng_for
from android_gym.content.store_apps import CATALOG, StoreApp

GOOGLE = "Google LLC"
SYSTEM_LISTINGS: tuple[StoreApp, ...] = (
    StoreApp("com.google.android.googlequicksearchbox", "Google", GOOGLE, "Tools"),
    StoreApp("com.android.chrome", "Chrome", GOOGLE, "Communication"),
    StoreApp("com.google.android.gm", "Gmail", GOOGLE, "Communication"),
    StoreApp("com.google.android.apps.maps", "Maps", GOOGLE, "Travel & Local"),
    StoreApp("com.google.android.youtube", "YouTube", GOOGLE, "Video Players & Editors"),
    StoreApp("com.google.android.apps.youtube.music", "YT Music", GOOGLE, "Music & Audio"),
    StoreApp("com.google.android.apps.photos", "Photos", GOOGLE, "Photography"),
    StoreApp("com.google.android.calendar", "Calendar", GOOGLE, "Productivity"),
    StoreApp("com.google.android.deskclock", "Clock", GOOGLE, "Tools"),
    StoreApp("com.google.android.calculator", "Calculator", GOOGLE, "Tools"),
    StoreApp("com.google.android.apps.messaging", "Messages", GOOGLE, "Communication"),
    StoreApp("com.google.android.dialer", "Phone", GOOGLE, "Communication"),
    StoreApp("com.google.android.contacts", "Contacts", GOOGLE, "Communication"),
    StoreApp("com.google.android.apps.nbu.files", "Files", GOOGLE, "Tools"),
    StoreApp("com.reddit.frontpage", "Reddit", "reddit Inc.", "Social"),
)
"""Apps that come with the phone and have a store page (listed where the phone has them)."""

GAME_CATEGORIES = frozenset({"Casual", "Arcade", "Adventure", "Strategy", "Puzzle", "Action"})

_BLURBS = {
    "Music & Audio": "Stream the songs, albums and podcasts you love, and discover new music.",
    "Social": "Share photos and updates and keep up with friends and the people you follow.",
    "News & Magazines": "Breaking news, top stories and live coverage from around the world.",
    "Entertainment": "Watch movies, series and originals wherever you are.",
    "Travel & Local": "Get where you're going: book, ride and explore places near you.",
    "Maps & Navigation": "Real-time directions, traffic and arrival times for every trip.",
    "Shopping": "Shop millions of products, track your orders and find the best deals.",
    "Lifestyle": "Ideas and everyday help for home, style and the things you enjoy.",
    "Books & Reference": "Read and look things up anytime, online or offline.",
    "Sports": "Live scores, highlights and news from the teams and leagues you follow.",
    "Food & Drink": "Order ahead, find places to eat and collect rewards.",
    "Weather": "Hourly and 10-day forecasts, radar maps and severe weather alerts.",
    "Communication": "Message, call and share with the people who matter, for free.",
    "Business": "Meet, work and stay connected with your team from anywhere.",
    "Education": "Learn something new with short, fun lessons every day.",
    "Finance": "Send and receive money, pay securely and check your balance.",
    "Tools": "A fast, simple tool that helps you get things done.",
    "Productivity": "Plan your day and stay on top of what matters.",
    "Photography": "Keep your photos and videos safe, organised and easy to share.",
    "Video Players & Editors": "Watch, create and share videos.",
}
_GAME_BLURB = "Play free, level up and challenge your friends in this hit game."


@cache
def listings() -> dict[str, StoreApp]:
    """Every app with a store page, by package (the catalog first)."""
    return {a.package: a for a in (*CATALOG, *SYSTEM_LISTINGS)}


def is_game(app: StoreApp) -> bool:
    return app.category in GAME_CATEGORIES


def about(app: StoreApp) -> str:
    """The "About this app" text of the app's page."""
    blurb = _GAME_BLURB if is_game(app) else _BLURBS.get(app.category, _BLURBS["Tools"])
    return f"{app.label} by {app.developer}. {blurb}"


def reviews(app: StoreApp) -> str:
    """How many reviews the page shows ("2.1M reviews")."""
    count = int(rng_for("reviews", app.package).integers(20, 900)) / 10
    return f"{count:g}M reviews" if count >= 1 else f"{int(count * 1000)}K reviews"


def age_rating(app: StoreApp) -> str:
    return "Teen" if app.category in ("Social", "Communication", "Entertainment") else "Everyone"


def _score(app: StoreApp, query: str) -> int:
    """How well `app` answers `query`: name, then name words, developer, category; 0: no."""
    label, words = normalize(app.label), query.split()
    if label == query:
        return 100
    if label.startswith(query):
        return 80
    if all(any(lw.startswith(w) for lw in label.split()) for w in words):
        return 60
    if query in normalize(app.developer):
        return 40
    if all(w in normalize(app.category) for w in words):
        return 20
    return 0


def search(query: str, installed: tuple[str, ...] = ()) -> list[StoreApp]:
    """The apps a store search for `query` finds, best first (system apps only when the phone
    has them)."""
    q = " ".join(w for w in normalize(query).split() if w not in _NOISE)
    if not q:
        return []
    found = [
        (s, i, a)
        for i, a in enumerate(listings().values())
        if (s := _score(a, q)) and (a.package not in _SYSTEM or a.package in installed)
    ]
    return [a for _, _, a in sorted(found, key=lambda t: (-t[0], t[1]))]


_SYSTEM = frozenset(a.package for a in SYSTEM_LISTINGS)
_NOISE = frozenset({"app", "apps", "application", "download", "install", "free"})
"""Words of a store query that name no app ("spotify app")."""


def suggestions(typed: str, installed: tuple[str, ...] = ()) -> tuple[list[StoreApp], list[str]]:
    """What the search box suggests while typing: up to two apps (rows with their icon that
    open the app's page) and up to four queries (rows that search)."""
    q = normalize(typed)
    if not q:
        return [], []
    apps = [a for a in search(q, installed) if _score(a, q) >= 60][:2]
    queries: list[str] = []
    for app in apps or search(q, installed)[:2]:
        name = normalize(app.label)
        for s in (name, f"{name} app", f"{name} {normalize(app.category).split()[0]}"):
            if s not in queries:
                queries.append(s)
    if q not in queries:
        queries.insert(0, q)
    return apps, queries[:4]


def charts(games: bool = False) -> list[StoreApp]:
    """The top charts: catalog apps (or games) by downloads, then rating."""
    order = ("1B+", "500M+", "100M+", "50M+", "10M+")
    chosen = [a for a in CATALOG if is_game(a) == games]
    return sorted(chosen, key=lambda a: (order.index(a.downloads), -a.rating, a.label))


def recommended(section: str, games: bool = False) -> list[StoreApp]:
    """A row of cards on the home page ("Recommended for you", ...), a stable shuffle."""
    chosen = [a for a in CATALOG if is_game(a) == games]
    rng = rng_for("recommended", section)
    return [chosen[int(i)] for i in rng.permutation(len(chosen))][:8]


BOOKS: tuple[tuple[str, str, str], ...] = (
    ("The Midnight Library", "Matt Haig", "$9.99"),
    ("Atomic Habits", "James Clear", "$13.99"),
    ("Project Hail Mary", "Andy Weir", "$11.99"),
    ("Where the Crawdads Sing", "Delia Owens", "$8.99"),
    ("Dune", "Frank Herbert", "$10.99"),
    ("Educated", "Tara Westover", "$12.99"),
)
"""The Books tab's bestsellers: (title, author, price)."""
