"""Shopping: a small catalog of the products AitW asks about (TVs, phones, tablets, home
improvement, beach gear, beauty), with prices at several stores, and the product tiles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from android_gym.content.common import (
    capitalized,
    money,
    normalize,
    path_slug,
    records,
    rng_for,
)
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page
from android_gym.content.places import shopping_domain

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

_BEAUTY = "Sephora;Ulta Beauty;Target;Macy's;Amazon.com"
_HOME = "Home Depot;Lowe's;Menards;Amazon.com"
_BEACH = "Amazon.com;Target;Walmart;Dick's Sporting Goods"
# key | pattern | picture | stores | product:price;...
_CATALOG = f"""
tv|\\btvs?\\b|televisions?|tv|Best Buy;Walmart;Amazon.com;Target;Costco|
    Samsung 65" Crystal UHD 4K Smart TV:479.99;Samsung 55" QLED Q60D 4K TV:549.99
    Samsung 65" Neo QLED QN90D 4K TV:2199.99;LG 65" UQ75 4K UHD Smart TV:499.99
    LG 55" OLED evo C4 4K TV:1499.99;LG 65" QNED80 4K TV:899.99;Sony 65" BRAVIA 3 4K TV:899.99
    Sony 55" BRAVIA 7 QLED 4K TV:1299.99;Sony 65" BRAVIA 8 OLED 4K TV:2499.99
    TCL 55" S4 4K LED Smart TV:299.99;TCL 65" Q6 QLED 4K TV:449.99;TCL 65" QM8 Mini-LED TV:1199.99
    Vizio 50" V-Series 4K Smart TV:279.99;Vizio 65" Quantum 4K QLED TV:529.99
    Vizio 55" M-Series QLED TV:449.99;Hisense 55" A6 4K Google TV:299.99
    Hisense 65" U8 Mini-LED ULED TV:999.99;Hisense 75" U6 4K TV:699.99
iphone|\\biphones?\\b|phone|Apple;Best Buy;Verizon;Amazon.com;Walmart|Apple iPhone 15 Pro 128GB:999
    Apple iPhone 15 128GB:799;Apple iPhone 15 Pro Max 256GB:1199;Apple iPhone 14 128GB:699
    Apple iPhone 8 64GB (Renewed):89.99
ipad|\\bipads?\\b|tablet|Apple;Best Buy;Amazon.com;Target;Walmart|
    Apple iPad (10th generation) 64GB Wi-Fi:349;Apple iPad Air 11" (M2) 128GB:599
    Apple iPad Pro 11" (M4) 256GB:999;Apple iPad mini (6th generation) 64GB:499
galaxy|\\bgalaxy\\b|phone|Samsung;Best Buy;Amazon.com;Verizon;T-Mobile|
    Samsung Galaxy S24 128GB:799.99
    Samsung Galaxy S24+ 256GB:999.99;Samsung Galaxy S24 Ultra 256GB:1299.99
    Samsung Galaxy A54 5G 128GB:449.99;Samsung Galaxy Z Flip5 256GB:999.99
refrigerator|refrigerators?|fridges?|fridge|Home Depot;Lowe's;Best Buy;Costco|
    Samsung 28 cu. ft. French Door Refrigerator:1799;LG 26 cu. ft. Side-by-Side Refrigerator:1299
    Whirlpool 25 cu. ft. Side-by-Side Refrigerator:1149;GE 21.9 cu. ft. Top-Freezer Refrigerator:799
    Frigidaire 18.3 cu. ft. Top-Freezer Refrigerator:649
samsung|\\bsamsung\\b|box|Samsung;Best Buy;Amazon.com|Samsung Galaxy S24 Ultra:1299.99
    Samsung Galaxy Z Fold5:1799.99;Samsung Galaxy Watch6:299.99;Samsung Galaxy Buds2 Pro:229.99
    Samsung Bespoke 4-Door Flex Refrigerator:3199;Samsung Odyssey OLED G9 Monitor:1599.99
ladder|ladders?|ladder|{_HOME}|Werner 12 ft. Fiberglass Step Ladder:239
    Louisville Ladder 12 ft. Fiberglass Step Ladder:219;Gorilla Ladders 12 ft. Aluminum Ladder:149
    Little Giant 12 ft. Multi-Position Ladder:299
