"""Reading an instruction into an `Analysis`: the steps every family shares, in order.

`Reader.analyse` tokenizes the text (`grammar.tokenize`), splits glued words and fixes typos
of known words (by the rules of `typos.py`), joins words typed apart, writes spelled-out
numbers and times in digits, reads homophones, drops politeness, cuts clauses and moves the
particles of separated phrasal verbs back. The registry's second readings (real-word,
ambiguous and far typos) are the reader's too."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from android_gym.families import numbers
from android_gym.families.cue_index import CueIndex
from android_gym.families.grammar import (
    Analysis,
    Phrase,
    Token,
    find,
    grammar,
    phrase,
    tokenize,
    typed_first,
)
from android_gym.families.pools import pools
from android_gym.families.typos import (
    COMMONER,
    FAR_TYPO_MIN,
    REAL_TYPO_MIN,
    REPAIR_MAX,
    TYPO_MIN,
    commonest,
    deletions,
    english,
    one_edit,
    two_apart,
)

_CLAUSE_END = re.compile(r"[,;!?.]|\s-\s")


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
                for key in deletions(word):
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
            near = [c for c in self._by_length().get(len(w), ()) if two_apart(w, c)]
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
        return {c for key in deletions(w) for c in self._near.get(key, ()) if one_edit(w, c)}

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
        if near and (fixed := commonest(near)):
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


def _numbers(tokens: list[Token]) -> list[Token]:
    """Spelled-out numbers and times in digits, as the tokens the same digits typed would be
    ("quarter past six" is "6", "15", as "6:15" typed), so they meet the same values."""
    out = []
    for w, i, j in numbers.rewrite([t.word for t in tokens]):
        typed = numbers.digits(" ".join(phrase(w))).split() if j - i > 1 else [w]
        out += [Token(part, tokens[i].start, tokens[j - 1].end) for part in typed]
    return out


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
