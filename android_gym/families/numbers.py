"""Spelled-out numbers and times as digits, so that "one bedroom" reads as "1 bedroom" and
"quarter past six" as "6:15" wherever an instruction is parsed or a query is judged.

`rewrite` works on normalised words (lower case, no punctuation) and says which words become
which token, so callers keep track of where each token came from in the original text.
Numbers come out as plain digits ("25", "305", "2000"); times of day as "7am", "6:15",
"6:15pm" ("noon" is "12pm", "midnight" "12am").
"""

from __future__ import annotations

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_SMALL += ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
_SMALL += ["eighteen", "nineteen"]
UNITS = {w: i for i, w in enumerate(_SMALL)}
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TENS = {w: 10 * i for i, w in enumerate(_TENS, 2)}
SCALES = {"thousand": 1000, "million": 1_000_000}
DAY_PARTS = {
    ("am",): "am",
    ("a", "m"): "am",
    ("pm",): "pm",
    ("p", "m"): "pm",
    ("in", "the", "morning"): "am",
    ("in", "the", "afternoon"): "pm",
    ("in", "the", "evening"): "pm",
    ("at", "night"): "pm",
}
_NAMED_TIMES = {"noon": "12pm", "midday": "12pm", "midnight": "12am"}
_FRACTIONS = {"quarter": 15, "half": 30}
WORDS = frozenset(
    [*UNITS, *TENS, *SCALES, *_NAMED_TIMES, *_FRACTIONS, "hundred", "oclock", "past", "oh"]
)
"""The words numbers and times are spelled with (never read as typos of other words)."""

Rewrite = list[tuple[str, int, int]]
"""(token, start, end): words[start:end] become `token`; the list covers every word in order."""


MAX_DIGITS = 100
"""Longer runs of digits are words, not numbers (Python refuses to convert one of over 4,300
digits, and no count, time or date has so many)."""


def _is_int(word: str) -> bool:
    return word.isascii() and word.isdigit() and len(word) <= MAX_DIGITS


def _group(words: list[str], i: int) -> tuple[int, int] | None:
    """A spelled number under 1000 at words[i] ("three hundred and five"), and where it ends."""
    n, j, value = len(words), i, 0
    head = words[j] if j < n else ""
    if j + 1 < n and words[j + 1] == "hundred" and (head == "a" or 0 < UNITS.get(head, 0) < 10):
        value, j = 100 * (1 if head == "a" else UNITS[head]), j + 2
        if j + 1 < n and words[j] == "and" and (words[j + 1] in TENS or UNITS.get(words[j + 1])):
            j += 1
    if j < n and words[j] in TENS:
        value, j = value + TENS[words[j]], j + 1
        if j < n and 0 < UNITS.get(words[j], 0) < 10:
            value, j = value + UNITS[words[j]], j + 1
    elif j < n and words[j] in UNITS and (UNITS[words[j]] or j == i):
        value, j = value + UNITS[words[j]], j + 1
    return (value, j) if j > i else None


def spelled_number(words: list[str], i: int) -> tuple[int, int] | None:
    """The value of the spelled-out number starting at words[i] and the index after it."""
    total, j, last_scale = 0, i, None
    while True:
        found = _group(words, j)
        if found is None and j < len(words) and words[j] == "a" and j + 1 < len(words):
            found = (1, j + 1) if words[j + 1] in SCALES else None
        if found is None:
            break
        value, end = found
        scale = SCALES.get(words[end]) if end < len(words) else None
        if scale is None or (last_scale is not None and scale >= last_scale):
            return total + value, end
        total, j, last_scale = total + value * scale, end + 1, scale
        if j < len(words) and words[j] == "and":
            j += 1
    if last_scale is None:
        return None
    end = j - 1 if words[j - 1] == "and" else j
    return total, end


def _number_at(words: list[str], i: int) -> tuple[int, int] | None:
    """A number written in digits or in words at words[i]."""
    if i < len(words) and _is_int(words[i]):
        return int(words[i]), i + 1
    return spelled_number(words, i)


def _day_part(words: list[str], i: int) -> tuple[str, int] | None:
    for phrase, part in DAY_PARTS.items():
        if tuple(words[i : i + len(phrase)]) == phrase:
            return part, i + len(phrase)
    return None


def _clock(hour: int, minute: int, part: str) -> str:
    return f"{hour}:{minute:02d}{part}" if minute else f"{hour}{part}"


def _time(words: list[str], i: int) -> tuple[str, int] | None:
    """A time of day at words[i]: "quarter past six", "seven in the morning", "six thirty pm",
    "7 o clock", "noon"."""
    if words[i] in _NAMED_TIMES:
        return _NAMED_TIMES[words[i]], i + 1
    minute, hour_at, before = None, None, False
    if words[i] in _FRACTIONS and i + 2 < len(words) and words[i + 1] in ("past", "to"):
        minute, hour_at, before = _FRACTIONS[words[i]], i + 2, words[i + 1] == "to"
    elif (m := spelled_number(words, i)) and m[1] + 1 < len(words):
        # "ten past six", "ten minutes to six"; a bare "ten to six" may be a range, not a time
        minutes = words[m[1]] in ("minute", "minutes")
        end = m[1] + minutes
        linked = words[end] in ("past", "after") or (minutes and words[end] == "to")
        if 0 < m[0] < 60 and linked and end + 1 < len(words):
            minute, hour_at, before = m[0], end + 1, words[end] == "to"
    if hour_at is not None:
        hour = _number_at(words, hour_at)
        if hour is None or not 1 <= hour[0] <= 12:
            return None
        h, j = hour
        h, minute = ((h - 2) % 12 + 1, 60 - minute) if before else (h, minute)
        part = _day_part(words, j)
        return (_clock(h, minute, part[0]), part[1]) if part else (f"{h}:{minute:02d}", j)
    hour = _number_at(words, i)
    if hour is None or not 1 <= hour[0] <= 12:
        return None
    h, j = hour
    if words[j : j + 2] == ["o", "clock"] or words[j : j + 1] == ["oclock"]:
        j += 2 if words[j] == "o" else 1
        part = _day_part(words, j)
        return (_clock(h, 0, part[0]), part[1]) if part else (f"{h}:00", j)
    minute = 0
    oh = j < len(words) and words[j] == "oh" and (m := _number_at(words, j + 1)) and m[0] < 10
    if oh or ((m := _number_at(words, j)) and 10 <= m[0] < 60 and _day_part(words, m[1])):
        minute, j = m  # "nine oh five am", "six thirty pm"
    part = _day_part(words, j)
    return (_clock(h, minute, part[0]), part[1]) if part else None


def rewrite(words: list[str]) -> Rewrite:
    """Which words become which token: times first, then spelled-out numbers; every other
    word stays as it is."""
    out: Rewrite = []
    i = 0
    while i < len(words):
        time = _time(words, i)
        number = spelled_number(words, i) if time is None and not _is_int(words[i]) else None
        if time is not None:
            out.append((time[0], i, time[1]))
            i = time[1]
        elif number is not None:
            out.append((str(number[0]), i, number[1]))
            i = number[1]
        else:
            out.append((words[i], i, i + 1))
            i += 1
    return out


def digits(text: str) -> str:
    """`text` (normalised words) with its numbers and times written in digits."""
    words = text.split()
    return " ".join(token for token, _, _ in rewrite(words))
