"""Helpers shared by the content modules: stable randomness, text clean-up and formatting.

Every generator seeds its randomness from the *entity* it describes (a city, a country, a
product), not from the query's wording, so "weather paris" and "What's the weather like in
Paris?" show the same forecast.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar
from urllib.parse import quote

import numpy as np

T = TypeVar("T")

BASE_UTC = datetime(2024, 6, 1, 16, 38)
"""The simulated web's "now": Saturday, June 1, 2024, 9:38 AM at the phone (Pacific time)."""

_GLUED = re.compile(
    r"(?<![A-Za-z])(in|the|for|at|of|to|from|a)(?=[A-Z][a-z])"  # "inToronto", "theFalkland"
    r"|(?<=\ba)(?=\d)"  # "a3 bedroom"
    r"|(?<=[a-z])(?=[A-Z]{2,}\b)"  # "HisenseTV"
)
_FEET = re.compile(r"(\d)['’](?!\w)")
_DROP = re.compile(r"[^\w\s&+'/-]")
_SPACE = re.compile(r"[\s_]+")
_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")


def rng_for(*parts: str) -> np.random.Generator:
    """A generator seeded by a stable hash of `parts` (never Python's salted `hash`)."""
    return np.random.default_rng(zlib.crc32("\x1f".join(parts).encode("utf-8", "replace")))


def clean(query: str) -> str:
    """The query as the results page shows it: whitespace collapsed, nothing else changed."""
    return " ".join(query.split())


def normalize(query: str) -> str:
    """A lower-case form for matching: accents folded, punctuation and apostrophes dropped,
    words that instructions glue together split ("inToronto", "a3 bedroom")."""
    text = _FEET.sub(r"\1 ft", _GLUED.sub(lambda m: (m.group(1) or "") + " ", query))
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _DOT.sub("", text.replace("'", ""))
    return _SPACE.sub(" ", _DROP.sub(" ", text)).strip()


def slug(text: str) -> str:
    """A lower-case URL slug ("Hotels in Paris" -> "hotels-in-paris")."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)[:60] or "search"


def path_slug(text: str) -> str:
    """A URL path segment that keeps the text's case, so a site page can show it as a title
    ("Chile votes" -> "Chile-votes"); `unslug` reverses it."""
    words = "".join(c if c.isalnum() or c in "'&" else " " for c in text).split()
    return quote("-".join(words)[:90] or "home")


def titled(text: str) -> str:
    """Capitalises each word that starts lower-case ("buenos aires" -> "Buenos Aires")."""
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in text.split())


def capitalized(text: str) -> str:
    """`text` with a capital first letter, except brand spellings like "iPhone", "eBay"."""
    if text[1:2].isupper():
        return text
    return text[:1].upper() + text[1:]


def pick(rng: np.random.Generator, options: Sequence[T]) -> T:
    """One of `options`, chosen by `rng`."""
    return options[int(rng.integers(0, len(options)))]


def sample(rng: np.random.Generator, options: Sequence[T], k: int) -> list[T]:
    """`k` distinct options in a random order (all of them when there are fewer)."""
    order = rng.permutation(len(options))[:k]
    return [options[int(i)] for i in order]


def money(value: float, cents: bool = False) -> str:
    """US dollars: "$1,299" or, with cents, "$1,299.99"."""
    return f"${value:,.2f}" if cents else f"${round(value):,}"


def ago(minutes: int) -> str:
    """ "35 mins ago", "3 hours ago", "2 days ago" relative to `BASE_UTC`."""
    if minutes < 60:
        return f"{minutes} mins ago"
    if minutes < 24 * 60:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours > 1 else ''} ago"
    days = minutes // (24 * 60)
    return f"{days} day{'s' if days > 1 else ''} ago"


def clock(moment: datetime) -> str:
    """ "9:38 AM" """
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def long_date(moment: datetime) -> str:
    """ "Saturday, June 1, 2024" """
    return f"{moment:%A}, {moment:%B} {moment.day}, {moment.year}"


def short_date(days_ahead: int) -> str:
    """ "Sat, Jun 15" for a day `days_ahead` after `BASE_UTC`."""
    day = BASE_UTC + timedelta(days=days_ahead)
    return f"{day:%a}, {day:%b} {day.day}"


def fill(templates: Sequence[str], fields: dict[str, str]) -> tuple[str, ...]:
    """Formats each template with `fields` (values are never re-interpreted as templates)."""
    return tuple(t.format(**fields) for t in templates)


def records(table: str) -> list[list[str]]:
    """Rows of a "|"-separated table; an indented line continues the row above, its text
    appended to the row's last field with ";" (so long lists wrap under 100 columns)."""
    rows: list[list[str]] = []
    for line in table.strip("\n").splitlines():
        if line[:1].isspace() and rows:
            last = rows[-1][-1]
            rows[-1][-1] = f"{last.rstrip(';')};{line.strip()}" if last else line.strip()
        elif line.strip():
            rows.append(line.split("|"))
    return rows


_ACRONYMS = frozenset(
    {
        "us",
        "usa",
        "uk",
        "eu",
        "nasa",
        "ai",
        "tv",
        "tvs",
        "lg",
        "tcl",
        "ihop",
        "dc",
        "nyc",
        "bbc",
        "cnn",
        "ign",
        "kfc",
        "bbq",
        "hd",
        "uhd",
        "oled",
        "qled",
        "ps5",
        "usd",
        "nba",
        "nfl",
        "jcp",
        "cvs",
    }
)


def display(words: str) -> str:
    """Normalized words as a page shows them: acronyms upper-case ("us economy" ->
    "US economy"), "iphone" as "iPhone"."""
    out = []
    for word in words.split():
        if word in _ACRONYMS:
            word = word.upper()
        elif word[:1] == "i" and word[1:4] in ("pho", "pad", "mac", "pod"):
            word = "i" + word[1:].capitalize()
        out.append(word)
    return " ".join(out)
