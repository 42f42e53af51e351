"""Store URLs: what kind of page a URL of a storefront is (home, results, product, cart), read
from the store's own URL scheme in `brands.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, quote, urlsplit

from android_gym.content.stores.brands import Brand, brand_of

ADD_PATH = "/cart/add"
"""An add-to-cart link ("/cart/add?items=<item>,<item>"), as stores offer for affiliates: it
adds the items and opens the cart."""


@dataclass(frozen=True)
class StorePage:
    """A storefront URL read: the store, the kind of page and its argument (the query of a
    results page, the item number of a product page)."""

    brand: Brand
    kind: str
    """"home", "search", "product", "cart", "add" or "other"."""
    arg: str = ""


@cache
def _search_parts(brand: Brand) -> tuple[str, str]:
    parts = urlsplit(brand.search)
    return parts.path.lower(), parts.query.split("=")[0]


@cache
def _product_path(brand: Brand) -> re.Pattern[str]:
    path = urlsplit(brand.product).path
    pattern = re.escape(path).replace(re.escape("{slug}"), "[^/]+")
    return re.compile("^" + pattern.replace(re.escape("{id}"), "(?P<id>[A-Za-z0-9]+)") + "$")


def read(url: str | None) -> StorePage | None:
    """The storefront page `url` is, or None when it is not one of the stores'."""
    if not url:
        return None
    parts = urlsplit(url)
    brand = brand_of(parts.netloc)
    if brand is None:
        return None
    path = parts.path or "/"
    params = parse_qs(parts.query)
    cart = urlsplit(brand.cart)
    if parts.netloc.lower() == cart.netloc and path.rstrip("/") == cart.path.rstrip("/"):
        return StorePage(brand, "cart")
    if path == ADD_PATH:
        return StorePage(brand, "add", params.get("items", [""])[0])
    search_path, param = _search_parts(brand)
    if path.lower() == search_path:
        query = " ".join(params.get(param, [""])[0].split())
        return StorePage(brand, "search", query) if query else StorePage(brand, "home")
    found = _product_path(brand).match(path)
    if found:
        return StorePage(brand, "product", found.group("id"))
    if path in ("", "/"):
        return StorePage(brand, "home")
    return StorePage(brand, "other", path)


def home_url(brand: Brand) -> str:
    return f"https://www.{brand.domain}/"


def add_url(brand: Brand, items: list[str]) -> str:
    """The store's add-to-cart link for `items` (item numbers)."""
    return f"https://www.{brand.domain}{ADD_PATH}?items={quote(','.join(items))}"
