"""Facts: featured answers (capitals, heads of government, how fast / big / old / far things
are) and knowledge panels about countries and cities."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from android_gym.content import geo
from android_gym.content.common import capitalized, clock, records
from android_gym.content.model import Card
from android_gym.content.organic import (
    GENERIC_QUESTIONS,
    GENERIC_RELATED,
    GENERIC_SITES,
    Site,
    fields_for,
    page,
)
from android_gym.content.weather import forecast

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

ATTRIBUTES = (
    ("Speed", r"speed|fast|quick"),
    ("Size", r"big|size|large|long|tall|height|huge"),
    ("Age", r"old|age"),
    ("Distance", r"far|distance|away"),
)

# attribute | subject pattern | subject shown | answer | description
_FACTS = """
Speed|light|Light|299,792,458 m/s|The speed of light in vacuum, c, is exactly 299,792,458 metres
    per second (about 186,282 miles per second).
Speed|sound|Sound|343 m/s|In dry air at 20 °C the speed of sound is 343 metres per second
    (1,235 km/h; 767 mph).
Speed|cheetah|Cheetah|80 – 130 km/h|The cheetah is the fastest land animal: it can sprint at
    80 to 130 km/h (50 to 81 mph) in short bursts.
Speed|tiger|Tiger|49 – 65 km/h|Tigers can reach 49 to 65 km/h (30 to 40 mph) over short
    distances when chasing prey.
Speed|lion|Lion|80 km/h|Lions can run at about 80 km/h (50 mph), but only in short bursts.
Speed|train|Train|80 – 320 km/h|Passenger trains usually run at 80 to 200 km/h; high-speed
    trains reach 320 km/h (200 mph).
Speed|jet|Jet|880 – 926 km/h|A commercial jet airliner cruises at about 880 to 926 km/h
    (547 to 575 mph).
Speed|plane|Plane|880 – 926 km/h|A typical commercial passenger plane cruises at about 880 to
    926 km/h (547 to 575 mph) at 35,000 feet.
Speed|rocket|Rocket|28,000 km/h|To reach low Earth orbit a rocket must travel at about 28,000
    km/h (17,500 mph).
Speed|bicycle|Bicycle|16 – 24 km/h|An average cyclist rides at 16 to 24 km/h (10 to 15 mph);
    racers average over 40 km/h.
Speed|skateboard|Skateboard|10 – 20 km/h|Cruising on a skateboard is typically 10 to 20 km/h
    (6 to 12 mph).
Speed|car|Car|105 – 113 km/h|On US highways cars average 65 to 70 mph (105 to 113 km/h); in
    cities, 20 to 30 mph.
Size|blue whale|Blue whale|24 – 30 m|The blue whale is the largest animal known to have lived:
    up to 30 m (98 ft) long and 150 tonnes.
Size|dinosaur|Dinosaur|Up to 35 m|The largest dinosaurs, such as Argentinosaurus, were about 30
    to 35 m long and weighed up to 70 tonnes.
Size|giraffe|Giraffe|4.3 – 5.7 m|Giraffes are the tallest land animals: 4.3 to 5.7 m (14 to 19
    ft) tall.
Size|lion|Lion|1.8 – 2.1 m|An adult male lion's body is 1.8 to 2.1 m long, plus a tail of
    about 1 m; it weighs 150 to 250 kg.
Size|tiger|Tiger|2.5 – 3.9 m|Tigers are the largest cats: 2.5 to 3.9 m long including the tail,
    weighing up to 300 kg.
Size|earth|Earth|12,742 km|Earth's diameter is 12,742 km (7,918 mi); its circumference at the
    equator is 40,075 km.
Size|moon|Moon|3,474.8 km|The Moon is 3,474.8 km (2,159 mi) across, about a quarter of
    Earth's diameter.
Size|sun|Sun|1.39 million km|The Sun's diameter is about 1.39 million km, 109 times that of
    Earth.
Size|universe|Observable universe|93 billion light-years|The observable universe is about 93
    billion light-years in diameter.
Age|earth|Earth|4.543 billion years|Earth is about 4.54 billion years old, based on radiometric
    dating of meteorites.
Age|universe|Universe|13.8 billion years|The universe is about 13.8 billion years old.
Age|sun|Sun|4.6 billion years|The Sun formed about 4.6 billion years ago.
Distance|moon|Moon|384,400 km|The Moon is on average 384,400 km (238,855 mi) from Earth.
Distance|sun|Sun|149.6 million km|Earth orbits the Sun at an average distance of 149.6 million
    km (93 million mi).
