"""Travel: hotels in a city (map, stars, ratings, nightly prices) and flights between two
cities (airlines, times, durations and fares from the great-circle distance)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from android_gym.content import geo
from android_gym.content.common import (
    BASE_UTC,
    clock,
    money,
    normalize,
    path_slug,
    pick,
    rng_for,
    sample,
    short_date,
)
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

# (name template, stars, amenities)
HOTELS = (
    ("Four Seasons Hotel {city}", 5, "Spa · Pool · Free Wi-Fi"),
    ("The Ritz-Carlton, {city}", 5, "Spa · Fine dining · Free Wi-Fi"),
    ("{city} Marriott Downtown", 4, "Pool · Fitness center · Free Wi-Fi"),
    ("Hyatt Regency {city}", 4, "Restaurant · Bar · Free Wi-Fi"),
    ("Hilton {city} City Center", 4, "Pool · Restaurant · Parking"),
    ("Kimpton Hotel Monaco {city}", 4, "Pet-friendly · Bar · Free Wi-Fi"),
    ("citizenM {city}", 4, "Bar · Free Wi-Fi · Air conditioning"),
    ("Courtyard by Marriott {city} Center", 3, "Free Wi-Fi · Fitness center"),
    ("Hampton Inn & Suites {city}-Downtown", 3, "Free breakfast · Free Wi-Fi"),
    ("Holiday Inn Express {city}", 3, "Free breakfast · Pool"),
    ("The Hoxton, {city}", 4, "Restaurant · Free Wi-Fi"),
    ("Hotel Indigo {city}", 3, "Bar · Fitness center"),
)
AIRLINES = {
    "United States": ("Delta", "United", "American", "JetBlue", "Alaska"),
    "Canada": ("Air Canada", "WestJet"),
    "Mexico": ("Aeroméxico", "Volaris"),
    "United Kingdom": ("British Airways", "Virgin Atlantic"),
    "France": ("Air France",),
    "Germany": ("Lufthansa",),
    "Spain": ("Iberia", "Vueling"),
    "Switzerland": ("SWISS",),
    "Finland": ("Finnair",),
    "Netherlands": ("KLM",),
    "Italy": ("ITA Airways",),
    "Japan": ("Japan Airlines", "ANA"),
    "South Korea": ("Korean Air", "Asiana"),
    "China": ("Air China", "Cathay Pacific"),
    "Australia": ("Qantas", "Virgin Australia"),
    "Argentina": ("Aerolíneas Argentinas", "LATAM"),
    "Brazil": ("LATAM", "Azul"),
    "Singapore": ("Singapore Airlines",),
    "India": ("Air India",),
}
CONNECTING = ("Emirates", "Qatar Airways", "Turkish Airlines", "Lufthansa", "KLM")

HOTEL_SITES = (
    Site(
        "www.booking.com",
        "city/{slug}.html",
        "The 10 best hotels in {city} - Booking.com",
        "Great savings on hotels in {city} from {low} a night. Book online, pay at the "
        "hotel. Good rates and no reservation costs. Read hotel reviews.",
    ),
    Site(
        "www.expedia.com",
        "{slug}-Hotels.d{code}.Travel-Guide-Hotels",
        "Top Hotels in {city} from {low} | Expedia",
        "Compare {count} hotels in {city}. Find the best deals, read reviews from real "
        "travelers and get rewarded when you book.",
    ),
    Site(
        "www.tripadvisor.com",
        "Hotels-g{code}-{slug}-Hotels.html",
        "THE 10 BEST Hotels in {city} 2024 (from {low}) - Tripadvisor",
        "Popular hotels in {city}: {hotel1}, {hotel2}... See traveler reviews, candid "
        "photos and great deals.",
    ),
    Site(
        "www.hotels.com",
        "de{code}/hotels-{slug}",
        "Cheap Hotels in {city} | Hotels.com",
        "Book cheap hotels in {city} with Hotels.com. Collect 1 stamp for every night you "
        "stay and get rewarded.",
    ),
    Site(
        "www.kayak.com",
        "{slug}-Hotels.{code}.hotel.ksp",
        "{count} Cheap Hotels in {city} - KAYAK",
        "Search hundreds of travel sites at once for hotels in {city}.",
    ),
)
HOTEL_QUESTIONS = (
    "What is the best area to stay in {name}?",
    "How much is a hotel room in {name} per night?",
    "What is the most famous hotel in {name}?",
    "When is the cheapest time to stay in {name}?",
)
HOTEL_RELATED = (
    "5-star hotels in {name}",
    "cheap hotels in {name}",
    "hotels in {name} downtown",
    "best hotels in {name}",
    "{name} hotels with pool",
    "airbnb {name}",
)
FLIGHT_SITES = (
    Site(
        "www.kayak.com",
        "flight-routes/{slug_from}-{code_from}/{slug_to}-{code_to}",
        "Cheap Flights from {from} to {to} from {low} - KAYAK",
        "Find flights to {to} from {low}. Fly from {from} on {airline1}, {airline2} and "
        "more. Search for {to} flights on KAYAK now.",
    ),
    Site(
        "www.expedia.com",
        "lp/flights/{lcode_from}/{lcode_to}/{lslug_from}-to-{lslug_to}",
        "Cheap Flights from {from} to {to} | Expedia",
        "Book cheap flights from {from} ({code_from}) to {to} ({code_to}). Round-trip "
        "fares from {low}.",
    ),
    Site(
        "www.skyscanner.com",
        "routes/{lcode_from}/{lcode_to}/flights.html",
        "Cheap flights from {from} to {to} | Skyscanner",
        "Compare cheap {from} to {to} flight deals from over 1,000 providers. Then choose "
        "the cheapest or fastest plane tickets.",
    ),
    Site(
        "www.google.com",
        "travel/flights/{lslug_from}-to-{lslug_to}.html",
        "Find Cheap Flights from {from} to {to} - Google Flights",
        "Flights from {from} to {to}: the cheapest round trip found was {low}. Track "
        "prices and find the best time to book.",
    ),
)
FLIGHT_QUESTIONS = (
    "How long is the flight from {from} to {to}?",
    "What is the cheapest month to fly to {to}?",
    "Which airlines fly nonstop from {from} to {to}?",
    "How far in advance should I book a flight to {to}?",
)
FLIGHT_RELATED = (
    "cheap flights to {to}",
    "{from} to {to} flight time",
    "one way flights to {to}",
    "{to} flights from {from} nonstop",
    "flights to {to} in July",
    "{to} vacation packages",
)


def hotels(intent: Intent) -> SearchResults:
    """The hotels card: check-in chips, a map and four hotels with stars and prices."""
    place = intent.place or geo.HOME
    rng = rng_for("hotels", place.name)
    subject = normalize(intent.subject)
    pool = list(HOTELS)
    if re.search(r"\b(?:5 ?star|five star|luxury)\b", subject):
        pool = [h for h in HOTELS if h[1] == 5] * 2
    elif re.search(r"\b(?:cheap|budget|affordable)\b", subject):
        pool = [h for h in HOTELS if h[1] == 3]
    nightly = place.rent / 14
    items = []
    for template, stars, amenities in sample(rng, pool, 4):
        name = template.format(city=place.name)
        price = nightly * (0.6 + 0.35 * stars) * float(rng.uniform(0.8, 1.25))
        items.append(
            Item(
                title=name,
                rating=round(float(rng.uniform(3.9, 4.8)), 1),
                badge=f"({int(rng.integers(300, 9000)):,})",
                lines=(f"{stars}-star hotel", amenities),
                price=money(price),
                image=f"building:{name}",
                url=f"https://www.booking.com/hotel/{path_slug(name)}.html",
            )
        )
    total = int(rng.integers(180, 1900))
    card = Card(
        kind="hotels",
        title=f"Hotels | {place.label}",
        image=f"map:hotels:{place.name}",
        chips=(f"{short_date(14)} – {short_date(15)}", "2 guests", "Price", "Rating"),
        items=tuple(items),
        more=f"View {total:,} hotels",
    )
    low = min(items, key=lambda i: float(i.price[1:].replace(",", ""))).price
    fields = fields_for(
        place.name,
        city=place.label,
        name=place.name,
        low=low,
        code=str(int(rng.integers(10000, 99999))),
        count=f"{total:,}",
        hotel1=items[0].title,
        hotel2=items[1].title,
    )
    return page(intent.query, (card,), HOTEL_SITES, HOTEL_QUESTIONS, HOTEL_RELATED, fields)


def _carriers(a: geo.Place, b: geo.Place, rng, far: bool) -> list[str]:
    """Four airlines: the destination's and the origin's own carriers first (connecting
    carriers too on long routes)."""
    home, away = list(AIRLINES.get(a.country, ())), list(AIRLINES.get(b.country, ()))
    ordered = [*away[:1], *home[:1], *sample(rng, away[1:] + home[1:], 4)]
    if far or len(ordered) < 4:
        ordered += sample(rng, list(CONNECTING), 4)
    return list(dict.fromkeys(ordered))[:4]


def flights(intent: Intent) -> SearchResults:
    """The flights card: route, dates and four itineraries (airline, times, stops, fare)."""
    origin = intent.place or geo.HOME
    dest = intent.dest or geo.made_up("anywhere")
    rng = rng_for("flights", origin.name, dest.name)
    km = max(200.0, geo.distance_km(origin, dest))
    far = km > 9000
    items = []
    for i, airline in enumerate(_carriers(origin, dest, rng, far)):
        stops = 0 if not far and (i < 2 or km < 1500) else 1 + int(far and km > 14000)
        minutes = round(km / 830 * 60 + 35 + stops * float(rng.uniform(90, 240)))
        depart = BASE_UTC.replace(
            hour=int(rng.integers(6, 22)), minute=5 * int(rng.integers(0, 12))
        )
        arrive = depart + timedelta(minutes=minutes, hours=dest.utc - origin.utc)
        plus = (arrive.date() - depart.date()).days
        fare = (90 + km * 0.075) * float(rng.uniform(0.8, 1.35)) * (0.9 if stops else 1.0)
        stop_text = "Nonstop" if not stops else f"{stops} stop{'s' if stops > 1 else ''}"
        items.append(
            Item(
                title=airline,
                image=f"badge:{airline}",
                lines=(
                    f"{clock(depart)} – {clock(arrive)}" + (f"+{plus}" if plus else ""),
                    f"{stop_text} · {minutes // 60} h {minutes % 60} min · "
                    f"{origin.airport}–{dest.airport}",
                ),
                price=money(fare),
            )
        )
    low = min(items, key=lambda i: float(i.price[1:].replace(",", ""))).price
    card = Card(
        kind="flights",
        title=f"Flights from {origin.label} to {dest.label}",
        chips=("Round trip", f"{short_date(14)} – {short_date(21)}", "1 passenger", "Economy"),
        items=tuple(items),
        more="Show more flights",
        subtitle=f"{pick(rng, ('Typical', 'Low'))} prices · from {low}",
    )
    code_from, code_to = origin.airport, dest.airport
    fields = fields_for(
        f"{origin.name} to {dest.name}",
        **{"from": origin.name, "to": dest.name},
        low=low,
        code_from=code_from,
        code_to=code_to,
        lcode_from=code_from.lower(),
        lcode_to=code_to.lower(),
        slug_from=path_slug(origin.name),
        slug_to=path_slug(dest.name),
        lslug_from=path_slug(origin.name.lower()),
        lslug_to=path_slug(dest.name.lower()),
        airline1=items[0].title,
        airline2=items[1].title,
    )
    return page(intent.query, (card,), FLIGHT_SITES, FLIGHT_QUESTIONS, FLIGHT_RELATED, fields)
