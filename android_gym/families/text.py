"""Text matching shared by task families: normalisation, key terms and instruction patterns.

Instructions come from people (AitW lists have typos such as "inToronto" and "rateagainst"),
so patterns treat spaces as optional and ignore case, accents, apostrophes and punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_DROP = re.compile(r"['’.]")
_NON_WORD = re.compile(r"[^\w$%+]+")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower case, accents removed, apostrophes and periods dropped ("D.C." -> "dc",
    "McDonald's" -> "mcdonalds"), other punctuation turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_ish = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", _DROP.sub("", ascii_ish.lower())).split())


def contains_phrase(text: str, phrase: str) -> bool:
    """True when the normalised `phrase` occurs in the normalised `text` as whole words."""
    p = normalize(phrase)
    return bool(p) and f" {p} " in f" {normalize(text)} "


def word_forms(phrase: str) -> set[str]:
    """A phrase with the simple plural / singular forms of its last word
    ("beach towel" -> {"beach towel", "beach towels"})."""
    words = normalize(phrase).split()
    if not words:
        return set()
    head = " ".join(words[:-1])
    return {f"{head} {form}".strip() for form in _forms(words[-1])}


def _forms(w: str) -> set[str]:
    forms = {w}
    if w.endswith("ies"):
        forms.add(w[:-3] + "y")
    elif w.endswith("es") and w[:-2].endswith(("s", "x", "ch", "sh")):
        forms.add(w[:-2])
    elif w.endswith("s") and not w.endswith("ss"):
        forms.add(w[:-1])
    else:
        forms.add(w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s"))
    return forms


def covers(query: str, groups: Iterable[Iterable[str]]) -> bool:
    """True when `query` contains at least one phrase of every group of key terms."""
    return all(any(contains_phrase(query, phrase) for phrase in group) for group in groups)


_SLOT = re.compile(r"\{(\w+)\}")
_LETTERS = re.compile(r"[a-z]+|\d+")
_NAMED_GROUP = re.compile(r"\?p<\w+>")


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compiles an instruction pattern.

    A space matches whitespace (" ?" makes it optional); "{slot}" captures text lazily;
    "(a|b)" and "?" work as in regular expressions; an apostrophe is optional; trailing
    punctuation is ignored. Matching is case-insensitive and against the whole instruction.
    """
    regex = ""
    for i, piece in enumerate(_SLOT.split(pattern)):
        if i % 2 == 1:
            regex += f"(?P<{piece}>.+?)"
        else:
            regex += piece.replace("'", "['’]?").replace(" ?", r"\s*").replace(" ", r"\s+")
    return re.compile(r"\s*" + regex + r"\s*[?.!]*\s*", re.IGNORECASE)


def match(pattern: str, instruction: str) -> dict[str, str] | None:
    """The slot values when `pattern` matches the whole instruction, else None."""
    found = compile_pattern(pattern).fullmatch(instruction)
    if found is None:
        return None
    return {k: " ".join(v.split()) for k, v in found.groupdict().items() if v is not None}


def pattern_words(patterns: Iterable[str]) -> set[str]:
    """The literal words of instruction patterns (slot names excluded)."""
    words: set[str] = set()
    for pattern in patterns:
        literal = _NAMED_GROUP.sub("", _SLOT.sub(" ", pattern.lower()))
        words |= set(_LETTERS.findall(literal))
    return words


def deglue(instruction: str, vocabulary: set[str]) -> str:
    """Splits words that a typo glued together ("inToronto", "rateagainst", "Searchfor",
    "a3") when both halves are known words; other words are kept as typed."""
    out = []
    for word in instruction.split(" "):
        out.append(_split_word(word, vocabulary))
    return " ".join(out)


def _split_word(word: str, vocabulary: set[str]) -> str:
    core = word.rstrip("?.!,")
    tail = word[len(core) :]
    if not core.isalnum() or normalize(core) in vocabulary:
        return word
    for cut in range(1, len(core)):
        left, right = normalize(core[:cut]), normalize(core[cut:])
        if len(left) < 2 and not right.isdigit():
            continue  # "iPhone" is not "i Phone"; "a3" is "a 3"
        if left in vocabulary and right in vocabulary:
            return f"{core[:cut]} {core[cut:]}{tail}"
    return word
