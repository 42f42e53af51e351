"""The product catalog of the simulated storefronts, and how a store's search reads a query.

Products come from `data/catalog.yaml` (brand, name, category, price, variants, keywords); a
product with several variants (colours) is one listing per variant. Search matches the way
real store search does: case, spacing and hyphens do not matter ("USB-C to USB-A" and "usb c
to usb a"), model numbers match written together or apart ("Logitech G903", "g 903"), a
plural finds the singular, "triple a" is "AAA", inches are inches whether written 15" or
"15 inch", and a long word one typo away still matches ("quitecomfort"). Every word of the
query must be found; products whose title starts with the query rank first, then those
whose title holds it as a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "catalog.yaml"
_SYNONYMS: dict[tuple[str, ...], str] = {
    ("triple", "a"): "aaa",
    ("double", "a"): "aa",
    ("best", "buy"): "bestbuy",
    ("air", "pods"): "airpods",
    ("inches",): "inch",
    ("in",): "inch",
}
"""Word sequences a store's search reads as one term. ("in" only counts after a number.)"""
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
TYPO_MIN = 5
"""Query words this long may be one typo away from a product's word."""


@lru_cache(maxsize=8192)
def terms(text: str) -> tuple[str, ...]:
    """The search terms of `text`: lower case, accents folded, inch marks as "inch", letters
    and digits apart ("g903" -> "g 903"), hyphens and punctuation as spaces, synonyms merged.
    Cached: pages and judges read the same titles and queries on every step."""
    folded = unicodedata.normalize("NFKD", text.replace("”", '"').replace("″", '"'))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = _LETTER_DIGIT.sub(" ", folded.replace('"', " inch ").replace("'", ""))
    words = _TOKEN.findall(folded)
    out: list[str] = []
    i = 0
    while i < len(words):
        for length in (2, 1):
            key = tuple(words[i : i + length])
            merged = _SYNONYMS.get(key) if len(key) == length else None
            if merged == "inch" and key == ("in",) and not (out and out[-1][:1].isdigit()):
                merged = None
            if merged:
                out.append(merged)
                i += length
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def same_word(query_word: str, word: str) -> bool:
    """Whether a query word finds a product word: equal, a plural of it, or (long words) one
    typo away."""
    if query_word == word or query_word in (word + "s", word + "es") or word == query_word + "s":
        return True
    return len(query_word) >= TYPO_MIN and _one_edit(query_word, word)


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swap = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and (a[diff[0]], a[diff[1]])
            == (
                b[diff[1]],
                b[diff[0]],
            )
        )
        return len(diff) == 1 or swap
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def same_query(a: str, b: str) -> bool:
    """Whether two queries ask for the same thing: the same terms in the same order, each
    word equal or (long words) one typo apart ("Bose QuitComfort 35" is "bose quietcomfort
    35"; "bose soundlink" is not "bose soundlink mini")."""
    ta, tb = terms(a), terms(b)
    return len(ta) == len(tb) and all(
        x == y or (min(len(x), len(y)) >= TYPO_MIN and _one_edit(x, y))
        for x, y in zip(ta, tb, strict=True)
    )


@dataclass(frozen=True)
class Product:
    """One listing of the catalog: a product in one variant."""

    key: str
    """A stable slug, unique in the catalog (stores derive their item numbers from it)."""
    brand: str
    name: str
    category: str
    price: float
    variant: str
    keywords: tuple[str, ...]

    @property
    def title(self) -> str:
        """The plain title: brand, name and variant."""
        return f"{self.brand} {self.name}" + (f" - {self.variant}" if self.variant else "")

    @property
    def title_terms(self) -> tuple[str, ...]:
        return terms(f"{self.brand} {self.name} {self.variant}")

    @property
    def search_terms(self) -> tuple[str, ...]:
        return self.title_terms + terms(" ".join(self.keywords))


def _product(line: str) -> list[Product]:
    brand, name, category, price, variants, keywords = (p.strip() for p in line.split("|"))
    out = []
    for variant in variants.split(";") if variants else [""]:
        out.append(
            Product(
                key="-".join(terms(f"{brand} {name} {variant}")),
                brand=brand,
                name=name,
                category=category,
                price=float(price),
                variant=variant.strip(),
                keywords=tuple(k.strip() for k in keywords.split(";") if k.strip()),
            )
        )
    return out


@cache
def catalog() -> tuple[Product, ...]:
    """Every listing of `data/catalog.yaml`, in file order."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    products = tuple(p for line in data["products"] for p in _product(line))
    keys = [p.key for p in products]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{DATA}: two products share a key")
    return products


@cache
def by_key() -> dict[str, Product]:
    return {p.key: p for p in catalog()}


def _found(query: tuple[str, ...], words: tuple[str, ...]) -> bool:
    return all(any(same_word(q, w) for w in words) for q in query)


def _phrase_in(query: tuple[str, ...], words: tuple[str, ...]) -> bool:
    n = len(query)
    return any(
        all(same_word(q, w) for q, w in zip(query, words[i : i + n], strict=True))
        for i in range(len(words) - n + 1)
    )


def relevance(query: str, product: Product) -> int | None:
    """How well `product` answers `query`: None when some query word is missing, else 3 when
    its title or name starts with the query, 2 when its title holds the query as a phrase, 1
    when the title has every word, 0 when the keywords were needed."""
    wanted = terms(query)
    if not wanted or not _found(wanted, product.search_terms):
        return None
    title = product.title_terms
    name = terms(product.name)
    if any(_phrase_in(wanted, words[: len(wanted)]) for words in (title, name)):
        return 3
    if _phrase_in(wanted, title):
        return 2
    return 1 if _found(wanted, title) else 0


@cache
def matches(query: str) -> tuple[tuple[Product, int], ...]:
    """The products `query` finds, with their relevance, in catalog order."""
    found = ((p, relevance(query, p)) for p in catalog())
    return tuple((p, r) for p, r in found if r is not None)


@cache
def _phrases() -> tuple[str, ...]:
    """What shoppers type: a product's brand and the first words of its name, lower case."""
    out: dict[str, None] = {}
    for p in catalog():
        name = [w for w in re.split(r"[\s,]+", p.name.lower()) if w and w != "-"]
        for n in (1, 2, 3):
            out[" ".join([p.brand.lower(), *name[:n]])] = None
            out[" ".join(name[: n + 1])] = None
    return tuple(out)


def suggest(typed: str, n: int = 8) -> list[str]:
    """Search suggestions while `typed` is typed: phrases that start with it, shortest first
    (suggestions are not results)."""
    text = " ".join(typed.lower().split())
    if not text:
        return []
    found = [p for p in _phrases() if p.startswith(text) and p != text]
    return sorted(found, key=lambda p: (len(p), p))[:n]


def overlap(query: str, text: str) -> int:
    """How many of the query's terms a text (a listing's title on screen) has."""
    words = terms(text)
    return sum(any(same_word(q, w) for w in words) for q in terms(query))
