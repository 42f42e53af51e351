"""Restaurant chains and their menus (typical US prices, 2024), and the menu card."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from android_gym.content.common import normalize, records, rng_for, titled
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

# name | other names | domain | kind | price level | dish:price;...
_CHAINS = """
McDonald's|mcdonald;mc donalds;mickey d|mcdonalds.com|Fast food|$|
    Big Mac:5.99;Quarter Pounder with Cheese:6.49;10 pc Chicken McNuggets:5.79;Filet-O-Fish:5.49
    McChicken:2.99;Egg McMuffin:4.79;Medium French Fries:3.79;McFlurry with OREO Cookies:4.59
Burger King|bk|bk.com|Fast food|$|
    Whopper:6.39;Double Whopper:7.99;Bacon King:8.79;Original Chicken Sandwich:5.99
    Chicken Fries (9 pc):4.29;Impossible Whopper:7.39;Onion Rings (Medium):3.49
    Croissan'wich:4.19
Taco Bell||tacobell.com|Fast food · Mexican|$|
    Crunchwrap Supreme:5.49;Chalupa Supreme:4.19;Cheesy Gordita Crunch:4.99
    Beefy 5-Layer Burrito:3.49;Mexican Pizza:5.49;Quesarito:4.99;Nachos BellGrande:5.79
    Crunchy Taco:1.89
Subway|subway sandwiches|subway.com|Sandwich shop|$|
    Footlong Italian B.M.T.:9.99;Footlong Turkey Breast:9.49;Footlong Meatball Marinara:8.29
    Footlong Steak & Cheese:10.99;Footlong Tuna:9.29;6-inch Veggie Delite:5.49
    Footlong Spicy Italian:8.99;Chocolate Chip Cookie:0.99
Chick-fil-A|chick fil a;chickfila;chik fil a|chick-fil-a.com|Fast food · Chicken|$|
    Chick-fil-A Chicken Sandwich:5.29;Spicy Chicken Sandwich:5.69;8 ct Nuggets:5.35
    Chick-n-Strips (3 ct):5.85;Cobb Salad:10.79;Waffle Potato Fries:2.75;Chicken Biscuit:3.39
    Frosted Lemonade:4.99
Olive Garden||olivegarden.com|Italian|$$|
    Tour of Italy:22.99;Chicken Alfredo:20.49;Lasagna Classico:19.99;Chicken Parmigiana:20.99
    Shrimp Scampi:21.49;Five Cheese Ziti al Forno:17.99;Soup, Salad & Breadsticks:11.99
    Tiramisu:8.99
IHOP|international house of pancakes|ihop.com|Breakfast · American|$$|
    Original Buttermilk Pancakes:9.99;Breakfast Sampler:14.49;Classic Cheeseburger:12.99
    Chicken & Waffles:15.49;New York Cheesecake Pancakes:12.49;Big Steak Omelette:15.99
    French Toast Combo:12.99;Belgian Waffle Combo:12.79
Denny's||dennys.com|Diner · American|$$|
    Original Grand Slam:11.99;Moons Over My Hammy:13.49;Lumberjack Slam:14.99
    Bacon Slamburger:14.29;Fit Slam:12.49;Country-Fried Steak & Eggs:15.49;Chicken Tenders:12.99
    Cinnamon Roll Pancakes:12.99
Domino's|dominos pizza|dominos.com|Pizza|$|
    Large Hand Tossed Pepperoni:15.99;Medium ExtravaganZZa Feast:17.99
    Large Pacific Veggie:17.99;Medium Deluxe:15.99;Boneless Chicken (8 pc):8.99
    Parmesan Bread Bites:5.99;Stuffed Cheesy Bread:7.99;Chocolate Lava Crunch Cakes:6.99
Five Guys|5 guys|fiveguys.com|Burgers|$$|
    Cheeseburger:11.99;Bacon Cheeseburger:13.49;Little Hamburger:8.49;Hot Dog:7.49
    Grilled Cheese:6.99;Regular Five Guys Fries:6.49;Regular Cajun Fries:6.49;Milkshake:6.99
In-N-Out|in n out;in-n-out burger;innout;in and out|in-n-out.com|Burgers|$|
    Double-Double:5.95;Cheeseburger:4.30;Hamburger:3.75;Protein Style Burger:4.30
    French Fries:2.30;Animal Style Fries:4.75;Shake:3.35;4x4:8.60
