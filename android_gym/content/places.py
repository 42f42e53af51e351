"""Local places: restaurants by cuisine, stores by brand or category, and the "Places" card
(a map and three places with rating, price level, kind, address and hours)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from android_gym.content import food, geo
from android_gym.content.common import (
    display,
    normalize,
    path_slug,
    pick,
    records,
    rng_for,
    sample,
)
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

# brand | other names | kind | closes
_STORES = """
Target|target store|Department store|10 PM
Walmart|walmart supercenter|Department store|11 PM
Best Buy|bestbuy|Electronics store|9 PM
Home Depot|the home depot;homedepot|Home improvement store|10 PM
Lowe's|lowes home improvement|Home improvement store|10 PM
IKEA||Furniture store|9 PM
JCPenney|jc penney;jcp|Department store|9 PM
Macy's||Department store|9 PM
Nordstrom||Department store|9 PM
Apple Store|apple|Electronics store|9 PM
AT&T Store|at&t;att;att store|Cell phone store|8 PM
Verizon Store|verizon|Cell phone store|8 PM
T-Mobile Store|t-mobile;tmobile;t mobile|Cell phone store|8 PM
Sprint Store|sprint|Cell phone store|8 PM
Costco|costco wholesale|Warehouse store|8:30 PM
Sephora||Cosmetics store|9 PM
Ulta Beauty|ulta|Cosmetics store|9 PM
Walgreens||Pharmacy|10 PM
CVS|cvs pharmacy|Pharmacy|10 PM
Kohl's||Department store|10 PM
Trader Joe's||Grocery store|9 PM
Whole Foods Market|whole foods|Grocery store|10 PM
eBay||Online marketplace|
Amazon|amazoncom|Online store|
"""

# cuisine (as typed) | shown as | price level | names...
_CUISINES = """
restaurant|Restaurant|$$|The Grill House;Harvest Table;Olive & Vine;The Local;Copper Kettle;
    Urban Plates;Evvia Estiatorio;State Bird Provisions;The Oak Room;Bluebird Kitchen
