"""General rules of the shared parser (issue 13, second pass of helper parser13): each case
read differently (a wrong parse, or none) before its rule."""

from __future__ import annotations

import pytest

from android_gym.errors import UnsupportedTask
from android_gym.families import explain, reader, resolve
from android_gym.families.text import inflections


@pytest.mark.parametrize(
    "text, family, params",
    [
        # irregular forms of cues: "go for" also reads "going for" (was a product "... going")
        (
            "How much are Samsung TVs going for?",
            "product_price",
            {"intent": "tv", "brand": "Samsung"},
        ),
        (
            "How much is a two bedroom apartment in Boston going for?",
            "rent",
            {"intent": "apartment", "bedrooms": "2", "city": "Boston"},
        ),
        # a value said inside a cue ("drive to") fills its empty slot
        (
            "How do I drive to the closest IKEA?",
            "maps_directions",
            {"place": "IKEA", "nearest": True, "mode": "drive"},
        ),
        # a separated particle moves back to its verb
        ("Turn wifi off", "device_toggle", {"setting": "wifi", "state": "off"}),
        (
            "please switch the bluetooth on",
            "device_toggle",
            {"setting": "bluetooth", "state": "on"},
        ),
        # "privately" names the incognito mode; the same value said twice is explained
        (
            "I'd like to browse privately in a new tab",
            "chrome_ui",
            {"incognito": True, "window": False},
        ),
        ("open a private tab in incognito mode", "chrome_ui", {"incognito": True, "window": False}),
        # a real word one edit from a far more common known word, when nothing else reads it
        ("what is the capitol of France", "facts", {"intent": "capital", "country": "France"}),
        # shared words: "i was wondering" is politeness, "rn" context, "have" a filler
        (
            "I was wondering how old the universe is",
            "facts",
            {"intent": "age", "thing": "the universe"},
        ),
        ("time in berlin rn", "time", {"intent": "city", "city": "Berlin"}),
        ("Do I have any notifications?", "notification_shade", {}),
    ],
)
def test_read_by_a_general_rule(text: str, family: str, params: dict) -> None:
    found, got = resolve(text)
    assert (found.name, got) == (family, params)


@pytest.mark.parametrize(
    "text, intent, why",
    [
        # free text that holds a near miss's cue and value is that intent's request, unread
        ("How much are Walmart Samsung TVs trending lately", "product_price.product", "a cue"),
        (
            "How much is a 2 bedroom Boston apartment renting lately",
            "product_price.product",
            "a cue",
        ),
        # free text stops before a known value behind "in", "at", ... (fourth pass)
        (
            "How much are Samsung TVs trending at Walmart lately",
            "product_price.product",
            "of its own",
        ),
        (
            "How much is a 2 bedroom apartment in Boston renting lately",
            "product_price.product",
            "of its own",
        ),
        # a "there" that points at a place the intent has no value for (was time.local)
        ("I am flying to Auckland tomorrow, what time is it there now?", "time.local", "refers to"),
        # a declined app intent that needs no value blocks the generic search (was a search)
        ("Do I have any notifications from yesterday?", "notification_shade.shade", "unexplained"),
    ],
)
def test_unsure_reads_are_unsupported_not_wrong(text: str, intent: str, why: str) -> None:
    with pytest.raises(UnsupportedTask):
        resolve(text)
    assert why in explain(text).declined[intent]


def test_free_text_never_holds_a_reference() -> None:
    """ "a new case that fits it nicely" is no beauty product: "it" points elsewhere."""
    notes = explain("Search for a new case that fits it nicely")
    assert notes.family != "beauty"
    assert "refers elsewhere" in notes.declined["beauty.product"]


def test_there_in_there_is_is_no_reference() -> None:
    assert resolve("Is there a good restaurant near me?")[1] == {"intent": "near"}
    assert resolve("what time is it there in Paris")[1] == {"intent": "city", "city": "Paris"}


def test_particles_move_only_from_the_end_of_their_clause() -> None:
    assert reader().analyse("Turn wifi off").words == ["turn", "off", "wifi"]
    assert reader().analyse("turn off the wifi").words == ["turn", "off", "the", "wifi"]
    far = reader().analyse("turn the big bright living room lights off").words
    assert far[-1] == "off"  # more than four words away: left as written


def test_irregular_verbs_have_their_forms() -> None:
    assert {"going", "goes", "went"} <= inflections("go")
    assert "sold" in inflections("sell") and "selled" not in inflections("sell")


def test_real_words_are_corrected_only_when_nothing_reads_the_instruction() -> None:
    """ "capitol" is read as "capital" only on the re-read; as typed it stays a real word."""
    assert "capitol" in reader().analyse("what is the capitol of France").words
    assert resolve("Who built the capitol building")[0].name == "web_search"
