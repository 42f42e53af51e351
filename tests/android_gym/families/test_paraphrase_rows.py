"""The held-out paraphrase rows are well formed, checked without the parser (issue 13).

A held-out set is evaluated once, by the lead, so a row whose family, parameter names or closed
values do not exist would only show up as a parser "failure". These checks compare each row
with what the families themselves produce (`sample()`) and with `data/pools.yaml`; they never
parse an instruction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import yaml

from android_gym import families

DATA = Path(__file__).parents[1] / "data" / "paraphrases"
POOLS = Path(families.__file__).parent / "data" / "pools.yaml"
CHECKED = ("heldout4", "dev4", "heldout5", "dev5", "heldout6")
VOICES = {"question", "command", "terse", "polite", "typo", "chatty"}
# Slots whose values are a closed set: a row may hold only a value that `sample()` produces or a
# key of a closed pool of that slot in pools.yaml (e.g. the alarm days "weekdays", "every day").
CLOSED_SLOTS = {
    "role", "time", "bedrooms", "period", "via", "days", "range", "label", "site", "mode",
    "open", "state", "setting", "incognito", "window", "nearest", "app",
}  # fmt: skip
CLOCK_TIME = re.compile(r"(1[0-2]|[1-9]):[0-5]\d(am|pm)")


def _rows(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def _sampled(family: str) -> tuple[dict, dict]:
    """Per intent, the parameter names `sample()` returns; per slot, the values it draws."""
    keys: dict = defaultdict(set)
    values: dict = defaultdict(set)
    fam = families.get(family)
    for split in ("train", "test"):
        for seed in range(150):
            _, params = fam.sample(np.random.default_rng(seed), split)
            keys[params.get("intent")].add(frozenset(params))
            for slot, value in params.items():
                values[slot].add(value)
    return keys, values


@cache
def _closed_pool_keys() -> dict[str, set]:
    pools = yaml.safe_load(POOLS.read_text(encoding="utf-8"))
    keys: dict[str, set] = defaultdict(set)
    for pool in pools.values():
        if pool.get("closed"):
            keys[pool["slot"]].update(pool["values"])
    return keys


def _row_problems(row: dict, names: set[str]) -> list[str]:
    family, params = row.get("family"), row.get("params")
    problems = []
    if row.get("voice") not in VOICES:
        problems.append(f"voice {row.get('voice')!r}")
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        problems.append("no text")
    if family == "unsupported":
        if params != {} or row.get("reason") != "needs_app" or not row.get("needs"):
            problems.append("unsupported rows need params {}, reason needs_app and needs")
        return problems
    if family not in names:
        return [*problems, f"unknown family {family!r}"]
    if family == "web_search":
        words = set(re.findall(r"[\w']+", row["text"].lower()))
        missing = [w for w in row.get("must_cover") or [] if w.lower() not in words]
        if set(params) != {"query"} or not row.get("must_cover") or missing:
            problems.append(f"web_search needs params {{query}} and must_cover in text: {missing}")
        return problems
    keys, values = _sampled(family)
    if frozenset(params) not in keys.get(params.get("intent"), set()):
        problems.append(f"params {sorted(params)} are not what sample() returns")
    for slot, value in params.items():
        drawn = value in values[slot] or value in _closed_pool_keys().get(slot, set())
        if slot == "time" and family == "alarm":
            ok = isinstance(value, str) and CLOCK_TIME.fullmatch(value)
        elif all(isinstance(v, bool) for v in values[slot]):
            ok = isinstance(value, bool)  # a flag: either way (maps_directions' nearest)
        elif slot in CLOSED_SLOTS or slot == "intent":
            ok = drawn
        else:
            ok = drawn or (isinstance(value, str) and value.strip() == value != "")
        if not ok:
            problems.append(f"{slot}={value!r} is not a value of the slot")
    return problems


@pytest.mark.parametrize("name", CHECKED)
def test_paraphrase_rows_are_well_formed(name: str) -> None:
    rows = _rows(name)
    names = set(families.families())
    problems = {row.get("text"): p for row in rows if (p := _row_problems(row, names))}
    assert problems == {}
    texts = [row["text"].lower() for row in rows]
    assert len(texts) == len(set(texts)), "a text repeats"


@pytest.mark.parametrize("name", CHECKED)
def test_every_family_has_six_rows_and_every_voice_is_used(name: str) -> None:
    rows = _rows(name)
    per_family = {f: sum(r["family"] == f for r in rows) for f in families.families()}
    assert min(per_family.values()) >= 6, per_family
    assert sum(r["family"] == "unsupported" for r in rows) >= 15
    assert {r["voice"] for r in rows} == VOICES


def test_a_malformed_row_is_reported() -> None:
    names = set(families.families())
    good = {"text": "rent 2br boston", "family": "rent", "voice": "terse",
            "params": {"intent": "apartment", "bedrooms": "2", "city": "Boston"}}  # fmt: skip
    assert _row_problems(good, names) == []
    assert _row_problems({**good, "params": {**good["params"], "bedrooms": "two"}}, names)
    assert _row_problems({**good, "params": {"intent": "apartment", "city": "Boston"}}, names)
    assert _row_problems({**good, "family": "rental"}, names)
    assert _row_problems({**good, "voice": "shouty"}, names)
