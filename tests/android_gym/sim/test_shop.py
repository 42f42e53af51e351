"""The storefronts: catalog search, URL schemes, pages, carts in Chrome's site data, friction."""

from __future__ import annotations

import pytest
from sim_driver import elements, tap, texts

from android_gym.content import stores
from android_gym.content.catalog import matches, relevance, same_query, suggest, terms
from android_gym.sim import Phone
from android_gym.sim.apps.chrome import PACKAGE as CHROME
from android_gym.sim.web.stores.friction import friction
from android_gym.ui import find

BEST_BUY = stores.BRANDS["bestbuy.com"]


def seed_where(domain: str, **wanted: bool) -> int:
    """A browser seed whose visit to `domain` shows exactly the wanted friction."""
    brand = stores.BRANDS[domain]
    return next(
        s for s in range(500) if all(getattr(friction(brand, s), k) == v for k, v in wanted.items())
    )


def open_store(url: str, seed: int) -> Phone:
    phone = Phone()
    chrome = phone.apps[CHROME]
    phone.open_app(CHROME)
    chrome.state.seed = seed
    chrome.navigate(url)
    phone.changed()
    return phone


def storage(phone: Phone, site: str) -> dict:
    return phone.state().facts[CHROME]["site_data"].get(site, {})


def test_search_reads_queries_as_stores_do() -> None:
    assert terms("USB-C to USB-A") == terms("usb c to usb a") == ("usb", "c", "to", "usb", "a")
    assert terms("Logitech G903") == terms("logitech g 903")
    assert terms('MacBook Pro 15"') == terms("macbook pro 15 inch")
    assert terms("duracell triple a") == ("duracell", "aaa")
    g903 = [p for p, _ in matches("logitech g903")]
    assert any("G903 LIGHTSPEED" in p.name for p in g903)
    assert all("G903" in p.name for p in g903)
    assert matches("bose quitecomfort 35") == matches("bose quietcomfort 35")
    assert not matches("logitech g904")
    assert same_query("Bose QuitComfort 35", "bose quietcomfort 35")
    assert not same_query("bose soundlink", "bose soundlink mini")
    assert not same_query("usb-c to usb-a", "usb-a to usb-c")
    assert "macbook air" in suggest("macbook") and "macbook" not in suggest("macbook")


def test_the_query_ranks_the_product_before_its_accessories() -> None:
    first = stores.first_result(BEST_BUY, "logitech g910")
    assert first is not None and first.product.brand == "Logitech"
    sleeve = next(p for p, _ in matches("macbook air") if p.brand == "tomtoc")
    air = stores.first_result(BEST_BUY, "macbook air")
    assert relevance("macbook air", sleeve) == 2 and relevance("macbook air", air.product) == 3
    orders = {
        tuple(x.product.key for x in stores.listings.ranked(b, "razer kraken"))
        for b in stores.BRANDS.values()
    }
    assert len(orders) > 1  # each store ranks in its own order


@pytest.mark.parametrize("domain", sorted(stores.BRANDS))
def test_url_schemes_read_back(domain: str) -> None:
    brand = stores.BRANDS[domain]
    page = stores.read(stores.search_url(brand, "usb-c to usb-a"))
    assert page is not None and (page.kind, page.arg) == ("search", "usb-c to usb-a")
    listing = stores.first_result(brand, "razer blade")
    assert listing is not None
    page = stores.read(listing.url)
    assert page is not None and (page.kind, page.arg) == ("product", listing.item)
    assert stores.read(brand.cart).kind == "cart"
    assert stores.read(f"https://www.{domain}/").kind == "home"
    assert stores.read("https://www.google.com/search?q=x") is None


def test_real_url_schemes() -> None:
    assert stores.search_url(BEST_BUY, "macbook air").endswith(
        "/site/searchpage.jsp?st=macbook+air"
    )
    ebay = stores.BRANDS["ebay.com"]
    assert stores.search_url(ebay, "razer blade").endswith("/sch/i.html?_nkw=razer+blade")
    assert stores.read("https://cart.ebay.com/").brand is ebay


