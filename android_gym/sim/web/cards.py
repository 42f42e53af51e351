"""Views of answer cards on a results page: `card_view` picks the renderer for the card's
kind. This module draws the fact cards (weather, time, currency, featured answers and
knowledge panels); `card_lists` draws the cards that are lists (news, places, hotels, ...)."""

from __future__ import annotations

from collections.abc import Callable

from android_gym.content import Card
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, icon, image, row, space, text
from android_gym.sim.web import card_lists
from android_gym.sim.web.widgets import BODY, GREY, PAD, Nav, Tap, card, chips


def _weather(c: Card, nav: Nav, on_more: Tap) -> View:
    """Icon, temperature, details, the hourly curve and eight days (Google's weather card)."""
    details = col(
        *[text(f"{k}: {v}", size=13, color=GREY, lines=1) for k, v in c.rows],
        gap=2,
        flex=1,
        pad=(14, 2, 0, 0),
    )
    now = row(
        image(c.image, w=56, h=56, desc=c.subtitle.split(" · ")[-1]),
        text(c.value, size=44, pad=(6, 0, 0, 0)),
        text("°F | °C", size=14, color=GREY, pad=(2, 6, 4, 0)),
        details,
        align="start",
        gap=4,
    )
    head = col(
        text(c.title, size=20),
        text(c.subtitle, size=BODY, color=GREY, lines=1),
        gap=2,
    )
    labels = [f"{v:.0f}" for _, v in c.chart]
    curve = col(
        row(*[text(v, size=12, color=GREY, text_align="center", flex=1) for v in labels]),
        image("curve:" + ",".join(labels), h=56),
        row(
            *[
                text(t, size=11, color=GREY, text_align="center", flex=1, lines=1)
                for t, _ in c.chart
            ]
        ),
        gap=2,
    )
    days = row(
        *[
            col(
                text(d.title, size=13, text_align="center"),
                row(image(d.image, w=28, h=28, desc=d.lines[0]), justify="center"),
                text(d.price.replace(" ", "\n"), size=12, color=GREY, text_align="center"),
                flex=1,
                gap=2,
            )
            for d in c.items
        ],
        align="start",
    )
    return card(
        head,
        now,
        chips(c.chips, selected=0),
        curve,
        days,
        rid="card_weather",
        desc=f"{c.title} weather",
    )


def _time(c: Card, nav: Nav, on_more: Tap) -> View:
    """The big clock: time, date and zone, the city, and the gap to the phone's city."""
    rows = [text(f"{v}", size=BODY, color=GREY, lines=2) for _, v in c.rows]
    return card(
        text(c.value, size=40),
        text(c.subtitle, size=BODY, color=theme.TEXT, lines=2),
        text(c.title, size=BODY, color=GREY, lines=2),
        divider() if rows else None,
        *rows,
        rid="card_time",
        desc=f"{c.title}: {c.value}",
    )


def _box(value: str, flex: float, arrow: bool) -> View:
    return row(
        text(value, size=16, flex=1, lines=1),
        icon("chevron_down", 20, color=theme.TEXT_SECONDARY) if arrow else None,
        h=44,
        flex=flex,
        pad=(12, 0, 8, 0),
        radius=4,
        border=theme.DIVIDER,
    )


def _currency(c: Card, nav: Nav, on_more: Tap) -> View:
    """ "1 United States Dollar equals / 0.92 Euro", the converter boxes and the chart."""
    boxes = [row(_box(a, 2, False), _box(b, 3, True), gap=8) for a, b in c.rows]
    spans = tuple(s.strip() for s in c.more.split("·"))
    return card(
        text(c.title, size=BODY, color=GREY),
        text(c.value, size=30, lines=2),
        text(c.subtitle, size=12, color=GREY),
        space(h=4),
        *boxes,
        image(c.image, h=110),
        row(
            *[
                text(
                    s, size=13, color=theme.ACCENT if i == 1 else GREY, text_align="center", flex=1
                )
                for i, s in enumerate(spans)
            ]
        ),
        rid="card_currency",
        desc=c.value,
    )


def _facts(rows: tuple[tuple[str, str], ...]) -> list[View]:
    return [
        row(
            text(f"{k}: ", size=BODY, weight="medium"),
            text(v, size=BODY, flex=1, lines=2),
            align="start",
        )
        for k, v in rows
    ]


def _answer(c: Card, nav: Nav, on_more: Tap) -> View:
    """A featured answer: "Switzerland / Capital", the answer in large type, a picture and a
    sentence, then key facts."""
    return card(
        text(c.title, size=BODY, color=GREY, lines=1),
        row(
            text(c.value, size=28, lines=3, flex=1),
            image(c.image, w=92, h=92, radius=8) if c.image else None,
            gap=12,
            align="start",
        ),
        text(c.subtitle, size=BODY, lines=4),
        divider() if c.rows else None,
        *_facts(c.rows),
        rid="card_answer",
        desc=f"{c.title}: {c.value}",
    )


def _knowledge(c: Card, nav: Nav, on_more: Tap) -> View:
    """A knowledge panel: a picture across the card, the name, what it is and key facts."""
    return card(
        image(c.image, h=150) if c.image else None,
        col(
            text(c.title, size=24, lines=2),
            text(c.subtitle, size=BODY, color=GREY, lines=2) if c.subtitle else None,
            divider(),
            *_facts(c.rows),
            gap=6,
            pad=(PAD, 12, PAD, 14),
        ),
        pad=False,
        rid="card_knowledge",
        desc=c.title,
    )


RENDERERS: dict[str, Callable[[Card, Nav, Tap], View]] = {
    "weather": _weather,
    "time": _time,
    "currency": _currency,
    "answer": _answer,
    "knowledge": _knowledge,
    **card_lists.RENDERERS,
}


def card_view(card_: Card, nav: Nav, on_more: Tap = None) -> View:
    """A results-page card drawn the way Google draws its kind. `nav` opens a URL (a tapped
    story, place or product); `on_more` is what its "More ..." footer does."""
    return RENDERERS[card_.kind](card_, nav, on_more)
