"""Spelled-out numbers and times read as digits (property tests against an independent speller)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from android_gym.families.numbers import digits

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int, joiner: str = " ") -> str:
    """English words for 0 <= n < 10**9 ("three hundred and five")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10 - 2] + ("" if n % 10 == 0 else joiner + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return f"{ONES[n // 100]} hundred" + ("" if rest == 0 else " and " + spell(rest, joiner))
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return f"{spell(n // size, joiner)} {name}" + ("" if rest == 0 else " " + spell(rest))
    raise ValueError(n)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_spelled_numbers_read_as_digits(n: int) -> None:
    assert digits(spell(n)) == str(n)


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["bedroom", "dollars", "people"]))
def test_numbers_inside_text_keep_the_other_words(n: int, noun: str) -> None:
    assert digits(f"a {spell(n)} {noun} flat") == f"a {n} {noun} flat"


@given(st.integers(min_value=1, max_value=12))
def test_hours_with_a_part_of_the_day(h: int) -> None:
    assert digits(f"{spell(h)} in the morning") == f"{h}am"
    assert digits(f"{spell(h)} in the evening") == f"{h}pm"
    assert digits(f"{spell(h)} pm") == f"{h}pm"
    assert digits(f"{spell(h)} o clock") == f"{h}:00"


@given(st.integers(min_value=1, max_value=12), st.sampled_from([10, 15, 20, 30, 45, 59]))
def test_hours_and_minutes(h: int, m: int) -> None:
    assert digits(f"{spell(h)} {spell(m)} am") == f"{h}:{m:02d}am"
    assert digits(f"{spell(m)} minutes past {spell(h)}") == f"{h}:{m:02d}"
    expected_to = f"{(h - 2) % 12 + 1}:{60 - m:02d}"
    assert digits(f"{spell(m)} minutes to {spell(h)}") == expected_to


@given(st.integers(min_value=1, max_value=12))
def test_quarters_and_halves(h: int) -> None:
    assert digits(f"quarter past {spell(h)}") == f"{h}:15"
    assert digits(f"half past {spell(h)} pm") == f"{h}:30pm"
    assert digits(f"quarter to {spell(h)}") == f"{(h - 2) % 12 + 1}:45"


def test_examples_and_what_is_left_alone() -> None:
    assert digits("seven in the morning") == "7am"
    assert digits("quarter past six") == "6:15"
    assert digits("twenty five") == "25" and digits("a hundred") == "100"
    assert digits("nine oh five am") == "9:05am" and digits("noon") == "12pm"
    assert digits("ten to six") == "10 to 6", "a bare 'ten to six' may be a range"
    assert digits("twenty twelve") == "20 12", "not a well-formed number"
    assert digits("the 2 bedroom") == "the 2 bedroom"


@given(
    st.lists(
        st.sampled_from(
            [
                *ONES,
                *TENS,
                "hundred",
                "and",
                "a",
                "quarter",
                "past",
                "to",
                "in",
                "the",
                "morning",
                "pm",
                "oh",
                "thousand",
                "x",
            ]
        ),
        max_size=12,
    )
)
def test_any_word_salad_is_read_without_crashing(words: list[str]) -> None:
    out = digits(" ".join(words))
    assert isinstance(out, str) and len(out.split()) <= len(words)
