"""Free text in a frame's slot: where a template places it, and why a run of words is no value.

A frame (`frames.py`) fills an open slot with the user's own words only when a template phrase
of that slot delimits them (rule 3 of `frames.py`). This module finds those runs
(`free_text`) and holds every reason a run is refused: the verb of a do-question, the front of
a longer name, a web address, a typo or misspelling of a known name, a common word in lower
case where a proper name belongs, a phrase of a place or store of its own, or free text asked
for by vague cues alone.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from android_gym.families.grammar import Analysis, Phrase, grammar, shape
from android_gym.families.pools import Pool
from android_gym.families.pools import pools as all_pools
from android_gym.families.scenes import written_as_name
from android_gym.families.text import inflections
from android_gym.families.typos import english

if TYPE_CHECKING:
    from android_gym.families.frames import Frame

GENERIC = 5000
"""The commonest English words (`data/english.txt` ranks) are no names when written in lower
case alone: "sum", "deal", "town" (a city, artist or channel of one such word is written with
a capital, or is a known value; runs of several words stay free text: "cape town")."""


def vaguely_asked(a: Analysis, cues: tuple[str, ...], free_at: dict) -> str:
    """Why free text asked for only by vague cues (`vague_cues` in `grammar.yaml`: "how
    much") is no value, else "": it must be written as a name, a capitalised word or a number
    ("how much is a Steam Deck"), since "how much" asks the amount of anything ("how much is
    a bitcoin worth", "how much is a ticket to the zoo")."""
    if not cues or not all(tuple(c.split()) in grammar().vague_cues for c in cues):
        return ""
    for start, end in free_at.values():
        if not any(
            written_as_name(a, i) or any(ch.isdigit() for ch in a.words[i])
            for i in range(start, end)
        ):
            return (
                f"{a.surface(start, end)!r}, asked for by {cues[0]!r} alone, is written as no name"
            )
    return ""


def next_to(
    phrases_: tuple[Phrase, ...], words: list[str], start: int, end: int, before: bool
) -> bool:
    """Whether one of the phrases stands right before words[start:end] (or right after),
    determiners in between allowed ("for my phone")."""
    skip = grammar().determiners
    if before:
        while start > 0 and words[start - 1] in skip:
            start -= 1
        return any(tuple(words[max(0, start - len(p)) : start]) == p for p in phrases_)
    while end < len(words) and words[end] in skip:
        end += 1
    return any(tuple(words[end : end + len(p)]) == p for p in phrases_)


def delimits(frame: Frame, slot: str, words: list[str], start: int, end: int) -> bool:
    return next_to(frame.before.get(slot, ()), words, start, end, True) or next_to(
        frame.after.get(slot, ()), words, start, end, False
    )


def free_text(
    frame: Frame,
    a: Analysis,
    loose: list[int],
    explained: list[bool],
    asides: set[int],
    filled: set[str],
    grown: dict[int, str],
) -> dict[str, tuple[int, int]] | str:
    """Runs of unexplained words (joined by fillers, within one clause) as free-text values of
    unfilled slots that a template delimits. A leading article stays when the slot's pool
    writes its own values with one ("a horse", "the moon") or the slot has no pool."""
    words, clauses = a.words, a.clauses
    fillers, articles = grammar().fillers, grammar().articles
    pools = dict(frame.slots)
    out: dict[str, tuple[int, int]] = {}
    i = 0
    while i < len(words):
        if i not in loose or clauses[i] in asides:
            i += 1
            continue
        start = end = j = i
        while start > 0 and start - 1 in grown and clauses[start - 1] == clauses[i]:
            start -= 1
        while j < len(words) and (not explained[j] or j in grown) and clauses[j] == clauses[i]:
            if words[j] not in fillers:
                end = j
            j += 1
        refs = [words[k] for k in range(start, end + 1) if words[k] in grammar().references]
        if refs:
            run = a.surface(start, end + 1)
            return f"unexplained words: {run!r} ({refs[0]!r} refers elsewhere)"
        absorbed = {grown[k] for k in range(start, end + 1) if k in grown}
        fits = [
            s
            for s in frame.free_slots()
            if s not in out
            and (s not in filled or absorbed == {s})
            and absorbed <= {s}
            and delimits(frame, s, words, start, end + 1)
        ]
        if not fits:
            return f"unexplained words: {a.surface(start, end + 1)!r} (no template places them)"
        slot, pool = fits[0], pools[fits[0]]
        if pool is not None and pool.extend_only and not absorbed:
            run = a.surface(start, end + 1)
            return f"unexplained words: {run!r} (free text only extends a value of {pool.name})"
        why = _asked_verb(a, start, end + 1) or _cut_short(frame, a, slot, start, end + 1)
        if why := why or _not_a_value(a, start, end + 1, pool):
            return f"unexplained words: {a.surface(start, end + 1)!r} ({why})"
        styled = pool is None or any(v.split()[0].lower() in articles for v in pool.values)
        if styled and start > 0 and words[start - 1] in articles and not explained[start - 1]:
            start -= 1
        out[slot] = (start, end + 1)
        i = end + 1
    return out


_DO = frozenset({"do", "does", "did"})


def _asked_verb(a: Analysis, start: int, end: int) -> str:
    """Why the run a.words[start:end] holds the verb of a do-question, else "": after "do",
    "does" or "did" the subject comes, then the verb the question asks with, so a run that
    follows one and ends its clause ends with that verb ("how much does an elephant weigh"
    asks a weight, not the price of an "elephant weigh"; "how much does a tent cost" keeps the
    verb out of the run, as a cue)."""
    words, k = a.words, start
    while k > 0 and words[k - 1] in grammar().determiners:
        k -= 1
    ends_clause = end == len(words) or a.clauses[end] != a.clauses[end - 1]
    if k > 0 and words[k - 1] in _DO and ends_clause and end - start > 1:
        return f"{words[end - 1]!r} is the verb of the question, not a word of the intent"
    return ""


def _cut_short(frame: Frame, a: Analysis, slot: str, start: int, end: int) -> str:
    """Why the run a.words[start:end] is only the front of a longer name, else "": a cue of
    the frame right after it, in its clause, that no template of the slot puts there and that
    is no function word ("on youtube"), is the name's head ("to New Zealand dollars" names a
    kind of dollar, not a currency "New Zealand"; "{topic} news" is a template, so "climate
    change news" is whole)."""
    if end >= len(a.words) or a.clauses[end] != a.clauses[end - 1]:
        return ""
    if a.words[end] in grammar().fillers:  # "chess on youtube": a phrase of its own
        return ""
    if next_to(frame.after.get(slot, ()), a.words, start, end, False):
        return ""
    heads = {s for spans in a.group_spans(frame, frame.cues) for s, _ in spans}
    if end in heads:
        return f"{a.surface(start, end + 1)!r} is one name, cut short before {a.words[end]!r}"
    return ""


def _not_a_value(a: Analysis, start: int, end: int, pool: Pool | None) -> str:
    """Why the run a.words[start:end] cannot be a free-text value of `pool`, else "": a web
    address or handle names a site or account, never a place, product or topic ("Take me to
    bestbuy.com"); a pool of proper names takes no single word of the `GENERIC` commonest
    English words written in lower case ("play sum music": a misspelt "some", not an artist);
    a known value of any pool behind "in", "at", "on", "from" or "near" starts a phrase of its
    own ("how much is rent in Austin" is no product "rent in Austin", "buy airpods on amazon" no
    item "airpods on amazon"); a command verb alone is no name ("download a video from
    youtube" asks no topic "download", "how do I make the news" none "make"); a word in lower
    case that is a typo of known words (several, none far more common, or it would have been
    read as one) is no part of a name ("best seling paint": selling or seeing, reread by the
    registry, not a product "seling paint");
    and a word two edits from a word of any pool's names is that name misspelt, not a new value
    ("need a new concelear"; "closest hardwear store" is no place "hardwear" but a misspelt
    kind of place), and so is a word in lower case with two neighbouring letters of a known
    value's name swapped ("to pairs", "drkae")."""
    words = a.words[start:end]
    if found := next((w for w in words if shape(w)), None):
        return f"{found!r} names a site or account"
    if typo := next((a.words[k] for k in range(start, end) if k in a.typos), None):
        return f"{typo!r} is a typo of a known word, not a name"
    if (
        pool is not None
        and pool.proper
        and len(words) == 1
        and english().get(words[0], GENERIC) < GENERIC
        and a.surface(start, end).islower()
    ):
        return f"{words[0]!r}, a common word in lower case, is no name of {pool.name}"
    if len(words) == 1 and words[0] in _command_forms():
        return f"{words[0]!r} is a command verb, not a name"
    locating = [k for k in range(start, end - 1) if a.words[k] in _LOCATING]
    if locating:  # every pool's mentions, found once
        known_starts = {s for s, _, _ in _known(a)}
        k = next((k for k in locating if k + 1 in known_starts), None)
        if k is not None:
            return f"{a.surface(k, end)!r} starts with a place or store of its own"
    for w in words if pool is not None and not pool.closed else ():
        if len(w) >= 6 and w not in english() and (near := _misspelt(w)):
            return f"{w!r} looks like a misspelt {near!r}"
    for k in range(start, end):
        if (swapped := _swapped(a.words[k])) and a.surface(k, k + 1).islower():
            return f"{a.words[k]!r} looks like a misspelt {swapped!r}"
    return ""


def _swapped(word: str) -> str | None:
    """The word of a known value's name (any pool's) that `word` is with two neighbouring
    letters swapped ("drkae": "drake", "pairs": "paris"), if any, and `word` itself names no
    value."""
    every = all_pools().values()
    if len(word) < 4 or word in _named_words():
        return None
    return next((p.swapped_words[word] for p in every if word in p.swapped_words), None)


@cache
def _command_forms() -> frozenset[str]:
    """The command verbs (`commands` in `grammar.yaml`) with their inflections ("making")."""
    return frozenset(f for verb in grammar().commands for f in inflections(verb))


@cache
def _named_words() -> frozenset[str]:
    """Every word of every pool's names (`pools.pools()`, made once)."""
    return frozenset(w for p in all_pools().values() for w in p.words())


_LOCATING = frozenset({"in", "at", "on", "from", "near"})


def _known(a: Analysis) -> list[tuple[int, int, str]]:
    """Every mention of a value of any pool (`pools.pools()`) in `a`."""
    return [m for p in all_pools().values() for m in a.entities(p)]


def _misspelt(word: str) -> str | None:
    """The word of a known value's name (any pool's) that `word` is two edits from (a deleted
    letter each way: "concelear" and "concealer" both give "conceler"), if any, and `word`
    itself names no value: a misspelt value is no new value."""
    every = all_pools().values()
    if word in _named_words():
        return None
    for i in range(len(word)):
        cut = word[:i] + word[i + 1 :]
        if found := next((p.near_words[cut] for p in every if cut in p.near_words), None):
            return found
    return None
