"""Launcher icons of the store catalog's apps: each a disc in the brand's colour with a simple
mark (a letter, a word, a shape) that makes the app recognisable at a glance without copying
its logo. `BRANDS` maps an `app:<name>` icon name (the catalog's `icon`) to its drawing;
`icons.tile` falls back to a coloured disc with the initial for apps not listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from android_gym.sim import theme
from android_gym.sim.glyphs import star_points
from android_gym.sim.theme import rgba

if TYPE_CHECKING:
    from android_gym.sim.icons import Pen

Color = tuple[int, int, int, int]
Draw = Callable[["Pen"], None]
WHITE = "#ffffff"


def _disc(pen: Pen, color: str) -> None:
    pen.circle(12, 12, 11.5, fill=rgba(color))


def _text(pen: Pen, value: str, color: str, units: float, x: float = 12, y: float = 12) -> None:
    """`value` centred at (x, y), `units` of the 24-unit grid high, in bold."""
    font = theme.font("bold", max(1, round(pen.u * units)))
    pen.d.text(tuple(pen.p(x, y)), value, font=font, fill=rgba(color), anchor="mm")


def _letters(bg: str, value: str, fg: str = WHITE, units: float = 12) -> Draw:
    """A disc of `bg` with `value` written on it."""

    def draw(pen: Pen) -> None:
        _disc(pen, bg)
        _text(pen, value, fg, units)

    return draw


def _smile(pen: Pen, color: str, y: float = 15, width: float = 1.6) -> None:
    """Amazon's smile: an arc under the mark with an arrow tip."""
    pen.arc((6, y - 6, 18, y + 1.5), 25, 155, rgba(color), width)
    pen.poly([16.2, y - 0.2, 18.8, y - 1.6, 17.8, y + 1.4], rgba(color))


def _amazon(bg: str, fg: str, smile: str, word: str = "a", units: float = 11) -> Draw:
    def draw(pen: Pen) -> None:
        _disc(pen, bg)
        _text(pen, word, fg, units, y=10.5)
        _smile(pen, smile)

    return draw


def _spotify(pen: Pen) -> None:
    _disc(pen, "#191414")
    pen.circle(12, 12, 8.5, fill=rgba("#1ed760"))
    for y, half, width in ((10.2, 5.2, 1.5), (13, 4.4, 1.3), (15.6, 3.5, 1.1)):
        pen.arc((12 - half, y - 1, 12 + half, y + 4), 200, 340, rgba("#191414"), width)


def _instagram(pen: Pen) -> None:
    _disc(pen, "#d62976")
    pen.pie((0.5, 0.5, 23.5, 23.5), 90, 200, rgba("#fa7e1e"))
    pen.pie((0.5, 0.5, 23.5, 23.5), 200, 250, rgba("#962fbf"))
    pen.pie((0.5, 0.5, 23.5, 23.5), 110, 160, rgba("#feda75"))
    white = rgba(WHITE)
    pen.rect(6, 6, 18, 18, 4, outline=white, width=1.6)
    pen.circle(12, 12, 3, outline=white, width=1.6)
    pen.circle(15.6, 8.4, 0.9, fill=white)


def _twitter(pen: Pen) -> None:
    _disc(pen, "#1d9bf0")
    white = rgba(WHITE)
    pen.circle(14.2, 9.6, 2.8, fill=white)
    pen.poly([5, 8.5, 11, 12.5, 16.5, 10, 15.5, 14, 11, 17.5, 5.5, 17, 9, 15.5, 6.5, 13], white)
    pen.poly([16.3, 8, 19, 7.2, 17.2, 9.6], white)


def _pokemon(pen: Pen) -> None:
    pen.pie((0.5, 0.5, 23.5, 23.5), 180, 360, rgba("#ee1515"))
    pen.pie((0.5, 0.5, 23.5, 23.5), 0, 180, rgba(WHITE))
    pen.rect(0.5, 11, 23.5, 13, 0, fill=rgba("#222222"))
    pen.circle(12, 12, 3.6, fill=rgba("#222222"))
    pen.circle(12, 12, 2.2, fill=rgba(WHITE))


def _starbucks(pen: Pen) -> None:
    _disc(pen, "#00704a")
    pen.circle(12, 12, 7.5, outline=rgba(WHITE), width=1.4)
    pen.poly(star_points(12, 12.4, 4.2, 1.8), rgba(WHITE))


def _yelp(pen: Pen) -> None:
    _disc(pen, "#d32323")
    for dx, dy in ((0, -4.5), (4.3, -1.4), (2.7, 3.7), (-2.7, 3.7), (-4.3, -1.4)):
        pen.circle(12 + dx, 12 + dy, 2.4, fill=rgba(WHITE))
    pen.circle(12, 12, 2, fill=rgba("#d32323"))


def _ebay(pen: Pen) -> None:
    _disc(pen, WHITE)
    colors = ("#e53238", "#0064d2", "#f5af02", "#86b817")
    for k, (ch, color) in enumerate(zip("ebay", colors, strict=True)):
        _text(pen, ch, color, 8.5, x=6.2 + 3.9 * k)