Panera|panera bread|panerabread.com|Bakery café|$$|
    Broccoli Cheddar Bread Bowl:11.49;Chipotle Chicken Avo Melt:12.99;Bacon Turkey Bravo:12.79
    Mediterranean Veggie Sandwich:10.49;Green Goddess Cobb Salad:13.49;Mac & Cheese:9.99
    Toasted Frontega Chicken:12.49;Chocolate Chipper Cookie:2.99
Papa Murphy's|papa murphy|papamurphys.com|Take-and-bake pizza|$|
    Large Pepperoni:13.99;Large Cowboy:17.49;Large Chicken Garlic:17.99;Large Hawaiian:15.99
    Large Murphy's Combo:17.99;Large Herb Chicken Mediterranean:17.49;Cheesy Bread:6.99
    Chocolate Chip Cookie Dough:6.99
Cheesecake Factory|the cheesecake factory|thecheesecakefactory.com|American|$$|
    Original Cheesecake:9.95;Avocado Eggrolls:16.95;Chicken Madeira:24.95
    Louisiana Chicken Pasta:23.95;Fettuccini Alfredo:19.95;Factory Burrito Grande:19.50
    Chicken Bellagio:24.50;Godiva Chocolate Cheesecake:11.50
Chipotle|chipotle mexican grill|chipotle.com|Mexican|$|
    Chicken Burrito:10.70;Steak Burrito Bowl:12.15;Carnitas Tacos:10.90;Barbacoa Burrito:12.15
    Sofritas Bowl:10.70;Chicken Quesadilla:11.50;Chips & Guacamole:5.40;Chicken Salad:10.70
Pizza Hut||pizzahut.com|Pizza|$|
    Large Pepperoni Lover's:18.99;Large Supreme Pan Pizza:18.99;Medium Meat Lover's:16.99
    Large Cheese Pizza:14.99;Big New Yorker:17.99;Boneless Wings (8 pc):10.99
    Breadsticks (5 pc):6.99;Cinnabon Mini Rolls:7.99
Red Lobster||redlobster.com|Seafood|$$|
    Ultimate Feast:36.99;Admiral's Feast:29.99;Lobster Lover's Dream:45.99
    Walt's Favorite Shrimp:19.99;Shrimp Linguini Alfredo:21.99;Coconut Shrimp Bites:20.49
    Lobster Bisque:7.99;Cheddar Bay Biscuits:3.99
Starbucks|starbucks coffee|starbucks.com|Coffee shop|$|
    Caffè Latte (Grande):5.25;Caramel Macchiato (Grande):5.75
    Brown Sugar Oatmilk Shaken Espresso:6.25;Pink Drink (Grande):5.95;Cold Brew (Grande):5.05
    Caramel Frappuccino (Grande):5.95;Bacon, Gouda & Egg Sandwich:5.75;Butter Croissant:3.75
Papa John's|papa john|papajohns.com|Pizza|$|
    Large Pepperoni:16.99;Large The Works:19.99;Large Garden Fresh:18.99
    Large BBQ Chicken & Bacon:19.99;Papadia:8.99;Garlic Knots:6.99;Chicken Wings (10 pc):13.99
    Chocolate Chip Cookie:7.99
Wendy's||wendys.com|Fast food|$|
    Dave's Single:6.79;Baconator:8.89;Spicy Chicken Sandwich:6.99;Jr. Bacon Cheeseburger:3.49
    10 pc Nuggets:5.29;Chili (Large):4.29;Frosty (Medium):2.49;Fries (Medium):2.99
KFC|kentucky fried chicken|kfc.com|Fast food · Chicken|$|
    8 pc Bucket:21.99;Chicken Sandwich:5.99;Famous Bowl:6.49;3 pc Tenders Combo:9.99
    Pot Pie:6.99;Mac & Cheese:3.49;Mashed Potatoes & Gravy:3.49;Biscuit:1.29
Dunkin'|dunkin donuts|dunkindonuts.com|Coffee shop|$|
    Medium Iced Coffee:3.49;Glazed Donut:1.59;Boston Kreme Donut:1.79;Sausage, Egg & Cheese:5.19
    Wake-Up Wrap:2.29;Munchkins (25 ct):7.49;Medium Latte:4.29;Hash Browns:1.99
