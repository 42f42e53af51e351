"""Cards that are lists: top stories, places, hotels, flights, rents, menus, products,
picture grids, videos and books (`cards.card_view` dispatches here by kind)."""

from __future__ import annotations

from collections.abc import Callable

from android_gym.content import Card, Item
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, image, row, text
from android_gym.sim.web.widgets import (
    BODY,
    GREY,
    PAD,
    Nav,
    Tap,
    card,
    chips,
    heading,
    item_row,
    more,
    overlay_label,
    rating_line,
    thumb,
)


def _open(nav: Nav, item: Item) -> Tap:
    return (lambda: nav(item.url)) if item.url else None


def _listed(rows: list[View]) -> list[View]:
    """Rows with full-width dividers between and above them."""
    out: list[View] = []
    for r in rows:
        out += [divider(), r]
    return out


def _footer(c: Card, on_more: Tap) -> View | None:
    return more(c.more, on_more) if c.more else None


def _grid(cells: list[View], columns: int, gap: float = 8) -> list[View]:
    """Cells in rows of `columns` equal widths (the last row padded with empty cells)."""
    rows = []
    for start in range(0, len(cells), columns):
        chunk = cells[start : start + columns]
        chunk += [col(flex=1) for _ in range(columns - len(chunk))]
        rows.append(row(*chunk, gap=gap, align="start"))
    return rows


def _source(name: str, when: str) -> View:
    return row(
        image(f"badge:{name}", w=16, h=16),
        text(f"{name} · {when}", size=12.5, color=GREY, lines=1, flex=1),
        gap=6,
    )


def _story(item: Item, nav: Nav, size: float = 16) -> View:
    return row(
        col(_source(*item.lines), text(item.title, size=size, lines=3), gap=6, flex=1),
        thumb(item.image, 84, 84),
        gap=12,
        align="start",
        pad=(PAD, 12, PAD, 12),
        on_tap=_open(nav, item),
        desc=item.title,
    )


def _news(c: Card, nav: Nav, on_more: Tap) -> View:
    """ "Top stories": source and time, headline, thumbnail."""
    stories = [_story(i, nav) for i in c.items]
    return card(
        heading(c.title),
        *_listed(stories),
        _footer(c, on_more),
        pad=False,
        rid="card_news",
        desc=c.title,
    )


def _stories(c: Card, nav: Nav, on_more: Tap) -> View:
    """The NEWS tab: one card per story."""
    return col(
        *[card(_story(i, nav, 17), pad=False, rid="news_story", desc=i.title) for i in c.items],
        gap=10,
    )


def _places(c: Card, nav: Nav, on_more: Tap) -> View:
    """The local pack: "Places / near X", a map, three places, "More places"."""
    rows = [item_row(i, _open(nav, i)) for i in c.items]
    return card(
        heading(c.title, c.subtitle),
        image(c.image.replace("map:", "citymap:", 1), h=140, desc="Map"),
        *_listed(rows),
        _footer(c, on_more),
        pad=False,
        rid="card_places",
        desc=f"{c.title} {c.subtitle}",
    )


def _hotel(item: Item, nav: Nav) -> View:
    return row(
        thumb(item.image, 84, 84),
        col(
            text(item.title, size=16, lines=2),
            rating_line(item.rating or 0, item.badge),
            *[text(line, size=13, color=GREY, lines=1) for line in item.lines],
            gap=3,
            flex=1,
        ),
        text(item.price, size=16, weight="medium", color="#188038"),
        gap=12,
        align="start",
        pad=(PAD, 12, PAD, 12),
        on_tap=_open(nav, item),
        desc=item.title,
    )


def _hotels(c: Card, nav: Nav, on_more: Tap) -> View:
    """Hotels: dates and guests chips, a map with prices, hotels with stars and prices."""
    return card(
        heading(c.title),
        chips(c.chips),
        image(c.image.replace("map:", "citymap:", 1), h=120, desc="Map"),
        *_listed([_hotel(i, nav) for i in c.items]),
        _footer(c, on_more),
        pad=False,
        rid="card_hotels",
        desc=c.title,
    )


def _flight(item: Item) -> View:
    times, details = item.lines
    return row(
        image(item.image, w=32, h=32),
        col(
            text(times, size=15.5, lines=1),
            text(f"{item.title} · {details}", size=13, color=GREY, lines=2),
            gap=2,
            flex=1,
        ),
        text(item.price, size=16, weight="medium"),
        gap=12,
        pad=(PAD, 12, PAD, 12),
        desc=f"{item.title} {times} {item.price}",
    )


def _flights(c: Card, nav: Nav, on_more: Tap) -> View:
    """Flights: route, typical prices, trip chips and four itineraries."""
    return card(
        heading(c.title, c.subtitle),
        chips(c.chips, selected=0),
        *_listed([_flight(i) for i in c.items]),
        _footer(c, on_more),
        pad=False,
        rid="card_flights",
        desc=c.title,
    )


