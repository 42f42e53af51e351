"""The web friction shoppers meet, per store and visit: a cookie banner, a modal prompt (sign
in, get the app, or choose a location) that must be dismissed, and a promotion above the
results that pushes the first result below the fold.

Whether each shows is drawn from the store and the browser's per-episode seed; a dismissed
banner or prompt stays dismissed (the choice is kept in the store's site data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from android_gym.content.common import rng_for
from android_gym.content.stores.brands import Brand
from android_gym.sim import theme
from android_gym.sim.view import View, col, icon, image, row, space, stack, text

Storage = dict
DISMISS_LABELS = ("Not now", "Continue as guest", "Maybe later")
PROMPTS = {
    "signin": ("Sign in for the best experience", "Sign in", "Continue as guest"),
    "app": ("Shop faster with the {name} app", "Open the app", "Not now"),
    "location": ("Choose your warehouse and delivery ZIP code", "Set location", "Maybe later"),
}


@dataclass(frozen=True)
class Friction:
    """What a visit to one store shows."""

    cookie: bool
    prompt: bool
    hero: bool


def friction(brand: Brand, seed: int) -> Friction:
    """The friction of `brand` in the episode drawn with `seed`."""
    rng = rng_for("friction", brand.domain, str(seed))
    return Friction(
        cookie=bool(rng.random() < 0.5),
        prompt=bool(rng.random() < 0.4),
        hero=bool(rng.random() < 0.6),
    )


def _button(label: str, fill: str, fg: str, on_tap: Callable[[], None], rid: str) -> View:
    return text(
        label,
        size=15,
        weight="medium",
        color=fg,
        bg=fill,
        border=None if fill != theme.WHITE else fg,
        radius=20,
        pad=(18, 10, 18, 10),
        text_align="center",
        on_tap=on_tap,
        rid=rid,
        desc=label,
    )


def cookie_banner(brand: Brand, decide: Callable[[bool], None]) -> View:
    """The consent banner docked at the bottom of the page."""
    return col(
        text(
            f"{brand.name} uses cookies to improve your experience, for analytics and for ads. "
            "You can accept or reject non-essential cookies.",
            size=13.5,
            color=theme.TEXT,
        ),
        row(
            _button(
                "Reject All",
                theme.WHITE,
                brand.bar if brand.bar != theme.WHITE else brand.accent,
                lambda: decide(False),
                "cookie_reject",
            ),
            _button(
                "Accept All Cookies",
                brand.accent,
                brand.button_text,
                lambda: decide(True),
                "cookie_accept",
            ),
            gap=12,
            justify="end",
        ),
        gap=10,
        pad=(16, 14, 16, 14),
        bg=theme.WHITE,
        shadow=True,
        at="bottom",
        rid="cookie_banner",
        desc="Cookie consent",
    )


def prompt(brand: Brand, dismiss: Callable[[], None]) -> View:
    """The modal prompt over a dimmed page; its buttons and close icon all dismiss it."""
    title, action, later = PROMPTS[brand.prompt]
    card = col(
        row(
            space(flex=1),
            icon(
                "close",
                22,
                color=theme.TEXT_SECONDARY,
                desc="Close",
                on_tap=dismiss,
                rid="prompt_close",
            ),
        ),
        text(title.format(name=brand.name), size=20, weight="medium", text_align="center"),
        text(
            "Get personalized deals, faster checkout and order tracking.",
            size=14,
            color=theme.TEXT_SECONDARY,
            text_align="center",
        ),
        _button(action, brand.accent, brand.button_text, dismiss, "prompt_action"),
        _button(later, theme.WHITE, theme.TEXT, dismiss, "prompt_dismiss"),
        gap=12,
        pad=(20, 12, 20, 20),
        bg=theme.WHITE,
        radius=12,
        rid="modal_prompt",
        desc=title.format(name=brand.name),
    )
    return stack(
        space(bg="#7d8085", on_tap=lambda: None, desc="", rid="prompt_scrim"),
        col(card, pad=(24, 0, 24, 0), at="center"),
        at="fill",
    )


def hero(brand: Brand, seed: int) -> View:
    """The promotion above the results, tall enough to push them below the fold."""
    colors = ("#fff3c4", "#e3f2fd", "#fde7e9", "#e8f5e9")
    bg = colors[int(rng_for("hero", brand.domain, str(seed)).integers(len(colors)))]
    return col(
        text(brand.results_hero, size=24, weight="bold", color=theme.TEXT),
        text("Limited time. Terms apply.", size=14, color=theme.TEXT_SECONDARY),
        text(
            "Shop now",
            size=15,
            weight="medium",
            color=brand.accent if brand.accent != "#ffe000" else brand.bar,
        ),
        image(f"gear:laptop:{brand.domain}", h=260, radius=8),
        gap=10,
        pad=(20, 24, 20, 24),
        bg=bg,
        rid="promo_banner",
    )
