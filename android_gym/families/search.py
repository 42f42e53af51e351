"""Web-search task families: one general mechanism, configured per vertical as data.

A search family is a list of `Intent`s. An intent declares how instructions ask for it (a
`Frame`: cues, slots, templates, words; see `frames.py`), sample templates (for generating
instructions), the query an expert would type, and the key terms a query must cover. Success:
the foreground browser shows a Google results page (not suggestions) for a query covering every
key-term group.

The AitW General verticals live in `data/search.yaml`; `load_search_families` reads any file of
that form, so users can add verticals without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from android_gym.actions import Action
from android_gym.devices.base import DeviceState
from android_gym.errors import InvalidChoice
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame
from android_gym.families.grammar import grammar, tokenize
from android_gym.families.pools import load_yaml, pools
from android_gym.families.queries import covers
from android_gym.families.text import normalize, word_forms
from android_gym.ui import UIElement
from android_gym.urls import parse_search

BROWSERS = ("com.android.chrome", "com.google.android.googlequicksearchbox")


@dataclass(frozen=True)
class Intent:
    """One kind of search: how it is asked for (`frame`; None for the generic fallback, which
    the registry fills), samples ("What's the weather like in {city}?"), the query an expert
    types ("{city} weather") and the key-term groups ("a|b" alternatives; "{slot}" the slot's
    value and its aliases; "{slot*}" every content word of the slot's value)."""

    name: str
    frame: Frame | None
    samples: tuple[str, ...]
    query: str
    terms: tuple[str, ...]

    @property
    def slots(self) -> dict:
        return dict(self.frame.slots) if self.frame else {}


class SearchFamily(Family):
    """A web-search family made of intents (tried in order)."""

    def __init__(self, name: str, description: str, intents: list[Intent]) -> None:
        self.name = name
        self.description = description
        self.intents = {i.name: i for i in intents}
        self._frames = tuple(i.frame for i in intents if i.frame is not None)

    def frames(self) -> tuple[Frame, ...]:
        return self._frames

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        # Intents without slots have nothing to hold out, so the test split does not use them.
        names = [n for n, i in self.intents.items() if i.samples and (i.slots or split != "test")]
        intent = self.intents[names[int(rng.integers(len(names)))]]
        values: dict[str, str] = {}
        for slot, pool in intent.slots.items():
            if slot in intent.frame.optional:
                continue
            used = set(values.values())
            choices = [c for c in pool.split(split) if c not in used]  # from != to
            values[slot] = choices[int(rng.integers(len(choices)))]
        template = intent.samples[int(rng.integers(len(intent.samples)))]
        return template.format(**values), {"intent": intent.name, **values}

    def query(self, params: Params) -> str:
        """The query the oracle types."""
        intent = self.intents[params["intent"]]
        return " ".join(
            intent.query.format(**{k: v for k, v in params.items() if k != "intent"}).split()
        )

    def key_terms(self, params: Params) -> list[set[str]]:
        """Groups of phrases; a successful query contains one phrase of each group. A group of
        words that shares a phrase with one of the intent's cue groups also accepts that cue
        group's phrases: a query may name the intent in any words the parser accepts for it
        ("somewhere to sleep in Boston" asks for hotels)."""
        intent = self.intents[params["intent"]]
        values = {k: v for k, v in params.items() if k != "intent"}
        cues = [{" ".join(p) for p in g} for g in (intent.frame.cues if intent.frame else ())]
        groups = []
        for term in intent.terms:
            if term.startswith("{") and term.endswith("*}"):
                groups += [word_forms(w) for w in content_words(values[term[1:-2]])]
            elif term.startswith("{") and term.endswith("}") and term[1:-1] in values:
                slot = term[1:-1]
                pool = intent.slots.get(slot)
                value = values[slot]
                groups.append(
                    pool.terms(value) if pool and value in pool.values else {_bare(value)}
                )
            else:
                group: set[str] = set()
                for alternative in term.format(**values).split("|"):
                    group |= word_forms(alternative)
                groups.append(group.union(*(cue for cue in cues if cue & group)))
        return groups

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        if state.package not in BROWSERS:
            return False
        search = parse_search(state.url)
        names = [v for k, v in params.items() if k != "intent" and isinstance(v, str)]
        return search is not None and covers(search[0], self.key_terms(params), names)

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return navigation.web_search(self.query(params), elements, screen_size)


_ARTICLES = ("the ", "a ", "an ")


def _bare(value: str) -> str:
    """A free-text slot value as a key term: normalised, without a leading article."""
    text = normalize(value)
    for article in _ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            return text[len(article) :]
    return text


def content_words(text: str) -> list[str]:
    """The words of `text` that carry its meaning: not fillers, openers or politeness (chat
    spellings read as their words, as queries are: "r" is "are", a filler)."""
    g = grammar()
    skip = g.fillers | g.openers | {w for p in g.politeness for w in p}
    words = (g.spellings.get(t.word, t.word) for t in tokenize(text))
    return list(dict.fromkeys(w for w in words if w not in skip))


def load_search_families(data: dict) -> list[SearchFamily]:
    """Search families from a mapping shaped like `data/search.yaml` (slots name pools)."""
    known = pools()
    out = []
    for spec in data["families"]:
        intents = []
        for it in spec["intents"]:
            slots = {}
            for slot, pool in (it.get("slots") or {}).items():
                if pool not in known:
                    raise InvalidChoice(
                        f"pool (slot {slot!r} of {spec['name']}.{it['name']}; add yours with "
                        "android_gym.families.pools.add_pools)",
                        pool,
                        known,
                    )
                slots[slot] = known[pool]
            frame = None
            if not spec.get("fallback"):
                frame = Frame.declare(
                    spec["name"],
                    it["name"],
                    it.get("cues") or (),
                    slots,
                    it.get("templates") or (),
                    it.get("words") or (),
                    it.get("optional") or (),
                    it.get("compound") or (),
                )
            samples = tuple(it.get("samples") or ())
            intents.append(Intent(it["name"], frame, samples, it["query"], tuple(it["terms"])))
        out.append(SearchFamily(spec["name"], spec.get("description", ""), intents))
    return out


@cache
def builtin_search_families() -> tuple[SearchFamily, ...]:
    """The search families of AitW General, in resolution order (the generic search last)."""
    return tuple(load_search_families(load_yaml("search.yaml")))
