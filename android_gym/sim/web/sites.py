"""Pages of sites other than Google: what a result link opens.

Every URL gets a page of its site about the topic its path names, deterministic in the URL:
news sites show the story (or a hub of stories), weather sites a forecast, stores product
tiles, travel, rental and review sites listings, and anything else an article. The content
comes from the same generators as the results page, so a site agrees with Google's card.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from android_gym import content
from android_gym.content import Item, geo, news, shopping, weather
from android_gym.content.common import BASE_UTC, capitalized, clock, normalize, pick, rng_for
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, image, row, text
from android_gym.sim.web.widgets import GREY, item_row, rating_line
from android_gym.urls import host

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

# host: (name, bar colour, kind)
SITES: dict[str, tuple[str, str, str]] = {
    "apnews.com": ("AP News", "#000000", "news"),
    "reuters.com": ("Reuters", "#404040", "news"),
    "bbc.com": ("BBC News", "#bb1919", "news"),
    "aljazeera.com": ("Al Jazeera", "#fa9000", "news"),
    "cnn.com": ("CNN", "#cc0000", "news"),
    "theguardian.com": ("The Guardian", "#052962", "news"),
    "nytimes.com": ("The New York Times", "#000000", "news"),
    "space.com": ("Space.com", "#1a1a2e", "news"),
    "nasa.gov": ("NASA", "#0b3d91", "news"),
    "scientificamerican.com": ("Scientific American", "#a3001b", "news"),
    "newscientist.com": ("New Scientist", "#d7252f", "news"),
    "sciencealert.com": ("ScienceAlert", "#121212", "news"),
    "theverge.com": ("The Verge", "#5200ff", "news"),
    "techcrunch.com": ("TechCrunch", "#0a9e01", "news"),
    "wired.com": ("WIRED", "#000000", "news"),
    "arstechnica.com": ("Ars Technica", "#ff4e00", "news"),
    "cnet.com": ("CNET", "#d3132e", "news"),
    "bloomberg.com": ("Bloomberg", "#000000", "news"),
    "cnbc.com": ("CNBC", "#005594", "news"),
    "wsj.com": ("The Wall Street Journal", "#0274b6", "news"),
    "marketwatch.com": ("MarketWatch", "#111111", "news"),
    "weather.com": ("The Weather Channel", "#005986", "weather"),
    "accuweather.com": ("AccuWeather", "#f05514", "weather"),
    "wunderground.com": ("Weather Underground", "#1e2023", "weather"),
    "weather.gov": ("National Weather Service", "#0a4595", "weather"),
    "amazon.com": ("amazon", "#131921", "shop"),
    "target.com": ("Target", "#cc0000", "shop"),
    "homedepot.com": ("The Home Depot", "#f96302", "shop"),
    "lowes.com": ("Lowe's", "#004990", "shop"),
    "sephora.com": ("SEPHORA", "#000000", "shop"),
    "ultabeauty.com": ("Ulta Beauty", "#e75f12", "shop"),
    "booking.com": ("Booking.com", "#003580", "hotels"),
    "expedia.com": ("Expedia", "#191e3b", "travel"),
    "tripadvisor.com": ("Tripadvisor", "#00aa6c", "hotels"),
    "hotels.com": ("Hotels.com", "#d32f2f", "hotels"),
    "kayak.com": ("KAYAK", "#ff690f", "travel"),
    "skyscanner.com": ("Skyscanner", "#0062e3", "flights"),
    "zillow.com": ("Zillow", "#006aff", "rent"),
    "apartments.com": ("Apartments.com", "#6c8e17", "rent"),
    "rentcafe.com": ("RentCafe", "#2f6fa7", "rent"),
    "zumper.com": ("Zumper", "#1a1a1a", "rent"),
    "rent.com": ("Rent.", "#e31937", "rent"),
    "yelp.com": ("yelp", "#d32323", "places"),
    "opentable.com": ("OpenTable", "#da3743", "places"),
    "eater.com": ("Eater", "#e60000", "places"),
    "google.com/maps": ("Google Maps", "#ffffff", "maps"),
    "google.com/travel": ("Google Flights", "#ffffff", "flights"),
    "en.wikipedia.org": ("Wikipedia", "#54595d", "article"),
    "youtube.com": ("YouTube", "#ff0000", "article"),
}
SITE_NAMES = {
    "quora.com": "Quora",
    "britannica.com": "Britannica",
    "facebook.com": "Facebook",
    "espn.com": "ESPN",
    "yahoo.com": "Yahoo",
    "instagram.com": "Instagram",
}
# how a listings site's topic becomes a query for its answer card
LISTING_QUERIES = {
    "hotels": "hotels in {}",
    "flights": "flights to {}",
    "rent": "2 bedroom apartment rent in {}",
    "places": "restaurants in {}",
}
LISTING_KINDS = {"travel": "hotels", "maps": "places"}
"""Site kinds whose listings are those of another kind's card."""
_STRUCTURE = re.compile(
    r"^(?:wiki|hub|news|world|article|articles|topics?|where|search|site|weather|tenday|l|en|us|"
    r"forecast|r|maps|city|s|browse|lp|flights?|routes|menu|business|worldclock|time|zone|"
    r"rental-manager|market-trends|average-rent-market-trends|rent-research|place|kids|photos|"
    r"results|watch|story|tech|economy|markets|space|gadgets|\d+|ext|calculator|currencyconverter|"
    r"convert|quote|advisor|money-transfer|currency-converter|apartments|travel|store-locator|"
    r"flight-routes|reviews|wirecutter|buying-guide|pins|about|books|de\d+|hotel)$",
    re.IGNORECASE,
)
_CODES = re.compile(r"\b(?:Hotels?|[dg]\d+|Travel|Guide|ksp|html|Restaurants)\b|\.html?$")
_PARAGRAPHS = (
    "Here is what you need to know about {topic}.",
    "Our editors have gathered the most useful information on {topic} in one place, from the "
    "basics to the details experts care about.",
    "Readers often ask about {topic}; this page answers the most common questions and links to "
    "further reading.",
    "Updated regularly, this guide covers {topic} from every angle, with photos and maps.",
)


