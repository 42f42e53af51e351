"""The storefronts of the task world: costco.com, bestbuy.com, walmart.com, newegg.com and
ebay.com as data: each store's brand and URL scheme (`brands.py`, `urls.py`), its search results
and listings over the product catalog (`listings.py`) and its cart in the browser's site data
(`cart.py`). The simulated web draws them (`android_gym.sim.web.stores`); the Web Shopping
families sample, set up and judge by them.
"""

from __future__ import annotations

from android_gym.content.stores.brands import BRANDS, Brand, brand_of
from android_gym.content.stores.listings import (
    Listing,
    by_item,
    first_result,
    listing,
    search_url,
)
from android_gym.content.stores.urls import StorePage, add_url, home_url, read

__all__ = [
    "BRANDS",
    "Brand",
    "Listing",
    "StorePage",
    "add_url",
    "brand_of",
    "first_result",
    "home_url",
    "item",
    "listing",
    "read",
    "search_url",
]


def item(brand: Brand, number: str) -> Listing | None:
    """The store's listing with item number `number`, if it has one."""
    return by_item(brand).get(number)
