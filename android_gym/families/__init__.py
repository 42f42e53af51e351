"""Task families and the registry that turns an instruction into a family and parameters.

Every instruction is read once (`reader.Reader`) and offered to every family's frames
(`frames.read`). Resolution order: readings made of known values only; then intents planned for
later versions (reported as unsupported rather than claimed by a loose reading); then readings
with free text; then, for a request for information, the generic web search. Among readings of
one step, the most known values, then the least free text, then the most cue words win; ties go
to the family registered first. `explain` says how an instruction was read.
Users add their own families with `register`.
"""

from __future__ import annotations

from collections.abc import Iterator

from android_gym.errors import InvalidChoice, UnsupportedTask, quote
from android_gym.families.alarm import AlarmFamily
from android_gym.families.base import Family, Params
from android_gym.families.calendar_view import CalendarFamily
from android_gym.families.chrome_ui import ChromeUI
from android_gym.families.cue_index import CueIndex
from android_gym.families.device_toggles import DeviceToggle
from android_gym.families.email import EmailFamily
from android_gym.families.explain import Explanation
from android_gym.families.frames import Frame, Miss, Reading, read
from android_gym.families.grammar import Analysis, find, grammar, phrase, shape
from android_gym.families.install_app import InstallApp
from android_gym.families.launch_app import LaunchApp
from android_gym.families.maps import MapsDirections, MapsNearest, MapsSearch
from android_gym.families.notification_shade import NotificationShade
from android_gym.families.planned import planned, planned_intent
from android_gym.families.pools import pools
from android_gym.families.reader import Reader
from android_gym.families.reddit import RedditFamily
from android_gym.families.search import Intent, SearchFamily, builtin_search_families
from android_gym.families.settings_apps import AppNotifications, AppSettings
from android_gym.families.web_shopping import WebShopping
from android_gym.families.youtube import FAMILIES as YOUTUBE
from android_gym.spaces import check_instruction

_SEARCH = builtin_search_families()
_SPECIFIC: list[Family] = [
    *(f for f in _SEARCH if f.name != "web_search"),
    ChromeUI(),
    LaunchApp(),
    *YOUTUBE,
    RedditFamily(),
    AlarmFamily(),
    CalendarFamily(),
    EmailFamily(),
    InstallApp(),
    AppSettings(),
    AppNotifications(),
    NotificationShade(),
    DeviceToggle(),
    WebShopping(),
    MapsSearch(),
    MapsNearest(),
    MapsDirections(),
]
_FALLBACK: list[Family] = [f for f in _SEARCH if f.name == "web_search"]


def families() -> dict[str, Family]:
    """Every registered family by name."""
    return {f.name: f for f in (*_SPECIFIC, *_FALLBACK)}


def get(name: str) -> Family:
    """The family called `name`."""
    found = families().get(name)
    if found is None:
        raise InvalidChoice("task family", name, families())
    return found


def register(family: Family) -> None:
    """Adds a family; it is tried before the built-in ones. Replaces one of the same name."""
    if not family.name:
        raise ValueError("a family needs a name")
    _SPECIFIC[:] = [f for f in _SPECIFIC if f.name != family.name]
    _SPECIFIC.insert(0, family)


_FRAMES: dict[Family, tuple] = {}


def frames_of(family: Family) -> tuple:
    """`family.frames()`, declared once per family object (declaring a frame expands every
    phrase's word forms, far too slow to repeat for every instruction)."""
    found = _FRAMES.get(family)
    if found is None:
        found = _FRAMES[family] = family.frames()
    return found


_READER: dict = {}


def reader() -> Reader:
    """The shared reader, over the vocabulary of every registered family (rebuilt when the
    registry changes)."""
    key = tuple(id(f) for f in _SPECIFIC)
    if _READER.get("key") != key:
        names = {w for pool in pools().values() for w in pool.words()}
        words = grammar().words() | {w for p in planned() for w in p.words()}
        every = [frame for family in _SPECIFIC for frame in frames_of(family)]
        for family in _SPECIFIC:
            words |= family.vocabulary()
        for frame in every:
            words |= frame.vocabulary()
            names |= {w for _, pool in frame.slots if pool for w in pool.words()}
        cues = CueIndex((frame, frame.cues) for frame in every)
        _READER.update(key=key, reader=Reader(words | names, names - words, cues))
    return _READER["reader"]


