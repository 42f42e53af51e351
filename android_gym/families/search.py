"""Web-search task families: one general mechanism, configured per vertical as data.

A search family is a list of `Intent`s. An intent has instruction patterns (for parsing),
sample templates (for generating instructions), slots filled from parameter pools, the query an
expert would type, and the key terms a query must cover. Success: the foreground browser shows
a Google results page (not suggestions) for a query covering every key-term group.

The AitW General verticals live in `data/search.yaml`; `load_search_families` reads any file of
that form, so users can add verticals without code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np

from android_gym.actions import Action
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.pools import Pool, load_yaml, pools
from android_gym.families.text import covers, match, normalize, pattern_words, word_forms
from android_gym.sim.web.urls import parse_search
from android_gym.ui import UIElement

BROWSERS = ("com.android.chrome", "com.google.android.googlequicksearchbox")


@dataclass(frozen=True)
class Intent:
    """One way of asking for one kind of search.

    patterns: instruction patterns (see `text.compile_pattern`), slots as "{name}".
    samples: templates for new instructions ("What's the weather like in {city}?").
    slots: pool of each slot; a slot whose text is not in its pool keeps the text as given.
    query: the query an expert types, from the slots ("{city} weather").
    terms: key-term groups; "a|b" are alternatives, "{slot}" names the slot's value.
    """

    name: str
    patterns: tuple[str, ...]
    samples: tuple[str, ...]
    query: str
    terms: tuple[str, ...]
    slots: dict[str, Pool] = field(default_factory=dict)


class SearchFamily(Family):
    """A web-search family made of intents (tried in order)."""

    def __init__(self, name: str, description: str, intents: list[Intent]) -> None:
        self.name = name
        self.description = description
        self.intents = {i.name: i for i in intents}

    def parse(self, instruction: str, known_only: bool = False) -> Params | None:
        for intent in self.intents.values():
            for pattern in intent.patterns:
                found = match(pattern, instruction)
                if found is None or not all(found.get(s) for s in intent.slots):
                    continue
                values = self._values(intent, found, known_only)
                if values is not None:
                    return {"intent": intent.name, **values}
        return None

    @staticmethod
    def _values(intent: Intent, found: dict[str, str], known_only: bool) -> dict[str, str] | None:
        """Slot texts as pool values; None when a value is unknown and must be known (a
        closed pool, or `known_only`). Slots without a pool are free text by nature."""
        values = {}
        for slot, raw in found.items():
            pool = intent.slots.get(slot)
            value = pool.lookup(raw) if pool else None
            if value is None and pool is not None and (pool.closed or known_only):
                return None
            values[slot] = value or raw
        return values

    def vocabulary(self) -> set[str]:
        """Words of this family's patterns and pools."""
        words = set()
        for intent in self.intents.values():
            words |= pattern_words(intent.patterns)
            for pool in intent.slots.values():
                words |= pool.words()
        return words

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        # Intents without slots have nothing to hold out, so the test split does not use them.
        names = [n for n, i in self.intents.items() if i.samples and (i.slots or split != "test")]
        intent = self.intents[names[int(rng.integers(len(names)))]]
        values: dict[str, str] = {}
        for slot, pool in intent.slots.items():
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
        """Groups of phrases; a successful query contains one phrase of each group."""
        intent = self.intents[params["intent"]]
        values = {k: v for k, v in params.items() if k != "intent"}
        groups = []
        for term in intent.terms:
            if term.startswith("{") and term.endswith("}") and term[1:-1] in values:
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
                groups.append(group)
        return groups

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        if state.package not in BROWSERS:
            return False
        search = parse_search(state.url)
        return search is not None and covers(search[0], self.key_terms(params))

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


def load_search_families(data: dict) -> list[SearchFamily]:
    """Search families from a mapping shaped like `data/search.yaml` (slots name pools)."""
    known = pools()
    out = []
    for spec in data["families"]:
        intents = []
        for it in spec["intents"]:
            slots = {slot: known[pool] for slot, pool in (it.get("slots") or {}).items()}
            intents.append(
                Intent(
                    it["name"],
                    tuple(it["patterns"]),
                    tuple(it.get("samples") or ()),
                    it["query"],
                    tuple(it["terms"]),
                    slots,
                )
            )
        out.append(SearchFamily(spec["name"], spec.get("description", ""), intents))
    return out


@cache
def builtin_search_families() -> tuple[SearchFamily, ...]:
    """The search families of AitW General, in resolution order (the generic search last)."""
    return tuple(load_search_families(load_yaml("search.yaml")))