"""

GENERIC_MENU = (
    ("Classic Cheeseburger", 14.5),
    ("Caesar Salad", 12.0),
    ("Fish & Chips", 17.5),
    ("Margherita Flatbread", 13.0),
    ("Grilled Salmon", 24.0),
    ("Chicken Tenders", 13.5),
    ("Steak Frites", 28.0),
    ("Chocolate Lava Cake", 9.0),
)


@dataclass(frozen=True)
class Chain:
    """A restaurant chain: how people name it, its site, what it serves and for how much."""

    name: str
    domain: str
    kind: str
    price_level: str
    dishes: tuple[tuple[str, float], ...]


CHAINS: dict[str, Chain] = {}
_ALIASES: dict[str, str] = {}
for _name, _other, _domain, _kind, _level, _dishes in records(_CHAINS):
    _menu = tuple((d.rsplit(":", 1)[0], float(d.rsplit(":", 1)[1])) for d in _dishes.split(";"))
    CHAINS[_name] = Chain(_name, _domain, _kind, _level, _menu)
    _ALIASES.update({normalize(a): _name for a in (_name, *_other.split(";")) if a})
_FIND = re.compile(
    r"\b(?:" + "|".join(re.escape(a) for a in sorted(_ALIASES, key=len, reverse=True)) + r")\b"
)

SITES = (
    Site(
        "www.{domain}",
        "menu",
        "Menu | {subject}",
        "Explore the full {subject} menu, including {dish1}, {dish2} and more. Order online "
        "for pickup or delivery.",
    ),
    Site(
        "www.fastfoodmenuprices.com",
        "{lslug}-prices",
        "{subject} Menu Prices (Updated 2024)",
        "The latest {subject} menu prices: {dish1} {price1}, {dish2} {price2}. See prices "
        "for every item on the menu.",
    ),
    Site(
        "www.menuwithprice.com",
        "menu/{lslug}",
        "{subject} Menu With Prices 2024",
        "Find {subject} menu prices, specials, deals and nutrition information for your "
        "nearest location.",
    ),
    Site(
        "www.doordash.com",
        "business/{lslug}",
        "{subject} Delivery Menu | Order Online",
        "Order {subject} delivery online. Browse the menu, see prices and get it delivered "
        "fast. $0 delivery fee on your first order.",
    ),
    Site(
        "www.yelp.com",
        "menu/{lslug}-mountain-view",
        "Menu for {subject} - Mountain View, CA",
        "See the menu for {subject}: popular dishes, photos and reviews from Yelp users "
        "near Mountain View.",
    ),
)
QUESTIONS = (
    "What is the most popular item at {subject}?",
    "What is the cheapest thing on the {subject} menu?",
    "Does {subject} have a value menu?",
    "What are {subject}'s hours?",
)
RELATED = (
    "{subject} menu with prices",
    "{subject} near me",
    "{subject} deals",
    "{subject} breakfast menu",
    "{subject} nutrition",
    "{subject} specials",
)


def find_chain(words: str) -> str | None:
    """The chain named in normalized `words`, if any."""
    match = _FIND.search(words)
    return _ALIASES[match.group(0)] if match else None


def menu_of(name: str) -> tuple[tuple[str, float], ...]:
    """A chain's dishes and prices; a restaurant we do not know gets a plausible menu."""
    chain = CHAINS.get(name)
    if chain is not None:
        return chain.dishes
    rng = rng_for("menu", name.lower())
    return tuple(
        (dish, round(price * float(rng.uniform(0.85, 1.2)), 1) - 0.01)
        for dish, price in GENERIC_MENU
    )


def answer(intent: Intent) -> SearchResults:
    """The chain's menu card: popular dishes with prices and pictures."""
    name = intent.store or titled(intent.subject) or "Restaurant"
    chain = CHAINS.get(name)
    dishes = menu_of(name)
    items = tuple(
        Item(title=dish, price=f"${price:.2f}", image=f"food:{dish}") for dish, price in dishes
    )
    card = Card(
        kind="menu",
        title=name,
        subtitle=f"Menu · {chain.kind if chain else 'Restaurant'} · "
        f"{chain.price_level if chain else '$$'}",
        items=items,
        more="View full menu",
    )
    slug = "-".join(normalize(name).split()) or "restaurant"
    fields = fields_for(
        name,
        domain=chain.domain if chain else f"{slug.replace('-', '')}.com",
        lslug=slug,
        dish1=dishes[0][0],
        dish2=dishes[1][0],
        price1=f"${dishes[0][1]:.2f}",
        price2=f"${dishes[1][1]:.2f}",
    )
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)