def _best(
    order: list[Family], a: Analysis, free: bool, notes: Explanation
) -> tuple[Family, Params, Reading | None] | None:
    """The best reading of one step (known values only, or with free text). A reading whose
    free text swallows the request of a near miss (an intent whose cues and a value are there:
    "a 2 bedroom apartment in Boston going" is no product) is no reading."""
    readings: list[tuple[tuple, Family, Reading]] = []
    near: list[Frame] = []
    for rank, family in enumerate(order):
        if not frames_of(family):
            params = family.parse(a.text, known_only=not free)
            if params is not None:
                return family, params, None
            notes.miss(family.name, "its parse() declined")
            continue
        for frame in frames_of(family):
            missing = a.missing_cue(frame, frame.cues)
            if missing is not None:  # most frames: not all their cues are there
                notes.miss(f"{family.name}.{frame.intent}", frame.no_cue[missing].reason)
                continue
            found = read(frame, a, free)
            if isinstance(found, Miss):
                cued = found.cued or _asks_app(family, frame)
                notes.miss(f"{family.name}.{frame.intent}", found.reason, cued)
                near += [frame] if found.cued else []
                continue
            readings.append(((*found.rank(), -rank), family, found))
    best: tuple[tuple, Family, Reading] | None = None
    for key, family, found in readings:
        swallowed = _swallowed(a, found, near) or _asks_inside(family, found, readings)
        if swallowed:
            notes.miss(f"{family.name}.{found.frame.intent}", swallowed, True)
        elif best is None or key > best[0]:
            best = (key, family, found)
    if best is None:
        return None
    _, family, found = best
    return family, family.params(found), found


def _asks_app(family: Family, frame: Frame) -> bool:
    """Whether a declined intent of an app ("Do I have any notifications?"), whose cues are
    all there, still blocks the generic search: it needs no value, and a web search would not
    do what its words ask of the app."""
    return bool(family.app and frame.cues) and all(s in frame.optional for s, _ in frame.slots)


def _asks_inside(family: Family, reading: Reading, readings: list) -> str:
    """Why a reading that only opens an app (`Family.launches`) is not the request, else "": a
    reading of the app's own family has cues besides the words that open the app ("open my
    latest email": the cue "latest" asks for the newest message in Gmail)."""
    if not family.launches:
        return ""
    app, pool = reading.params.get("app"), dict(reading.frame.slots).get("app")
    said = {w for cue in reading.cues for w in cue.split()}
    said |= {w for name in (app, *(pool.values.get(app, ()) if pool else ())) for w in phrase(name)}
    for _, other, found in readings:
        more = {w for cue in found.cues for w in cue.split()} - said
        if other.app == app and other is not family and more:
            return f"{other.name}.{found.frame.intent} asks for more inside {app}: {sorted(more)}"
    return ""


def _swallowed(a: Analysis, reading: Reading, near: list[Frame]) -> str:
    """Why the reading's free text is not its own: it holds both a cue and a known value of a
    near miss (that intent's own request, read as another's free text), else ""."""

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in reading.free_spans)

    for frame in near:
        cues = [c for spans in a.group_spans(frame, frame.cues) for c in spans if inside(*c)]
        values = [
            v
            for _, pool in frame.slots
            if pool is not None
            for start, end, v in a.entities(pool)
            if inside(start, end)
        ]
        if cues and values:
            return (
                f"its free text holds {a.surface(*cues[0])!r} and {values[0]!r}, a cue and a "
                f"value of {frame.family}.{frame.intent}"
            )
    return ""


def read_with(family: Family, instruction: str, free: bool) -> Params | None:
    """`family`'s parameters for `instruction` from its own frames, or None."""
    found = _best([family], reader().analyse(instruction), free, Explanation(instruction))
    return found[1] if found else None


