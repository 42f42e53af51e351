"""What a store lists: its own title, price, rating and item number for each catalog product,
its ranking of a query's matches, and the sponsored listings it puts above them.

Everything is deterministic: a store's listing of a product depends on the store and the
product, its ranking on the store and the query, and its sponsored listings on the store, the
query and the visit (`seed`, drawn by the browser each episode).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, quote_plus

from android_gym.content.catalog import Product, by_key, catalog, matches
from android_gym.content.common import money, rng_for
from android_gym.content.stores.brands import Brand


@dataclass(frozen=True)
class Listing:
    """A product as one store shows it."""

    product: Product
    item: str
    """The store's item number (in its product URLs)."""
    title: str
    price: float
    was: float | None
    """The crossed-out earlier price of a product on sale."""
    rating: float
    reviews: int
    url: str

    @property
    def price_text(self) -> str:
        return money(self.price, cents=True)


def _item_number(brand: Brand, product: Product) -> str:
    digits = brand.id_digits
    number = zlib.crc32(f"{brand.domain}:{product.key}".encode()) % 10**digits
    return brand.id_prefix + str(number).zfill(digits)


def _slug(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return quote("-".join(words)[:80] or "item")


@cache
def listing(brand: Brand, product: Product) -> Listing:
    """`product` as `brand` lists it."""
    rng = rng_for("listing", brand.domain, product.key)
    title = brand.title.format(
        brand=product.brand,
        BRAND=product.brand.upper(),
        name=product.name,
        variant=product.variant,
    )
    if not product.variant:
        title = title.rstrip(" ,-")
    price = product.price * brand.price_factor * float(rng.uniform(0.92, 1.04))
    price = max(0.99, round(price) - 0.01) if price > 5 else round(price, 2)
    was = round(price * float(rng.uniform(1.1, 1.3))) - 0.01 if rng.random() < 0.35 else None
    item = _item_number(brand, product)
    url = brand.product.format(slug=_slug(title), id=item)
    return Listing(
        product=product,
        item=item,
        title=title,
        price=price,
        was=was,
        rating=round(float(rng.uniform(3.8, 4.9)), 1),
        reviews=int(rng.integers(12, 9000)),
        url=url,
    )


@cache
def by_item(brand: Brand) -> dict[str, Listing]:
    """The store's listings by item number."""
    return {listing(brand, p).item: listing(brand, p) for p in catalog()}


def lookup(brand: Brand, key: str) -> Listing | None:
    """The store's listing of the catalog product `key`, if the catalog has it."""
    product = by_key().get(key)
    return listing(brand, product) if product else None


@cache
def ranked(brand: Brand, query: str) -> tuple[Listing, ...]:
    """The store's organic results for `query`: the most relevant first (the title holding the
    query as a phrase, then every word in the title, then keyword matches), and among equally
    relevant ones the store's own order."""

    def key(found: tuple[Product, int]) -> tuple[int, float]:
        product, relevance = found
        return (-relevance, float(rng_for("rank", brand.domain, product.key).random()))

    return tuple(listing(brand, p) for p, _ in sorted(matches(query), key=key))


def first_result(brand: Brand, query: str) -> Listing | None:
    """The first organic (not sponsored) result of `query` at the store."""
    found = ranked(brand, query)
    return found[0] if found else None


def sponsored(brand: Brand, query: str, seed: int) -> tuple[Listing, ...]:
    """Up to two sponsored listings for a visit: products of the same kind as the query's
    matches, never the first organic result (a store does not pay to show it twice)."""
    organic = ranked(brand, query)
    if not organic:
        return ()
    rng = rng_for("sponsored", brand.domain, query.lower(), str(seed))
    count = int(rng.choice((0, 1, 1, 2)))
    kinds = {lst.product.category for lst in organic}
    pool = [p for p in catalog() if p.category in kinds and p.key != organic[0].product.key]
    picks = rng.permutation(len(pool))[:count]
    return tuple(listing(brand, pool[int(i)]) for i in picks)


def search_url(brand: Brand, query: str) -> str:
    """The store's results URL for `query`."""
    return brand.search.format(q=quote_plus(" ".join(query.split())))
