"""The storefront pages every store shares, drawn in the store's colours: home, results,
product and cart, under the store's header (logo, cart with its count, search box).

Handlers reach live state through the page context when they run (`ctx.state` for the page,
`ctx.storage` for the store's site data, `ctx.navigate`), never through objects captured
while building: screens are cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content.catalog import suggest
from android_gym.content.stores.brands import Brand
from android_gym.content.stores.listings import (
    Listing,
    ranked,
    search_url,
    sponsored,
)
from android_gym.content.stores.urls import home_url
from android_gym.sim import theme
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, divider, icon, image, row, space, stack, text
from android_gym.sim.web.stores import cart
from android_gym.sim.web.stores.friction import cookie_banner, friction, hero, prompt
from android_gym.sim.web.widgets import rating_line

if TYPE_CHECKING:
    from android_gym.sim.web import PageContext

GREY = "#5f6368"
CATEGORIES = ("Laptops", "Headphones", "Keyboards", "Monitors", "Speakers", "Batteries")
DEALS = ("macbook air", "bose quietcomfort 35", "corsair k70", "jbl charge 4")


def _search_box(brand: Brand, query: str, ctx: PageContext) -> View:
    def start() -> None:
        ctx.state["editing"] = True
        ctx.state["typed"] = query

    return row(
        text(
            query or brand.search_hint,
            size=15.5,
            color=theme.TEXT if query else GREY,
            flex=1,
            lines=1,
        ),
        icon("search", 22, color=theme.TEXT),
        h=44,
        pad=(14, 0, 12, 0),
        bg=theme.WHITE,
        radius=22 if brand.domain in ("walmart.com", "ebay.com") else 4,
        border=theme.TEXT if brand.bar == theme.WHITE else None,
        on_tap=start,
        rid="store_search_box",
        desc=brand.search_hint,
        cls="android.widget.EditText",
    )


def header(brand: Brand, query: str, ctx: PageContext) -> View:
    """The store's header: menu, logo, cart icon with its count, and the search box."""
    count = cart.count(ctx.storage)
    badge = (
        text(
            str(count),
            size=11,
            weight="bold",
            color=theme.WHITE,
            bg="#c5221f",
            radius=8,
            pad=(5, 1, 5, 1),
            at="top-right",
        )
        if count
        else None
    )
    return col(
        row(
            icon("menu", 26, color=brand.bar_text, desc="Menu"),
            space(w=12),
            image(
                brand.logo,
                w=brand.logo_w,
                h=36,
                desc=brand.name,
                on_tap=lambda: ctx.navigate(home_url(brand)),
            ),
            space(flex=1),
            icon("person", 26, color=brand.bar_text, desc="Account"),
            space(w=16),
            stack(
                icon("cart", 28, color=brand.bar_text, at="center"),
                badge,
                w=40,
                h=40,
                desc=f"Cart, {count} items",
                rid="cart_button",
                on_tap=lambda: ctx.navigate(brand.cart),
            ),
            h=56,
            pad=(14, 0, 12, 0),
        ),
        col(_search_box(brand, query, ctx), pad=(12, 0, 12, 10)),
        bg=brand.bar,
        rid="store_header",
    )


def editor(brand: Brand, ctx: PageContext) -> View:
    """The store's search box while typing, with its suggestions (not results)."""
    typed = ctx.state.get("typed", "")

    def change(value: str) -> None:
        ctx.state["typed"] = value

    def go(query: str) -> None:
        if query.strip():
            ctx.state["editing"] = False
            ctx.navigate(search_url(brand, query))

    def close() -> None:
        ctx.state["editing"] = False

    style = EditorStyle(
        field_id="store_search",
        hint=brand.search_hint,
        bar=brand.bar,
        fg=brand.bar_text,
        text_color=brand.bar_text,
        list_id="store_suggestions",
        text_id="suggestion_text",
    )
    return search_editor(
        typed,
        suggest(typed),
        style=style,
        on_change=change,
        on_submit=lambda: go(ctx.state.get("typed", "")),
        on_pick=go,
        on_back=close,
    )


def _price(lst: Listing, size: float) -> View:
    return row(
        text(lst.price_text, size=size, weight="bold", color=theme.TEXT),
        text(f"Was ${lst.was:,.2f}", size=13, color=GREY) if lst.was else None,
        gap=8,
    )


def _entry(lst: Listing, brand: Brand, ctx: PageContext, paid: bool) -> View:
    """One result: picture, title, rating, price; the whole entry opens the product."""
    label = f"{brand.sponsored} · {lst.title}" if paid else lst.title
    return row(
        image(f"gear:{lst.product.category}:{lst.product.key}", w=96, h=96),
        col(
            text(brand.sponsored, size=12, color=GREY) if paid else None,
            text(lst.title, size=15, color=theme.TEXT, lines=3),
            rating_line(lst.rating, f"({lst.reviews:,})"),
            _price(lst, 18),
            text("Free shipping" if lst.price > 35 else "Pickup today", size=13, color="#188038"),
            gap=4,
            flex=1,
        ),
        gap=12,
        align="start",
        pad=(14, 14, 14, 14),
        on_tap=lambda url=lst.url: ctx.navigate(url),
        rid="search_result",
        desc=label,
    )


def _chips(labels: tuple[str, ...]) -> View:
    return row(
        *[
            text(
                label,
                size=13,
                color=theme.TEXT,
                border=theme.DIVIDER,
                radius=16,
                pad=(12, 6, 12, 6),
                lines=1,
                desc=label,
            )
            for label in labels
        ],
        gap=8,
        pad=(14, 6, 0, 6),
        cls="android.widget.HorizontalScrollView",
    )