def test_search_suggestions_results_product_and_cart() -> None:
    phone = open_store(
        "https://bestbuy.com", seed_where("bestbuy.com", cookie=False, prompt=False, hero=False)
    )
    assert phone.state().url == "https://www.bestbuy.com"  # the bare domain redirects
    tap(phone, resource_id="store_search_box")
    phone.type_text("logitech g9")
    assert phone.state().url is None  # suggestions, not results
    assert find(elements(phone), resource_id="store_suggestions")
    assert "logitech g910" in texts(phone)
    phone.press("back")  # hides the keyboard
    phone.press("back")  # closes the search box
    tap(phone, resource_id="store_search_box")  # opens again with the page's query: none
    assert find(elements(phone), resource_id="store_search")[0].text == ""
    phone.type_text("logitech g910")
    phone.press("enter")
    assert phone.state().url.endswith("searchpage.jsp?st=logitech+g910")
    results = find(elements(phone), resource_id="search_result")
    organic = [e for e in results if not e.content_desc.startswith("Sponsored")]
    first = stores.first_result(BEST_BUY, "logitech g910")
    assert organic and organic[0].content_desc == first.title
    tap(phone, content_desc=first.title)
    assert phone.state().url == first.url
    tap(phone, resource_id="add_to_cart")
    assert storage(phone, "bestbuy.com")["cart"] == [[first.item, 1]]
    assert find(elements(phone), resource_id="cart_button")[0].content_desc == "Cart, 1 items"
    # the cart is site data: another tab sees it
    phone.apps[CHROME].new_tab()
    phone.apps[CHROME].navigate(BEST_BUY.cart)
    phone.changed()
    assert first.title in texts(phone)
    tap(phone, content_desc="Increase quantity")
    assert storage(phone, "bestbuy.com")["cart"] == [[first.item, 2]]
    tap(phone, content_desc=f"Remove {first.title}")
    assert storage(phone, "bestbuy.com")["cart"] == []
    assert "Your cart is empty" in texts(phone)


def test_add_to_cart_link_fills_the_cart_and_empty_cart_clears_it() -> None:
    brand = stores.BRANDS["walmart.com"]
    items = [stores.first_result(brand, q).item for q in ("jbl flip 4", "razer naga")]
    phone = open_store(
        stores.add_url(brand, items), seed_where("walmart.com", cookie=False, prompt=False)
    )
    assert phone.state().url == brand.cart
    assert storage(phone, "walmart.com")["cart"] == [[items[0], 1], [items[1], 1]]
    assert storage(phone, "ebay.com") == {}  # each site its own data
    tap(phone, resource_id="empty_cart")
    assert storage(phone, "walmart.com")["cart"] == []


def test_a_prompt_blocks_the_page_until_dismissed_and_stays_dismissed() -> None:
    seed = seed_where("ebay.com", cookie=True, prompt=True)
    phone = open_store("https://www.ebay.com/", seed)
    els = elements(phone)
    assert find(els, resource_id="modal_prompt") and find(els, resource_id="cookie_banner")
    box = find(els, resource_id="store_search_box")[0]
    phone.tap(*box.center)  # the prompt's scrim takes the tap
    assert phone.state().url == "https://www.ebay.com/"
    tap(phone, resource_id="prompt_dismiss")
    tap(phone, resource_id="cookie_reject")
    assert storage(phone, "ebay.com") == {"prompt": "dismissed", "consent": "rejected"}
    phone.apps[CHROME].navigate(stores.search_url(stores.BRANDS["ebay.com"], "usb-c"))
    phone.changed()
    els = elements(phone)
    assert not find(els, resource_id="modal_prompt") and not find(els, resource_id="cookie_banner")


def test_a_promotion_pushes_the_first_result_below_the_fold() -> None:
    brand = stores.BRANDS["costco.com"]
    url = stores.search_url(brand, "macbook")
    tall = open_store(url, seed_where("costco.com", cookie=False, prompt=False, hero=True))
    assert find(elements(tall), resource_id="promo_banner")
    short = open_store(url, seed_where("costco.com", cookie=False, prompt=False, hero=False))
    assert not find(elements(short), resource_id="promo_banner")
    assert find(elements(short), resource_id="search_result")


def test_store_pages_draw_their_brand() -> None:
    phone = open_store(
        "https://www.walmart.com/", seed_where("walmart.com", cookie=False, prompt=False)
    )
    frame = phone.screenshot()
    h, w = frame.shape[:2]
    header = frame[int(h * 0.1), w // 2]  # below Chrome's toolbar: Walmart blue
    assert abs(int(header[0]) - 0x00) < 30 and abs(int(header[2]) - 0xDC) < 30
    assert find(elements(phone), content_desc="Walmart")