def _rent(c: Card, nav: Nav, on_more: Tap) -> View:
    """Average rent in large type, the rent by size, and listings."""
    table = [
        row(text(k, size=BODY, color=GREY, flex=1), text(v, size=BODY, weight="medium"), h=26)
        for k, v in c.rows
    ]
    top = col(
        text(c.title, size=BODY, color=GREY, lines=2),
        text(c.value, size=30),
        text(c.subtitle, size=12.5, color=GREY),
        *table,
        gap=4,
        pad=(PAD, 14, PAD, 10),
    )
    listings = [item_row(i, _open(nav, i), picture=72) for i in c.items]
    return card(
        top, *_listed(listings), _footer(c, on_more), pad=False, rid="card_rent", desc=c.title
    )


def _tile(item: Item, nav: Nav, h: float, detail: bool) -> View:
    """A grid cell: picture, two lines of name, price (and store and rating)."""
    return col(
        image(item.image, h=h, radius=8, desc=item.title),
        text(item.title, size=13.5, lines=2),
        text(item.price, size=BODY, weight="medium") if item.price else None,
        text(item.lines[0], size=12.5, color=GREY, lines=1) if detail and item.lines else None,
        rating_line(item.rating, item.badge) if detail and item.rating is not None else None,
        gap=3,
        flex=1,
        on_tap=_open(nav, item),
        desc=item.title,
    )


def _menu(c: Card, nav: Nav, on_more: Tap) -> View:
    """A chain's menu: dishes in two columns with pictures and prices."""
    tiles = [_tile(i, nav, 84, False) for i in c.items]
    return card(
        heading(c.title, c.subtitle),
        col(*_grid(tiles, 2, 10), gap=12, pad=(PAD, 0, PAD, 12)),
        _footer(c, on_more),
        pad=False,
        rid="card_menu",
        desc=f"{c.title} menu",
    )


def _shopping(c: Card, nav: Nav, on_more: Tap) -> View:
    """Product tiles: picture, name, price, store and rating, two to a row."""
    tiles = [_tile(i, nav, 110, True) for i in c.items]
    return card(
        heading(c.title, c.subtitle),
        col(*_grid(tiles, 2, 12), gap=14, pad=(PAD, 0, PAD, 12)),
        _footer(c, on_more),
        pad=False,
        rid="card_shopping",
        desc=c.title,
    )


SHAPES = {"images": (3, 96), "wallpapers": (3, 170), "wide_images": (2, 96)}


def _pictures(c: Card, nav: Nav, on_more: Tap) -> View:
    """A grid of pictures with their source under each."""
    columns, h = SHAPES[c.kind]
    cells = [
        col(
            image(i.image, h=h, radius=6, desc=i.title),
            text(i.lines[0] if i.lines else "", size=11.5, color=GREY, lines=1),
            gap=2,
            flex=1,
            on_tap=_open(nav, i),
            desc=i.title,
        )
        for i in c.items
    ]
    return card(
        heading(c.title),
        chips(c.chips),
        col(*_grid(cells, columns, 6), gap=8, pad=(PAD, 0, PAD, 12)),
        _footer(c, on_more),
        pad=False,
        rid="card_images",
        desc=c.title,
    )


def _videos(c: Card, nav: Nav, on_more: Tap) -> View:
    """Videos: a thumbnail with the duration, the title, channel and age."""
    rows = [
        row(
            overlay_label(i.image, 128, 72, i.price),
            col(
                text(i.title, size=15, lines=3),
                *[text(line, size=12.5, color=GREY, lines=1) for line in i.lines],
                gap=2,
                flex=1,
            ),
            gap=12,
            align="start",
            pad=(PAD, 12, PAD, 12),
            on_tap=_open(nav, i),
            desc=i.title,
        )
        for i in c.items
    ]
    return card(
        heading(c.title),
        *_listed(rows),
        _footer(c, on_more),
        pad=False,
        rid="card_videos",
        desc=c.title,
    )


def _books(c: Card, nav: Nav, on_more: Tap) -> View:
    """Books: cover, title, author, year and pages."""
    rows = [
        row(
            image(i.image, w=56, h=84, radius=2),
            col(
                text(i.title, size=16, lines=2, color=theme.LINK_BLUE),
                *[text(line, size=13, color=GREY, lines=1) for line in i.lines],
                gap=3,
                flex=1,
            ),
            gap=14,
            align="start",
            pad=(PAD, 12, PAD, 12),
            on_tap=_open(nav, i),
            desc=i.title,
        )
        for i in c.items
    ]
    return card(heading(c.title), *_listed(rows), pad=False, rid="card_books", desc=c.title)


RENDERERS: dict[str, Callable[[Card, Nav, Tap], View]] = {
    "news": _news,
    "stories": _stories,
    "places": _places,
    "hotels": _hotels,
    "flights": _flights,
    "rent": _rent,
    "menu": _menu,
    "shopping": _shopping,
    "images": _pictures,
    "wallpapers": _pictures,
    "wide_images": _pictures,
    "videos": _videos,
    "books": _books,
}
