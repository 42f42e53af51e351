"""Intents this version recognises but cannot set up or judge yet.

They exist to explain, line by line, why an instruction is unsupported ("needs the Clock app's
alarm family") instead of a bare "no family matches", and to stop the generic web search from
claiming tasks that need an app (Maps, YouTube, Clock, ...). They are declared like the
families' intents, by cue groups, in `data/planned.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from android_gym.families.grammar import Analysis, Phrase, phrase, shape
from android_gym.families.pools import load_yaml
from android_gym.families.text import word_forms


@dataclass(frozen=True)
class PlannedIntent:
    """A family planned for later: its name, what it needs, and the cues that ask for it."""

    name: str
    needs: str
    cues: tuple[tuple[tuple[bool, Phrase], ...], ...]
    """Groups of (must start the instruction, phrase); one phrase of every group must occur."""

    def cue_in(self, a: Analysis) -> list[str]:
        """The phrase found for every cue group, or [] when a group has none."""
        found = []
        for group in self.cues:
            hit = next((p for anchored, p in group if _occurs(a, p, anchored)), None)
            if hit is None:
                return []
            found.append(" ".join(hit))
        return found

    def words(self) -> set[str]:
        return {w for group in self.cues for _, p in group for w in p if not w.startswith("<")}


def _occurs(a: Analysis, p: Phrase, anchored: bool) -> bool:
    if p[0].startswith("<"):
        return any(shape(w) == p[0][1:-1] for w in a.words)
    return tuple(a.words[: len(p)]) == p if anchored else p in a.index


def _group(alternatives: str) -> tuple[tuple[bool, Phrase], ...]:
    out = []
    for alt in alternatives.split("|"):
        alt = alt.strip()
        anchored = alt.startswith("^")
        if alt.startswith("<") and alt.endswith(">"):  # a token shape of `syntax`: "<domain>"
            out.append((False, (alt,)))
            continue
        out += [(anchored, phrase(form)) for form in word_forms(alt.lstrip("^"))]
        out.append((anchored, phrase(alt.lstrip("^"))))  # a domain stays one word: "amazon.com"
    return tuple(out)


@cache
def planned() -> tuple[PlannedIntent, ...]:
    """Every planned intent of `data/planned.yaml`, in the order they are tried."""
    return tuple(
        PlannedIntent(spec["name"], spec["needs"], tuple(_group(g) for g in spec["cues"]))
        for spec in load_yaml("planned.yaml")
    )


def planned_intent(a: Analysis) -> tuple[PlannedIntent, list[str]] | None:
    """The first planned intent the instruction asks for, with the cues found, if any."""
    for intent in planned():
        cues = intent.cue_in(a)
        if cues:
            return intent, cues
    return None
