"""The storefronts of the simulated web: costco.com, bestbuy.com, walmart.com, newegg.com and
ebay.com, drawn.

One set of pages (`pages.py`), a cart page (`cart_page.py`) and friction (`friction.py`) serves
all five, over the stores' data in `android_gym.content.stores` (brands, URLs, listings, carts).
A store keeps its cart and the shopper's banner choices in the site data the browser holds
for it (`PageContext.storage`), so they survive navigation and other tabs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from android_gym.content.stores import Listing, StorePage, by_item, cart, item, read
from android_gym.sim.view import View
from android_gym.sim.web.stores import cart_page, pages

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

__all__ = ["page", "read", "title", "visit"]


def _listing(page: StorePage) -> Listing | None:
    return item(page.brand, page.arg) if page.kind == "product" else None


def page(url: str, ctx: PageContext) -> View:
    """The store page `url` opens (a URL the store does not know shows its home page)."""
    found = read(url)
    assert found is not None, f"{url} is not a store URL"
    brand = found.brand
    if ctx.state.get("editing"):
        return pages.editor(brand, ctx)
    lst = _listing(found)
    if found.kind == "search":
        content = pages.results(brand, found.arg, ctx)
    elif lst is not None:
        content = pages.product(brand, lst, ctx)
    elif found.kind == "cart":
        content = cart_page.cart_page(brand, ctx)
    else:
        content = pages.home(brand, ctx)
    query = found.arg if found.kind == "search" else ""
    return pages.frame(brand, query, content, ctx, title(url))


def title(url: str) -> str:
    """The page title the tab shows."""
    found = read(url)
    assert found is not None, f"{url} is not a store URL"
    brand = found.brand
    lst = _listing(found)
    if found.kind == "search":
        return f"{found.arg} - {brand.name}"
    if lst is not None:
        return f"{lst.title} - {brand.name}"
    if found.kind == "cart":
        return f"Cart - {brand.name}"
    return brand.tagline


def visit(url: str, storage: dict[str, Any]) -> str:
    """What the store does when the browser requests `url` with the store's site data: an
    add-to-cart link adds its items and redirects to the cart; the bare domain redirects to
    www. Returns the URL the tab ends on."""
    found = read(url)
    if found is None:
        return url
    brand = found.brand
    if found.kind == "add":
        for item in found.arg.split(","):
            if item in by_item(brand):
                cart.add(storage, item)
        return brand.cart
    parts = urlsplit(url)
    if parts.netloc.lower() == brand.domain:
        return parts._replace(netloc="www." + brand.domain).geturl()
    return url
