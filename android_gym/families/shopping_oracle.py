"""The Web Shopping oracle: how an expert shops in Chrome from the UI hierarchy alone.

It reads the page's URL from Chrome's URL bar, dismisses whatever banner or prompt a store
puts up, types the store's address and the product into the search boxes, scrolls past
promotions to the first result not labelled "Sponsored", and works the cart page by its
buttons. Nothing here reads simulator state, so it can drive a real browser.
"""

from __future__ import annotations

from android_gym.actions import Action, ActionType
from android_gym.content import stores
from android_gym.content.catalog import overlap, same_query
from android_gym.families import navigation
from android_gym.families.base import Params
from android_gym.packages import CHROME
from android_gym.ui import UIElement, find

DISMISS = ("prompt_dismiss", "prompt_close", "cookie_accept")
"""Buttons that close a store's prompt or accept its cookies, in the order to press them."""
SEARCHING = ("search", "select", "add_first", "add")
"""Intents that search the store for the product."""
_DONE = Action.key(ActionType.STATUS_TASK_COMPLETE)
_BACK = Action.key(ActionType.PRESS_BACK)


def _button(elements: list[UIElement], rid: str) -> UIElement | None:
    found = find(elements, resource_id=rid, clickable=True)
    return found[0] if found else None


def page_url(elements: list[UIElement]) -> str | None:
    """The URL Chrome's URL bar shows (it shows it without the scheme), if any."""
    bar = find(elements, resource_id="url_bar")
    if not bar or bar[0].focused:
        return None
    shown = bar[0].text
    return None if not shown or " " in shown else "https://" + shown


def first_entry(elements: list[UIElement], label: str) -> UIElement | None:
    """The topmost result on screen that is not labelled sponsored."""
    entries = [
        e
        for e in find(elements, resource_id="search_result", clickable=True)
        if not e.content_desc.startswith(label)
    ]
    return min(entries, key=lambda e: e.bounds[1]) if entries else None


def _cart_step(params: Params, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    intent = params["intent"]
    if intent == "clear_cart":
        empty = _button(elements, "empty_cart")
        return navigation.tap(empty, screen) if empty else _DONE
    if intent == "remove":
        removes = find(elements, resource_id="cart_remove", clickable=True)
        scored = [(overlap(params["product"], e.content_desc), e) for e in removes]
        best = max(scored, key=lambda s: s[0], default=(0, None))
        return navigation.tap(best[1], screen) if best[1] is not None and best[0] else _DONE
    return _DONE


def next_action(params: Params, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """The expert's next step towards the Web Shopping task `params`."""
    if not any(e.package == CHROME for e in elements):
        return navigation.open_app("Chrome", elements, screen)
    brand = stores.BRANDS[params["site"]]
    field = navigation.focused_field(elements)
    if field is not None:
        if field.short_id != "store_search":
            return navigation.type_into(field, brand.domain, elements, screen)
        if params["intent"] in SEARCHING:
            return navigation.type_into(field, params["product"], elements, screen)
        return _BACK  # a store's search box this task does not need
    url = page_url(elements)
    page = stores.read(url)
    if page is None or page.brand is not brand:
        box = _button(elements, "location_bar") or _button(elements, "search_box")
        return navigation.tap(box, screen) if box else _BACK
    for rid in DISMISS:
        button = _button(elements, rid)
        if button is not None:
            return navigation.tap(button, screen)
    intent = params["intent"]
    if intent == "visit":
        return _DONE
    if intent in ("view_cart", "clear_cart", "remove"):
        if page.kind == "cart":
            return _cart_step(params, elements, screen)
        cart = _button(elements, "cart_button")
        return navigation.tap(cart, screen) if cart else Action.scroll("up", 0.5)
    query = params["product"]
    if page.kind == "search" and same_query(page.arg, query):
        if intent == "search":
            return _DONE
        entry = first_entry(elements, brand.sponsored)
        if entry is not None:
            return navigation.tap(entry, screen)
        if find(elements, contains="No results for"):
            return Action.key(ActionType.STATUS_TASK_IMPOSSIBLE)
        return Action.scroll("down", 0.5)
    if page.kind == "product" and intent in ("add_first", "add"):
        add = _button(elements, "add_to_cart")
        return navigation.tap(add, screen) if add else Action.scroll("down", 0.5)
    box = _button(elements, "store_search_box")
    return navigation.tap(box, screen) if box else Action.scroll("up", 0.5)
