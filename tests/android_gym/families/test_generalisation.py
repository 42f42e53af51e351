"""General reading rules of the shared parser (issue 13, second pass): common English words are
never typos, cues match their inflections and synonyms, harmless context is absorbed by every
intent, app syntax reaches planned intents, and a near miss needs its slot's value."""

from __future__ import annotations

import pytest

from android_gym.errors import UnsupportedTask
from android_gym.families import reader, resolve
from android_gym.families.grammar import tokenize
from android_gym.families.text import inflections


@pytest.mark.parametrize(
    ("text", "family", "params"),
    [
        # typos: real typos are fixed, common English words are not
        ("whats the wether in paris", "weather", {"intent": "city", "city": "Paris"}),
        ("whats the tiem in Tokyo", "time", {"intent": "city", "city": "Tokyo"}),
        ("is the weather lookin good in Oslo", "weather", {"intent": "city", "city": "Oslo"}),
        # inflections and synonyms of cues
        (
            "How much is renting a 2 bedroom apartment in Chicago?",
            "rent",
            {"intent": "apartment", "bedrooms": "2", "city": "Chicago"},
        ),
        (
            "how much are 2 bedroom condos priced in Denver",
            "rent",
            {"intent": "apartment", "bedrooms": "2", "city": "Denver"},
        ),
        ("How much does a Samsung TV costs", "product_price", {"intent": "tv", "brand": "Samsung"}),
        (
            "What's the price of the Insignia TV?",
            "product_price",
            {"intent": "tv", "brand": "Insignia"},
        ),
        # harmless context
        (
            "Who is the prime minister of the UK these days?",
            "facts",
            {"intent": "leader", "role": "prime minister", "country": "the United Kingdom"},
        ),
        ("capital of France currently", "facts", {"intent": "capital", "country": "France"}),
        ("I need a hotel in Paris for vacation", "hotels", {"intent": "city", "city": "Paris"}),
        ("Is it going to rain in Seattle today?", "weather", {"intent": "city", "city": "Seattle"}),
        # shopping in people's words
        ("where can I get a beach chair", "shopping", {"intent": "buy", "item": "beach chair"}),
        ("a good bronzer to try", "beauty", {"intent": "product", "product": "bronzer"}),
    ],
)
def test_reads_as(text: str, family: str, params: dict) -> None:
    found, got = resolve(text)
    assert (found.name, got) == (family, params)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("What is the boiling point of water?", ["boiling", "point", "water"]),
        ("how to get rid of hiccups", ["get", "rid", "hiccups"]),
        ("When does daylight saving time end", ["daylight", "saving", "time", "end"]),
    ],
)
def test_plain_requests_are_web_searches_with_their_words(text: str, words: list[str]) -> None:
    family, params = resolve(text)
    assert family.name == "web_search"
    assert all(w in params["query"].lower() for w in words)


def test_common_english_words_are_not_corrected_but_typos_are() -> None:
    words = reader().analyse("boiling point of water later settle tunes wether resturant").words
    assert words[:6] == ["boiling", "point", "of", "water", "later", "settle"]
    assert words[6:] == ["tunes", "weather", "restaurant"]


def test_inflections_of_a_cue() -> None:
    assert {"rents", "renting", "rented"} <= inflections("rent")
    assert {"prices", "pricing", "priced"} <= inflections("price")
    assert {"shopping", "shopped"} <= inflections("shop")
    assert {"flies", "flying"} <= inflections("fly")
    assert inflections("up") == {"up"}  # a short word stays as it is
    assert {"goes", "going", "went"} <= inflections("go")  # unless it is an irregular verb


def test_app_syntax_stays_one_token_and_reaches_the_planned_intent() -> None:
    assert [t.word for t in tokenize("top posts on r/aww and/or u/spez")] == [
        "top", "posts", "on", "r/aww", "and", "or", "u/spez",
    ]  # fmt: skip
    with pytest.raises(UnsupportedTask) as exc:
        resolve("Show me the top posts on r/aww")
    assert exc.value.planned == "reddit_communities"


@pytest.mark.parametrize("text", ["weather in Paris blorpville", "weather in Paris and London"])
def test_a_near_miss_with_its_value_present_stays_unsupported(text: str) -> None:
    with pytest.raises(UnsupportedTask) as exc:
        resolve(text)
    assert "weather.city declines" in str(exc.value)
