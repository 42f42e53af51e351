"""Reading an instruction once for every family: words, where each came from, known values.

`analyse` turns the text into normalised tokens that remember their place in the original (so a
free-text value keeps the user's spelling), after the steps every family shares:
politeness removed ("could you please", "for me"), glued words split ("inToronto"), typos of
known words fixed ("wether"), spelled-out numbers and times written in digits ("one bedroom",
"quarter past six"). `Analysis.entities` finds the values of a pool anywhere in it.
The shared words (politeness, fillers, question openers) are data: `data/grammar.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from android_gym.families import numbers
from android_gym.families.cue_index import CueIndex
from android_gym.families.pools import DATA, Pool, load_yaml, pools
from android_gym.families.text import IRREGULAR, normalize

Phrase = tuple[str, ...]
_RAW_WORD = re.compile(r"[^\s,;:!?()\[\]{}\"“”\-–—]+")
_PART = re.compile(r"[^/]+")
TYPO_MIN = 5
"""Words this long or longer that are one edit away from exactly one known word are read as
that word ("wether" -> "weather", "mutch" -> "much"); shorter ones only when two letters are
swapped ("teh", "opne") or, from four letters, one was dropped ("alrm"); a word with a digit
is no typo ("2bedroom" is glued, not "bedroom"); names of values are reached only from six
letters on and never from a capitalised word ("Iceland" is not "Ireland"). A common English
word (`data/english.txt`) is never a typo ("point" stays point, not "joint")."""
REPAIR_MAX = 40
"""Longer words are read as typed, never as typos or glued words: no two known words glued
make one this long, and repairing a word costs the square of its length (an agent can type a
word of thousands of letters into a query a judge reads)."""
_CLAUSE_END = re.compile(r"[,;!?.]|\s-\s")


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


@cache
def english() -> dict[str, int]:
    """Common English words (`data/english.txt`) with their frequency rank (0 = most
    common): never read as typos of other words."""
    lines = (DATA / "english.txt").read_text(encoding="utf-8").splitlines()
    return {w: rank for rank, w in enumerate(w for w in lines if w and not w.startswith("#"))}


FAR_TYPO_MIN = 7
"""Unknown words this long or longer may be typos two letters from a known word ("calander";
see `Reader.far_typos`)."""
REAL_TYPO_MIN = 4
"""Common English words this long or longer may be real-word typos ("dose" for "does", "weak"
for "week"; see `Reader.real_word_typos`)."""
COMMONER = 4
"""A typo that could stand for several known words is read as the most common of them when it
ranks at least this many times ahead of the next ("tiem" -> "time", not "item")."""


def _commonest(candidates: set[str]) -> str | None:
    """The one candidate a typo stands for: the only one, or a far more common one."""
    if len(candidates) == 1:
        return next(iter(candidates))
    ranks = sorted((english().get(c, len(english())), c) for c in candidates)
    if len(ranks) > 1 and (ranks[0][0] + 1) * COMMONER <= ranks[1][0] + 1:
        return ranks[0][1]
    return None


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


class Reader:
    """Analyses instructions against a vocabulary (the words every family declares)."""

    def __init__(
        self,
        vocabulary: set[str],
        strict: set[str],
        cue_index: CueIndex | None = None,
        prefer: frozenset[str] = frozenset(),
    ) -> None:
        """`strict`: words a typo may be corrected to only from six letters on (names of
        values: "stain" must not become "Spain"); `cue_index`: the cues of the frames that
        read its analyses; `prefer`: words a typo one edit from several words is read as (a
        judge reads a query in the light of its task's terms: "presdent" is "president",
        not "present")."""
        self.vocabulary, self.strict, self.cue_index = vocabulary, strict, cue_index
        self.prefer = prefer
        self._near: dict[str, set[str]] = {}
        self._fixed: dict[tuple[str, bool], str | int | None] = {}
        self._near_of: dict[tuple[str, bool], frozenset[str]] = {}
        self._lengths: dict[int, tuple[str, ...]] | None = None
        for word in vocabulary:
            if len(word) >= 3 + 3 * (word in strict) and word.isalpha():
                for key in _deletions(word):
                    self._near.setdefault(key, set()).add(word)

    def analyse(self, text: str, polite: bool = True) -> Analysis:
        """`text` read as words (politeness removed unless `polite` is False)."""
        tokens, repaired, guessed = [], set(), set()
        for token in tokenize(text):
            capital = text[token.start : token.start + 1].isupper()
            fixed = self._fix(token, capital)
            read = fixed[0].word if len(fixed) == 1 and fixed[0].word != token.word else None
            if read and (
                read == self._respelled(token.word)
                or (not capital and self._sure_typo(token.word, read))
            ):
                repaired.add((token.start, token.end))
            elif read and not capital and len(self._one_edit_from(token.word)) > 1:
                guessed.add((token.start, token.end))  # the commonest of several: "startr"
            tokens.extend(fixed)
        tokens = self._joined(text, tokens)
        repaired |= {(t.start, t.end) for t in tokens if " " in text[t.start : t.end]}
        tokens = _homophones(text, _numbers(tokens))
        kept, dropped = _drop_politeness(tokens) if polite else (tokens, False)
        clauses, clause, about_speaker = [], 0, False
        g = grammar()
        for i, t in enumerate(kept):
            if not i or _CLAUSE_END.search(text[kept[i - 1].end : t.start]):
                clause += bool(i)
                about_speaker = typed_first(text, kept[i - 1].end if i else 0) in g.speaker
            elif about_speaker and t.word in g.questions:  # "my kid asks | how big ..."
                clause, about_speaker = clause + 1, False
            clauses.append(clause)
        kept = _particles_back(kept, clauses)
        typos = frozenset(
            i
            for i, t in enumerate(kept)
            if (t.start, t.end) in guessed
            or (text[t.start : t.end].islower() and self._typo_of(t.word, False))
        )
        return Analysis(text, kept, dropped, clauses, self.cue_index, typos, frozenset(repaired))

    def real_word_typos(self, a: Analysis) -> Analysis | None:
        """`a` with each common English word that is one edit from exactly one known word at
        least `COMMONER` times more common (or from several, one of them by two letters
        swapped) read as that word ("capitol" -> "capital", "dose" -> "does"), or
        None when it has none. The registry reads this only when nothing read `a`, and keeps
        only a reading of known values."""
        ranks = english()
        tokens, fixed = list(a.tokens), False
        for i, t in enumerate(tokens):
            w = t.word
            if w in self.vocabulary or len(w) < REAL_TYPO_MIN or w not in ranks:
                continue
            near = self._one_edit_from(w)
            common = [
                c
                for c in near - self.strict
                if (ranks.get(c, len(ranks)) + 1) * COMMONER <= ranks[w] + 1
            ]
            swapped = [c for c in common if sorted(c) == sorted(w)]
            if len(common) == 1 or len(swapped) == 1:  # "dose": does, not done
                tokens[i], fixed = Token((swapped or common)[0], t.start, t.end), True
        return Analysis(a.text, tokens, a.polite, a.clauses, self.cue_index) if fixed else None

    def ambiguous_typos(self, a: Analysis) -> list[Analysis]:
        """`a` read with each known word its first ambiguous typo may stand for ("presdent":
        "present" or "president", neither far more common), by the rules of `_repair`; [] when
        it has none. The registry reads these only when nothing read `a`, and keeps a reading
        of known values only when exactly one of them gives one."""
        for i, t in enumerate(a.tokens):
            near = self._typo_of(t.word, a.text[t.start : t.start + 1].isupper())
            if len(near) > 1:
                return self._read_as(a, i, near)
        return []

    def far_typos(self, a: Analysis) -> list[Analysis]:
        """`a` read with each known word its first far typo may stand for: an unknown word in
        lower case of `FAR_TYPO_MIN` letters or more, no common English word, two letters
        from a known word of its length that starts with its letter ("calander": calendar);
        [] when it has none. Read like `ambiguous_typos`, after them: only a reading of known
        values counts."""
        for i, t in enumerate(a.tokens):
            w = t.word
            typed = a.text[t.start : t.end]
            if len(w) < FAR_TYPO_MIN or not typed.islower() or typed != w or not w.isalpha():
                continue
            if w in self.vocabulary or w in english():
                continue
            near = [c for c in self._by_length().get(len(w), ()) if _two_apart(w, c)]
            if near:
                return self._read_as(a, i, near)
        return []

    def _read_as(self, a: Analysis, i: int, words: Iterable[str]) -> list[Analysis]:
        """`a` with its token i read as each of `words`, in order."""
        t = a.tokens[i]
        return [
            Analysis(
                a.text,
                [*a.tokens[:i], Token(w, t.start, t.end), *a.tokens[i + 1 :]],
                a.polite,
                a.clauses,
                self.cue_index,
            )
            for w in sorted(words)
        ]

    def _by_length(self) -> dict[int, tuple[str, ...]]:
        """The known words of `FAR_TYPO_MIN` letters or more by their length (made once)."""
        if self._lengths is None:
            out: dict[int, list[str]] = {}
            for word in self.vocabulary:
                if len(word) >= FAR_TYPO_MIN and word.isalpha():
                    out.setdefault(len(word), []).append(word)
            self._lengths = {n: tuple(ws) for n, ws in out.items()}
        return self._lengths

    def _typo_of(self, w: str, capital: bool) -> frozenset[str]:
        """The known words one edit from `w` when `w` is an unknown word long enough to be
        read as a typo, and neither a common English word nor a known word's plural (names of
        values only when it is not capitalised), else none."""
        key = (w, capital)
        if key not in self._near_of:
            near: set[str] = set()
            plural = w.endswith("s") and w[:-1] in self.vocabulary
            unknown = w not in self.vocabulary and w not in english() and not plural
            if unknown and w.isalpha() and TYPO_MIN <= len(w) <= REPAIR_MAX:
                near = self._one_edit_from(w)
            self._near_of[key] = frozenset(near - self.strict if capital else near)
        return self._near_of[key]

    def _joined(self, text: str, tokens: list[Token]) -> list[Token]:
        """Tokens with two words typed apart joined when together they are a word of a known
        name of eight letters or more ("crypto currency": "cryptocurrency") and apart no known
        name ("best buy" stays the store)."""
        out: list[Token] = []
        for t in tokens:
            if (
                out
                and text[out[-1].end : t.start] == " "
                and min(len(out[-1].word), len(t.word)) > 2
            ):
                whole = out[-1].word + t.word
                if (
                    len(whole) >= 8
                    and whole in self.strict
                    and (out[-1].word, t.word) not in _named_pairs()
                ):
                    out[-1] = Token(whole, out[-1].start, t.end)
                    continue
            out.append(t)
        return out

    def _respelled(self, w: str) -> str | None:
        """The word `w` is by a slip of a common ending, not by a guess at the nearest known
        word: "-ign" typed for "-ing" ("woodworkign"), never a common English word. A free-text
        value writes it so (`Analysis.value`)."""
        if w.endswith("ign") and len(w) >= 7 and w.isalpha() and w not in english():
            return w[:-3] + "ing"
        return None

    def _sure_typo(self, w: str, fixed: str) -> bool:
        """Whether the unknown word `w`, typed in lower case, is surely `fixed` misspelt, so that
        a free-text value writes it so ("dishwaser" -> "dishwasher"): `TYPO_MIN` letters or more,
        one edit from that known word alone, with the same first letter and no letter more
        than it (a letter dropped or mistyped). A short word stays as typed ("acme" is no
        "came"), and so does a rarer word that holds a known one ("hover" is no "over")."""
        return (
            len(w) >= TYPO_MIN
            and w[0] == fixed[0]
            and len(fixed) >= len(w)
            and self._one_edit_from(w) == {fixed}
        )

    def _one_edit_from(self, w: str) -> set[str]:
        """The known words (names of values from six letters on) one edit from `w`."""
        return {c for key in _deletions(w) for c in self._near.get(key, ()) if _one_edit(w, c)}

    def _fix(self, token: Token, capital: bool) -> list[Token]:
        """The token, split when it is two known words glued, or corrected when it is a typo
        (a capitalised word is a name typed on purpose: never corrected into a value name); a
        chat spelling is read as the word it stands for ("wat" -> "what")."""
        w = token.word
        if said := grammar().spellings.get(w):
            return [Token(said, token.start, token.end)]
        if w in self.vocabulary or not w.isalnum() or w.isdigit() or len(w) > REPAIR_MAX:
            return [token]
        key = (w, capital)
        if key not in self._fixed:
            self._fixed[key] = self._repair(w, capital)
        found = self._fixed[key]
        if isinstance(found, str):
            return [Token(found, token.start, token.end)]
        if isinstance(found, int):
            left, right = w[:found], w[found:]
            mid = token.start + found if token.end - token.start == len(w) else token.end
            if left.isdigit() and right not in self.vocabulary:  # "2bedrom": 2, a typo
                return [
                    Token(left, token.start, mid),
                    *self._fix(Token(right, mid, token.end), capital),
                ]
            return [Token(left, token.start, mid), Token(right, mid, token.end)]
        return [token]

    def _repair(self, w: str, capital: bool) -> str | int | None:
        """How to read an unknown word: the known word it is a typo of, where to split it
        (two known words glued, each of two letters or more unless one is a number: "nearst"
        is no "nears t"), or None. A dropped final g ("lookin") is restored, a final z
        typed for s ("newz"), and the swapped letters of "-ing" ("woodworkign"); a common
        English word, or the plural or possessive of a known word ("Coldplay's" is "coldplays"),
        is neither corrected nor split."""
        if w.endswith("in") and w + "g" in self.vocabulary:
            return w + "g"
        if w.endswith("z") and w[:-1] + "s" in self.vocabulary:
            return w[:-1] + "s"  # "newz": a final z typed for s
        if w in english() or (w.endswith("s") and w[:-1] in self.vocabulary):
            return None  # a common word, or a known word's plural or possessive ("coldplays")
        if swapped := self._respelled(w):
            return swapped
        near = self._one_edit_from(w) if w.isalpha() else set()  # "2bedroom" is no typo
        if len(w) < TYPO_MIN:  # short words: swapped letters, or one dropped from four
            near = {c for c in near if sorted(c) == sorted(w) or len(c) > len(w) >= 4}
        if capital:
            near -= self.strict
        if preferred := near & self.prefer:
            return min(preferred)
        if near and (fixed := _commonest(near)):
            return fixed
        for cut in range(1, len(w)):
            left, right = w[:cut], w[cut:]
            if (min(len(left), len(right)) >= 2 or left.isdigit() or right.isdigit()) and all(
                part in self.vocabulary or part.isdigit() for part in (left, right)
            ):
                return cut
        digits = len(w) - len(w.lstrip("0123456789"))
        glued = 0 < digits < len(w) and w[digits:].isalpha()  # a number glued to a typo: "2bedrom"
        if glued and isinstance(self._repair(w[digits:], capital), str):
            return digits
        return None


@cache
def _named_pairs() -> frozenset[Phrase]:
    """Every two neighbouring words of a name of a value of `pools.pools()`."""
    names = (n for p in pools().values() for v, al in p.values.items() for n in (v, *al))
    return frozenset(p[i : i + 2] for n in names for p in [phrase(n)] for i in range(len(p) - 1))


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _two_apart(a: str, b: str) -> bool:
    """Whether `b` is `a` with two of its letters, not the first, typed differently."""
    return a[0] == b[0] and sum(x != y for x, y in zip(a, b, strict=True)) == 2


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _numbers(tokens: list[Token]) -> list[Token]:
    """Spelled-out numbers and times in digits, as the tokens the same digits typed would be
    ("quarter past six" is "6", "15", as "6:15" typed), so they meet the same values."""
    out = []
    for w, i, j in numbers.rewrite([t.word for t in tokens]):
        typed = numbers.digits(" ".join(phrase(w))).split() if j - i > 1 else [w]
        out += [Token(part, tokens[i].start, tokens[j - 1].end) for part in typed]
    return out


_FIRST_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def typed_first(text: str, since: int) -> str:
    """The first word of `text` from `since` as typed, politeness included ("I need to make a
    call": "i", not "make"), in lower case without its apostrophe ("I'm": "im")."""
    first = _FIRST_WORD.search(text, since)
    return re.sub(r"\W", "", first.group().lower()) if first else ""


def _homophones(text: str, tokens: list[Token]) -> list[Token]:
    """Tokens with each word typed for a word that sounds the same read as it where only that
    word fits (`homophones` in `grammar.yaml`: "want to by a laptop" -> "buy")."""
    sounds = grammar().homophones
    out = list(tokens)
    for i, t in enumerate(tokens):
        if t.word not in sounds or i + 1 == len(tokens):
            continue
        means, after, before = sounds[t.word]
        starts = i == 0 or bool(_CLAUSE_END.search(text[tokens[i - 1].end : t.start]))
        fits = tokens[i + 1].word in before if starts else tokens[i - 1].word in after
        if fits:
            out[i] = Token(means, t.start, t.end)
    return out


PARTICLE_REACH = 4
"""How many words a separated particle may follow its verb by ("turn the living room lights
off" is too far to be sure)."""


def _particles_back(tokens: list[Token], clauses: list[int]) -> list[Token]:
    """Tokens with the particle of a separated phrasal verb (`phrasal` in `grammar.yaml`) moved
    back next to its verb, when the particle ends its clause: "turn wifi off" -> "turn off
    wifi". Each token keeps its span of the original text."""
    phrasal = grammar().phrasal
    out = list(tokens)
    for j in range(2, len(out)):
        if j + 1 < len(out) and clauses[j + 1] == clauses[j]:
            continue  # not the last word of its clause
        for i in range(max(0, j - PARTICLE_REACH - 1), j - 1):
            if clauses[i] == clauses[j] and (out[i].word, out[j].word) in phrasal:
                out.insert(i + 1, out.pop(j))
                break
    return out


def _drop_politeness(tokens: list[Token]) -> tuple[list[Token], bool]:
    words = [t.word for t in tokens]
    spans = find(words, grammar().politeness)
    dropped = {i for start, end in spans for i in range(start, end)}
    return [t for i, t in enumerate(tokens) if i not in dropped], bool(spans)


@lru_cache(maxsize=256)
def _query_reader(vocabulary: frozenset[str], strict: frozenset[str]) -> Reader:
    """A reader of queries against a task's key-term words (judges ask on every step)."""
    return Reader(set(vocabulary) | grammar().words(), set(strict), prefer=vocabulary)


def covers(query: str, groups: Iterable[Iterable[str]], names: Iterable[str] | None = None) -> bool:
    """True when `query` contains one phrase of every group of key terms, as whole words.

    The query is read like an instruction, against the terms' own words (as a search engine's
    "showing results for"): glued words are split, numbers count in words or digits, a word one
    edit away from a term word counts as that word, from six letters on for words of `names`
    (names of values; by default every term word) and as for instructions otherwise. A term
    written as the query writes it counts too ("hundred" in "one hundred years", read as 100).
    """
    spelled = [[tuple(phrase(p)) for p in g] for g in groups]
    wanted = [[tuple(numbers.digits(" ".join(p)).split()) for p in g] for g in spelled]
    vocabulary = {w for group in wanted for p in group for w in p}
    strict = vocabulary if names is None else {w for n in names for w in phrase(n)}
    words = _query_reader(frozenset(vocabulary), frozenset(strict)).analyse(query, polite=False)
    padded = f" {' '.join(words.words)} "
    plain = f" {' '.join(phrase(query))} "  # a term that is a number's word ("hundred")

    def found(digit_form: tuple[str, ...], as_written: tuple[str, ...]) -> bool:
        return bool(digit_form) and (
            f" {' '.join(digit_form)} " in padded or f" {' '.join(as_written)} " in plain
        )

    return all(any(map(found, w, s)) for w, s in zip(wanted, spelled, strict=True))