def _body(ctx: PageContext, *children: View | None) -> View:
    return col(*children, flex=1, scroll=f"{ctx.key}:store", bg=theme.WHITE)


def home(brand: Brand, ctx: PageContext) -> list[View]:
    """Promotions, categories (each a search) and a few deals."""
    tiles = [
        text(
            name,
            size=14,
            weight="medium",
            color=theme.TEXT,
            bg=theme.SURFACE,
            radius=8,
            pad=(12, 14, 12, 14),
            text_align="center",
            w=120,
            desc=name,
            on_tap=lambda name=name: ctx.navigate(search_url(brand, name.lower())),
        )
        for name in CATEGORIES
    ]
    deals = [lst for q in DEALS for lst in ranked(brand, q)[:1]]
    return [
        text(
            brand.promos[0],
            size=22,
            weight="bold",
            color=theme.TEXT,
            text_align="center",
            pad=(16, 18, 16, 18),
            bg="#fdf6e3",
            rid="promo_banner",
        ),
        text("Shop by category", size=18, weight="medium", pad=(16, 16, 16, 8)),
        row(*tiles[:3], gap=8, pad=(12, 0, 12, 8), justify="between"),
        row(*tiles[3:], gap=8, pad=(12, 0, 12, 8), justify="between"),
        text(brand.promos[1], size=16, color=theme.TEXT, pad=(16, 12, 16, 12), bg=theme.SURFACE),
        text("Today's deals", size=18, weight="medium", pad=(16, 16, 16, 4)),
        *[_entry(lst, brand, ctx, paid=False) for lst in deals],
        text(brand.promos[2], size=15, color=GREY, pad=(16, 16, 16, 24)),
    ]


def results(brand: Brand, query: str, ctx: PageContext) -> list[View]:
    """The results of `query`: sponsored listings first, then the organic ones."""
    organic = ranked(brand, query)
    paid = sponsored(brand, query, ctx.seed)
    top: list[View | None] = [
        hero(brand, ctx.seed) if friction(brand, ctx.seed).hero else None,
        text(
            f'{len(organic)} results for "{query}"',
            size=16,
            weight="medium",
            pad=(14, 14, 14, 4),
            rid="result_count",
        ),
        _chips(("Sort: Best Match", "Price", "Brand", "Customer Rating", "Free Shipping")),
        divider(),
    ]
    if not organic:
        return [v for v in top if v is not None] + [
            text(
                f'No results for "{query}". Check the spelling or try more general words.',
                size=15,
                pad=(14, 20, 14, 20),
                color=GREY,
            )
        ]
    entries = [_entry(lst, brand, ctx, paid=True) for lst in paid]
    entries += [_entry(lst, brand, ctx, paid=False) for lst in organic]
    return [v for v in top if v is not None] + [v for e in entries for v in (e, divider())]


def product(brand: Brand, lst: Listing, ctx: PageContext) -> list[View]:
    """A product page: title, item number, rating, picture, price and Add to Cart."""
    added = ctx.state.get("added", False)

    def add() -> None:
        cart.add(ctx.storage, lst.item)
        ctx.state["added"] = True

    confirm = (
        row(
            icon("check", 22, color="#188038"),
            text("Added to cart", size=15, weight="medium", flex=1, color="#188038"),
            text(
                "View Cart",
                size=15,
                weight="medium",
                color=theme.ACCENT,
                desc="View Cart",
                on_tap=lambda: ctx.navigate(brand.cart),
                rid="view_cart",
            ),
            gap=8,
            pad=(14, 10, 14, 10),
            bg="#e6f4ea",
            rid="added_to_cart",
        )
        if added
        else None
    )
    return [
        confirm,
        col(
            text(lst.title, size=20, weight="medium", color=theme.TEXT, rid="product_title"),
            text(f"Item {lst.item}", size=13, color=GREY),
            rating_line(lst.rating, f"({lst.reviews:,} reviews)"),
            gap=6,
            pad=(14, 14, 14, 6),
        ),
        image(f"gear:{lst.product.category}:{lst.product.key}", h=260, desc=lst.title),
        col(
            _price(lst, 26),
            text(
                brand.add_label,
                size=16,
                weight="bold",
                color=brand.button_text,
                bg=brand.accent,
                radius=24,
                pad=(0, 14, 0, 14),
                text_align="center",
                on_tap=add,
                rid="add_to_cart",
                desc=brand.add_label,
            ),
            text("Free shipping · Pickup near Mountain View", size=14, color=GREY),
            text("About this item", size=17, weight="medium"),
            text(f"{lst.product.name}. Color: {lst.product.variant or 'as shown'}.", size=14),
            gap=12,
            pad=(14, 10, 14, 24),
        ),
    ]


def frame(brand: Brand, query: str, content: list[View], ctx: PageContext, title: str) -> View:
    """A store page: header, scrolling content and the friction still standing."""
    shown = friction(brand, ctx.seed)
    storage = ctx.storage

    def consent(accepted: bool) -> None:
        ctx.storage["consent"] = "accepted" if accepted else "rejected"

    def dismiss() -> None:
        ctx.storage["prompt"] = "dismissed"

    page = col(header(brand, query, ctx), _body(ctx, *content), flex=1)
    layers: list[View | None] = [
        page,
        cookie_banner(brand, consent) if shown.cookie and "consent" not in storage else None,
        prompt(brand, dismiss) if shown.prompt and "prompt" not in storage else None,
    ]
    return stack(*layers, flex=1, bg=theme.WHITE, cls="android.webkit.WebView", desc=title)
