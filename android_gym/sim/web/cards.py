"""Views of answer cards (weather, news, places, ...) on a results page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.sim import theme
from android_gym.sim.content import Card, Item
from android_gym.sim.view import View, col, divider, icon, image, row, text

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext


def _stars(rating: float) -> str:
    full = int(round(rating))
    return "★" * full + "☆" * (5 - full)


def item_view(item: Item, ctx: PageContext) -> View:
    """One row of a card list: optional thumbnail, title, detail lines, rating and price."""
    lines = [text(item.title, size=16, color=theme.LINK_BLUE if item.url else theme.TEXT, lines=2)]
    if item.rating is not None:
        lines.append(text(f"{item.rating:.1f} {_stars(item.rating)}", size=13, color="#e37400"))
    lines += [text(line, size=13, color=theme.TEXT_SECONDARY, lines=2) for line in item.lines]
    if item.price:
        lines.append(text(item.price, size=15, weight="medium", color=theme.TEXT))
    on_tap = (lambda url=item.url: ctx.navigate(url)) if item.url else None
    thumb = image(item.image, w=72, h=72, radius=8) if item.image else None
    return row(col(*lines, gap=3, flex=1), thumb, gap=12, pad=(0, 10, 0, 10), align="start",
               on_tap=on_tap, desc=item.title)


def card_view(card: Card, ctx: PageContext) -> View:
    """A results-page card. Every kind shares one layout: header, big value, key-value rows,
    an image, a list of items and a "more" link."""
    parts: list[View | None] = [
        text(card.title, size=20 if card.value else 18, weight="medium", lines=2),
        text(card.subtitle, size=14, color=theme.TEXT_SECONDARY, lines=2) if card.subtitle else None,
    ]
    if card.value:
        parts.append(text(card.value, size=36, color=theme.TEXT, pad=(0, 6, 0, 6)))
    if card.image:
        parts.append(image(card.image, h=150, radius=8))
    for label, value in card.rows:
        parts.append(row(text(label, size=14, color=theme.TEXT_SECONDARY, flex=1),
                         text(value, size=14, color=theme.TEXT, text_align="right", flex=1), h=30))
    for i, item in enumerate(card.items):
        if i:
            parts.append(divider())
        parts.append(item_view(item, ctx))
    if card.more:
        parts.append(divider())
        parts.append(row(text(card.more, size=15, weight="medium", color=theme.ACCENT, flex=1),
                         icon("chevron_right", 20, color=theme.ACCENT), h=44))
    return col(*parts, gap=4, pad=(16, 14, 16, 10), bg=theme.WHITE, radius=8, shadow=True,
               rid=f"card_{card.kind}", desc=card.title)