def is_google_home(url: str) -> bool:
    """True for google.com's home page."""
    return host(url) == "google.com" and urlsplit(url).path in ("", "/")


def _site(url: str) -> tuple[str, str, str]:
    """(name, bar colour, kind) of the site `url` belongs to."""
    h = host(url)
    key = h if h in SITES else h.removeprefix("m.").removeprefix("en.m.")
    section = f"{key}/{urlsplit(url).path.strip('/').split('/')[0]}"
    found = SITES.get(section) or SITES.get(key) or SITES.get("en." + key)
    if found:
        return found
    return (SITE_NAMES.get(h) or h.split(".")[0].capitalize() or "Site", "#3c4043", "article")


def site_name(url: str) -> str:
    """The site's name ("AP News", "The Weather Channel"; else its host's first word)."""
    return _site(url)[0]


def _segments(url: str) -> list[str]:
    """The meaningful path segments of `url`, as words, last first."""
    out = []
    for segment in reversed([s for s in urlsplit(url).path.split("/") if s]):
        if segment.startswith("@") or _STRUCTURE.match(segment):
            continue
        words = unquote(segment).replace("-", " ").replace("_", " ").replace("+", " ")
        words = " ".join(_CODES.sub(" ", words).split())
        if words:
            out.append(words)
    return out


def topic(url: str) -> str:
    """What the page is about: the search it was opened with, else the last meaningful
    segment of its path ("apnews.com/hub/chile" -> "chile")."""
    params = parse_qs(urlsplit(url).query)
    for key in ("q", "k", "find_desc", "search"):
        if params.get(key):
            return params[key][0].strip()
    segments = _segments(url)
    return segments[0] if segments else site_name(url)


