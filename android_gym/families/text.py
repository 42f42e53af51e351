"""Text normalisation shared by task families: case, accents and punctuation folded, and the
plural / singular forms of key terms. Reading whole instructions is the job of `reader.py`
and `grammar.py`."""

from __future__ import annotations

import re
import unicodedata
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


def word_forms(phrase: str) -> set[str]:
    """A phrase with the simple plural / singular forms of its last word
    ("beach towel" -> {"beach towel", "beach towels"})."""
    words = normalize(phrase).split()
    if not words:
        return set()
    head = " ".join(words[:-1])
    return {f"{head} {form}".strip() for form in _forms(words[-1])}


UNCOUNTABLE = frozenset({"news", "series", "species", "politics", "economics", "physics"})
"""Nouns that end in s without being plurals: no singular is made of them ("news" is no
plural of "new", so the cue "news" does not match "what's new from LG")."""


def _forms(w: str) -> set[str]:
    forms = {w}
    if w in UNCOUNTABLE:
        return forms
    if w.endswith("ies"):
        forms.add(w[:-3] + "y")
    elif w.endswith("es") and w[:-2].endswith(("s", "x", "ch", "sh")):
        forms.add(w[:-2])
    elif w.endswith("s") and not w.endswith("ss"):
        forms.add(w[:-1])
    else:
        forms.add(w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s"))
    return forms


_VOWELS = frozenset("aeiou")
IRREGULAR = {
    "go": ("goes", "going", "went", "gone"),
    "do": ("does", "doing", "did", "done"),
    "get": ("gets", "getting", "got", "gotten"),
    "buy": ("buys", "buying", "bought"),
    "sell": ("sells", "selling", "sold"),
    "pay": ("pays", "paying", "paid"),
    "fly": ("flies", "flying", "flew", "flown"),
    "drive": ("drives", "driving", "drove", "driven"),
    "eat": ("eats", "eating", "ate", "eaten"),
    "find": ("finds", "finding", "found"),
    "run": ("runs", "running", "ran"),
}
"""The forms of common irregular verbs (short ones included: "go for" -> "going for"); the
rules of `inflections` would miss them or make false ones ("selled")."""


def inflections(word: str) -> set[str]:
    """A word with its regular inflections: plural / third person, "-ing" and "-ed"
    ("rent" -> rents, renting, rented; "price" -> pricing, priced; "shop" -> shopping), so
    a declared cue also matches the forms people use. Words under three letters stay as
    they are."""
    w = normalize(word)
    if w in IRREGULAR:
        return {w, *IRREGULAR[w]}
    if len(w) < 3 or not w.isalpha():
        return {w}
    out = {w} | _forms(w)
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return out | {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and w[-2] not in _VOWELS:
        return out | {w + "ing", w[:-1] + "ied", w[:-1] + "ies"}
    short = len(w) <= 4 and w[-1] not in _VOWELS | set("wxy") and w[-2] in _VOWELS
    stem = w + w[-1] if short and w[-3] not in _VOWELS else w
    return out | {stem + "ing", stem + "ed"}
