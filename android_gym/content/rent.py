"""Apartment rents: the average rent by number of bedrooms in a city, and a few listings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import geo
from android_gym.content.common import money, path_slug, pick, rng_for, slug
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

# rent relative to a 2-bedroom, by bedrooms (0 = studio)
SCALE = (0.62, 0.78, 1.0, 1.32, 1.6, 1.85)
_BUILDINGS = (
    "The Kensington",
    "Park Place Apartments",
    "The Residences at {street}",
    "{street} Lofts",
    "Avalon {name}",
    "The Meridian",
    "Maple Court",
    "One {street}",
    "The Edison",
    "Hudson Commons",
)
_STREETS = (
    "Main St",
    "Washington St",
    "Oak Ave",
    "Park Ave",
    "Elm St",
    "2nd St",
    "Lake Dr",
    "Broadway",
    "Maple Ave",
    "Pine St",
)

SITES = (
    Site(
        "www.zillow.com",
        "rental-manager/market-trends/{lslug}/",
        "Average Rent in {city} & Market Trends | Zillow Rental Manager",
        "As of June 2024, the average rent for a {beds} apartment in {city} is {avg}. "
        "This is a {change} change compared to the previous year.",
    ),
    Site(
        "www.apartments.com",
        "{lslug}/{beds_slug}/",
        "{beds_title} Apartments for Rent in {city} | Apartments.com",
        "Find {count} {beds} apartments for rent in {city}. "
        "Prices from {low}. Browse photos, floor plans and reviews.",
    ),
    Site(
        "www.rentcafe.com",
        "average-rent-market-trends/us/{lslug}/",
        "{city} Rent Prices: Average Rent Trends | RentCafe",
        "The average rent for an apartment in {city} is {avg} for a {beds} unit, with an "
        "average size of {sqft} sq ft.",
    ),
    Site(
        "www.zumper.com",
        "rent-research/{lslug}",
        "Average Rent in {city} and Rent Price Trends | Zumper",
        "The current median rent for a {beds} apartment in {city} is "
        "{avg}, with listings from {low}.",
    ),
    Site(
        "www.rent.com",
        "{lslug}/apartments",
        "Apartments for Rent in {city} | Rent.com",
        "Search {count} rentals in {city}: apartments, condos and houses with photos and "
        "virtual tours.",
    ),
)
QUESTIONS = (
    "What is a good salary to live in {name}?",
    "How much is a {beds} apartment in {name}?",
    "What is the cheapest neighborhood to rent in {name}?",
    "Is rent going down in {name}?",
)
RELATED = (
    "{name} {beds} apartments for rent",
    "cheap apartments in {name}",
    "average rent in {name} 2024",
    "{name} studio apartment rent",
    "{name} apartments near downtown",
    "cost of living in {name}",
)


def beds_label(bedrooms: int) -> str:
    """ "studio", "1-bedroom", "3-bedroom" """
    return "studio" if bedrooms == 0 else f"{bedrooms}-bedroom"


def answer(intent: Intent) -> SearchResults:
    """Average rent for N bedrooms in the city, the rent by size, and three listings."""
    place = intent.place or geo.HOME
    beds = max(0, min(5, intent.number if intent.number >= 0 else 2))
    rng = rng_for("rent", place.name)
    base = place.rent * float(rng.uniform(0.95, 1.05))
    average = base * SCALE[beds]
    items = []
    for _ in range(3):
        street = pick(rng, _STREETS)
        name = pick(rng, _BUILDINGS).format(street=street, name=place.name)
        sqft = int((450 + 330 * beds) * rng.uniform(0.85, 1.25))
        baths = max(1, beds - int(rng.integers(0, 2)))
        rent = average * float(rng.uniform(0.85, 1.2))
        items.append(
            Item(
                title=name,
                price=f"{money(rent)}/mo",
                image=f"building:{name}",
                lines=(
                    f"{beds or 'Studio'}{' bd' if beds else ''} · {baths} ba · {sqft:,} sq ft",
                    f"{int(rng.integers(10, 2000))} {street}, {place.name}",
                ),
                url=f"https://www.apartments.com/{path_slug(name.lower())}-{slug(place.name)}/",
            )
        )
    count = int(rng.integers(300, 6000))
    label = beds_label(beds)
    card = Card(
        kind="rent",
        title=f"Average rent for a {label} apartment in {place.label}",
        value=f"{money(average)}/mo",
        subtitle=f"Based on {count:,} listings · June 2024",
        rows=tuple((beds_label(b).capitalize(), money(base * SCALE[b])) for b in range(5)),
        items=tuple(items),
        more=f"View {count:,} rentals",
    )
    low = min(items, key=lambda i: float(i.price[1:-3].replace(",", ""))).price
    change = f"{'+' if rng.random() < 0.6 else '-'}{float(rng.uniform(0.5, 6)):.1f}%"
    fields = fields_for(
        place.name,
        city=place.label,
        name=place.name,
        beds=label,
        beds_title=label.title(),
        beds_slug=f"{beds}-bedrooms" if beds else "studios",
        lslug=slug(place.label),
        avg=money(average),
        low=low,
        count=f"{count:,}",
        change=change,
        sqft=str(450 + 330 * beds),
    )
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)