lumber|2 ?x ?4|\\bboards?\\b|lumber|\\bstuds?\\b|lumber|Home Depot;Lowe's;Menards|
    2 in. x 4 in. x 8 ft. Premium Kiln-Dried Whitewood Stud:3.98
    2 in. x 4 in. x 8 ft. Pressure-Treated Lumber:5.98;2-in x 4-in x 8-ft Douglas Fir Stud:4.25
snow blower|snow ?blowers?|tool|{_HOME}|EGO POWER+ 21 in. 56V Cordless Snow Blower (1000-Watt):649
    EGO POWER+ 24 in. Self-Propelled 2-Stage Snow Blower:1299
    Toro Power Clear 21 in. Snow Blower:599
chainsaw|chainsaws?|tool|{_HOME}|EGO POWER+ 14 in. 56V Brushless Cordless Chainsaw:249
    EGO POWER+ 16 in. Chainsaw Kit:299;DEWALT 20V MAX 12 in. Cordless Chainsaw:199
sofa|\\bsofas?\\b|couch(?:es)?|loveseats?|sofa|eBay;Wayfair;IKEA;Amazon.com|
    Modern 3-Seat Fabric Sofa:499
    Mid-Century Velvet Loveseat:329;Leather Chesterfield Sofa:899;L-Shaped Sectional Sofa:649
laptop|\\blaptops?\\b|macbook|laptop|Best Buy;Amazon.com;Walmart|
    Apple MacBook Air 13" (M3) 256GB:1099
    Dell XPS 13 Laptop:999;HP Pavilion 15.6" Laptop:579;Lenovo IdeaPad Slim 5:649
beach towel|\\btowels?\\b|towel|{_BEACH}|Sand Cloud Turkish Beach Towel:48
    Dock & Bay Quick Dry Beach Towel:34.99;Oversized Cabana Stripe Beach Towel:19.99
beach umbrella|\\bumbrellas?\\b|umbrella|{_BEACH}|AMMSUN 7 ft. Heavy Duty Beach Umbrella:39.99
    Sport-Brella Vented SPF 50+ Umbrella:59.99;Tommy Bahama 7 ft. Beach Umbrella:49.99
beach chair|beach chairs?|chair|{_BEACH}|Tommy Bahama Backpack Beach Chair:59.99
    Rio Brands 5-Position Beach Chair:39.99;GCI Outdoor Beach Recliner:79.99
beach bag|beach (?:bags?|totes?)|bag|{_BEACH}|BOGG Bag Original Tote:89.99
    Large Mesh Beach Tote Bag:24.99;Waterproof Canvas Beach Bag:29.99
beach tent|\\btents?\\b|tent|{_BEACH}|
    Pop-Up Beach Tent UPF 50+:49.99;Coleman Beach Shade Shelter:69.99
    Neso Beach Tent:89.99
beach cooler|\\bcoolers?\\b|cooler|YETI;{_BEACH}|YETI Roadie 24 Hard Cooler:250
    Coleman Wheeled 62-Quart Cooler:59.99;Igloo 30 Can Soft Cooler Bag:34.99
beach hat|\\bhats?\\b|hat|{_BEACH}|Wide Brim Straw Sun Hat:24.99;Packable Floppy Beach Hat:19.99
    UPF 50+ Bucket Hat:29.99
beach sandals|\\bsandals?\\b|flip flops?|sandals|Zappos;{_BEACH}|Havaianas Top Flip Flops:26
    Reef Fanning Sandals:60;OluKai Ohana Sandals:70
beach blanket|\\bblankets?\\b|blanket|{_BEACH}|Sand-Free Beach Blanket 10 x 9 ft:29.99
    Waterproof Picnic Beach Mat:24.99;Turkish Cotton Beach Blanket:39.99
foundation|foundations?|bottle|{_BEAUTY}|Fenty Beauty Pro Filt'r Soft Matte Foundation:40
    Estée Lauder Double Wear Foundation:52;Maybelline Fit Me Matte + Poreless Foundation:9.99
    NARS Light Reflecting Foundation:52
blush|\\bblush(?:es)?\\b|compact|{_BEAUTY}|Rare Beauty Soft Pinch Liquid Blush:23
    NARS Blush - Orgasm:34;Benefit Dandelion Brightening Blush:32
    Fenty Beauty Cheeks Out Cream Blush:24
