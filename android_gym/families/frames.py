"""Intent frames: what a family declares instead of regular expressions, and how one frame
reads an analysed instruction.

A frame (one intent of one family) declares
- cues: groups of phrases; one phrase of every group must occur ("weather|forecast|rain"),
- slots: parameter names with the pool of their known values (cities, chains, apps, ...),
- templates: where a free-text value may stand, as "(in|for) {city}" or "{topic} news": the
  phrase right before or right after the slot,
- words: other words the intent explains ("today", "like", "<number>" for any number).

Reading rules, the same for every family:
1. Known values are found anywhere (word order is free); overlapping mentions go to the longest
   (ties to the value); a template phrase before or after a mention decides which slot gets it
   when two slots share a pool ("from Boston to Rome").
2. Every word must be explained: by a cue, a declared word, a slot value, a template phrase or a
   shared filler or context phrase ("the", "what", "these days"; "please" is already gone).
   A word that nothing explains makes the frame decline ("Seattle today" is the city Seattle
   only because "today" is a word weather declares; "Paris next year" is not a weather city).
3. Free text fills a slot only when `free` reading is allowed, the slot's pool is open (or it
   has none), and the unexplained words form a run, within one clause, that a template of that
   slot delimits ("weather for Nairobi"); the run keeps the user's spelling, and a leading
   article when the pool writes its values with one ("a horse"). Only a `compound` slot (a
   topic, a product name) lets free text extend a known value ("the US stock market"); a name
   never grows ("Seattle today" is Seattle plus a time word, or nothing).
4. A second, different value for a one-value slot ("weather in Paris and London") declines.
5. With several clauses, one without any of a cued frame's cues only sets the scene ("I'm
   flying out Friday, what's the weather in Oslo?"): its words need no explaining.

`read` applies them; which runs of words are free text (rule 3) is `free_text.py`'s job, which
clauses only set the scene (rule 5) `scenes.py`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from android_gym.families.free_text import delimits, free_text, next_to, vaguely_asked
from android_gym.families.grammar import Analysis, Phrase, grammar, phrase, phrases, shape
from android_gym.families.pools import Pool
from android_gym.families.scenes import cues_ask, scene_clauses, written_as_name
from android_gym.families.text import inflections, word_forms

NUMBER = "<number>"
TIME = "<time>"
_TEMPLATE_SLOT = re.compile(r"\{(\w+)\}")
_NUMERIC = re.compile(r"^\d+(:\d\d)?(am|pm)?$")


@dataclass(frozen=True)
class Frame:
    """One intent of one family, as declared (see the module docstring)."""

    family: str
    intent: str
    cues: tuple[tuple[Phrase, ...], ...] = ()
    slots: tuple[tuple[str, Pool | None], ...] = ()
    before: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    after: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    words: tuple[Phrase, ...] = ()
    optional: frozenset[str] = frozenset()
    numbers: bool = False
    compound: frozenset[str] = frozenset()
    """Slots whose values are phrases (topics, product names): free text there may extend a
    known value ("the US stock market"); a name (a city) never grows that way."""
    bare: bool = False
    """Reads only instructions made of its own words, without the shared fillers: "camera app"
    opens the camera, "what's the best camera app?" does not."""

    @classmethod
    def declare(
        cls,
        family: str,
        intent: str,
        cues: list[str] | tuple[str, ...] = (),
        slots: dict[str, Pool | None] | None = None,
        templates: list[str] | tuple[str, ...] = (),
        words: list[str] | tuple[str, ...] = (),
        optional: list[str] | tuple[str, ...] = (),
        compound: list[str] | tuple[str, ...] = (),
        bare: bool = False,
    ) -> Frame:
        """A frame from its declaration: cue groups as "a|b", templates as "(in|for) {city}",
        words as "a|b" or a list."""
        before: dict[str, set[Phrase]] = {}
        after: dict[str, set[Phrase]] = {}
        for template in templates:
            pieces = _TEMPLATE_SLOT.split(template)
            for k in range(1, len(pieces), 2):
                slot = pieces[k]
                before.setdefault(slot, set()).update(_edge(pieces[k - 1], last=True))
                after.setdefault(slot, set()).update(_edge(pieces[k + 1], last=False))
        declared = [p for w in words for p in w.split("|") if p.strip() not in (NUMBER, TIME)]
        if any(TIME in w for w in words):
            declared += [" ".join(p) for p in grammar().times]
        return cls(
            family,
            intent,
            tuple(_with_forms(group) for group in cues),
            tuple((slots or {}).items()),
            {s: tuple(p) for s, p in before.items() if p},
            {s: tuple(p) for s, p in after.items() if p},
            _with_forms("|".join(declared)) if declared else (),
            frozenset(optional),
            any(NUMBER in w for w in words),
            frozenset(compound),
            bare,
        )

    @cached_property
    def cue_names(self) -> tuple[str, ...]:
        """Each cue group as "a|b|..." (its first phrases), for explanations."""
        return tuple("|".join(" ".join(p) for p in group[:6]) for group in self.cues)

    @cached_property
    def no_cue(self) -> tuple[Miss, ...]:
        """For each cue group, the frame's miss when the group is not there (made once: most
        frames miss most instructions that way)."""
        return tuple(Miss(self, f"no cue {name}", False) for name in self.cue_names)

    def vocabulary(self) -> set[str]:
        """Every word of the declaration (for splitting glued words and fixing typos)."""
        every = [*(p for g in self.cues for p in g), *self.words]
        every += [p for ps in (*self.before.values(), *self.after.values()) for p in ps]
        return {w for p in every for w in p}

    @cached_property
    def markers(self) -> tuple[Phrase, ...]:
        """Every template phrase of every slot (one tuple for the frame's life: phrase look-ups
        keep a set of it by its id)."""
        return tuple({p for ps in (*self.before.values(), *self.after.values()) for p in ps})

    @cached_property
    def edges(self) -> dict[str, tuple[Phrase, ...]]:
        """Each slot's template phrases, right before or after it."""
        slots = {*self.before, *self.after}
        return {s: (*self.before.get(s, ()), *self.after.get(s, ())) for s in slots}

    def free_slots(self) -> list[str]:
        """Slots that take free text: open pool (or none) and a template that delimits it."""
        return [
            s
            for s, pool in self.slots
            if (pool is None or not pool.closed) and (s in self.before or s in self.after)
        ]