def title(url: str) -> str:
    """The page title: its topic and site."""
    subject, name = topic(url), site_name(url)
    return name if subject == name else f"{capitalized(subject)} | {name}"


def _bar(url: str) -> View:
    name, color, _ = _site(url)
    fg = theme.TEXT if color.lower() in ("#ffffff", "#fff") else theme.WHITE
    return row(
        text(name, size=20, weight="bold", color=fg, lines=1, flex=1),
        h=56,
        pad=(16, 0, 16, 0),
        bg=color,
        desc=name,
    )


def _article(url: str, subject: str, fg: str, ctx: PageContext) -> list[View]:
    rng = rng_for("page", url)
    picks = rng.permutation(len(_PARAGRAPHS))
    return [
        text(title(url), size=24, weight="medium", color=fg),
        image(f"scene:{subject}", h=180, radius=6),
        *[text(_PARAGRAPHS[i].format(topic=subject), size=16, color=fg) for i in picks],
    ]


def _news(url: str, subject: str, fg: str, ctx: PageContext) -> list[View]:
    """A story (a headline-long topic) or a hub of stories about the topic."""
    if len(subject.split()) >= 5:
        reporter = pick(
            rng_for("byline", url),
            ("Maria Lopez", "David Chen", "Sarah Mitchell", "James Whitaker", "Priya Natarajan"),
        )
        return [
            text(subject, size=26, weight="bold", color=fg),
            text(
                f"By {reporter} · Updated {clock(BASE_UTC)} UTC, June 1, 2024", size=13, color=GREY
            ),
            image(f"scene:{subject}", h=200, radius=0),
            *[text(p, size=17, color=fg) for p in news.story_text(subject)],
        ]
    found = geo.named(subject.lower())
    stories = news.stories(subject, geo.country_of(found) if found else None, 6)
    rows = [
        row(
            col(
                text(s.title, size=17, weight="medium", color=fg, lines=3),
                text(s.lines[1], size=13, color=GREY),
                gap=4,
                flex=1,
            ),
            image(s.image, w=96, h=72, radius=4),
            gap=12,
            align="start",
            on_tap=lambda url=s.url: ctx.navigate(url),
            desc=s.title,
        )
        for s in stories
    ]
    return [
        text(capitalized(subject), size=28, weight="bold", color=fg),
        *[v for r in rows for v in (r, divider())],
    ]


def _weather(url: str, subject: str, fg: str, ctx: PageContext) -> list[View]:
    """The forecast for the first place the path names (the phone's city if none)."""
    found = next(filter(None, (geo.resolve(normalize(s)) for s in _segments(url))), None)
    place = geo.as_place(found) if found else geo.HOME
    f = weather.forecast(place)
    days = [
        row(
            text(day, size=16, color=fg, w=56),
            image(f"weather:{icon}", w=32, h=32),
            text(label, size=15, color=GREY, flex=1, lines=1),
            text(f"{hi}° / {lo}°", size=16, color=fg),
            gap=12,
            h=48,
        )
        for day, icon, label, hi, lo in f.days
    ]
    return [
        text(place.label, size=22, weight="medium", color=fg),
        text(f"As of {clock(f.now)}", size=13, color=GREY),
        row(text(f"{f.temp}°", size=56, color=fg), image(f"weather:{f.icon}", w=72, h=72), gap=16),
        text(
            f"{f.condition} · High {f.high}° · Low {f.low}° · Rain {f.precip}%", size=15, color=fg
        ),
        text("10 Day Forecast", size=18, weight="medium", color=fg),
        *days,
    ]


