"""Time in a city: the simulated "now" (`common.BASE_UTC`) at the city's UTC offset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import geo
from android_gym.content.common import clock, long_date, slug
from android_gym.content.model import Card
from android_gym.content.organic import Site, fields_for, page
from android_gym.content.weather import local_time

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

SITES = (
    Site(
        "www.timeanddate.com",
        "worldclock/{lcountry}/{lslug}",
        "Current Local Time in {city}",
        "Current local time in {city}. Get {name}'s weather and area codes, time zone and "
        "DST. Explore {name}'s sunrise and sunset, moonrise and moonset.",
    ),
    Site(
        "time.is",
        "{slug}",
        "Time in {city} now",
        "Exact time now, time zone, time "
        "difference, sunrise/sunset time and key facts for {city}. Time zone: {zone}.",
    ),
    Site(
        "www.worldtimebuddy.com",
        "{lslug}-time",
        "Current time in {city} | World Time Buddy",
        "Current local time in {city}, plus a time zone converter to compare {name} with "
        "any other city.",
    ),
    Site(
        "www.timeanddate.com",
        "time/zone/{lcountry}",
        "Time Zones in {country}",
        "{country} time zones: current local times, UTC offsets and daylight saving time "
        "dates for every region.",
    ),
)
QUESTIONS = (
    "What time zone is {name} in?",
    "What is the time difference between {name} and California?",
    "Does {name} have daylight saving time?",
    "Is {name} ahead of New York?",
)
RELATED = (
    "{name} time zone",
    "{name} time to PST",
    "{name} time to EST",
    "time difference {name}",
    "{name} weather",
    "current time in {country}",
)


def zone(offset: float) -> str:
    """ "GMT-4", "GMT+5:30" """
    if offset == 0:
        return "GMT"
    hours, minutes = int(abs(offset)), round(abs(offset) % 1 * 60)
    return f"GMT{'+' if offset > 0 else '-'}{hours}" + (f":{minutes:02d}" if minutes else "")


def answer(intent: Intent) -> SearchResults:
    """The big clock of "time in X" (or of the phone's own city)."""
    place = intent.place or geo.HOME
    now = local_time(place)
    gap = place.utc - geo.HOME.utc
    if gap:
        ahead = f"{abs(gap):g} hour{'s' if abs(gap) != 1 else ''} " + (
            "ahead of" if gap > 0 else "behind"
        )
        rows = ((geo.HOME.label, f"{ahead} {geo.HOME.name}"),)
    else:
        rows = ()
    card = Card(
        kind="time",
        title=f"Time in {place.label}" if place is not geo.HOME else f"Local time · {place.label}",
        value=clock(now),
        subtitle=f"{long_date(now)} ({zone(place.utc)})",
        rows=rows,
    )
    country = place.country or place.name
    fields = fields_for(
        place.label,
        city=place.label,
        name=place.name,
        country=country,
        lcountry=slug(country),
        lslug=slug(place.name),
        zone=zone(place.utc),
    )
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)