def _request_query(a: Analysis) -> str | None:
    """The web-search query of a request for information, else None.

    A request: a clause starts with a question word or search verb, or the text ends with
    "?", or it names what it wants to know ("recipe", "how to", "population", ...). The query
    is the request without politeness and without a leading search verb. A request that names
    a site or account (a web address, a handle: "Go to walmart.com and check my orders") asks
    that site, which a generic search would not do: no query.
    """
    g, words = grammar(), a.words
    if any(shape(w) for w in words):
        return None
    starts = [i for i in range(len(words)) if i == 0 or a.clauses[i] != a.clauses[i - 1]]
    asks = any(words[i] in g.openers for i in starts) or a.text.rstrip().endswith("?")
    if not words or not (asks or find(words, g.info_words)):
        return None
    start = next((len(p) for p in g.search_verbs if tuple(words[: len(p)]) == p), 0)
    content = [w for w in words[start:] if w not in g.fillers and w not in g.openers]
    return a.surface(start, len(words)) if content else None


def explain(instruction: str) -> Explanation:
    """How `instruction` is read: its words, the family, cues and values, why the other
    families declined, or why it is unsupported."""
    notes = Explanation(" ".join(str(instruction).split()))
    try:
        family, params = _resolve(notes)
        notes.family, notes.params = family.name, params
    except UnsupportedTask as exc:
        notes.unsupported, notes.planned = str(exc), exc.planned
    return notes


def resolve(instruction: str) -> tuple[Family, Params]:
    """The family that understands `instruction` and its parameters.

    Raises `UnsupportedTask` saying why: an intent this version does not have yet (and what it
    needs), or no family at all.
    """
    return _resolve(Explanation(" ".join(str(instruction).split())))


def _typo_rereads(a: Analysis) -> Iterator[list[Analysis]]:
    """`a` reread with its typos repaired, in turn: its real-word typos (one reading), then
    each word its first ambiguous typo may stand for, then each its first far typo may stand
    for (each computed only if the ones before gave none)."""
    fixed = reader().real_word_typos(a)
    yield [fixed] if fixed is not None else []
    yield reader().ambiguous_typos(a)
    yield reader().far_typos(a)


def _resolve(notes: Explanation) -> tuple[Family, Params]:
    text = check_instruction(notes.instruction)  # bounded: every parse takes bounded time
    a = reader().analyse(text)
    notes.words = a.words
    for free in (False, True):
        if free and (found := planned_intent(a)) is not None:
            intent, cues = found
            notes.cues = tuple(cues)
            raise UnsupportedTask(
                f"{quote(text)} needs {intent.needs} (family {intent.name!r}, cue "
                f"{', '.join(map(repr, cues))}), not available yet",
                planned=intent.name,
            )
        best = _best(_SPECIFIC, a, free, notes)
        if best is not None:
            family, params, reading = best
            notes.read(reading)
            return family, params
    for rereads in _typo_rereads(a):
        found = [(f, b) for f in rereads if (b := _best(_SPECIFIC, f, False, Explanation(text)))]
        if len({(b[0].name, repr(b[1])) for _, b in found}) == 1:
            # an ambiguous typo: only when one of its words makes sense, or all that do say the
            # same ("stors": store or stores)
            fixed, (family, params, reading) = found[0]
            notes.words = fixed.words
            notes.read(reading)
            return family, params
    if notes.near:
        name, why = next(iter(notes.near.items()))
        raise UnsupportedTask(
            f"{quote(text)} has the cues of {', '.join(sorted(notes.near))} but {name} declines "
            f"({why}); not searched as a generic request, which could ask for something else"
        )
    query = _request_query(a)
    if query is not None and _FALLBACK:
        return _FALLBACK[0], {"intent": "query", "query": query}
    raise UnsupportedTask(
        f"no task family understands {quote(text)} and it is not a request for information; "
        f"families: {', '.join(sorted(families()))}"
    )


__all__ = [
    "Explanation",
    "Family",
    "Intent",
    "Params",
    "SearchFamily",
    "explain",
    "families",
    "get",
    "register",
    "resolve",
]