def _shop(url: str, subject: str, fg: str, ctx: PageContext) -> list[View]:
    """A product page (a /site/ link) or a grid of search results."""
    name = site_name(url)
    if "/site/" in urlsplit(url).path:
        shape, price = shopping.product(subject)
        return [
            text(subject, size=22, weight="medium", color=fg),
            rating_line(4.6, "(1,204 reviews)"),
            image(f"item:{shape}:{subject}", h=240),
            text(price, size=26, weight="bold", color=fg),
            text(
                "Add to cart",
                size=16,
                weight="medium",
                color=theme.WHITE,
                bg="#ffce12" if name == "Best Buy" else theme.ACCENT,
                radius=22,
                pad=(0, 12, 0, 12),
                text_align="center",
                desc="Add to cart",
            ),
            text("Free shipping · Pickup today at a store near Mountain View", size=14, color=GREY),
        ]
    items = shopping.offers(subject, "", 6)
    return [
        text(f'Results for "{subject}"', size=20, weight="medium", color=fg),
        *[item_row(_at(i, name), lambda url=i.url: ctx.navigate(url), picture=88) for i in items],
    ]


def _at(item: Item, store: str) -> Item:
    return Item(
        title=item.title,
        price=item.price,
        rating=item.rating,
        badge=item.badge,
        lines=(store,),
        image=item.image,
        url=item.url,
    )


def _listings(url: str, subject: str, fg: str, ctx: PageContext) -> list[View]:
    """A travel, rental or review site: the listings of Google's card for its topic."""
    segments = _segments(url)
    kind = _site(url)[2]
    if "flight" in url and len(segments) >= 2:
        query = f"flights from {segments[1]} to {segments[0]}"
    else:
        query = LISTING_QUERIES[LISTING_KINDS.get(kind, kind)].format(subject)
    results = content.search(query)
    cards = [c for c in results.cards if c.items]
    heading = cards[0].title if cards else subject
    items = cards[0].items if cards else ()
    return [
        text(heading, size=20, weight="medium", color=fg),
        *[item_row(i, None, picture=88 if i.image.startswith("building") else 0) for i in items],
    ]


def _maps(url: str, subject: str, fg: str, ctx: PageContext) -> list[View]:
    """Google Maps: a place (a /place/ link) with its map and actions, else a search's
    places."""
    if "/place/" not in url:
        return _listings(url, subject, fg, ctx)
    rng = rng_for("maps", url)
    rating = round(float(rng.uniform(4.0, 4.8)), 1)
    actions = [
        text(
            label,
            size=14,
            weight="medium",
            lines=1,
            radius=18,
            pad=(14, 8, 14, 8),
            color=theme.WHITE if i == 0 else theme.ACCENT,
            bg=theme.ACCENT if i == 0 else None,
            border=None if i == 0 else theme.DIVIDER,
            desc=label,
        )
        for i, label in enumerate(("Directions", "Start", "Call", "Save"))
    ]
    return [
        image(f"citymap:{url}", h=240, radius=8, desc="Map"),
        text(subject, size=24, color=fg),
        rating_line(rating, f"({int(rng.integers(200, 9000)):,})"),
        text(
            f"{pick(rng, ('Open', 'Open now'))} · Closes {pick(rng, ('9 PM', '10 PM'))}",
            size=14,
            color="#188038",
        ),
        row(*actions, gap=8),
        text(
            f"{int(rng.integers(10, 2900))} {pick(rng, _MAP_STREETS)}, {geo.HOME.label}",
            size=15,
            color=fg,
        ),
    ]


_MAP_STREETS = ("Castro St", "El Camino Real", "Shoreline Blvd", "Rengstorff Ave")
PAGES = {"news": _news, "weather": _weather, "shop": _shop, "maps": _maps, "article": _article}


def page(url: str, ctx: PageContext) -> View:
    """The page `url` opens, drawn the way its kind of site draws one."""
    fg, bg = (theme.WHITE, theme.INCOGNITO_BG) if ctx.dark else (theme.TEXT, theme.WHITE)
    draw = PAGES.get(_site(url)[2], _listings)
    return col(
        _bar(url),
        col(
            *draw(url, topic(url), fg, ctx),
            gap=14,
            pad=(16, 16, 16, 24),
            flex=1,
            scroll=f"{ctx.key}:article",
        ),
        flex=1,
        bg=bg,
        cls="android.webkit.WebView",
        desc=title(url),
    )
