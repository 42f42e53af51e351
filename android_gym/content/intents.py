"""What a query asks for: its vertical (weather, news, hotels, ...) and the parameters the
vertical needs (place, subject, store, number of bedrooms, currencies).

One ordered table of rules, each a regular expression over the normalized query and a kind;
the first rule that matches decides. Loose phrasings land in the same vertical: "chile news",
"news in chile" and "What's the news in Chile?" are all news about Chile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from android_gym.content import finance, food, geo, places, shopping
from android_gym.content.common import capitalized, clean, display, normalize

_FILLER = re.compile(
    r"(?<![\w-])(?:whats|what is|what are|what was|whos|who is|show me|search for|searchfor|google|"
    r"find me|find|look up|tell me|i want|i need|can you|please|some|nice|good|a|an|the|"
    r"latest|top|best|new(?! york| jersey| zealand| delhi| orleans| mexico)|current|"
    r"right now|now|today|tonight|this (?:morning|afternoon|"
    r"evening|week|weekend|month|year)|yesterday|like|on google maps|on maps|on google)(?![\w-])"
)
_WHEN = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|this (?:morning|afternoon|evening|"
    r"week|weekend|month|year))\b"
)
_EDGES = re.compile(
    r"^(?:(?:in|of|to|for|about|at|on|from|and|is) )+|(?: (?:in|of|to|for|about|at|on|"
    r"from|and|is))+$|^(?:in|of|to|for|about|at|on|from|and|is)$"
)
_NUMBERS = {"studio": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_BEDROOMS = re.compile(
    r"\b(\d|one|two|three|four|five|studio)(?:\s|-)?(?:bedroom|bed|br|bd)?s?\b"
    r"(?=.*\b(?:bedroom|bed|br|bd|apartment|studio|flat)s?\b)|\bstudio\b"
)
_DEVICES = ("phone", "iphone", "android", "tablet", "ipad", "computer", "desktop", "laptop", "pc")

RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("menu", r"\bmenus?\b"),
        ("videos", r"\bvideos?\b|\byoutube\b|\btrailers?\b|\bwatch\b"),
        ("news", r"\bnews\b|\bheadlines?\b"),
        (
            "weather",
            r"\bweather\b|\bforecast\b|\btemperature (?:in|today|outside)\b|"
            r"\b(?:will it|is it going to) (?:rain|snow)\b",
        ),
        (
            "currency",
            r"exchange ?rate|\bcurrency\b|\bconvert\b.*\bto\b|"
            r"\b(?:usd|eur|gbp|jpy|dollars?|euros?)\s(?:to|in|vs|against)\b",
        ),
        (
            "time",
            r"\bwhat time\b|\btime (?:is it|in|at|now)\b|\b(?:current|local) time\b|"
            r"^(?:whats )?(?:the )?time\b|\btime zone\b",
        ),
        ("flights", r"\bflights?\b|\bairfare\b|\bplane tickets?\b|\bfly(?:ing)? (?:from|to)\b"),
        (
            "hotels",
            r"\bhotels?\b|\bmotels?\b|\bresorts?\b|\bplaces? to stay\b|\bhostels?\b|"
            r"\baccommodations?\b",
        ),
        ("rent", r"\brent\b|\brents\b|\brental\b|\bapartments?\b|\b\d ?(?:bedroom|br)s?\b"),
        ("capital", r"\bcapital\b"),
        (
            "leader",
            r"\b(?:president|prime minister|premier|chancellor|head of state|leader|governor|"
            r"king|queen|sultan|taoiseach) of\b|^whos?(?: is)? (?:the )?(?:president|"
            r"prime minister|premier|chancellor|leader)\b",
        ),
        (
            "images",
            r"\bwallpapers?\b|\bbackgrounds?\b|\blook like\b|\blooks like\b|"
            r"\b(?:pictures?|images?|photos?|pics) (?:of|for)\b",
        ),
        (
            "places",
            r"\bnearest\b|\bclosest\b|\bnear me\b|\bnearby\b|\bdirections\b|"
            r"\bhow do i get to\b|\bopen (?:now|today|tomorrow)\b|\bon (?:google )?maps\b|"
            r"restaurants?\b|\bplaces? to eat\b|\b(?:coffee|pizza|burger|sushi|taco) "
            r"(?:shops?|places?|spots?|joints?)\b|\bcafes?\b|\bbars? in\b|\bstores? in\b",
        ),
        (
            "shopping",
            r"\bprices?\b|\bcosts?\b|\bhow much\b|(?<!best )\bbuy\b|\bshop(?:ping)?\b|\bdeals?\b|"
            r"\bfor sale\b|\bbest selling\b|\bproducts?\b|\bon (?:ebay|amazon|sephora)\b|"
            r"\bsearch for a new\b",
        ),
        (
            "fact",
            r"\bhow (?:big|fast|far|old|tall|long|heavy|large|deep|hot|cold|many|much|"
            r"high|small|wide)\b|\bspeed of\b|\bsize of\b|\bage of\b|\bdistance\b|"
            r"^(?:what|who|when|where|why|how|which|define|is|are|does|do|can)\b",
        ),
    )
)


@dataclass(frozen=True)
class Intent:
    """A classified query. `words` is the normalized query; `subject` what it is about, as
    shown on the page; `place` the city (or `country`) it concerns; `dest` a flight's
    destination; `store` a shop or chain it is scoped to; `number` a count (bedrooms);
    `codes` a currency pair; `when` a time qualifier ("this week")."""

    kind: str
    query: str
    words: str
    subject: str = ""
    place: geo.Place | None = None
    country: geo.Country | None = None
    dest: geo.Place | None = None
    store: str = ""
    number: int = -1
    codes: tuple[str, str] = ("USD", "EUR")
    when: str = ""


def topic(words: str) -> str:
    """What is left of normalized words once question words and filler are dropped."""
    return " ".join(_FILLER.sub(" ", words).split())


_ASKING = re.compile(
    r"^(?:(?:what(?:'| i)?s|what are|who is|where can i buy|how much (?:does|do|is)|show me|"
    r"search for|google|find|tell me about|look up)\s+)?(?:(?:the|a|an|some|nice|new)\s+)*",
    re.IGNORECASE,
)


def phrase(query: str) -> str:
    """The query as a heading, in the user's own case, without the question around it
    ("Search for hotels in Chicago" -> "Hotels in Chicago")."""
    text = _ASKING.sub("", clean(query)).rstrip(" ?!.") or clean(query)
    return capitalized(text)


def _after(words: str, *preps: str) -> str:
    """The text after the last of `preps` ("in", "for", ...), or ""."""
    found = re.findall(r"\b(?:" + "|".join(preps) + r") (.+)$", words)
    return found[-1] if found else ""


def _place_named(phrase: str, default: geo.Place | None) -> geo.Place | None:
    """The place a phrase names: a known name or a close spelling, else one made up from
    the phrase (`default` when it is empty)."""
    phrase = topic(_WHEN.sub(" ", phrase))
    resolved = geo.resolve(phrase)
    if resolved is not None:
        return geo.as_place(resolved)
    return geo.made_up(phrase) if phrase and phrase != "me" else default


def _place_in(words: str, default: geo.Place | None = geo.HOME) -> geo.Place | None:
    """The place `words` are about: a known name anywhere, else what follows "in", "for",
    "at", "near" or "to", else `default`."""
    found = geo.find(words)
    if found is not None:
        return geo.as_place(found)
    return _place_named(_after(words, "in", "for", "at", "near", "to"), default)


def _subject_of(words: str, cut: str = "") -> str:
    """`words` without filler and without the vertical's own keywords (`cut`, a regex)."""
    text = topic(words)
    if cut:
        text = re.sub(rf"(?<![\w-])(?:{cut})(?![\w-])", " ", text)
    return _EDGES.sub("", " ".join(text.split()))


