"""Which clauses of an instruction only set the scene, and which words are written as names.

A frame (`frames.py`) reads every word of an instruction, except in clauses that only set the
scene ("I'm flying out Friday, what's the weather in Oslo?"; rule 5 of `frames.py`). This
module decides those clauses from the words they start with as typed (`commands`, `speaker`
and `questions` in `data/grammar.yaml`), whether a frame's cues ask for it at all when they
stand only in clauses about the speaker, and whether a word is written as a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.families.grammar import Analysis, grammar, typed_first

if TYPE_CHECKING:
    from android_gym.families.frames import Frame


def cues_ask(frame: Frame, a: Analysis, kept: list[tuple[int, int, str, str]]) -> bool:
    """Whether the frame's cues ask for it, for a near miss: it has cues, is not `bare`, and not
    all of them stand in clauses about the speaker while the other clauses are questions of
    their own ("We're arguing at dinner about this, who won the World Cup?" asks no
    restaurant; "..., can you put it on?" still asks what the scene named)."""
    if not frame.cues or frame.bare:  # "what's the best camera app?" may be searched
        return False
    g = grammar()
    speaker = {c for c in set(a.clauses) if _typed_first(a, c) in g.speaker}
    cued = {a.clauses[o[0]] for o in kept if o[2].startswith("cue")}
    rest = set(a.clauses) - speaker
    asking = rest and all(a.words[a.clauses.index(c)] in g.questions for c in rest)
    return not (cued <= speaker and asking)


def written_as_name(a: Analysis, i: int) -> bool:
    """Whether word i is written as a name: capitalised, not at the start of its clause."""
    return i > 0 and a.clauses[i - 1] == a.clauses[i] and a.text[a.tokens[i].start].isupper()


def scene_clauses(frame: Frame, a: Analysis, kept: list[tuple[int, int, str, str]]) -> set[int]:
    """Clauses that only set the scene ("I'm flying out Friday, ..."): with several clauses,
    those without a cue of a frame that has cues and that start with no command verb as typed
    (`commands` in `grammar.yaml`: "go to settings, find the info page" asks for the page),
    and those that start with a word of the speaker while another clause has a cue ("My
    sister in Philly says it's snowing, can you check the weather there?"); for a frame
    recognised by its values alone, those without its values that start with a word of the
    speaker ("I don't want it in my history, open an incognito window"), or that come before
    every clause with its values and start with no command verb ("Battery's almost dead, turn
    on battery saver"; "..., and select the first entry" is no scene). Their other words
    need no explaining; their known values still count."""
    if len(set(a.clauses)) < 2:
        return set()
    g = grammar()
    if frame.cues:
        cued = {a.clauses[o[0]] for o in kept if o[2].startswith("cue")}
        speaker = {c for c in set(a.clauses) if _typed_first(a, c) in g.speaker}
        scene = {c for c in set(a.clauses) - cued if _typed_first(a, c) not in g.commands}
        return scene | speaker if cued - speaker else scene
    valued = {a.clauses[o[0]] for o in kept if o[2] == "value"}
    first = min(valued, default=0)
    return {
        c
        for c in set(a.clauses) - valued
        if _typed_first(a, c) in g.speaker or (c < first and _typed_first(a, c) not in g.commands)
    }


def _typed_first(a: Analysis, clause: int) -> str:
    """The first word of a clause as typed (`grammar.typed_first`)."""
    i = a.clauses.index(clause)
    return typed_first(a.text, a.tokens[i - 1].end if i else 0)
