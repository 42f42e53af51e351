"""A store's cart, kept in the site data the browser holds for the store (like a cart cookie):
it survives navigation, other tabs and closing the tab, until the phone is reset."""

from __future__ import annotations

from typing import Any

Storage = dict[str, Any]


def items(storage: Storage) -> list[tuple[str, int]]:
    """(item number, quantity) of each line of the cart, in the order they were added."""
    return [(item, qty) for item, qty in storage.get("cart", [])]


def count(storage: Storage) -> int:
    """How many items the cart holds (the number on the cart icon)."""
    return sum(qty for _, qty in items(storage))


def add(storage: Storage, item: str, qty: int = 1) -> None:
    """Adds `qty` of `item` (one more line, or a higher quantity on its line)."""
    lines = storage.setdefault("cart", [])
    for line in lines:
        if line[0] == item:
            line[1] += qty
            return
    lines.append([item, qty])


def set_quantity(storage: Storage, item: str, qty: int) -> None:
    """Sets the quantity of `item`'s line; zero removes the line."""
    lines = storage.get("cart", [])
    storage["cart"] = [[i, qty if i == item else q] for i, q in lines if i != item or qty > 0]


def remove(storage: Storage, item: str) -> None:
    set_quantity(storage, item, 0)


def empty(storage: Storage) -> None:
    storage["cart"] = []
