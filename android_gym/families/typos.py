"""Typos of known words: how far one word is from another, and which words are no typos.

The word-level tools the reader (`reader.py`) repairs instructions with: the common English
words that are never read as typos (`data/english.txt`), one edit or two letters apart, and
the one word of several candidates a typo stands for. The rules that use them are the
constants below and `reader.Reader`'s."""

from __future__ import annotations

from functools import cache

from android_gym.families.pools import DATA

TYPO_MIN = 5
"""Words this long or longer that are one edit away from exactly one known word are read as
that word ("wether" -> "weather", "mutch" -> "much"); shorter ones only when two letters are
swapped ("teh", "opne") or, from four letters, one was dropped ("alrm"); a word with a digit
is no typo ("2bedroom" is glued, not "bedroom"); names of values are reached only from six
letters on and never from a capitalised word ("Iceland" is not "Ireland"). A common English
word (`data/english.txt`) is never a typo ("point" stays point, not "joint")."""
REPAIR_MAX = 40
"""Longer words are read as typed, never as typos or glued words: no two known words glued
make one this long, and repairing a word costs the square of its length (an agent can type a
word of thousands of letters into a query a judge reads)."""


@cache
def english() -> dict[str, int]:
    """Common English words (`data/english.txt`) with their frequency rank (0 = most
    common): never read as typos of other words."""
    lines = (DATA / "english.txt").read_text(encoding="utf-8").splitlines()
    return {w: rank for rank, w in enumerate(w for w in lines if w and not w.startswith("#"))}


FAR_TYPO_MIN = 7
"""Unknown words this long or longer may be typos two letters from a known word ("calander";
see `Reader.far_typos`)."""
REAL_TYPO_MIN = 4
"""Common English words this long or longer may be real-word typos ("dose" for "does", "weak"
for "week"; see `Reader.real_word_typos`)."""
COMMONER = 4
"""A typo that could stand for several known words is read as the most common of them when it
ranks at least this many times ahead of the next ("tiem" -> "time", not "item")."""


def commonest(candidates: set[str]) -> str | None:
    """The one candidate a typo stands for: the only one, or a far more common one."""
    if len(candidates) == 1:
        return next(iter(candidates))
    ranks = sorted((english().get(c, len(english())), c) for c in candidates)
    if len(ranks) > 1 and (ranks[0][0] + 1) * COMMONER <= ranks[1][0] + 1:
        return ranks[0][1]
    return None


def deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def two_apart(a: str, b: str) -> bool:
    """Whether `b` is `a` with two of its letters, not the first, typed differently."""
    return a[0] == b[0] and sum(x != y for x, y in zip(a, b, strict=True)) == 2


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