italian|Italian|$$|Trattoria Roma;Osteria Toscana;Nonna's Table;Il Fornaio;Bella Vita;Pasta Bar
chinese|Chinese|$$|Golden Dragon;Jade Garden;Dragon Palace;Hunan Home;Lotus Garden;Great Wall
japanese|Japanese|$$$|Izakaya Tora;Ramen Nagi;Sakura;Umi Japanese Kitchen;Kaiseki Hana;Tanto
sushi|Sushi|$$$|Sushi Kaito;Sakura Sushi;Kura Sushi;Umi Sushi Bar;Sushi Yasaka;Omakase House
thai|Thai|$$|Thai Basil;Bangkok Garden;Lotus of Siam;Siam Orchid;Pad Thai Kitchen;Thai Spice
indian|Indian|$$|Taj Palace;Saffron;Bombay Grill;Curry House;Tandoori Nights;Masala Kitchen
mexican|Mexican|$|La Taqueria;El Farolito;Casa Lupe;Tacos El Gordo;Cantina Azul;La Cocina
greek|Greek|$$|Opa! Greek Taverna;Athena Grill;Santorini Kitchen;Mykonos;The Olive Tree;Zorba's
korean|Korean|$$|Seoul Garden;Gen Korean BBQ;Kimchi House;Han Il Kwan;Jang Su Jang;Daol Tofu
french|French|$$$$|Le Petit Bistro;Chez Marie;Café de Paris;La Maison;Brasserie Lumière;Le Pigeon
bbq|Barbecue|$$|Smokehouse BBQ;Big Pig BBQ;Hickory Pit;Lone Star BBQ;Bone Daddy's;Pitmaster's
pizza|Pizza|$|Tony's Pizza Napoletana;Pizza My Heart;Slice House;Pizzeria Delfina;Stone Oven
burger|Hamburger|$|Burger Joint;The Counter;Shake Shack;Smashburger;Umami Burger;Super Duper
seafood|Seafood|$$$|The Fish Market;Oyster Bay;Blue Water Grill;Crab House;Anchor & Hope;Catch
vegetarian|Vegetarian|$$|Green Table;Plant Kitchen;Veggie Grill;Greens Restaurant;Shizen;Herbivore
vegan|Vegan|$$|Plant Kitchen;Wildseed;Shizen;Herbivore;Golden Era;Cafe Gratitude
coffee|Coffee shop|$|Philz Coffee;Blue Bottle Coffee;Peet's Coffee;Verve Coffee;Red Rock Coffee
grocery|Grocery store||Safeway;Trader Joe's;Whole Foods Market;Sprouts Farmers Market;Lucky
electronics|Electronics store||Best Buy;Micro Center;Apple Store;GameStop;Target
gas station|Gas station||Shell;Chevron;76;Valero;Arco;Costco Gasoline
pharmacy|Pharmacy||Walgreens;CVS;Rite Aid;Safeway Pharmacy;Costco Pharmacy
department store|Department store||Target;Walmart;Macy's;Nordstrom;JCPenney;Kohl's
hardware store|Hardware store||Home Depot;Lowe's;Ace Hardware;Orchard Supply;True Value
cell phone store|Cell phone store||AT&T Store;Verizon Store;T-Mobile Store;Sprint Store
"""
SHOPS = ("coffee", "grocery", "electronics", "gas station", "pharmacy", "department store")
SHOPS += ("hardware store", "cell phone store")
"""Category keys of places that are not restaurants."""
_ALIASES = {
    "steak": "restaurant",
    "sushi restaurant": "sushi",
    "cafe": "coffee",
    "bbq": "bbq",
    "barbecue": "bbq",
    "burgers": "burger",
    "hamburger": "burger",
    "food": "restaurant",
    "supermarket": "grocery",
    "gas": "gas station",
    "petrol station": "gas station",
    "drugstore": "pharmacy",
    "home improvement store": "hardware store",
    "phone store": "cell phone store",
}
_STREETS = (
    "Main St",
    "Castro St",
    "Broadway",
    "Market St",
    "1st Ave",
    "Oak St",
    "Park Ave",
    "Mission St",
    "5th Ave",
    "Washington Blvd",
    "Ocean Ave",
    "Pine St",
    "Lake St",
    "El Camino Real",
    "Elm St",
    "Grand Ave",
    "Union St",
    "Central Ave",
)
_BLURBS = (
    "Cozy spot with a seasonal menu",
    "Lively local favorite with a patio",
    "Sophisticated, locally focused bistro",
    "Casual counter-serve with big portions",
    "Upscale dining room with a chef's tasting menu",
    "Family-run spot, open late",
)

STORES: dict[str, tuple[str, str]] = {}
_STORE_NAMES: dict[str, str] = {}
for _name, _other, _kind, _closes in records(_STORES):
    STORES[_name] = (_kind, _closes)
    _STORE_NAMES.update({normalize(a): _name for a in (_name, *_other.split(";")) if a})
_FIND_STORE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(_STORE_NAMES, key=len, reverse=True))) + r")\b"
)
CUISINES = {c[0]: (c[1], c[2], tuple(c[3].split(";"))) for c in records(_CUISINES)}
_FIND_CUISINE = re.compile(
    r"\b(" + "|".join(sorted({*CUISINES, *_ALIASES}, key=len, reverse=True)) + r")s?\b"
)

SITES = (
    Site(
        "www.yelp.com",
        "search?find_desc={q}&find_loc={place_slug}",
        "THE BEST 10 {Subject} in {city} - Updated 2024 - Yelp",
        "Best {subject} in {city} - {name1}, {name2}, {name3}. Read reviews, see photos "
        "and book a table.",
    ),
    Site(
        "www.tripadvisor.com",
        "Restaurants-{place_slug}",
        "THE 10 BEST {Subject} in {city}",
        "Best Dining in {city}: see Tripadvisor traveler reviews of {subject} in {city} and "
        "search by cuisine, price, location and more.",
    ),
    Site(
        "www.opentable.com",
        "{place_slug}-restaurants",
        "Best {Subject} in {city} | OpenTable",
        "Book the best {subject} in {city} on OpenTable. Find restaurants with available "
        "tables tonight, read diner reviews and see menus.",
    ),
    Site(
        "www.eater.com",
        "maps/best-{slug}-{place_slug}",
        "The 38 Best {Subject} in {city}",
        "Eater's essential guide to {subject} in {city}, from neighborhood staples to the "
        "splurge-worthy spots that define the city.",
    ),
    Site(
        "www.google.com",
        "maps/search/{slug}",
        "{Subject} - Google Maps",
        "Find {subject} near {city} on Google Maps: directions, opening hours, phone "
        "numbers and reviews.",
    ),
)
STORE_SITES = (
    Site(
        "www.{domain}",
        "store-locator",
        "{Subject} Store Locator | Find a Store Near You",
        "Find a {subject} near you. Get store hours, directions and phone numbers, and see "
        "which services each store offers.",
    ),
    Site(
        "www.google.com",
        "maps/search/{slug}",
        "{Subject} - Google Maps",
        "{Subject} near {city}: directions, opening hours, phone numbers and reviews on "
        "Google Maps.",
    ),
    Site(
        "www.yelp.com",
        "search?find_desc={q}",
        "Top 10 Best {Subject} Near {city}",
        "Best {subject} near {city}: see hours, directions and reviews from Yelp users.",
    ),
    Site(
        "www.mapquest.com",
        "search/{slug}",
        "{Subject} Locations & Hours Near {city}",
        "Find {subject} locations near {city}, with driving directions and store hours.",
    ),
)
STORE_QUESTIONS = (
    "What time does {subject} close today?",
    "Is {subject} open on Sundays?",
    "How far is the nearest {subject}?",
    "Does {subject} offer curbside pickup?",
)
STORE_RELATED = (
    "{subject} near me",
    "{subject} hours",
    "{subject} near me open now",
    "{subject} locations",
    "{subject} phone number",
    "{subject} directions",
)
QUESTIONS = (
    "What is the best {subject} in {city}?",
    "What is {city} famous for food?",
    "Which {subject} is open now near {city}?",
    "Do I need a reservation at {name1}?",
)
RELATED = (
    "best {subject} {city}",
    "{subject} near me open now",
    "cheap {subject} in {city}",
    "{subject} {city} downtown",
    "{name1} {city}",
    "{subject} with outdoor seating",
)


def find_store(words: str) -> str | None:
    """The store brand named in normalized `words`, if any."""
    match = _FIND_STORE.search(words)
    return _STORE_NAMES[match.group(0)] if match else None


def store_aliases(store: str) -> list[str]:
    """Every normalized name of `store` ("lowes", "lowes home improvement", ...)."""
    return [alias for alias, name in _STORE_NAMES.items() if name == store]


def is_physical(name: str) -> bool:
    """False for online-only stores (a chain or shop you can walk into is physical)."""
    return not STORES.get(name, ("", ""))[0].startswith("Online")


def category_of(words: str) -> str | None:
    """The cuisine or category key named in normalized `words`, if any."""
    match = _FIND_CUISINE.search(words)
    return None if match is None else _ALIASES.get(match.group(1), match.group(1))


def cuisine_of(words: str) -> str:
    """The cuisine or category key in `words` ("restaurant" when none is named)."""
    return category_of(words) or "restaurant"


def _address(rng) -> str:
    return f"{int(rng.integers(10, 2900))} {pick(rng, _STREETS)}"


@dataclass(frozen=True)
class Spot:
    """A place the Places card (and the Maps app) lists: what it is, how it is rated, where
    it is (`miles` from the phone, 0 for a place in another city) and when it closes (a
    restaurant far away gets a `blurb` instead)."""

    name: str
    kind: str
    level: str
    rating: float
    reviews: int
    address: str
    miles: float
    closes: str = ""
    blurb: str = ""


def _spot(rng, name: str, kind: str, level: str, closes: str, miles: float) -> Spot:
    """A place: reviews, hours (a store or a branch `miles` away) or what it is like (a
    restaurant elsewhere), rating and address, drawn in that order."""
    reviews = int(rng.integers(120, 9000))
    if level and not closes and not miles:
        blurb, closes = pick(rng, _BLURBS), ""
    else:
        blurb, closes = "", closes or pick(rng, ("9 PM", "10 PM", "11 PM"))
    rating = round(float(rng.uniform(4.0, 4.8)), 1)
    return Spot(name, kind, level, rating, reviews, _address(rng), miles, closes, blurb)


def place_url(spot: Spot) -> str:
    """The Google Maps link of a place: its name, then its address (which tells apart the
    branches of a chain)."""
    return f"https://www.google.com/maps/place/{path_slug(spot.name)}/{path_slug(spot.address)}"


def _listing(spot: Spot) -> Item:
    """A place as a row of the card: rating, reviews and price level, kind, distance and
    address, then what it is like or its hours."""
    distance = f"{spot.miles:.1f} mi · " if spot.miles else ""
    return Item(
        title=spot.name,
        rating=spot.rating,
        badge=f"({spot.reviews:,})" + (f" · {spot.level}" if spot.level else ""),
        lines=(
            f"{spot.kind} · {distance}{spot.address}",
            spot.blurb or f"Open · Closes {spot.closes}",
        ),
        url=place_url(spot),
    )


def _category(key: str) -> str:
    """What a cuisine or category key is called in a heading ("Italian restaurants")."""
    if key == "restaurant":
        return "restaurants"
    shown = CUISINES[key][0]
    return f"{shown.lower()}s" if key in SHOPS else f"{display(key)} restaurants"


def spots(store: str, key: str, place: geo.Place = geo.HOME) -> tuple[Spot, ...]:
    """The three places the card lists: a brand's nearest branches (`store`) or places of a
    cuisine or category (`key`), near `place`."""
    rng = rng_for("places", store or key, place.name)
    if store:
        chain = food.CHAINS.get(store)
        kind, closes = STORES.get(store, ("Restaurant", ""))
        kind, level = (chain.kind, chain.price_level) if chain else (kind, "")
        names = [store] * 3
    else:
        kind, level, pool = CUISINES[key]
        names, closes = sample(rng, pool, 3), ""
    near = place is geo.HOME
    return tuple(
        _spot(rng, n, kind, level, closes, round(float(miles), 1) if near else 0.0)
        for n, miles in zip(names, sorted(rng.uniform(0.3, 4.5, 3)), strict=True)
    )


def answer(intent: Intent) -> SearchResults:
    """The Places card for a cuisine, a category of store, or a brand's nearest branches."""
    place = intent.place or geo.HOME
    store = intent.store
    key = cuisine_of(intent.words)
    found = spots(store, key, place)
    names = [s.name for s in found]
    if store:
        subject = store
        sites, questions, related = STORE_SITES, STORE_QUESTIONS, STORE_RELATED
    else:
        subject = _category(key)
        sites, questions, related = SITES, QUESTIONS, RELATED
    items = tuple(_listing(s) for s in found)
    card = Card(
        kind="places",
        title="Places",
        subtitle=f"near {place.label}",
        image=f"map:{place.name}:{subject}",
        items=items,
        more="More places",
    )
    fields = fields_for(
        subject,
        city=place.label,
        place_slug="-".join(normalize(place.label).split()),
        domain=food.CHAINS[store].domain if store in food.CHAINS else shopping_domain(store),
        name1=names[0],
        name2=names[1],
        name3=names[2],
    )
    return page(intent.query, (card,), sites, questions, related, fields)


def shopping_domain(store: str) -> str:
    """A store's web domain ("Lowe's" -> "lowes.com", "Amazon.com" -> "amazon.com")."""
    name = store.lower().replace("&", "and").replace(".com", "").replace(" store", "")
    return "".join(c for c in name if c.isalnum() or c == "-") + ".com"
