"""Google's pages and the sites its results open, as the simulated phone shows them: every
vertical's card renders inside its box, the tabs and links work, pages stay small and fast,
and the same query always gives the same pixels and XML."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_driver import elements, tap

from android_gym.content import search
from android_gym.sim import Phone
from android_gym.sim.layout import is_empty
from android_gym.sim.view import View
from android_gym.sim.web.sites import SITES
from android_gym.ui import find
from android_gym.urls import search_url

CHROME = "com.android.chrome"
SCROLLERS = ("android.widget.HorizontalScrollView",)


def chrome_at(url: str) -> Phone:
    """A phone with Chrome in front showing `url`."""
    phone = Phone()
    phone.open_app(CHROME)
    phone.apps[CHROME].navigate(url)
    phone.changed()
    return phone


def page_root(phone: Phone) -> View:
    """The web page's view (what the browser's content area holds)."""
    return next(v for v in phone.screen().walk() if v.cls == "android.webkit.WebView")


def overflows(root: View) -> list[str]:
    """Views that stick out of their parent, and text lines that stick out of their view.
    Rows Google scrolls sideways (tabs, chips) may run past the edge; scrolling columns may
    be taller than the screen."""
    problems = []

    def visit(v: View) -> None:
        if v.rid == "tabs" or v.cls in SCROLLERS or is_empty(v.clip):
            return  # sideways scrollers, or off screen (not laid out)
        x1, y1, x2, y2 = v.box
        for line, (lx1, _, lx2, ly2) in v.lines_placed:
            if lx1 < x1 - 1 or lx2 - 2 > x2 + 1 or ly2 > y2 + 1:
                problems.append(f"text {line!r} outside {v.box}")
        for c in v.children:
            cx1, cy1, cx2, cy2 = c.box
            sideways = cx1 < x1 - 1 or cx2 > x2 + 1
            down = not v.scroll and (cy1 < y1 - 1 or cy2 > y2 + 1)
            if (sideways or down) and c.kind != "space":
                problems.append(f"{c.kind} {c.rid or c.text or c.desc!r} {c.box} outside {v.box}")
            visit(c)

    visit(root)
    return problems


def page_overflows(phone: Phone) -> list[str]:
    """`overflows` over the whole page, scrolling down a screen at a time."""
    problems = overflows(page_root(phone))
    for _ in range(20):
        if not phone.swipe(540, 1900, 540, 700):
            break
        problems += overflows(page_root(phone))
    return problems


QUERIES = {
    "What's the news in Chile?": "card_news",
    "What's the weather like in Mumbai?": "card_weather",
    "What time is it in Sydney?": "card_time",
    "What's the US dollar exchange rate against the South Korean Won?": "card_currency",
    "What is the capital of Norway?": "card_answer",
    "chile": "card_knowledge",
    "What's a good restaurant in San Francisco?": "card_places",
    "Search for hotels in Buenos aires": "card_hotels",
    "Search for flights from Buenos aires to Helsinki": "card_flights",
    "How much does a 2 bedroom apartment rent for in Los Angeles?": "card_rent",
    "What's on the menu at Papa Murphy's?": "card_menu",
    "What's the price of the 1000-Watt EGO Power+ Snow Blower?": "card_shopping",
    "Show me some nice wallpapers for my tablet": "card_images",
    "What's the latest video from IGN?": "card_videos",
}


@pytest.mark.parametrize("query", QUERIES)
def test_each_vertical_renders_inside_its_boxes(query: str) -> None:
    phone = chrome_at(search_url(query))
    assert find(elements(phone), resource_id=QUERIES[query])
    assert not page_overflows(phone)
    assert phone.screenshot().shape == (1200, 540, 3)


@pytest.mark.parametrize("tab", ["news", "images", "videos", "shopping", "books"])
def test_tabs_render_inside_their_boxes(tab: str) -> None:
    phone = chrome_at(search_url("Search for hotels in Chicago", tab))
    assert not page_overflows(phone)
    selected = [e for e in find(elements(phone), content_desc=tab.upper()) if e.selected]
    assert selected


def test_tapping_a_tab_opens_it() -> None:
    phone = chrome_at(search_url("What's the news in Japan?"))
    tap(phone, content_desc="NEWS")
    assert phone.state().url == search_url("What's the news in Japan?", "news")
    assert find(elements(phone), resource_id="news_story")


def test_results_page_keeps_its_public_ids() -> None:
    phone = chrome_at(search_url("weather in tokyo"))
    ui = elements(phone)
    for rid in ("search_box", "tabs", "center_col"):
        assert find(ui, resource_id=rid), rid
    tap(phone, resource_id="search_box")
    assert find(elements(phone), resource_id="gLFyf")


def test_a_news_link_opens_the_story() -> None:
    story = search("What's the news in Peru?").cards[0].items[0]
    phone = chrome_at(search_url("What's the news in Peru?"))
    tap(phone, content_desc=story.title)
    assert phone.state().url == story.url
    assert story.title in [e.text for e in elements(phone)]


@pytest.mark.parametrize(
    ("query", "site", "expected"),
    [
        ("What's the weather like in Seoul?", "/weather.com", "Seoul, South Korea"),
        ("What's the weather like in Seoul?", "accuweather", "Seoul, South Korea"),
        ("What's the price of the Sony TV?", "amazon.com", 'Results for "Sony TV"'),
        ("Search for hotels in London", "booking.com", "Hotels | London, United Kingdom"),
        ("What's the news in Laos?", "apnews.com", "Laos"),
        ("Search for flights from Tokyo to Seoul", "kayak.com", "Flights from Tokyo, Japan"),
    ],
)
def test_result_links_open_pages_about_the_topic(query: str, site: str, expected: str) -> None:
    for result in search(query).results:
        phone = chrome_at(result.url)
        assert not page_overflows(phone), result.url
        assert any(e.text for e in elements(phone))
    url = next(r.url for r in search(query).results if site in r.url)
    shown = [e.text for e in elements(chrome_at(url))]
    assert any(t.startswith(expected) for t in shown), shown


def test_google_app_shows_tabs_under_its_own_search_bar() -> None:
    phone = Phone()
    tap(phone, resource_id="search_container_hotseat")
    phone.type_text("hotels in washinton dc")
    shown = [e.content_desc for e in find(elements(phone), resource_id="") if e.content_desc]
    assert "5-star hotels in washington dc" in shown
    phone.press("enter")
    ui = elements(phone)
    assert find(ui, resource_id="tabs") and find(ui, resource_id="card_hotels")
    assert not find(ui, resource_id="search_box")
    assert not page_overflows(phone)


def test_same_query_same_pixels_and_xml() -> None:
    a, b = chrome_at(search_url("Search for good Thai restaurants")), Phone()
    b.open_app(CHROME)
    b.apps[CHROME].navigate(search_url("Search for good Thai restaurants"))
    b.changed()
    assert a.ui_xml() == b.ui_xml()
    assert a.screenshot().tobytes() == b.screenshot().tobytes()


@pytest.mark.parametrize("query", list(QUERIES)[:6])
def test_results_pages_are_small_and_quick_to_build(query: str) -> None:
    from android_gym.sim.web import PageContext, google

    search(query)
    ctx = PageContext(navigate=lambda url: None, key="t")
    start = time.perf_counter()
    for _ in range(20):
        view = google.results_page(query, "all", ctx)
    per_page = (time.perf_counter() - start) / 20
    assert sum(1 for _ in view.walk()) < 300
    assert per_page < 0.01


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda q: q.strip()))
def test_any_query_renders(query: str) -> None:
    phone = chrome_at(search_url(query))
    phone.swipe(540, 1900, 540, 600)
    assert phone.screenshot().shape == (1200, 540, 3)
    assert phone.ui_xml().startswith("<?xml")


@pytest.mark.parametrize("site", [*SITES, "google.com/maps/place", "example.org"])
def test_every_site_renders_its_front_page(site: str) -> None:
    phone = chrome_at(f"https://www.{site}/")
    assert phone.screenshot().shape == (1200, 540, 3)
    assert not page_overflows(phone)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from([*SITES, "google.com/maps/place", "example.org"]),
    st.text(max_size=40),
)
def test_any_site_path_renders(site: str, path: str) -> None:
    phone = chrome_at(f"https://www.{site}/{quote(path)}")
    assert phone.screenshot().shape == (1200, 540, 3)
    assert not page_overflows(phone) or len(path) > 20