def _when(words: str) -> str:
    found = _WHEN.search(words)
    return found.group(0) if found else ""


def _news(intent: Intent) -> Intent:
    """News about a country ("news in chile", "chile news") or a topic ("the US economy")."""
    w = _WHEN.sub(" ", intent.words)
    about = _after(w, "in", "about", "on", "from", "for", "of", "around") or w
    subject = _subject_of(about, "news|headlines?|stories|breaking|world")
    when = _when(intent.words)
    found = geo.named(subject)
    if found is None:
        return _with(intent, subject=display(subject), when=when)
    return _with(
        intent,
        subject=found.name,
        country=geo.country_of(found),
        place=geo.as_place(found),
        when=when,
    )


def _weather(intent: Intent) -> Intent:
    return _with(intent, place=_place_in(intent.words), when=_when(intent.words))


def _currency(intent: Intent) -> Intent:
    codes = [c for c in finance.find_codes(intent.words) if c != "USD"]
    mentions_usd = "USD" in finance.find_codes(intent.words) or not codes
    if len(codes) >= 2 and not mentions_usd:
        pair = (codes[0], codes[1])
    else:
        pair = ("USD", codes[0] if codes else "EUR")
    return _with(intent, codes=pair, subject=f"{pair[0]} to {pair[1]}")


def _flights(intent: Intent) -> Intent:
    w = intent.words
    route = re.search(r"\bfrom (.+?) to (.+?)(?: on | in | for |$)", w) or re.search(
        r"^(?:.*\b(?:flights?|fly) )?(.+?) to (.+?)(?: flights?)?$", w
    )
    origin, dest = (route.group(1), route.group(2)) if route else ("", _after(w, "to"))
    return _with(
        intent,
        place=_place_named(origin, geo.HOME),
        dest=_place_named(dest, None) if dest else None,
    )


def _local(intent: Intent, cut: str = "") -> Intent:
    """Hotels, rents, restaurants: a place (default: near the phone) and a subject."""
    w = intent.words
    found = geo.find(w)
    if found is not None:
        place = geo.as_place(found)
    else:
        phrase = _after(w, "in", "near")
        place = _place_named(phrase, geo.HOME)
    subject = _subject_of(re.sub(r"\b(?:in|near) .+$", " ", w), cut)
    return _with(intent, place=place, subject=subject)


