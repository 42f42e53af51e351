"""General rules of the shared parser (issue 13, fifth pass of helper parser13e): each case
was read wrongly, or not at all, before its rule (the sentences are not rows of any paraphrase
set)."""

from __future__ import annotations

import pytest

from android_gym.errors import UnsupportedTask
from android_gym.families import resolve


@pytest.mark.parametrize(
    "text, family, params",
    [
        # a place's role comes from the phrase before it, wherever it stands ("Denver and" is
        # no origin because "between Boston and" is one)
        (
            "we have a wedding in denver and im coming from atlanta, find flights",
            "flights",
            {"intent": "route", "origin": "Atlanta", "destination": "Denver"},
        ),
        (
            "flights to Denver and from Atlanta",
            "flights",
            {"intent": "route", "origin": "Atlanta", "destination": "Denver"},
        ),
        # a typo of several known words is no part of a free-text value: the reread finds it
        (
            "best seling paint at walmart",
            "shopping",
            {"intent": "best_sellers", "item": "paint", "store": "Walmart"},
        ),
    ],
)
def test_read_by_a_general_rule(text: str, family: str, params: dict) -> None:
    found, got = resolve(text)
    assert (found.name, got) == (family, params)


@pytest.mark.parametrize(
    "text, family",
    [
        # the verb of a do-question is what it asks: a weight, not the price of "elephant weigh"
        ("How much does an elephant weigh?", "web_search"),
        ("how much does gold weigh", "web_search"),
    ],
)
def test_not_read_as_a_family_it_does_not_ask(text: str, family: str) -> None:
    found, _ = resolve(text)
    assert found.name == family


@pytest.mark.parametrize(
    "text",
    [
        # a cue right after a free-text value is the head of a longer name: no currency "Taiwan"
        "how much is a dollar in Taiwan dollars",
    ],
)
def test_no_value_cut_short(text: str) -> None:
    with pytest.raises(UnsupportedTask):
        resolve(text)


def test_a_price_question_keeps_its_verb_out_of_the_product() -> None:
    found, params = resolve("how much does a camping tent cost")
    assert (found.name, params["product"]) == ("product_price", "camping tent")
