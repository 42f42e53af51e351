"""Parameter pools of the task families: the values instructions are built from.

Each value has aliases that count as the same thing in a query ("NYC" for New York). Pools are
split into train and test values by a stable hash of the value, so the test split holds
parameters the train split never uses. The pools themselves are data: `data/pools.yaml`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import yaml

from android_gym.families.text import normalize, word_forms

TEST_SHARE = 3
"""One value in TEST_SHARE (by stable hash) belongs to the test split."""
MIN_SPLIT = 6


@dataclass(frozen=True)
class Pool:
    """Values with their aliases: {"New York": ("nyc", "new york city")}."""

    name: str
    values: dict[str, tuple[str, ...]]
    closed: bool = False
    """A closed pool accepts only its own values; an open one also takes other text as is."""
    extend_only: bool = False
    """Free text only extends one of its values, in a compound slot ("a new foundation
    (skincare) product"); alone it is no value ("a new phone case" is no beauty product)."""

    def split(self, split: str) -> list[str]:
        """The values of one split ("train", "test" or "all"). Pools too small to hold values
        out (under `MIN_SPLIT` values) give all their values to both splits."""
        if split == "all" or len(self.values) < MIN_SPLIT:
            return list(self.values)
        wanted = split == "test"
        return [v for v in self.values if (zlib.crc32(v.encode()) % TEST_SHARE == 0) == wanted]

    def name_for(self, value: str, rng: np.random.Generator) -> str:
        """How a sampled instruction names `value`: the value itself or one of its aliases."""
        names = [value, *self.values[value]]
        return names[int(rng.integers(len(names)))]

    def lookup(self, text: str) -> str | None:
        """The canonical value whose name or alias is `text`, if any."""
        key = normalize(text)
        for value in self.values:
            if key in self.terms(value):
                return value
        return None

    def mentioned(self, text: str) -> str | None:
        """The value (longest name first) mentioned anywhere in `text`, if any."""
        padded = f" {normalize(text)} "
        best: tuple[int, str] | None = None
        for value, aliases in self.values.items():
            for name in (value, *aliases):
                n = normalize(name)
                if n and f" {n} " in padded and (best is None or len(n) > best[0]):
                    best = (len(n), value)
        return best[1] if best else None

    @cached_property
    def proper(self) -> bool:
        """Whether the values are proper names, each with a capital letter ("Atlanta", "eBay",
        "CNN"): lower-case common words in free text are no such name ("play sum music")."""
        return bool(self.values) and all(any(c.isupper() for c in v) for v in self.values)

    @cached_property
    def near_words(self) -> dict[str, str]:
        """Each word of the pool's names (six letters or more) by every one-letter deletion of
        it: a word that shares one is at most two edits from that name word."""
        return {w[:i] + w[i + 1 :]: w for w in self.words() if len(w) >= 6 for i in range(len(w))}

    @cached_property
    def swapped_words(self) -> dict[str, str]:
        """Each word of the pool's names (four letters or more) by every spelling with two
        neighbouring letters swapped ("paris": "apris", "pairs", ...)."""
        return {
            w[:i] + w[i + 1] + w[i] + w[i + 2 :]: w
            for w in self.words()
            if len(w) >= 4 and w.isalpha()
            for i in range(len(w) - 1)
            if w[i] != w[i + 1]
        }

    def words(self) -> set[str]:
        """Every normalised word of the pool's names (for de-glueing typos)."""
        return {
            w
            for v, aliases in self.values.items()
            for name in (v, *aliases)
            for w in normalize(name).split()
        }

    def terms(self, value: str) -> set[str]:
        """Every phrase that names `value` in a query."""
        out: set[str] = set()
        for name in (value, *self.values.get(value, ())):
            out |= word_forms(name)
        return out


def load_yaml(name: str) -> dict:
    """A YAML file of `android_gym/families/data/`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=loader)


DATA = Path(__file__).resolve().parent / "data"


@cache
def pools() -> dict[str, Pool]:
    """Every pool by name: those of `data/pools.yaml` and those users added (`add_pools`)."""
    return dict(load_pools("pools.yaml"))


@cache
def load_pools(name: str) -> dict[str, Pool]:
    """Every pool of a YAML file of `data/` by name (`slot`, `closed`, `values`: value ->
    aliases), for families that keep their pools in a file of their own."""
    return pools_from(load_yaml(name), name)


def pools_from(data: dict, where: str) -> dict[str, Pool]:
    """Pools from a mapping shaped like `data/pools.yaml`: name -> {slot, closed,
    extend_only, values}."""
    out = {}
    for key, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("values"), dict):
            raise ValueError(f"{where}: pool {key!r} needs a 'values' mapping (value: aliases)")
        values = {
            str(v): tuple(str(a) for a in (aliases or ())) for v, aliases in spec["values"].items()
        }
        closed, extend_only = bool(spec.get("closed", False)), bool(spec.get("extend_only", False))
        out[key] = Pool(spec.get("slot", key), values, closed, extend_only)
    return out


def add_pools(source: dict | str | Path) -> dict[str, Pool]:
    """Adds pools (a mapping, or a YAML file, shaped like `data/pools.yaml`) for your own
    families and search verticals: slots of `search.load_search_families` can then name them.
    A pool of the same name is replaced. Returns the added pools."""
    if not isinstance(source, dict):
        path = Path(source)
        source = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        where = str(path)
    else:
        where = "pools"
    added = pools_from(source, where)
    pools().update(added)
    return added