def _edge(piece: str, last: bool) -> tuple[Phrase, ...]:
    """The phrase alternatives right next to a slot in a template piece."""
    piece = piece.strip()
    if not piece:
        return ()
    if last and piece.endswith(")"):
        return phrases(piece[piece.rindex("(") + 1 : -1])
    if not last and piece.startswith("("):
        return phrases(piece[1 : piece.index(")")])
    words = piece.split()
    return phrases(words[-1] if last else words[0])


def _with_forms(alternatives: str) -> tuple[Phrase, ...]:
    """Phrase alternatives with their synonyms (`grammar.yaml`), the plural / singular forms
    of their last word and the inflections of a single or first word ("rent" -> "renting",
    "go for" -> "going for"); a phrase with a token shape of `syntax` ("reddit.com") stays
    as written."""
    out = set()
    synonyms = grammar().synonyms
    for alt in {s for p in phrases(alternatives) for s in synonyms.get(p, (p,))}:
        if any(shape(w) for w in alt):  # a web address or handle stays as written
            out.add(alt)
            continue
        for form in word_forms(" ".join(alt)):
            head, *rest = phrase(form)
            out |= {(h, *rest) for h in inflections(head)}
    return tuple(sorted(out, key=len, reverse=True))


@dataclass(frozen=True)
class Reading:
    """A frame that explains the whole instruction, with its parameters."""

    frame: Frame
    params: dict[str, str]
    known: int
    free: int
    cues: tuple[str, ...]
    free_spans: tuple[tuple[int, int], ...] = ()
    """Where each free-text value stands (token start, end)."""

    scene: int = 0
    """How many of its known values stand in clauses that only set the scene."""

    def rank(self) -> tuple[int, int, int, int]:
        """Higher is better: more known values, less free text, fewer values from the scene
        ("Has Shakira put out a new video? Play it": her video, whose cues are in her clause,
        not her music), more cue words."""
        return (self.known, -self.free, -self.scene, sum(len(c.split()) for c in self.cues))