def _rent(intent: Intent) -> Intent:
    match = _BEDROOMS.search(intent.words)
    number = 2
    if match:
        token = match.group(1) or "studio"
        number = int(token) if token.isdigit() else _NUMBERS[token]
    return _with(_local(intent), number=number)


def _country_question(intent: Intent) -> Intent:
    found = geo.find(intent.words) or geo.resolve(_after(intent.words, "of", "in"))
    country = geo.country_of(found) if found is not None else None
    if country is not None:
        return _with(intent, country=country, subject=country.name)
    return _with(intent, subject=_subject_of(_after(intent.words, "of") or intent.words))


def _images(intent: Intent) -> Intent:
    """Wallpapers for a device (kept in `store`), or pictures of a subject."""
    device = ""
    if re.search(r"\b(?:wallpapers?|backgrounds?)\b", intent.words):
        device = next((d for d in _DEVICES if re.search(rf"\b{d}s?\b", intent.words)), "phone")
    cut = r"wallpapers?|backgrounds?|pictures?|images?|photos?|pics|of|for|my|does|do|looks?|"
    cut += r"what|on ebay" + (f"|{device}s?" if device else "")
    return _with(intent, subject=display(_subject_of(intent.words, cut)), store=device)


_NEAR = r"nearest|closest|near me|nearby|directions to|how do i|get to|open|thats|on|maps|"
_NEAR += r"search|good|rated|\d star|star"


def _places(intent: Intent) -> Intent:
    store = places.find_store(intent.words) or food.find_chain(intent.words)
    local = _local(intent, _NEAR)
    return _with(local, store=store or "", subject=store or local.subject)


_SHOP = r"how much (?:does|do|is|are)|price of|prices? (?:of|for)|prices?|costs?|buy|"
_SHOP += r"where can i|for sale|deals? on|shopping|shop|at|on|by|of|does|do|is|are|"
_SHOP += r"best selling|selling|new"


def _shopping(intent: Intent) -> Intent:
    store = places.find_store(intent.words) or ""
    words = re.sub(r"\bproducts? by (\w+)", r"\1 products", intent.words)
    cut = _SHOP + "".join(f"|{re.escape(a)}" for a in places.store_aliases(store))
    subject = _subject_of(words, cut)
    return _with(intent, subject=display(subject), store=store)


def _menu(intent: Intent) -> Intent:
    chain = food.find_chain(intent.words)
    subject = chain or _subject_of(intent.words, "menus?|on|at|for|of|prices")
    return _with(intent, subject=subject, store=chain or "")


def _plain(intent: Intent) -> Intent:
    return _with(intent, subject=_subject_of(intent.words) or intent.words)


def _with(intent: Intent, **changes) -> Intent:
    return Intent(**{**intent.__dict__, **changes})


_EXTRACT = {
    "menu": _menu,
    "news": _news,
    "weather": _weather,
    "time": _weather,
    "currency": _currency,
    "flights": _flights,
    "hotels": lambda i: _local(i, "hotels?|motels?|resorts?|places to stay"),
    "rent": _rent,
    "capital": _country_question,
    "leader": _country_question,
    "images": _images,
    "videos": lambda i: _with(
        i, subject=display(_subject_of(i.words, "videos?|youtube|on|from|play|watch|by"))
    ),
    "places": _places,
    "shopping": _shopping,
    "fact": _plain,
}


def _as_typed(intent: Intent) -> Intent:
    """The subject in the user's spelling ("GameSpot", "iPhone 8") when it was taken from
    their words; names from the tables ("Chile", "Burger King") stay as the tables have them."""
    subject = intent.subject
    if not subject or subject != display(subject.lower()):
        return intent
    pattern = r"(?<!\w)" + r"[\W_]+".join(map(re.escape, subject.split())) + r"(?!\w)"
    found = re.search(pattern, intent.query, re.IGNORECASE)
    return _with(intent, subject=found.group(0)) if found else intent


@lru_cache(maxsize=4096)
def classify(query: str) -> Intent:
    """The vertical and parameters of `query`. Queries no rule matches are "shopping" when
    they name a product, "places" for a chain or store, "knowledge" for a place named on its
    own, else "generic"."""
    return _as_typed(_classify(normalize(query), clean(query)))


def _classify(words: str, query: str) -> Intent:
    base = Intent(kind="generic", query=query, words=words)
    for kind, pattern in RULES:
        if pattern.search(words):
            return _EXTRACT[kind](_with(base, kind=kind))
    if shopping.find_category(words) is not None:
        return _shopping(_with(base, kind="shopping"))
    chain = food.find_chain(words) or places.find_store(words)
    if chain and places.is_physical(chain):
        return _with(base, kind="places", subject=chain, store=chain, place=geo.HOME)
    found = geo.find(words)
    if found is not None and topic(words) in (normalize(found.name), ""):
        return _with(
            base,
            kind="knowledge",
            subject=found.name,
            country=geo.country_of(found),
            place=geo.as_place(found),
        )
    return _plain(base)
