"""A store's cart page: a line per item with its quantity stepper and Remove link, the
subtotal, Checkout and Empty cart (the items live in the store's site data, `cart.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content.stores.brands import Brand
from android_gym.content.stores.listings import Listing, by_item
from android_gym.content.stores.urls import home_url
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, icon, image, row, space, text
from android_gym.sim.web.stores import cart

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext


def _cart_line(brand: Brand, lst: Listing, qty: int, ctx: PageContext) -> View:
    def change(delta: int) -> None:
        current = dict(cart.items(ctx.storage)).get(lst.item, 0)
        cart.set_quantity(ctx.storage, lst.item, current + delta)

    stepper = row(
        icon("remove", 22, color=theme.TEXT, desc="Decrease quantity", on_tap=lambda: change(-1)),
        text(
            str(qty),
            size=15,
            weight="medium",
            w=28,
            text_align="center",
            desc=f"Quantity {qty}",
            rid="cart_quantity",
        ),
        icon("add", 22, color=theme.TEXT, desc="Increase quantity", on_tap=lambda: change(1)),
        gap=6,
        border=theme.DIVIDER,
        radius=18,
        pad=(8, 4, 8, 4),
    )
    return row(
        image(f"gear:{lst.product.category}:{lst.product.key}", w=84, h=84),
        col(
            text(lst.title, size=14.5, lines=3, rid="cart_item_title"),
            text(lst.price_text, size=16, weight="bold"),
            row(
                stepper,
                space(flex=1),
                text(
                    "Remove",
                    size=14,
                    weight="medium",
                    color=theme.ACCENT,
                    desc=f"Remove {lst.title}",
                    rid="cart_remove",
                    on_tap=lambda: cart.remove(ctx.storage, lst.item),
                ),
            ),
            gap=6,
            flex=1,
        ),
        gap=12,
        align="start",
        pad=(14, 12, 14, 12),
        rid="cart_item",
        desc=lst.title,
    )


def cart_page(brand: Brand, ctx: PageContext) -> list[View]:
    """The cart: a line per item with its quantity, remove links, subtotal and checkout."""
    lines = [(by_item(brand)[i], q) for i, q in cart.items(ctx.storage) if i in by_item(brand)]
    count = sum(q for _, q in lines)
    head = text(
        f"Cart ({count} item{'s' if count != 1 else ''})",
        size=22,
        weight="bold",
        pad=(14, 16, 14, 8),
        rid="cart_title",
    )
    if not lines:
        return [
            head,
            text("Your cart is empty", size=17, pad=(14, 12, 14, 4), rid="cart_empty"),
            text(
                "Continue shopping",
                size=15,
                weight="medium",
                color=theme.ACCENT,
                pad=(14, 8, 14, 24),
                on_tap=lambda: ctx.navigate(home_url(brand)),
                desc="Continue shopping",
            ),
        ]
    subtotal = sum(lst.price * q for lst, q in lines)
    return [
        head,
        *[v for lst, q in lines for v in (_cart_line(brand, lst, q, ctx), divider())],
        row(
            text("Subtotal", size=16, flex=1),
            text(f"${subtotal:,.2f}", size=16, weight="bold"),
            pad=(14, 14, 14, 6),
        ),
        col(
            text(
                "Checkout",
                size=16,
                weight="bold",
                color=brand.button_text,
                bg=brand.accent,
                radius=24,
                pad=(0, 14, 0, 14),
                text_align="center",
                desc="Checkout",
            ),
            text(
                "Empty cart",
                size=15,
                weight="medium",
                color=theme.TEXT,
                border=theme.TEXT,
                radius=24,
                pad=(0, 12, 0, 12),
                text_align="center",
                desc="Empty cart",
                rid="empty_cart",
                on_tap=lambda: cart.empty(ctx.storage),
            ),
            gap=12,
            pad=(14, 8, 14, 24),
        ),
    ]