@dataclass(frozen=True)
class Miss:
    """Why a frame does not explain an instruction; `cued`: a near miss, its cues were all
    there and so was a value for a slot (a known value, or a word written as a name), but it
    could not read the rest."""

    frame: Frame
    reason: str
    cued: bool = True


def read(frame: Frame, a: Analysis, free: bool) -> Reading | Miss:
    """The frame's reading of `a`, or why there is none (rules in the module docstring)."""
    words = a.words
    n = len(words)
    cue_spans = a.group_spans(frame, frame.cues)
    for k, found in enumerate(cue_spans):
        if not found:
            return frame.no_cue[k]
    if not frame.cues and (unfilled := _unfillable(frame, a, free)):
        return Miss(frame, f"no value for {', '.join(unfilled)}", False)
    spans: list[tuple[int, int, str, str]] = []  # start, end, kind, value
    for _, pool in frame.slots:
        spans += [(s, e, "value", v) for s, e, v in a.entities(pool)] if pool else []
    for k, found in enumerate(cue_spans):
        spans += [(s, e, f"cue{k}", "") for s, e in found]
    spans += [(s, e, "word", "") for s, e in a.occurrences(frame.words)]
    if not frame.bare:
        spans += [(s, e, "word", "") for s, e in a.occurrences(grammar().filler_phrases)]
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[2] != "value", x[0]))
    owner: list[tuple[int, int, str, str] | None] = [None] * n
    for span in spans:
        if all(owner[i] is None for i in range(span[0], span[1])):
            for i in range(span[0], span[1]):
                owner[i] = span
    kept = sorted({o for o in owner if o is not None})
    for k in range(len(frame.cues)):
        if not any(o[2] == f"cue{k}" for o in kept):
            return frame.no_cue[k]
    markers = _markers(frame, a)
    values, known_at, extra = _assign(frame, a, [o for o in kept if o[2] == "value"])
    values.update(_in_cues(frame, a, [o for o in kept if o[2].startswith("cue")], values))
    if not known_at and (there := _place_reference(a)) is not None:
        named = bool(frame.cues) and any(written_as_name(a, i) for i in range(n))
        return Miss(frame, f"{words[there]!r} refers to a place it has no value for", named)
    if not known_at and (who := next((w for w in words if w in grammar().persons), None)):
        return Miss(frame, f"{who!r} refers to someone it has no value for", False)
    grown = {i: s for s, (b, e) in known_at.items() if s in frame.compound for i in range(b, e)}
    for start, end, value in extra:
        slot = _compound_slot(frame, a, (start, end, value))
        if not free or slot is None:
            return Miss(frame, f"more than one value: {value!r} besides {values}", bool(frame.cues))
        grown.update({i: slot for i in range(start, end)})
    explained = [i in markers or (o is not None and o[2] != "value") for i, o in enumerate(owner)]
    for start, end in known_at.values():
        explained[start:end] = [True] * (end - start)
    for start, end, kind, value in kept:  # the same value said again ("privately ... incognito")
        if kind == "value" and value in values.values():
            explained[start:end] = [True] * (end - start)
    asides = set() if frame.bare else scene_clauses(frame, a, kept)
    fillers = frozenset() if frame.bare else grammar().fillers
    loose = [
        i
        for i in range(n)
        if not explained[i]
        and words[i] not in fillers
        and not (frame.numbers and _NUMERIC.match(words[i]))
    ]
    cued = bool(values or any(written_as_name(a, i) for i in loose)) and cues_ask(frame, a, kept)
    free_at: dict[str, tuple[int, int]] = {}
    if any(a.clauses[i] not in asides for i in loose):
        if not free or not frame.free_slots():
            return Miss(frame, f"unexplained words: {' '.join(words[i] for i in loose)}", cued)
        found = free_text(frame, a, loose, explained, asides, set(values), grown)
        if isinstance(found, str):
            return Miss(frame, found, cued)
        free_at = found
    params = {**values, **{slot: a.value(s, e) for slot, (s, e) in free_at.items()}}
    missing = [s for s, _ in frame.slots if s not in params and s not in frame.optional]
    if missing:
        return Miss(frame, f"no value for {', '.join(missing)}", cued)
    cues = tuple(" ".join(words[o[0] : o[1]]) for o in kept if o[2].startswith("cue"))
    if free_at and (vague := vaguely_asked(a, cues, free_at)):
        return Miss(frame, vague, cued)
    scene = sum(a.clauses[b] in asides for b, _ in known_at.values())
    spans = tuple(free_at.values())
    return Reading(frame, params, len(values), len(free_at), cues, spans, scene)


