"""The five storefronts as data: name, colours, logo, URL scheme, how each writes titles and
sets prices, and the friction each puts in a shopper's way.

Everything a store does is shared (`pages.py`, `listings.py`, `friction.py`); what differs
between Costco, Best Buy, Walmart, Newegg and eBay is in this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Brand:
    """One storefront's look and conventions.

    URL templates use {q} (the query, URL-encoded), {slug} (the title as a path) and {id} (the
    store's item number); `cart` is a full URL (some stores keep the cart on a subdomain).
    `title` writes a listing's title from {brand}, {BRAND} (upper case), {name} and {variant}.
    """

    domain: str
    name: str
    bar: str
    """Header background."""
    bar_text: str
    accent: str
    """Buttons (add to cart) and links."""
    button_text: str
    logo: str
    """The image key of the drawn logo (`store_drawings.py`)."""
    logo_w: float
    tagline: str
    search_hint: str
    search: str
    product: str
    cart: str
    title: str
    variant_sep: str
    id_digits: int
    """Digits of an item number after its prefix."""
    id_prefix: str
    price_factor: float
    sponsored: str
    """The label of sponsored listings."""
    add_label: str
    prompt: str
    """The modal this store shows: "signin", "app" or "location"."""
    promos: tuple[str, ...]
    results_hero: str
    """The banner above results (pushing the first result down on some visits)."""


BRANDS: dict[str, Brand] = {
    b.domain: b
    for b in (
        Brand(
            domain="costco.com",
            name="Costco",
            bar="#ffffff",
            bar_text="#005dab",
            accent="#005dab",
            button_text="#ffffff",
            logo="brand:costco",
            logo_w=120,
            tagline="Costco Wholesale",
            search_hint="Search Costco",
            search="https://www.costco.com/CatalogSearch?keyword={q}",
            product="https://www.costco.com/{slug}.product.{id}.html",
            cart="https://www.costco.com/CheckoutCartView",
            title="{brand} {name}, {variant}",
            variant_sep=", ",
            id_digits=7,
            id_prefix="100",
            price_factor=0.95,
            sponsored="Sponsored",
            add_label="Add to Cart",
            prompt="location",
            promos=(
                "Create Your Outdoor Oasis, Save On Backyard Upgrades!",
                "2-Day Delivery on Groceries",
                "Member-Only Savings on Tech",
            ),
            results_hero="Costco Next: Exclusive Member Savings from Top Brands",
        ),
        Brand(
            domain="bestbuy.com",
            name="Best Buy",
            bar="#0046be",
            bar_text="#ffffff",
            accent="#ffe000",
            button_text="#1d252c",
            logo="brand:bestbuy",
            logo_w=64,
            tagline="Best Buy | Official Online Store | Shop Now & Save",
            search_hint="Search Best Buy",
            search="https://www.bestbuy.com/site/searchpage.jsp?st={q}",
            product="https://www.bestbuy.com/site/{slug}/{id}.p?skuId={id}",
            cart="https://www.bestbuy.com/cart",
            title="{brand} - {name} - {variant}",
            variant_sep=" - ",
            id_digits=6,
            id_prefix="6",
            price_factor=1.0,
            sponsored="Sponsored",
            add_label="Add to Cart",
            prompt="signin",
            promos=(
                "Apple Watch Series 9. Starting at $164 with qualified trade-in.",
                "Top Deals: Save on laptops, TVs and more",
                "My Best Buy Plus: free 2-day shipping",
            ),
            results_hero="Top Deals of the week: save up to 40% on gaming gear",
        ),
        Brand(
            domain="walmart.com",
            name="Walmart",
            bar="#0071dc",
            bar_text="#ffffff",
            accent="#0071dc",
            button_text="#ffffff",
            logo="brand:walmart",
            logo_w=40,
            tagline="Walmart | Save Money. Live Better.",
            search_hint="Search everything at Walmart online and in store",
            search="https://www.walmart.com/search?q={q}",
            product="https://www.walmart.com/ip/{slug}/{id}",
            cart="https://www.walmart.com/cart",
            title="{brand} {name}, {variant}",
            variant_sep=", ",
            id_digits=8,
            id_prefix="5",
            price_factor=0.97,
            sponsored="Sponsored",
            add_label="Add to cart",
            prompt="app",
            promos=(
                "Free shipping with no order minimum. Join Walmart+",
                "Rollbacks on tech you love",
                "How do you want your items? Pickup or delivery",
            ),
            results_hero="Walmart+ members get free shipping with no order minimum. Try it free",
        ),
        Brand(
            domain="newegg.com",
            name="Newegg",
            bar="#172b4d",
            bar_text="#ffffff",
            accent="#f7a800",
            button_text="#172b4d",
            logo="brand:newegg",
            logo_w=104,
            tagline="Computer Parts, PC Components, Laptops, Gaming Gear | Newegg.com",
            search_hint="Search Newegg",
            search="https://www.newegg.com/p/pl?d={q}",
            product="https://www.newegg.com/{slug}/p/{id}",
            cart="https://secure.newegg.com/shop/cart",
            title="{BRAND} {name} - {variant}",
            variant_sep=" - ",
            id_digits=8,
            id_prefix="N82E168",
            price_factor=1.02,
            sponsored="Sponsored",
            add_label="ADD TO CART",
            prompt="app",
            promos=(
                "Shell Shocker: today's deal ends at midnight",
                "Build your gaming PC with Newegg PC Builder",
                "Save big on gaming laptops",
            ),
            results_hero="Newegg Gaming Week: up to 30% off gaming laptops and peripherals",
        ),
        Brand(
            domain="ebay.com",
            name="eBay",
            bar="#ffffff",
            bar_text="#191919",
            accent="#3665f3",
            button_text="#ffffff",
            logo="brand:ebay",
            logo_w=76,
            tagline="Electronics, Cars, Fashion, Collectibles & More | eBay",
            search_hint="Search for anything",
            search="https://www.ebay.com/sch/i.html?_nkw={q}",
            product="https://www.ebay.com/itm/{id}",
            cart="https://cart.ebay.com/",
            title="NEW {brand} {name} {variant}",
            variant_sep=" ",
            id_digits=11,
            id_prefix="2",
            price_factor=0.88,
            sponsored="Sponsored",
            add_label="Add to cart",
            prompt="signin",
            promos=(
                "Shop the eBay Refurbished Tech Sale",
                "Up to 60% off laptops, phones and more",
                "Free shipping on millions of items",
            ),
            results_hero="Save on certified refurbished tech with the eBay Refurbished program",
        ),
    )
}


def brand_of(host: str) -> Brand | None:
    """The storefront a host belongs to ("cart.ebay.com" -> eBay), if any."""
    host = host.lower()
    for domain, brand in BRANDS.items():
        if host == domain or host.endswith("." + domain):
            return brand
    return None
