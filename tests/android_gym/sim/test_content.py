"""The simulated web's content: every AitW General vertical gets its answer card from the
query alone, loose phrasings agree, facts are right, suggestions complete what was typed,
and nothing a user types can crash it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from android_gym.content import classify, search, suggestions

AITW = Path(__file__).resolve().parents[4] / "shared" / "aitw"

# (query as an agent would type it, vertical, card kind)
VERTICALS = [
    ("news in Chile", "news", "news"),
    ("What's the news in the Dominican Republic?", "news", "news"),
    ("What's the news this week?", "news", "news"),
    ("What's the news about the US economy?", "news", "news"),
    ("latest news in astrophysics", "news", "news"),
    ("weather in Tokyo", "weather", "weather"),
    ("What's the weather like inToronto?", "weather", "weather"),
    ("What time is it in Moscow?", "time", "time"),
    ("what time is it", "time", "time"),
    ("capital of Switzerland", "capital", "answer"),
    ("Who is the prime minister of the United Kingdom?", "leader", "answer"),
    ("What is the speed of a cheetah?", "fact", "answer"),
    ("How big is the moon?", "fact", "answer"),
    ("What's US dollar exchange rateagainst the Mexican Peso?", "currency", "currency"),
    ("hotels in Zurich", "hotels", "hotels"),
    ("flights from NYC to Paris", "flights", "flights"),
    ("2 bedroom apartment rent in Boston", "rent", "rent"),
    ("How much does a3 bedroom apartment rent for in Portland?", "rent", "rent"),
    ("good restaurant in Portland", "places", "places"),
    ("Search for good Korean restaurants", "places", "places"),
    ("How do I get to the nearest Lowe's?", "places", "places"),
    ("Find the nearest electronics store that's open tomorrow", "places", "places"),
    ("Samsung TV price", "shopping", "shopping"),
    ("How much does the HisenseTV cost?", "shopping", "shopping"),
    ("What is the price of a 12' ladder at Home Depot?", "shopping", "shopping"),
    ("Where can I buy a nice beach towel?", "shopping", "shopping"),
    ("Search for a new mascara on Sephora", "shopping", "shopping"),
    ("menu Burger King", "menu", "menu"),
    ("What's on the menu at Chick-fil-A?", "menu", "menu"),
    ("wallpapers for my phone", "images", "wallpapers"),
    ("Show me some nice wallpapers for my computer", "images", "wide_images"),
    ("What does the iPhone 8 look like?", "images", "images"),
    ("What's the latest video from GameSpot News?", "videos", "videos"),
    ("chile", "knowledge", "knowledge"),
]


@pytest.mark.parametrize(("query", "vertical", "card"), VERTICALS)
def test_each_vertical_gets_its_card(query: str, vertical: str, card: str) -> None:
    assert classify(query).kind == vertical
    results = search(query)
    assert results.cards and results.cards[0].kind == card
    assert len(results.results) == 4
    assert len(results.questions) == 4 and len(results.related) == 6


@pytest.mark.parametrize(
    "phrasings",
    [
        ("chile news", "news in chile", "What's the news in Chile?", "latest news chile"),
        ("weather paris", "What's the weather like in Paris?", "paris weather forecast"),
        ("capital of peru", "What is the capital of Peru?", "Google the capital of Peru"),
        ("time in tokyo", "What time is it in Tokyo?", "tokyo time now"),
        ("hotels in nyc", "Search for hotels in New York", "new york city hotels"),
    ],
)
def test_loose_phrasings_land_on_the_same_card(phrasings: tuple[str, ...]) -> None:
    cards = {search(q).cards[0] for q in phrasings}
    assert len(cards) == 1


def test_facts_are_right() -> None:
    assert search("capital of Switzerland").cards[0].value == "Bern"
    assert search("What is the capital of Japan?").cards[0].value == "Tokyo"
    assert search("Who is the president of France?").cards[0].value == "Emmanuel Macron"
    assert search("What is the speed of light?").cards[0].value == "299,792,458 m/s"
    assert search("How far is the moon?").cards[0].value == "384,400 km"
    tokyo = search("What time is it in Tokyo?").cards[0]
    assert tokyo.value == "1:38 AM" and "June 2, 2024 (GMT+9)" in tokyo.subtitle
    assert search("What time is it in New York?").cards[0].value == "12:38 PM"
    rate = float(search("usd to eur").cards[0].value.split()[0])
    assert 0.85 < rate < 1.0
    yen = search("What's US dollar exchange rate against the Japanese Yen?").cards[0]
    assert yen.value.endswith("Japanese Yen") and 140 < float(yen.value.split()[0]) < 170


def test_cards_carry_what_the_task_asks_about() -> None:
    rent = search("How much does a 3 bedroom apartment rent for in Dallas?").cards[0]
    assert "3-bedroom" in rent.title and "Dallas, TX" in rent.title
    assert rent.value.startswith("$") and rent.value.endswith("/mo")
    flights = search("Search for flights from Sydney to Helsinki").cards[0]
    assert "Sydney" in flights.title and "Helsinki" in flights.title
    assert all(i.price.startswith("$") and "h" in i.lines[1] for i in flights.items)
    lg = search("How much does the LG TV cost?").cards[0]
    assert all(i.title.startswith("LG") for i in lg.items[:3])
    sephora = search("Search for a new blush on Sephora").cards[0]
    assert {i.lines[0] for i in sephora.items} == {"Sephora"}
    menu = search("What's on the menu at McDonalds?").cards[0]
    assert menu.title == "McDonald's" and "Big Mac" in [i.title for i in menu.items]
    lowes = search("How do I get to the nearest Lowe's?").cards[0]
    assert {i.title for i in lowes.items} == {"Lowe's"} and "mi" in lowes.items[0].lines[0]
    weather = search("weather in chicago").cards[0]
    assert weather.title == "Chicago, IL" and len(weather.items) == 8 and len(weather.chart) == 8
    assert {k for k, _ in weather.rows} == {"Precipitation", "Humidity", "Wind"}


SITES = {
    "news in Japan": {"aljazeera.com", "apnews.com", "bbc.com", "reuters.com", "theguardian.com"},
    "weather in London": {
        "weather.com",
        "accuweather.com",
        "wunderground.com",
        "weather.gov",
        "timeanddate.com",
    },
    "hotels in Paris": {"booking.com", "expedia.com", "tripadvisor.com", "hotels.com", "kayak.com"},
    "2 bedroom apartment rent in Miami": {
        "zillow.com",
        "apartments.com",
        "rentcafe.com",
        "zumper.com",
        "rent.com",
    },
}


@pytest.mark.parametrize("query", SITES)
def test_organic_results_come_from_sites_that_fit(query: str) -> None:
    hosts = {urlsplit(r.url).netloc.removeprefix("www.") for r in search(query).results}
    assert hosts <= SITES[query]


def test_people_also_ask_is_about_the_subject() -> None:
    assert all("Suriname" in q for q in search("suriname news today").questions)
    assert all("Chicago" in q for q in search("weather like in Chicago?").questions)


def test_unknown_queries_get_generic_results() -> None:
    results = search("quantum flux capacitor")
    assert results.cards == () and len(results.results) == 4
    assert all("quantum flux capacitor" in q for q in results.questions)


def test_made_up_places_still_get_answers() -> None:
    card = search("weather in Zzyzx").cards[0]
    assert card.kind == "weather" and card.title == "Zzyzx"
    assert search("hotels in Springfield").cards[0].title == "Hotels | Springfield"


@pytest.mark.parametrize("tab", ["news", "images", "videos", "shopping", "books"])
def test_every_tab_has_content(tab: str) -> None:
    results = search("What's the news in India?", tab)
    assert results.tab == tab and results.cards and len(results.cards[0].items) >= 6


def test_search_is_cached() -> None:
    assert search("weather in tokyo") is search("weather in tokyo")


def _fingerprint() -> str:
    queries = [q for q, _, _ in VERTICALS]
    data = [repr(search(q, tab)) for q in queries for tab in ("all", "news", "images")]
    data += [repr(suggestions(q[:12])) for q in queries]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def test_content_is_the_same_in_every_process() -> None:
    code = "from tests.android_gym.sim.test_content import _fingerprint; print(_fingerprint())"
    root = Path(__file__).resolve().parents[3]
    outputs = set()
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        outputs.add(done.stdout.strip())
    assert outputs == {_fingerprint()}


def test_suggestions_complete_and_correct_what_was_typed() -> None:
    typo = suggestions("hotels in washinton dc")
    assert typo[0] == "hotels in washington dc"
    assert {"5-star hotels in washington dc", "cheap hotels in washington dc"} <= set(typo)
    assert suggestions("weather in chi")[0] == "weather in chicago"
    assert suggestions("flights from nyc to par")[0] == "flights from nyc to paris"
    assert "usd to eur" in suggestions("usd to")
    assert suggestions("") == suggestions("   ") == []
    assert all(len(suggestions(q)) <= 6 for q, _, _ in VERTICALS)


def test_suggestions_are_not_results() -> None:
    assert all(isinstance(s, str) for s in suggestions("menu burger king"))
    assert suggestions("menu burger king") == suggestions("Menu  Burger King")


GENERAL_WEB = re.compile(
    r"news|weather|time|capital|president|prime minister|speed|how big|how far|how old|"
    r"exchange rate|hotels|flights|rent|restaurant|nearest|menu|price|cost|buy|new \w+$|"
    r"wallpapers|look like|products|best selling|video from|on maps",
    re.IGNORECASE,
)
APP_TASKS = re.compile(
    r"^(?:open|install|set an|check|toggle|turn|go to|play)\b|calendar|"
    r"app\b",
    re.IGNORECASE,
)


@pytest.mark.skipif(not AITW.is_dir(), reason="the AitW task lists (shared/aitw) are absent")
def test_every_aitw_general_web_question_gets_a_card() -> None:
    lines = {
        line.strip()
        for name in ("general_train.txt", "general_test.txt")
        for line in (AITW / name).read_text().splitlines()
        if line.strip()
    }
    web = [q for q in lines if GENERAL_WEB.search(q) and not APP_TASKS.search(q)]
    assert len(web) > 400
    missing = [q for q in web if not search(q).cards]
    assert not missing, missing[:10]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_crashes_content(query: str) -> None:
    for tab in ("all", "news", "images", "videos", "shopping", "books"):
        results = search(query, tab)
        assert results.tab == tab
    assert len(suggestions(query)) <= 6


CHAINS = (
    "McDonald's",
    "Burger King",
    "Taco Bell",
    "Subway",
    "Chick-fil-A",
    "Olive Garden",
    "IHOP",
    "Denny's",
    "Domino's",
    "Five Guys",
    "In-N-Out",
    "Panera",
    "Papa Murphy's",
    "Cheesecake Factory",
    "Chipotle",
    "Pizza Hut",
    "Red Lobster",
    "Starbucks",
    "Papa John's",
)


@pytest.mark.parametrize("chain", CHAINS)
def test_every_chain_has_a_priced_menu(chain: str) -> None:
    card = search(f"What's on the menu at {chain}?").cards[0]
    assert card.kind == "menu" and card.title == chain and len(card.items) >= 6
    assert all(i.title and re.fullmatch(r"\$\d+\.\d\d", i.price) for i in card.items)


def test_listed_places_have_names() -> None:
    for query in (
        "restaurants in Seattle",
        "Search for good Greek restaurants",
        "Find coffee shops on Maps",
        "Find the nearest grocery store",
    ):
        assert all(i.title for i in search(query).cards[0].items), query