Distance|mars|Mars|225 million km|Mars is on average 225 million km from Earth.
"""
FACTS = tuple(
    (a, re.compile(rf"\b{p}s?\b"), s, v, d.replace(";", " ")) for a, p, s, v, d in records(_FACTS)
)

SITES = (
    Site("en.wikipedia.org", "wiki/{slug}", "{Subject} - Wikipedia", "{description}"),
    Site(
        "www.britannica.com",
        "place/{slug}",
        "{Subject} | Facts, History & Map | Britannica",
        "{Subject}: the essential facts, history, geography and people, from the editors "
        "of Encyclopaedia Britannica.",
    ),
    Site("www.worldatlas.com", "articles/{slug}", "{Question} - WorldAtlas", "{description}"),
    Site(
        "www.nationalgeographic.com",
        "topic/{slug}",
        "{Subject} | National Geographic",
        "Explore {subject} with National Geographic: facts, photos and stories.",
    ),
    Site(
        "kids.britannica.com",
        "kids/article/{slug}",
        "{Subject} - Kids | Britannica Kids",
        "{Subject} facts for students, with pictures and a simple explanation.",
    ),
)
QUESTIONS = (
    "{Question}",
    "Why is {subject} important?",
    "What is {subject} known for?",
    "What are 3 interesting facts about {subject}?",
)
RELATED = (
    "{subject} facts",
    "{subject} history",
    "{subject} map",
    "{subject} population",
    "{subject} wikipedia",
    "{subject} for kids",
)


def _country_rows(country: geo.Country, asked: str = "") -> tuple[tuple[str, str], ...]:
    """Key facts about a country, without the one the answer already gives (`asked`)."""
    rows = [
        *((("Capital", country.capital),) if asked != "capital" else ()),
        ("Population", f"{country.population:g} million"),
        ("Currency", country.currency),
    ]
    if country.leader and asked != "leader":
        rows.append((country.leader_title, country.leader))
    return tuple(rows)


def the(country: str) -> str:
    """A country's name as a sentence uses it ("the United States", "Chile")."""
    plural = country.endswith(("States", "Kingdom", "Republic", "Islands", "lands", "pines"))
    return f"the {country}" if plural or country == "Bahamas" else country


def _answer_page(
    intent: Intent, card: Card, subject: str, question: str, description: str = ""
) -> SearchResults:
    fields = fields_for(subject, description=description or card.subtitle, Question=question)
    return page(intent.query, (card,), SITES, QUESTIONS, RELATED, fields)


def capital(intent: Intent) -> SearchResults:
    """ "Switzerland / Capital: Bern" """
    country = intent.country
    if country is None:
        return fact(intent)
    text = (
        f"{country.capital} is the capital of {the(country.name)}, in {country.where}, and the "
        f"seat of its government."
    )
    card = Card(
        kind="answer",
        title=f"{country.name} / Capital",
        value=country.capital,
        subtitle=text,
        image=f"scene:{country.capital} city skyline",
        rows=_country_rows(country, asked="capital"),
    )
    return _answer_page(intent, card, country.name, f"What is the capital of {the(country.name)}?")


def leader(intent: Intent) -> SearchResults:
    """ "United Kingdom / Prime Minister: Rishi Sunak" """
    country = intent.country
    if country is None or not country.leader:
        return fact(intent)
    title = country.leader_title
    text = f"{country.leader} is the {title.lower()} of {the(country.name)}."
    card = Card(
        kind="answer",
        title=f"{country.name} / {title}",
        value=country.leader,
        subtitle=text,
        image=f"person:{country.leader}",
        rows=_country_rows(country, asked="leader"),
    )
    return _answer_page(
        intent, card, country.name, f"Who is the {title.lower()} of {the(country.name)}?"
    )


def fact(intent: Intent) -> SearchResults:
    """How fast / big / old / far something is, from the facts table; anything else gets a
    featured snippet about its subject."""
    words = intent.words
    for attribute, pattern in ATTRIBUTES:
        if not re.search(rf"\b(?:{pattern})", words):
            continue
        for fact_attribute, subject_re, subject, value, description in FACTS:
            if fact_attribute == attribute and subject_re.search(words):
                card = Card(
                    kind="answer",
                    title=f"{subject} / {attribute}",
                    value=value,
                    subtitle=description,
                    image=f"scene:{subject}",
                )
                return _answer_page(intent, card, subject, intent.query)
    subject = intent.subject or intent.query
    shown = capitalized(subject)
    card = Card(
        kind="knowledge",
        title=shown,
        subtitle="Overview",
        value="",
        image=f"scene:{subject}",
        rows=(("About", f"Results and answers about {subject} from across the web."),),
    )
    fields = fields_for(subject)
    return page(intent.query, (card,), GENERIC_SITES, GENERIC_QUESTIONS, GENERIC_RELATED, fields)


def panel(intent: Intent) -> SearchResults:
    """The knowledge panel of a country or a city named on its own ("chile", "paris")."""
    country, place = intent.country, intent.place
    if country is not None and intent.subject == country.name:
        card = Card(
            kind="knowledge",
            title=country.name,
            subtitle=f"Country in {country.where}",
            image=f"scene:{country.capital} city skyline",
            rows=_country_rows(country),
        )
        text = f"{country.name} is a country in {country.where}. Its capital is {country.capital}."
    else:
        assert place is not None
        weather = forecast(place)
        rows = (
            ("Country", place.country or place.name),
            ("Weather", f"{weather.temp}°F, {weather.condition}"),
            ("Local time", f"{weather.now:%A} {clock(weather.now)}"),
        )
        card = Card(
            kind="knowledge",
            title=place.name,
            subtitle=f"City in {place.country}",
            image=f"scene:{place.name} city skyline",
            rows=rows,
        )
        text = f"{place.name} is a city in {place.country or 'the world'}."
    return _answer_page(intent, card, card.title, f"What is {card.title} known for?", text)
