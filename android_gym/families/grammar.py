"""The words of an instruction and what they name: tokens, shared words, known values.

An instruction read once for every family is an `Analysis`: normalised tokens that remember
their place in the original (so a free-text value keeps the user's spelling), the clause of
each, and, on demand, the values of any pool it mentions (`Analysis.entities`) or the phrases
of any frame's cues. `reader.Reader` makes it (politeness removed, glued words split, typos
fixed, numbers in digits); this module holds what that reading and the frames share: the
tokenizer, the phrase look-ups and the shared words (politeness, fillers, question openers),
which are data: `data/grammar.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from android_gym.families import numbers
from android_gym.families.cue_index import CueIndex
from android_gym.families.pools import Pool, load_yaml
from android_gym.families.text import IRREGULAR, normalize

Phrase = tuple[str, ...]
_RAW_WORD = re.compile(r"[^\s,;:!?()\[\]{}\"“”\-–—]+")
_PART = re.compile(r"[^/]+")


@dataclass(frozen=True)
class Token:
    """A normalised word and the span of the original text it came from."""

    word: str
    start: int
    end: int


def phrase(text: str) -> Phrase:
    """A phrase as normalised words; "McDonald's" -> ("mcdonalds",), "Chick-fil-A" ->
    ("chick", "fil", "a")."""
    return tuple(t.word for t in tokenize(text))


def phrases(alternatives: str) -> tuple[Phrase, ...]:
    """ "a|b c" -> (("a",), ("b", "c"))."""
    return tuple(p for p in (phrase(a) for a in alternatives.split("|")) if p)


@cache
def syntax() -> dict[str, re.Pattern]:
    """App- and web-specific token shapes ("ebay.com", "r/aww", "@nasa", "#tbt") by name, from
    `data/grammar.yaml`: such a token stays one word, in lower case."""
    return {name: re.compile(rx) for name, rx in load_yaml("grammar.yaml")["syntax"].items()}


@lru_cache(maxsize=16_384)
def shape(word: str) -> str | None:
    """The name of the `syntax` shape `word` has, if any (cached: every word of every
    instruction is asked, by the tokenizer and by the cues that are shapes)."""
    return next((name for name, rx in syntax().items() if rx.match(word)), None)


def tokenize(text: str) -> list[Token]:
    """Normalised words with their spans; hyphens and slashes separate words, a token of a
    `syntax` shape ("ebay.com", "r/aww") stays one word."""
    out = []
    for m in _RAW_WORD.finditer(text):
        raw = m.group().strip(".'’")
        if shape(raw.lower()):
            out.append(Token(raw.lower(), m.start(), m.end()))
            continue
        for part in _PART.finditer(m.group()):
            start, end = m.start() + part.start(), m.start() + part.end()
            out += [Token(word, start, end) for word in normalize(part.group()).split()]
    return out


@dataclass(frozen=True)
class Narration:
    """How the speaker tells what they did (`narration` in `data/grammar.yaml`)."""

    subjects: frozenset[str]
    adverbs: frozenset[str]
    pasts: frozenset[str]
    """Past forms that do not end in "-ed" (`text.IRREGULAR`'s: "got", "bought")."""


@dataclass(frozen=True)
class Grammar:
    """The shared words of `data/grammar.yaml`."""

    politeness: tuple[Phrase, ...]
    fillers: frozenset[str]
    filler_phrases: tuple[Phrase, ...]
    articles: frozenset[str]
    determiners: frozenset[str]
    times: tuple[Phrase, ...]
    openers: frozenset[str]
    info_words: tuple[Phrase, ...]
    search_verbs: tuple[Phrase, ...]
    references: frozenset[str]
    persons: frozenset[str]
    """References to a person (also fillers and references): a reading with one needs a known
    value."""
    commands: frozenset[str]
    speaker: frozenset[str]
    questions: frozenset[str]
    vague_cues: frozenset[Phrase]
    phrasal: frozenset[Phrase]
    synonyms: dict[Phrase, tuple[Phrase, ...]]
    """Each phrase of a synonym group -> the whole group."""
    spellings: dict[str, str]
    """Chat spellings -> the word they stand for ("wat" -> "what")."""
    homophones: dict[str, tuple[str, frozenset[str], frozenset[str]]]
    """A word -> the word it is typed for, the words after which, and (first in a clause)
    before which it is that word ("by" -> "buy")."""
    narration: Narration

    def words(self) -> set[str]:
        every = [*self.politeness, *self.search_verbs, *self.filler_phrases, *self.times]
        every += [*self.info_words, *((w,) for w in self.fillers | self.openers)]
        return {w for p in every for w in p} | numbers.WORDS


@cache
def grammar() -> Grammar:
    data = load_yaml("grammar.yaml")
    longest_first = lambda key: tuple(sorted({phrase(p) for p in data[key]}, key=len, reverse=True))  # noqa: E731
    data["fillers"] = data["fillers"] + data["context"] + data["persons"]
    fillers = longest_first("fillers")
    return Grammar(
        longest_first("politeness"),
        frozenset(p[0] for p in fillers if len(p) == 1),
        tuple(p for p in fillers if len(p) > 1),
        frozenset(data["articles"]),
        frozenset(data["determiners"]),
        longest_first("times"),
        frozenset(data["openers"]),
        longest_first("info_words"),
        longest_first("search_verbs"),
        frozenset(data["references"] + data["persons"]),
        frozenset(data["persons"]),
        frozenset(data["commands"]),
        frozenset(data["speaker"]),
        frozenset(data["questions"]),
        frozenset(phrase(p) for p in data["vague_cues"]),
        frozenset(phrase(p) for p in data["phrasal"]),
        {p: group for group in map(phrases, data["synonyms"]) for p in group},
        {normalize(k): normalize(v) for k, v in data["spellings"].items()},
        {
            k: (v["means"], frozenset(v["after"]), frozenset(v["before"]))
            for k, v in data["homophones"].items()
        },
        Narration(
            frozenset(data["narration"]["subjects"]),
            frozenset(data["narration"]["adverbs"]),
            frozenset(
                f for forms in IRREGULAR.values() for f in forms if not f.endswith(("s", "ing"))
            ),
        ),
    )


MAX_PHRASE = 6
"""Phrases longer than this many words are never looked for."""


def grams(words: list[str]) -> dict[Phrase, list[int]]:
    """Where each run of up to `MAX_PHRASE` words starts (an index for phrase look-ups)."""
    out: dict[Phrase, list[int]] = {}
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_PHRASE) + 1):
            out.setdefault(tuple(words[i:j]), []).append(i)
    return out