mascara|mascaras?|tube|{_BEAUTY}|Maybelline Lash Sensational Sky High Mascara:12.99
    Benefit They're Real! Mascara:29;Too Faced Better Than Sex Mascara:29
    L'Oréal Paris Voluminous Lash Paradise Mascara:11.99
eyeshadow|eye ?shadows?|compact|{_BEAUTY}|Urban Decay Naked3 Eyeshadow Palette:58
    Huda Beauty Nude Obsessions Palette:30;Anastasia Beverly Hills Soft Glam Palette:49
perfume|perfumes?|fragrances?|colognes?|bottle|{_BEAUTY}|Chanel Coco Mademoiselle Eau de Parfum:155
    Dior Miss Dior Eau de Parfum:135;YSL Libre Eau de Parfum:142;Glossier You Eau de Parfum:78
eyeliner|eye ?liners?|tube|{_BEAUTY}|Stila Stay All Day Waterproof Liquid Eyeliner:24
    KVD Beauty Tattoo Liner:23;Maybelline Hyper Easy Liquid Liner:9.99
bronzer|bronzers?|compact|{_BEAUTY}|
    Benefit Hoola Matte Bronzer:35;Fenty Beauty Sun Stalk'r Bronzer:32
    Physicians Formula Butter Bronzer:16.99
highlighter|highlighters?|compact|{_BEAUTY}|Fenty Beauty Killawatt Highlighter:38
    Rare Beauty Positive Light Liquid Luminizer:25;Becca Shimmering Skin Perfector:38
lip gloss|lip ?gloss(?:es)?|tube|{_BEAUTY}|Fenty Beauty Gloss Bomb Lip Luminizer:21
    Summer Fridays Lip Butter Balm:24;NYX Butter Gloss:6.49
lipstick|lipsticks?|tube|{_BEAUTY}|MAC Matte Lipstick - Ruby Woo:23
    Charlotte Tilbury Matte Revolution - Pillow Talk:35;Maybelline SuperStay Matte Ink:12.49
nail polish|nail polish(?:es)?|bottle|{_BEAUTY}|OPI Nail Lacquer:11.99;Essie Nail Polish:10
    Olive & June Nail Polish:9
hair product|\\bhair\\b|shampoo|conditioner|bottle|{_BEAUTY}|Olaplex No. 3 Hair Perfector:30
    Moroccanoil Treatment:48;Briogeo Don't Despair, Repair! Mask:39
skincare|skin ?care|moisturi[sz]er|\\bserum\\b|cleanser|bottle|{_BEAUTY}|
    CeraVe Moisturizing Cream:18.99
    The Ordinary Niacinamide 10% + Zinc 1%:6;Drunk Elephant Protini Polypeptide Cream:68
    La Roche-Posay Toleriane Hydrating Cleanser:16.99
