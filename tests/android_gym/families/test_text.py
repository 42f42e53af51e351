"""Instruction patterns, normalisation and key-term matching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from android_gym.families.text import covers, deglue, match, normalize, word_forms


def test_normalize_folds_case_accents_and_punctuation() -> None:
    assert normalize("  McDonald's in Zürich, D.C.!") == "mcdonalds in zurich dc"


def test_patterns_match_whole_instructions_with_slots() -> None:
    assert match("what's the weather (like )?in {city}", "What's the weather like in Tokyo?") == {
        "city": "Tokyo"
    }
    assert match("what's the weather (like )?in {city}", "whats the weather in  New  York") == {
        "city": "New York"
    }
    assert match(
        "what's the weather in {city}", "What's the weather in Tokyo tomorrow, please? no"
    ) == {"city": "Tokyo tomorrow, please? no"}
    assert match("{brand} ?tv price", "HisenseTV price") == {"brand": "Hisense"}
    assert match("search for {x}", "research for cats") is None


def test_separators_do_not_match_inside_words() -> None:
    found = match("best selling {item} (at|on) {store}", "best selling refrigerators at Lowes")
    assert found == {"item": "refrigerators", "store": "Lowes"}


def test_deglue_splits_known_words_only() -> None:
    vocabulary = {"in", "toronto", "rate", "against", "a", "3", "search", "for", "phone"}
    assert deglue("weather inToronto?", vocabulary) == "weather in Toronto?"
    assert deglue("exchange rateagainst", vocabulary) == "exchange rate against"
    assert deglue("a3 bedroom", vocabulary) == "a 3 bedroom"
    assert deglue("Searchfor cats", vocabulary) == "Search for cats"
    assert deglue("new iPhone", vocabulary) == "new iPhone"


def test_key_terms_and_plurals() -> None:
    assert word_forms("beach towel") == {"beach towel", "beach towels"}
    assert word_forms("restaurants") == {"restaurants", "restaurant"}
    groups = [{"news", "headlines"}, {"chile"}]
    assert covers("Chile news today", groups)
    assert covers("headlines from chile", groups)
    assert not covers("chile", groups)
    assert not covers("chileans news", groups), "terms match whole words"


@given(st.text(max_size=80))
def test_matching_never_crashes(text: str) -> None:
    match("what's the news in {place}", text)
    covers(text, [{"news"}])
    normalize(text)
