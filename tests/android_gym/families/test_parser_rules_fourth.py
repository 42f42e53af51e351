"""General rules of the shared parser (issue 13, fourth pass of helper parser13c): each case
was read wrongly, or not at all, before its rule (the sentences are not rows of any paraphrase
set)."""

from __future__ import annotations

import pytest

from android_gym.errors import UnsupportedTask
from android_gym.families import reader, resolve


@pytest.mark.parametrize(
    "text, family, params",
    [
        # spelled-out times are read as the same tokens as typed digits, so they meet the times
        ("wake me up at twenty past five", "alarm", {"time": "5:20", "days": ""}),
        ("alarm for half past nine on Friday", "alarm", {"time": "9:30", "days": "Friday"}),
        # chat spellings are the words they stand for ("wat" was a city)
        ("wat time is it", "time", {"intent": "local"}),
        ("wut is the weather like in Paris", "weather", {"intent": "city", "city": "Paris"}),
        (
            "how much r flights from boston to chicago",
            "flights",
            {"intent": "route", "origin": "Boston", "destination": "Chicago"},
        ),
        # a site's address is the site: visited, not a place to drive to
        ("Take me to ebay.com", "web_shopping", {"intent": "visit", "site": "ebay.com"}),
        # a known artist played on YouTube needs no word for music
        ("put on Shakira on youtube", "youtube_music", {"artist": "Shakira"}),
        # words of the intents: "anything new" from a brand, "catch me up", "craving", "from us"
        ("anything new from LG?", "shopping", {"intent": "new_products", "brand": "LG"}),
        (
            "catch me up on the news about climate change",
            "news",
            {"intent": "topic", "topic": "climate change"},
        ),
        ("craving some thai food", "restaurants", {"intent": "cuisine", "cuisine": "Thai"}),
        ("how far is the moon from us", "facts", {"intent": "distance", "thing": "the moon"}),
        # an ambiguous typo ("presdent": present or president) when only one word makes sense
        (
            "whos teh presdent of brazil",
            "facts",
            {"intent": "leader", "role": "president", "country": "Brazil"},
        ),
        # "look up" on a site searches the site
        (
            "Go to ebay.com, look up a nintendo switch",
            "web_shopping",
            {"intent": "search", "site": "ebay.com", "product": "nintendo switch"},
        ),
        # a capitalised word stays a name, common or not
        ("Play some Sum music on YouTube", "youtube_music", {"artist": "Sum"}),
        ("What is the weather like in Bath?", "weather", {"intent": "city", "city": "Bath"}),
        # a known name with a glued possessive is the name ("Coldplays" is no "cold plays")
        ("play Coldplays newest video", "youtube_artist_video", {"artist": "Coldplay"}),
    ],
)
def test_read_by_a_general_rule(text: str, family: str, params: dict) -> None:
    found, got = resolve(text)
    assert (found.name, got) == (family, params)


@pytest.mark.parametrize(
    "text",
    [
        "play sum music on youtube",  # a common word in lower case is no artist (was "sum")
        "take me to example.org",  # an address is no place (was maps directions to it)
        "need a new concelear",  # a misspelt value is no new value (was a product "concelear")
        "whats new from Samsung",  # "news" has no singular "new" (was the news of a place)
        "Go to walmart.com and check my orders",  # a site's request is no web search
        "buy airpods on amazon",  # "on amazon" names the store: no item "airpods on amazon"
    ],
)
def test_no_value_from_a_common_word_an_address_or_a_misspelling(text: str) -> None:
    with pytest.raises(UnsupportedTask):
        resolve(text)


@pytest.mark.parametrize(
    "text, planned",
    [
        ("what is my savings account balance", "banking"),  # was a web search
        ("book a table for 4 at a sushi place", "reservations"),
        ("order food for delivery", "food_delivery"),
        ("call me a cab to the station", "rides"),
    ],
)
def test_apps_the_phone_lacks_are_unsupported_with_the_reason(text: str, planned: str) -> None:
    with pytest.raises(UnsupportedTask) as caught:
        resolve(text)
    assert caught.value.planned == planned


def test_free_text_stops_before_a_known_place() -> None:
    """ "in Austin" starts a phrase of its own: no product "rent in austin" (was one)."""
    found, _ = resolve("how much is rent in austin")
    assert found.name == "web_search"


def test_spelled_out_times_are_read_as_typed_digits() -> None:
    typed = reader().analyse("set an alarm for 6:15").words
    assert reader().analyse("set an alarm for quarter past six").words == typed