"""


@dataclass(frozen=True)
class Category:
    """A kind of product: how queries name it, its picture, where it sells, what it costs."""

    key: str
    pattern: re.Pattern[str]
    picture: str
    stores: tuple[str, ...]
    products: tuple[tuple[str, float], ...]


def _category(row: list[str]) -> Category:
    key, *patterns, picture, stores, products = row
    items = tuple((p.rsplit(":", 1)[0], float(p.rsplit(":", 1)[1])) for p in products.split(";"))
    return Category(key, re.compile("|".join(patterns)), picture, tuple(stores.split(";")), items)


CATALOG = tuple(_category(row) for row in records(_CATALOG))
_STOP = frozenset({"the", "a", "an", "new", "of", "for", "at", "on", "by", "in", "and", "nice"})

SITES = (
    Site(
        "www.{domain}",
        "search?q={q}",
        "{Subject} - {store}",
        "Shop {subject} at {store}. Free shipping on orders over $35, easy returns and "
        "same-day pickup at a store near you.",
    ),
    Site(
        "www.amazon.com",
        "s?k={q}",
        "Amazon.com: {Subject}",
        "Results for {subject}. Price and other details may vary based on product size "
        "and color. Best Seller in {Subject}.",
    ),
    Site(
        "www.walmart.com",
        "browse/{slug}",
        "{Subject} - Walmart.com",
        "Shop for {subject} at Walmart.com. Save money. Live better.",
    ),
    Site(
        "www.consumerreports.org",
        "{slug}/buying-guide",
        "Best {Subject} of 2024 - Consumer Reports",
        "We tested dozens of {subject} to find the best. See our ratings and "
        "recommendations, from {cheapest} to {priciest}.",
    ),
    Site(
        "www.nytimes.com",
        "wirecutter/reviews/best-{slug}",
        "The Best {Subject} | Reviews by Wirecutter",
        "After months of testing, these are the {subject} we recommend. Our pick: {top}.",
    ),
)
QUESTIONS = (
    "What is the best {subject} to buy?",
    "How much does a good {subject} cost?",
    "Where is the cheapest place to buy {subject}?",
    "When do {subject} go on sale?",
)
RELATED = (
    "best {subject} 2024",
    "{subject} on sale",
    "cheap {subject}",
    "{subject} reviews",
    "{subject} near me",
    "{subject} deals",
)


def find_category(words: str) -> Category | None:
    """The catalog category named in normalized `words`, if any."""
    return next((c for c in CATALOG if c.pattern.search(words)), None)


def product(name: str) -> tuple[str, str]:
    """(picture, price) of a catalog product named `name` in any spelling; a product the
    catalog lacks gets a box and a plausible price."""
    wanted = normalize(name)
    for category in CATALOG:
        for product_, price in category.products:
            if normalize(product_) == wanted:
                return category.picture, money(price, cents=True)
    return "box", money(float(rng_for("product", wanted).uniform(15, 250)), cents=True)


def _ranked(category: Category | None, subject: str) -> list[tuple[str, float]]:
    """The category's products, those sharing the most words with `subject` first."""
    if category is None:
        rng = rng_for("product", subject.lower())
        name = capitalized(subject)
        return [
            (f"{name}{suffix}", round(float(rng.uniform(15, 250)), 2) - 0.01)
            for suffix in (
                " - Premium Edition",
                " (2024 Model)",
                ", Pack of 2",
                " Deluxe",
                " Pro",
                " Essentials Kit",
            )
        ]
    wanted = {w for w in normalize(subject).split() if w not in _STOP}

    def score(product: tuple[str, float]) -> int:
        return len(wanted & set(normalize(product[0]).split()))

    return sorted(category.products, key=score, reverse=True)


def offers(subject: str, store: str = "", n: int = 4) -> tuple[Item, ...]:
    """`n` product tiles for `subject`, best matches first, each product again at other
    stores once all are shown; only at `store` when given (eBay sells them used)."""
    category = find_category(normalize(subject))
    stores = category.stores if category else ("Amazon.com", "Walmart", "Target", "eBay")
    rng = rng_for("offers", subject.lower(), store)
    ranked = _ranked(category, subject)
    items = []
    for i in range(min(n, len(ranked) * (1 if store else len(stores)))):
        name, price = ranked[i % len(ranked)]
        seller = store or stores[(i + i // len(ranked)) % len(stores)]
        used = seller == "eBay"
        factor = 0.7 if used else float(rng.choice((1.0, 1.0, 0.9, 0.95)))
        if factor != 1.0:
            price = max(0.99, round(price * factor) - 0.01)  # shops price at .99
        items.append(
            Item(
                title=name,
                price=money(price, cents=True),
                rating=round(float(rng.uniform(4.0, 4.9)), 1),
                badge=f"({int(rng.integers(40, 12000)):,})",
                lines=(
                    seller,
                    "Pre-owned" if used else ("Free delivery" if price > 35 else "In stock"),
                ),
                image=f"item:{category.picture if category else 'box'}:{name}",
                url=f"https://www.{shopping_domain(seller)}/site/{path_slug(name)}",
            )
        )
    return tuple(items)


def answer(intent: Intent) -> SearchResults:
    """Product tiles with prices, and store and review sites."""
    subject = intent.subject or "Deals"
    items = offers(subject, intent.store)
    where = (
        f"at {intent.store}" if intent.store else f"from {len({i.lines[0] for i in items})} stores"
    )
    card = Card(
        kind="shopping",
        title=capitalized(subject),
        subtitle=f"Prices {where}",
        items=items,
        more="More products",
    )
    by_price = sorted(items, key=lambda i: float(i.price[1:].replace(",", "")))
    store = intent.store or "Best Buy"
    fields = fields_for(
        subject,
        store=store,
        domain=shopping_domain(store),
        top=items[0].title,
        cheapest=by_price[0].price,
        priciest=by_price[-1].price,
    )
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)