def _unfillable(frame: Frame, a: Analysis, free: bool) -> list[str]:
    """The slots the frame needs that nothing in `a` could fill: no value of the slot's pool,
    and (with free text allowed, for a slot that takes it) no template phrase of the slot.
    A frame recognised by its values alone declines at once without them (no reading of the
    rest could fill them, and without cues it is no near miss)."""
    return [
        slot
        for slot, pool in frame.slots
        if slot not in frame.optional
        and not (pool is not None and a.entities(pool))
        and not (free and slot in frame.free_slots() and a.occurrences(frame.edges.get(slot, ())))
    ]


def _in_cues(
    frame: Frame, a: Analysis, cues: list[tuple[int, int, str, str]], values: dict[str, str]
) -> dict[str, str]:
    """Values of the frame's empty slots said inside its cues ("drive to" says the mode
    "drive"): the cue explains the words, and they still give the value."""
    out = {}
    for slot, pool in frame.slots:
        if pool is None or slot in values:
            continue
        for start, end, value in a.entities(pool):
            if any(s <= start and end <= e for s, e, _, _ in cues):
                out[slot] = value
                break
    return out


_BE = frozenset({"is", "are", "was", "were", "s", "be"})


def _place_reference(a: Analysis) -> int | None:
    """Where a "there" points at a place named elsewhere ("what time is it there now"), not
    "is there" / "there is", if anywhere."""
    words = a.words
    for i, w in enumerate(words):
        if w == "there":
            beside = {words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""}
            if not beside & _BE:
                return i
    return None


def _compound_slot(frame: Frame, a: Analysis, mention: tuple[int, int, str]) -> str | None:
    """The compound slot whose pool `mention` is a value of, if any."""
    for slot, pool in frame.slots:
        if slot in frame.compound and pool is not None and mention in a.entities(pool):
            return slot
    return None


def _markers(frame: Frame, a: Analysis) -> set[int]:
    """Positions of the frame's template phrases."""
    return {i for s, e in a.occurrences(frame.markers) for i in range(s, e)}


def _assign(
    frame: Frame, a: Analysis, mentions: list[tuple[int, int, str, str]]
) -> tuple[dict[str, str], dict[str, tuple[int, int]], list[tuple[int, int, str]]]:
    """Known values to slots (a mention the phrase before it places first, as "from" an
    origin wherever it stands; then one the phrase after it places, as "Boston and" after
    "between"; else the first in the text), where each is, and the other values mentioned
    (their words stay unexplained)."""
    words = a.words
    values: dict[str, str] = {}
    at: dict[str, tuple[int, int]] = {}
    used: set[tuple[int, int]] = set()
    for slot, pool in frame.slots:
        if pool is None:
            continue
        mine = [
            (s, e, v)
            for s, e, kind, v in mentions
            if (s, e) not in used and (s, e, v) in a.entities(pool)
        ]
        if not mine:
            continue
        before = frame.before.get(slot, ())
        fitting = [m for m in mine if next_to(before, words, m[0], m[1], True)]
        fitting = fitting or [m for m in mine if delimits(frame, slot, words, m[0], m[1])]
        s, e, v = (fitting or mine)[0]
        values[slot], at[slot] = v, (s, e)
        used.add((s, e))
    extra = [
        (s, e, v) for s, e, _, v in mentions if (s, e) not in used and v not in values.values()
    ]
    return values, at, extra
