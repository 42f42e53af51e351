"""Weather: a city's current conditions, an hourly temperature curve and an 8-day forecast,
drawn from its June climate and seeded by the city (so every phrasing gets the same sky)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from android_gym.content import geo
from android_gym.content.common import BASE_UTC, clock, pick, rng_for, slug
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

# icon key, label, chance of rain range (%)
CONDITIONS = (
    ("sunny", "Sunny", (0, 10)),
    ("sunny", "Mostly sunny", (0, 10)),
    ("partly_cloudy", "Partly cloudy", (5, 20)),
    ("cloudy", "Cloudy", (10, 30)),
    ("rain", "Showers", (40, 80)),
    ("rain", "Light rain", (50, 80)),
    ("storm", "Thunderstorms", (55, 90)),
)
_WIND = ("N", "NE", "E", "SE", "S", "SW", "W", "NW", "WSW", "NNE")

SITES = (
    Site(
        "weather.com",
        "weather/tenday/l/{slug}",
        "10-Day Weather Forecast for {city}",
        "{condition} early, then {later} overnight. Low near {low}F. Winds {wind_dir} at "
        "{wind} mph. Chance of rain {precip}%. Humidity {humidity}%.",
    ),
    Site(
        "www.accuweather.com",
        "en/us/{lslug}/weather-forecast",
        "{city} Weather Forecast | AccuWeather",
        "{city} Weather Forecast, with current conditions, wind, air quality, "
        "and what to expect for the next 3 days.",
    ),
    Site(
        "www.wunderground.com",
        "forecast/{lslug}",
        "{city} Weather Conditions | Weather Underground",
        "{city} weather forecast with today's high of {high}F, hourly "
        "temperatures, radar maps and severe weather alerts.",
    ),
    Site(
        "www.weather.gov",
        "forecast/{lslug}",
        "National Weather Service: {city} Forecast",
        "Today: {condition}, with a high near {high}. {wind_dir} wind {wind} mph. "
        "Tonight: a low around {low}.",
    ),
    Site(
        "www.timeanddate.com",
        "weather/{lslug}/ext",
        "{city} 14 day weather forecast",
        "{city} extended forecast with high and low temperatures. Currently {temp}°F, {condition}.",
    ),
)
QUESTIONS = (
    "What is the weather usually like in {name}?",
    "What is {name}'s coldest month?",
    "Is it hot or cold in {name} right now?",
    "Does {name} get a lot of rain?",
)
RELATED = (
    "Weather in {name} 10 days",
    "{name} weather hourly",
    "{name} weather radar",
    "{name} weather tomorrow",
    "{name} weather this weekend",
    "{name} weather in July",
)


def local_time(place: geo.Place) -> datetime:
    """The simulated "now" at `place`."""
    return BASE_UTC + timedelta(hours=place.utc)


def _curve(low: int, high: int, hour: float) -> int:
    """Temperature at `hour`: coolest near 5 AM, warmest near 3 PM."""
    phase = math.cos((hour - 15) / 24 * 2 * math.pi)
    return round(low + (high - low) * (phase + 1) / 2)


@dataclass(frozen=True)
class Forecast:
    """Today's weather at a place: now, the hourly curve and the next 8 days
    (day, icon, condition, high, low)."""

    icon: str
    condition: str
    temp: int
    high: int
    low: int
    precip: int
    humidity: int
    wind: int
    wind_dir: str
    hourly: tuple[tuple[str, float], ...]
    days: tuple[tuple[str, str, str, int, int], ...]
    now: datetime


@lru_cache(maxsize=1024)
def forecast(place: geo.Place) -> Forecast:
    """The weather at `place` (deterministic by place)."""
    rng = rng_for("weather", place.name, place.country)
    high = place.june_high + int(rng.integers(-5, 6))
    low = high - int(rng.integers(12, 22))
    icon, label, rain = pick(rng, CONDITIONS)
    now = local_time(place)
    hourly = []
    for step in range(8):
        at = (now.hour + 1 + 3 * step) % 24
        hourly.append(
            (f"{at % 12 or 12} {'AM' if at < 12 else 'PM'}", float(_curve(low, high, at)))
        )
    days = [(now.strftime("%a"), icon, label, high, low)]
    for day in range(1, 8):
        d_icon, d_label, _ = pick(rng, CONDITIONS)
        d_high = high + int(rng.integers(-6, 7))
        days.append(
            (
                (now + timedelta(days=day)).strftime("%a"),
                d_icon,
                d_label,
                d_high,
                d_high - int(rng.integers(12, 22)),
            )
        )
    return Forecast(
        icon=icon,
        condition=label,
        temp=_curve(low, high, now.hour + now.minute / 60),
        high=high,
        low=low,
        precip=int(rng.integers(*rain)),
        humidity=int(rng.integers(30, 91)),
        wind=int(rng.integers(3, 19)),
        wind_dir=pick(rng, _WIND),
        hourly=tuple(hourly),
        days=tuple(days),
        now=now,
    )


def answer(intent: Intent) -> SearchResults:
    """The weather card for the intent's place and its results."""
    place = intent.place or geo.HOME
    f = forecast(place)
    card = Card(
        kind="weather",
        title=place.label,
        subtitle=f"{f.now:%A} {clock(f.now)} · {f.condition}",
        value=str(f.temp),
        rows=(
            ("Precipitation", f"{f.precip}%"),
            ("Humidity", f"{f.humidity}%"),
            ("Wind", f"{f.wind} mph"),
        ),
        image=f"weather:{f.icon}",
        chart=f.hourly,
        chips=("Temperature", "Precipitation", "Wind"),
        items=tuple(
            Item(title=day, image=f"weather:{icon}", lines=(label,), price=f"{hi}° {lo}°")
            for day, icon, label, hi, lo in f.days
        ),
    )
    fields = fields_for(
        place.label,
        city=place.label,
        name=place.name,
        lslug=slug(place.name),
        condition=f.condition,
        later="clearing" if f.precip < 40 else "rain",
        low=str(f.low),
        high=str(f.high),
        wind=str(f.wind),
        wind_dir=f.wind_dir,
        precip=str(f.precip),
        humidity=str(f.humidity),
        temp=str(f.temp),
    )
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)
