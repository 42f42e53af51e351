"""URLs as Chrome and Google make them, on any device: what the omnibox makes of typed text, Google
search URLs and their parser (task families judge searches by them on the simulator and on
real phones alike)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote_plus, urlsplit

NEW_TAB = "chrome://newtab/"
GOOGLE_HOME = "https://www.google.com/"
SEARCH_TABS = {
    "all": "",
    "news": "nws",
    "images": "isch",
    "videos": "vid",
    "shopping": "shop",
    "books": "bks",
}
_TBM_TO_TAB = {v: k for k, v in SEARCH_TABS.items() if v}
_DOMAIN = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE
)


def search_url(query: str, tab: str = "all") -> str:
    """The Google results URL for `query` on `tab` ("all", "news", "images", ...)."""
    url = "https://www.google.com/search?q=" + quote_plus(query.strip())
    tbm = SEARCH_TABS.get(tab, "")
    return url + (f"&tbm={tbm}" if tbm else "")


def from_omnibox(typed: str) -> str:
    """What Chrome navigates to for omnibox input: a URL when it looks like one, else a search."""
    text = typed.strip()
    if _DOMAIN.match(text) and " " not in text:
        return text if "://" in text else "https://" + text
    return search_url(text)


def host(url: str) -> str:
    """The host without "www." ("google.com" for "https://www.google.com/search?q=x")."""
    netloc = urlsplit(url).netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def site(url: str) -> str:
    """The site a URL belongs to, as cookies scope it: the host's last two labels
    ("cart.ebay.com" and "www.ebay.com" are both "ebay.com")."""
    return ".".join(urlsplit(url).netloc.lower().split(":")[0].split(".")[-2:])


def parse_search(url: str | None) -> tuple[str, str] | None:
    """(query, tab) when `url` is a Google results page, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    if host(url) != "google.com" or parts.path.rstrip("/") != "/search":
        return None
    params = parse_qs(parts.query)
    query = params.get("q", [""])[0].strip()
    if not query:
        return None
    return query, _TBM_TO_TAB.get(params.get("tbm", [""])[0], "all")


def display(url: str) -> str:
    """How the omnibox shows a URL when not editing: the host and path, no scheme."""
    if url == NEW_TAB:
        return ""
    parts = urlsplit(url)
    shown = parts.netloc + parts.path
    if parts.query:
        shown += "?" + parts.query
    return shown.rstrip("/")
