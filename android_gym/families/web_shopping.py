"""Web Shopping: the AitW Web Shopping tasks on the storefronts in Chrome (costco.com,
bestbuy.com, walmart.com, newegg.com, ebay.com).

Intents: the DigiRL grammar ("Go to {site}", "Go to {site}, search for '{product}'", "..., and
select the first entry", in either quote style) and AitW's cart tasks (add the first entry to
the cart, view the cart, clear it, remove an item).

Success is judged from what a real device reports:
- the foreground package (`dumpsys activity`): Chrome;
- the page URL (Chrome's URL bar): the site (any page of it for "Go to"), a results page whose
  query asks for the product (case, spacing, hyphens and a typo aside: `catalog.same_query`;
  the search box's suggestions are not results and leave no results URL), the cart page, or the
  product page of the first non-sponsored entry, which is what that store's results page for
  the product lists first (its UI hierarchy: the first result not labelled "Sponsored");
- the cart's contents (Chrome's site data for the store, which its cart page and cart icon
  show): for adding, the first entry (or for "add a ...", a product the query finds) gained a
  unit and nothing else changed; for clearing, no item left of a cart that held some; for
  removing, no item the query finds left while every other item stayed.

On a real device the cart is not readable: it lives in the store's cookies, and the start's
cart is on no screen. The state read there (`devices/observed`) leaves Chrome's site data out,
so the cart intents (add, add_first, remove, clear_cart) are never judged a success on a real
device. "The first entry" (select) is the first result of the simulated store
(`android_gym.content.stores`), so it is exact on the simulated phone only; visit, search and
view_cart are exact on a real device (docs/devices.md).
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action
from android_gym.content import stores
from android_gym.content.catalog import catalog, matches, same_query
from android_gym.devices.base import Device, DeviceState
from android_gym.families import shopping_oracle
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.packages import CHROME
from android_gym.ui import UIElement
from android_gym.urls import NEW_TAB

NAME = "web_shopping"
_SLOTS = {"site": pools()["shopping_sites"], "product": pools()["shopping_products"]}
_SITE = {"site": _SLOTS["site"]}
_GO = [
    "(go to|take me to|head to|head over to|navigate to|browse to|hop on) {site}",
    "(on|at|in|from) {site}",
    "open {site}",
    "visit {site}",
]
_FOR = [
    "search for {product}",
    "search {product}",
    "look for {product}",
    "look up {product}",
    "find {product}",
    "type {product}",
    "{product} on {site}",
    "{product} at {site}",
    "results for {product}",
]
_PLACE = (
    "go to|visit|open|navigate to|head to|head over to|website|web site|site|webpage|page|"
    "homepage|home page|chrome|browser|and|then|the|on|at|in"
)
_PICK = (
    "select|click|click on|tap|tap on|choose|pick|open|entry|result|item|listing|product|"
    "link|one|option|it|that|hit|view|and|then|of|from|list|search results"
)
_CART = "cart|basket|shopping cart|shopping bag|bag"
_SEEK = "search|search for|look for|look up|find|type|enter"


def _frame(intent: str, cues: list[str], slots: dict, templates: list[str], words: str) -> Frame:
    """A frame whose product slot takes free text that may extend a known product."""
    return Frame.declare(NAME, intent, cues, slots, templates, [words], compound=["product"])


FRAMES = (
    # Shopping and visiting have no cues: their words tell them apart (a frame declines a word
    # it does not know), and a request that merely mentions a store is not a near miss that
    # would keep it from the generic web search. On a tie the earlier frame wins.
    Frame.declare(NAME, "visit", (), _SITE, _GO, [_PLACE]),
    _frame("search", [], _SLOTS, [*_GO, *_FOR], f"{_PLACE}|{_SEEK}|results|item|items|products"),
    _frame("select", [], _SLOTS, [*_GO, *_FOR], f"{_PLACE}|{_SEEK}|{_PICK}|first|1st|top"),
    _frame(
        "add_first",
        [_CART, "add|put|place", "first|1st|top", _SEEK],
        _SLOTS,
        [*_GO, *_FOR, "add {product} to", "first {product}"],
        f"{_PLACE}|{_PICK}|to|my",
    ),
    _frame(
        "add",
        [_CART, "add|put|place"],
        _SLOTS,
        [*_GO, *_FOR, "add {product} to"],
        f"{_PLACE}|{_PICK}|first|1st|top|to|my|a|an",
    ),
    _frame(
        "clear_cart",
        [_CART, "clear|empty|remove all|delete all|remove everything|clean out"],
        _SITE,
        _GO,
        f"{_PLACE}|items|item|products|of|from|out|all|everything|my|shopping",
    ),
    _frame(
        "remove",
        [_CART, "remove|delete|take out|take"],
        _SLOTS,
        [*_GO, "remove {product} from", "delete {product} from", "take {product} out"],
        f"{_PLACE}|from|out|out of|of|my|shopping|item|view|open",
    ),
    _frame(
        "view_cart",
        [_CART],
        _SITE,
        _GO,
        f"{_PLACE}|view|show|open|see|check|look at|display|my|contents|items|whats in|"
        "what is in|shopping",
    ),
)
SAMPLES: dict[str, tuple[str, ...]] = {
    "visit": ("Go to {site}",),
    "search": ("Go to {site}, search for {q}{product}{q}",),
    "select": ("Go to {site}, search for {q}{product}{q}, and select the first entry",),
    "add_first": (
        "Go to {site}, search for {q}{product}{q}, select the first entry, and add it to the cart",
    ),
    "view_cart": ("Go to {site} and view the cart", "View the shopping cart on {site}"),
    "clear_cart": ("Clear the shopping cart on {site}", "Go to {site} and empty the cart"),
    "remove": ("Remove {q}{product}{q} from the cart on {site}",),
}
"""Templates of the train split (and of the test split where a product is held out)."""
TEST_PHRASES: dict[str, tuple[str, ...]] = {
    "visit": ("Visit {site}", "Open {site}"),
    "view_cart": ("Show me the cart on {site}", "Open my shopping cart on {site}"),
    "clear_cart": ("Empty my cart on {site}", "Remove all items from the cart on {site}"),
}
"""The test split's phrasings of the intents without a product: five sites leave no values to
hold out, so the splits differ in wording."""
_NEEDS_PRODUCT = ("search", "select", "add_first", "add", "remove")
_PREFILLED = ("view_cart", "clear_cart", "remove")
"""Intents whose set-up puts items in the cart first."""


def cart_of(state: DeviceState, site: str) -> dict[str, int]:
    """The store's cart in `state`: item number -> quantity (Chrome's site data for it)."""
    data = state.app_facts(CHROME).get("site_data", {}).get(site, {})
    return {item: qty for item, qty in data.get("cart", [])}


class WebShopping(Family):
    name = NAME
    description = "Go to a store, search it, open the first result, and manage the cart."
    suite = "web_shopping"
    app = "Chrome"
    app_aliases = ("shopping site",)

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        return {"intent": reading.frame.intent, **reading.params}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        intent = list(SAMPLES)[int(rng.integers(len(SAMPLES)))]
        sites = _SLOTS["site"].split(split)
        params: Params = {"intent": intent, "site": sites[int(rng.integers(len(sites)))]}
        if intent in _NEEDS_PRODUCT:
            products = _SLOTS["product"].split(split)
            params["product"] = products[int(rng.integers(len(products)))]
        templates = (
            TEST_PHRASES.get(intent, SAMPLES[intent]) if split == "test" else SAMPLES[intent]
        )
        template = templates[int(rng.integers(len(templates)))]
        quote = "'" if rng.integers(2) else '"'
        return template.format(
            q=quote, product=params.get("product", ""), site=params["site"]
        ), params

    def setup(self, device: Device, params: Params, rng: np.random.Generator) -> None:
        """Cart tasks start with items in the cart (put there through the store's add-to-cart
        link, as any browser could), the browser left on a new tab, the home screen in front."""
        if params["intent"] not in _PREFILLED:
            return
        brand = stores.BRANDS[params["site"]]
        query = params.get("product", "")
        wanted = stores.first_result(brand, query) if query else None
        found = {p.key for p, _ in matches(query)} if query else set()
        others = [p for p in catalog() if p.key not in found]
        picks = [others[int(i)] for i in rng.permutation(len(others))[: int(rng.integers(1, 3))]]
        items = [stores.listing(brand, p).item for p in picks]
        if wanted is not None:
            items.insert(int(rng.integers(len(items) + 1)), wanted.item)
        device.open_url(stores.add_url(brand, items))
        device.open_url(NEW_TAB)
        device.key("home")

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        if state.package != CHROME or not state.url:
            return False
        page = stores.read(state.url)
        site = params["site"]
        if page is None or page.brand.domain != site:
            return False
        intent, query = params["intent"], params.get("product", "")
        if intent == "visit":
            return True
        if intent == "search":
            return page.kind == "search" and same_query(page.arg, query)
        if intent == "select":
            first = stores.first_result(page.brand, query)
            return page.kind == "product" and first is not None and page.arg == first.item
        if intent == "view_cart":
            return page.kind == "cart"
        now, before = cart_of(state, site), cart_of(start, site)
        if intent == "clear_cart":
            return bool(before) and not now
        if intent == "remove":
            found = {i for i in before if _finds(page.brand, query, i)}
            return bool(found) and now == {i: q for i, q in before.items() if i not in found}
        gained = {i for i in now if now[i] > before.get(i, 0)}
        unchanged = all(now.get(i, 0) >= q for i, q in before.items())
        if len(gained) != 1 or not unchanged or sum(now.values()) != sum(before.values()) + 1:
            return False
        item = gained.pop()
        if intent == "add_first":
            first = stores.first_result(page.brand, query)
            return first is not None and item == first.item
        return _finds(page.brand, query, item)

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return shopping_oracle.next_action(params, elements, screen_size)


def _finds(brand: stores.Brand, query: str, item: str) -> bool:
    """Whether the store's search for `query` finds its item `item`."""
    lst = stores.item(brand, item)
    return lst is not None and any(p.key == lst.product.key for p, _ in matches(query))
