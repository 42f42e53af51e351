"""Judging a query a task's agent typed: whether it covers the task's key terms.

`covers` reads the query like an instruction (`reader.Reader`), against the terms' own words,
so glued words, numbers in words and typos of term words count as the terms (see its
docstring). Every family's judge of a search asks it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from android_gym.families import numbers
from android_gym.families.grammar import grammar, phrase
from android_gym.families.reader import Reader


@lru_cache(maxsize=256)
def _query_reader(vocabulary: frozenset[str], strict: frozenset[str]) -> Reader:
    """A reader of queries against a task's key-term words (judges ask on every step)."""
    return Reader(set(vocabulary) | grammar().words(), set(strict), prefer=vocabulary)


def covers(query: str, groups: Iterable[Iterable[str]], names: Iterable[str] | None = None) -> bool:
    """True when `query` contains one phrase of every group of key terms, as whole words.

    The query is read like an instruction, against the terms' own words (as a search engine's
    "showing results for"): glued words are split, numbers count in words or digits, a word one
    edit away from a term word counts as that word, from six letters on for words of `names`
    (names of values; by default every term word) and as for instructions otherwise. A term
    written as the query writes it counts too ("hundred" in "one hundred years", read as 100).
    """
    spelled = [[tuple(phrase(p)) for p in g] for g in groups]
    wanted = [[tuple(numbers.digits(" ".join(p)).split()) for p in g] for g in spelled]
    vocabulary = {w for group in wanted for p in group for w in p}
    strict = vocabulary if names is None else {w for n in names for w in phrase(n)}
    words = _query_reader(frozenset(vocabulary), frozenset(strict)).analyse(query, polite=False)
    padded = f" {' '.join(words.words)} "

    @cache
    def plain() -> str:  # the query as written, read only when a term is missing as read
        return f" {' '.join(phrase(query))} "

    def found(digit_form: tuple[str, ...], as_written: tuple[str, ...]) -> bool:
        return bool(digit_form) and (
            f" {' '.join(digit_form)} " in padded or f" {' '.join(as_written)} " in plain()
        )

    return all(any(map(found, w, s)) for w, s in zip(wanted, spelled, strict=True))
