"""General rules of the shared parser (issue 13, sixth pass of helper parser13f): each case
was read wrongly, or not at all, before its rule, except in the tests of what the rules must
leave alone (the sentences are not rows of any paraphrase set)."""

from __future__ import annotations

import pytest

from android_gym.errors import UnsupportedTask
from android_gym.families import resolve


@pytest.mark.parametrize(
    "text, family, params",
    [
        # the intents of the news family share their words, so the time intent reads what its
        # siblings read ("making news", "catch me up"), and a time of day is the news's time,
        # not a topic "making" nor the headlines with the time dropped
        ("What's making news this afternoon?", "news", {"intent": "time", "time": "this afternoon"}),
        ("what made the news this morning", "news", {"intent": "time", "time": "this morning"}),
        (
            "catch me up on the news from this weekend",
            "news",
            {"intent": "time", "time": "this weekend"},
        ),
        ("anything in the news tonight", "news", {"intent": "time", "time": "tonight"}),
        ("What's making news in Brazil?", "news", {"intent": "place", "place": "Brazil"}),
        # "the weekend" is this weekend's news
        ("whats in the news over the weekend", "news", {"intent": "time", "time": "this weekend"}),
    ],
)
def test_read_by_a_general_rule(text: str, family: str, params: dict) -> None:
    got, got_params = resolve(text)
    assert (got.name, got_params) == (family, params)