def find(
    words: list[str],
    candidates: tuple[Phrase, ...] | dict[Phrase, str],
    index: dict[Phrase, list[int]] | None = None,
) -> list[tuple[int, int]]:
    """Every (start, end) where one of the phrases occurs; longer phrases win overlaps.

    The instruction's runs of words are looked up in the phrases (a pool has thousands), so
    the cost follows the instruction's length."""
    index = grams(words) if index is None else index
    wanted = candidates if isinstance(candidates, dict) else _phrase_set(candidates)
    hits = sorted(
        ((i, len(p)) for p in index if p in wanted for i in index[p]), key=lambda h: (-h[1], h[0])
    )
    spans: list[tuple[int, int]] = []
    taken = [False] * len(words)
    for i, n in hits:
        if not any(taken[i : i + n]):
            spans.append((i, i + n))
            taken[i : i + n] = [True] * n
    return sorted(spans)


@dataclass
class Analysis:
    """An instruction read once: its tokens (politeness removed) and, on demand, the values of
    any pool it mentions."""

    text: str
    tokens: list[Token]
    polite: bool
    clauses: list[int] = field(default_factory=list)
    """The clause of each token: commas, semicolons, "!", "?" and "." separate clauses."""
    cue_index: CueIndex | None = None
    """The registered frames' cues, when the reader has them (`cue_index.py`)."""
    typos: frozenset[int] = frozenset()
    """Tokens written in lower case that are typos of several known words, none far more
    common ("seling": selling or seeing), or that were read as the commonest of several
    ("startr" as "start", not "starter"): never part of a free-text value."""
    repaired: frozenset[tuple[int, int]] = frozenset()
    """Spans of the text read as another spelling of a word: a slip of a common ending
    ("woodworkign"), one word typed apart ("crypto currency"), or a typo in lower case, of five
    letters or more, one edit from one known word only ("dishwaser"); not guesses at the
    nearest known word ("acme" stays as typed in a product's name)."""
    _entities: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    _cue_hits: dict | None = None

    def __post_init__(self) -> None:
        self.words = [t.word for t in self.tokens]
        self.index = grams(self.words)
        told = narrated(self.words)
        self.cue_grams = self.index
        """The runs of words that may be cues: not those that start with a verb the speaker
        narrates in the past ("something I downloaded" asks no download)."""
        if told:
            starts = ((g, [i for i in s if i not in told]) for g, s in self.index.items())
            self.cue_grams = {g: s for g, s in starts if s}

    def occurrences(self, candidates: tuple[Phrase, ...]) -> list[tuple[int, int]]:
        """Every (start, end) of every phrase, overlaps included (the instruction's few runs
        of words looked up in the phrases, not every phrase in the instruction)."""
        return self._occurrences(candidates, self.index)

    def _occurrences(self, candidates: tuple[Phrase, ...], index: dict) -> list[tuple[int, int]]:
        wanted = _phrase_set(candidates)
        return [(i, i + len(g)) for g, starts in index.items() if g in wanted for i in starts]

    def group_spans(self, owner: object, groups: tuple[tuple[Phrase, ...], ...]) -> list:
        """Every (start, end) of each group's phrases (`occurrences` of each group), from the
        cue index when it has `owner`'s groups: then the instruction is looked up once for every
        registered frame."""
        index = self.cue_index
        if index is not None:
            if self._cue_hits is None:
                self._cue_hits = index.hits(self.cue_grams)
            found = index.spans(self._cue_hits, owner)
            if found is not None:
                return found
        return [self._occurrences(group, self.cue_grams) for group in groups]

    def missing_cue(self, owner: object, groups: tuple[tuple[Phrase, ...], ...]) -> int | None:
        """The first of the groups with no phrase in the instruction (None: all are there);
        from the cue index, without making any spans, when it has `owner`'s groups."""
        index = self.cue_index
        if index is not None and index.knows(owner):
            if self._cue_hits is None:
                self._cue_hits = index.hits(self.cue_grams)
            found = self._cue_hits.get(id(owner))
            if found is None:
                return 0 if groups else None
        else:
            found = self.group_spans(owner, groups)
        return next((k for k, spans in enumerate(found) if not spans), None)

    def surface(self, start: int, end: int) -> str:
        """The original text of tokens[start:end]."""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end].strip(".'’")

    def value(self, start: int, end: int) -> str:
        """tokens[start:end] as a free-text value: the user's text, with each of its `repaired`
        spans written as read ("woodworkign videos": "woodworking videos")."""
        out, at = [], self.tokens[start].start
        for t in self.tokens[start:end]:
            if (t.start, t.end) in self.repaired:
                out += [self.text[at : t.start], t.word]
                at = t.end
        out.append(self.text[at : self.tokens[end - 1].end])
        return "".join(out).strip(".'’")

    def entities(self, pool: Pool) -> list[tuple[int, int, str]]:
        """(start, end, value) of every mention of a value of `pool` (longest names first)."""
        if id(pool) not in self._entities:
            names = _pool_phrases(pool)
            words = self.words
            found = []
            for start, end in find(words, names, self.index):
                found.append((start, end, names[tuple(words[start:end])]))
            self._entities[id(pool)] = found
        return self._entities[id(pool)]


