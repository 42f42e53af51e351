"""Pages of sites other than Google: a simple, deterministic article page for any URL.

Result links lead here. The page says which site and topic it is about, so an agent (and a
person watching) can tell where it went.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from android_gym.sim import theme
from android_gym.sim.content import rng_for
from android_gym.sim.view import View, col, image, row, text
from android_gym.sim.web.urls import host

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

SITE_NAMES = {
    "wikipedia.org": "Wikipedia", "en.wikipedia.org": "Wikipedia", "reddit.com": "Reddit",
    "quora.com": "Quora", "britannica.com": "Britannica", "nytimes.com": "The New York Times",
    "youtube.com": "YouTube", "facebook.com": "Facebook", "amazon.com": "Amazon.com",
    "espn.com": "ESPN", "yahoo.com": "Yahoo", "ebay.com": "eBay", "instagram.com": "Instagram",
}

_SENTENCES = (
    "Here is what you need to know about {topic}.",
    "Our editors have gathered the most useful information on {topic} in one place.",
    "Readers often ask about {topic}; this page answers the most common questions.",
    "Updated regularly, this guide covers {topic} from every angle.",
    "Scroll down for more details, photos and related stories about {topic}.",
)


def is_google_home(url: str) -> bool:
    return host(url) == "google.com" and urlsplit(url).path in ("", "/")


def site_name(url: str) -> str:
    h = host(url)
    return SITE_NAMES.get(h) or h.split(".")[0].capitalize()


def _topic(url: str) -> str:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return unquote(segments[-1]).replace("-", " ").replace("_", " ") if segments else site_name(url)


def title(url: str) -> str:
    """The page title: its topic and site."""
    topic = _topic(url)
    name = site_name(url)
    return name if topic == name else f"{topic.capitalize()} | {name}"


def page(url: str, ctx: PageContext) -> View:
    """A generic article page for `url`."""
    rng = rng_for("page", url)
    topic = _topic(url)
    picks = rng.permutation(len(_SENTENCES))
    paragraphs = [" ".join(_SENTENCES[i].format(topic=topic) for i in picks[k : k + 2]) for k in (0, 2)]
    fg, bg = (theme.WHITE, theme.INCOGNITO_BG) if ctx.dark else (theme.TEXT, theme.WHITE)
    return col(
        row(text(site_name(url), size=20, weight="bold", color=theme.WHITE), h=56, pad=(16, 0, 16, 0),
            bg="#3c4043"),
        col(
            text(title(url), size=24, weight="medium", color=fg),
            image(f"photo:{url}", h=180, radius=6),
            *[text(p, size=16, color=fg) for p in paragraphs],
            gap=16, pad=(16, 16, 16, 24), flex=1, scroll=f"{ctx.key}:article",
        ),
        flex=1, bg=bg, cls="android.webkit.WebView", desc=title(url),
    )