def _google_news(pen: Pen) -> None:
    _disc(pen, WHITE)
    pen.rect(5, 5.5, 16, 15, 1.2, fill=rgba(theme.GOOGLE_GREEN))
    pen.rect(8, 7, 19, 16.5, 1.2, fill=rgba(theme.GOOGLE_RED))
    pen.rect(4, 9, 18, 19, 1.4, fill=rgba(theme.GOOGLE_BLUE))
    for y in (12, 14.5, 17):
        pen.line([6.5, y, 15.5 if y > 12 else 11, y], rgba(WHITE), 1.2)


def _weather(pen: Pen) -> None:
    _disc(pen, "#1f3f8f")
    _text(pen, "The", WHITE, 4.2, y=7.8)
    _text(pen, "Weather", WHITE, 4.2, y=12)
    _text(pen, "Channel", WHITE, 4.2, y=16.2)


def _whatsapp(pen: Pen) -> None:
    _disc(pen, "#25d366")
    pen.circle(12, 11.5, 6.5, outline=rgba(WHITE), width=1.6)
    pen.poly([6.2, 18.6, 7.4, 14.5, 9.6, 16.8], rgba(WHITE))
    pen.circle(12, 11.5, 2.6, fill=rgba(WHITE))


def _tiktok(pen: Pen) -> None:
    _disc(pen, "#010101")
    for dx, color in ((0.7, "#fe2c55"), (0, "#25f4ee"), (0.35, WHITE)):
        pen.circle(10 + dx, 15.5, 2.8, outline=rgba(color), width=1.5)
        pen.line([12.8 + dx, 15.5, 12.8 + dx, 5.5, 16.5 + dx, 8], rgba(color), 1.5)


def _snapchat(pen: Pen) -> None:
    _disc(pen, "#fffc00")
    ghost = [7, 17, 7.5, 10, 9, 7, 12, 6, 15, 7, 16.5, 10, 17, 17, 15, 16.2, 13.5, 17.5]
    pen.poly([*ghost, 12, 16.4, 10.5, 17.5, 9, 16.2], rgba(WHITE))


def _telegram(pen: Pen) -> None:
    _disc(pen, "#26a5e4")
    pen.poly([5.5, 11.8, 18, 6.8, 15.8, 17.6, 11.6, 14.6, 9.8, 16.8, 9.6, 13.4], rgba(WHITE))


def _play(bg: str, fg: str) -> Draw:
    """Google Play's media apps: a coloured play triangle on white."""

    def draw(pen: Pen) -> None:
        _disc(pen, bg)
        pen.poly([8.5, 6, 8.5, 18, 18, 12], rgba(fg))

    return draw


BRANDS: dict[str, Draw] = {
    "netflix": _letters("#141414", "N", "#e50914", 14),
    "facebook": _letters("#1877f2", "f", WHITE, 16),
    "instagram": _instagram,
    "twitter": _twitter,
    "spotify": _spotify,
    "pandora": _letters("#1a1f3c", "P", WHITE, 13),
    "uber": _letters("#000000", "Uber", WHITE, 6.5),
    "lyft": _letters("#ff00bf", "lyft", WHITE, 7),
    "amazon_shopping": _amazon(WHITE, "#232f3e", "#ff9900"),
    "amazon_music": _amazon("#232f3e", "#25d1da", "#25d1da", "music", 6),
    "prime_video": _amazon("#00a8e1", WHITE, WHITE, "prime", 6),
    "amazon_alexa": _letters("#00caff", "O", WHITE, 14),
    "play_movies_&_tv": _play(WHITE, "#e53935"),
    "play_books": _play(WHITE, "#1e88e5"),
    "play_music": _play(WHITE, "#ff7043"),
    "google_news": _google_news,
    "cnn": _letters("#cc0000", "CNN", WHITE, 7.5),
    "espn": _letters("#e41e31", "ESPN", WHITE, 6),
    "ebay": _ebay,
    "starbucks": _starbucks,
    "yahoo": _letters("#6001d2", "Y!", WHITE, 10),
    "the_weather_channel": _weather,
    "wikipedia": _letters(WHITE, "W", "#000000", 12),
    "yelp": _yelp,
    "whatsapp": _whatsapp,
    "tiktok": _tiktok,
    "snapchat": _snapchat,
    "pinterest": _letters("#e60023", "P", WHITE, 14),
    "zoom": _letters("#2d8cff", "zoom", WHITE, 6.5),
    "duolingo": _letters("#58cc02", "duo", WHITE, 8),
    "shazam": _letters("#0088ff", "S", WHITE, 14),
    "waze": _letters("#33ccff", "W", WHITE, 12),
    "airbnb": _letters("#ff5a5f", "A", WHITE, 13),
    "doordash": _letters("#ff3008", "D", WHITE, 13),
    "venmo": _letters("#008cff", "V", WHITE, 13),
    "paypal": _letters("#003087", "P", "#009cde", 14),
    "linkedin": _letters("#0a66c2", "in", WHITE, 12),
    "hulu": _letters("#1ce783", "hulu", "#040405", 7.5),
    "telegram": _telegram,
    "discord": _letters("#5865f2", "D", WHITE, 13),
    "expedia": _letters("#191e3b", "E", "#fddb32", 13),
    "candy_crush_saga": _letters("#ff7f00", "CC", WHITE, 9),
    "subway_surfers": _letters("#ffcc00", "SS", "#e4002b", 9),
    "roblox": _letters("#e2231a", "R", WHITE, 13),
    "clash_of_clans": _letters("#8b4513", "CoC", "#ffd700", 8),
    "pokemon_go": _pokemon,
}