_PHRASE_SETS: dict[int, tuple[tuple[Phrase, ...], frozenset[Phrase]]] = {}


def _phrase_set(candidates: tuple[Phrase, ...]) -> frozenset[Phrase]:
    """`candidates` as a set, made once per tuple (the frames' phrase tuples live as long as
    the frames)."""
    found = _PHRASE_SETS.get(id(candidates))
    if found is None or found[0] is not candidates:
        found = _PHRASE_SETS[id(candidates)] = (candidates, frozenset(candidates))
    return found[1]


_POOL_PHRASES: dict[int, dict[Phrase, str]] = {}


def narrated(words: list[str]) -> frozenset[int]:
    """The words that narrate what the speaker did: a past form ("downloaded", "got") right
    after a subject of `narration` ("I", "we"), or one of its adverbs between them ("I just
    installed")."""
    told = grammar().narration
    out = set()
    for i, w in enumerate(words):
        if w in told.pasts or (len(w) > 4 and w.endswith("ed")):
            before = words[max(0, i - 2) : i]
            if before and before[-1] in told.adverbs:
                before = before[:-1]
            if before and before[-1] in told.subjects:
                out.add(i)
    return frozenset(out)


def _pool_phrases(pool: Pool) -> dict[Phrase, str]:
    """Every phrase (with plural / singular forms) naming a value of the pool; names of a
    `syntax` shape ("bestbuy.com") also as the one word the tokenizer keeps them as."""
    key = id(pool)
    if key not in _POOL_PHRASES:
        _POOL_PHRASES[key] = {
            tuple(numbers.digits(" ".join(phrase(t))).split()): value
            for value in pool.values
            for t in (*pool.terms(value), value, *pool.values[value])
        }
    return _POOL_PHRASES[key]


_FIRST_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def typed_first(text: str, since: int) -> str:
    """The first word of `text` from `since` as typed, politeness included ("I need to make a
    call": "i", not "make"), in lower case without its apostrophe ("I'm": "im")."""
    first = _FIRST_WORD.search(text, since)
    return re.sub(r"\W", "", first.group().lower()) if first else ""
