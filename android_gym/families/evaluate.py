"""Scoring the parser against instructions with known answers (a paraphrase set, a user's own
task list): each row is parsed right, wrong, or reported unsupported.

A row is `{text, family, params}`; `family: unsupported` rows must raise `UnsupportedTask`;
`web_search` rows carry `must_cover` (content words the query must contain) instead of an exact
query. Values compare case-insensitively with whitespace collapsed.

Rows written while an app was missing (`reason: needs_app`, `needs: Maps`) expected
`UnsupportedTask`; once a family of that app (`Family.app`, or one of its `app_aliases`) reads
them, they are `retired`: counted apart and left out of the shares, since the row says
nothing about the new reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from android_gym.errors import UnsupportedTask
from android_gym.families import resolve
from android_gym.families.queries import covers
from android_gym.families.text import word_forms

VERDICTS = ("right", "wrong", "unsupported", "retired")


@dataclass(frozen=True)
class Scored:
    """One row's verdict with what the parser made of it."""

    row: dict[str, Any]
    verdict: str
    family: str
    params: dict[str, Any]


def load_rows(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a YAML list of `{text, family, params}` mappings."""
    rows = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "text" in r for r in rows):
        raise ValueError(f"{path}: expected a list of rows with 'text', 'family' and 'params'")
    return rows


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
    return a == b


def score(row: dict[str, Any]) -> Scored:
    """Parses `row["text"]` and judges the result against the row."""
    try:
        family, params = resolve(row["text"])
    except UnsupportedTask:
        verdict = "right" if row["family"] == "unsupported" else "unsupported"
        return Scored(row, verdict, "unsupported", {})
    needs = row.get("needs")
    if row.get("reason") == "needs_app" and any(
        _same(name, needs) for name in (family.app, *family.app_aliases)
    ):
        return Scored(row, "retired", family.name, params)
    if family.name != row["family"]:
        return Scored(row, "wrong", family.name, params)
    if "must_cover" in row:
        groups = [word_forms(str(w)) for w in row["must_cover"]]
        ok = covers(str(params.get("query", "")), groups)
    else:
        expected = row.get("params") or {}
        ok = params.keys() == expected.keys() and all(
            _same(params[k], expected[k]) for k in expected
        )
    return Scored(row, "right" if ok else "wrong", family.name, params)


def tally(scored: list[Scored]) -> dict[str, float]:
    """Counts of each verdict, and shares of right, wrong and unsupported among the rows
    that are not retired."""
    out: dict[str, float] = {"rows": len(scored)}
    counted = sum(s.verdict != "retired" for s in scored)
    for verdict in VERDICTS:
        n = sum(s.verdict == verdict for s in scored)
        out[verdict] = n
        if verdict != "retired":
            out[f"{verdict}%"] = round(100 * n / max(1, counted), 1)
    return out
