"""News: top stories about a country or a topic (space, astronomy, tech, the economy, ...),
with sources and times, the NEWS tab's list, and the text of a story page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from android_gym.content import geo
from android_gym.content.common import ago, capitalized, path_slug, pick, rng_for, sample
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

WORLD = (
    ("AP News", "apnews.com", "article"),
    ("Reuters", "www.reuters.com", "world"),
    ("BBC", "www.bbc.com", "news"),
    ("Al Jazeera", "www.aljazeera.com", "news"),
    ("CNN", "www.cnn.com", "world"),
    ("The Guardian", "www.theguardian.com", "world"),
)
SCIENCE = (
    ("Space.com", "www.space.com", "news"),
    ("NASA", "www.nasa.gov", "news"),
    ("Scientific American", "www.scientificamerican.com", "article"),
    ("New Scientist", "www.newscientist.com", "article"),
    ("ScienceAlert", "www.sciencealert.com", "space"),
)
TECH = (
    ("The Verge", "www.theverge.com", "tech"),
    ("TechCrunch", "techcrunch.com", "2024"),
    ("WIRED", "www.wired.com", "story"),
    ("Ars Technica", "arstechnica.com", "gadgets"),
    ("CNET", "www.cnet.com", "tech"),
)
BUSINESS = (
    ("Bloomberg", "www.bloomberg.com", "news"),
    ("CNBC", "www.cnbc.com", "2024"),
    ("The Wall Street Journal", "www.wsj.com", "economy"),
    ("MarketWatch", "www.marketwatch.com", "story"),
    ("Reuters", "www.reuters.com", "markets"),
)

# topic words -> (sources, headlines)
TOPICS: tuple[tuple[str, tuple, tuple[str, ...]], ...] = (
    (
        r"astro|cosmolog|planetary|telescope|galax|black hole",
        SCIENCE,
        (
            "James Webb telescope spots the most distant galaxy ever seen",
            "Astronomers detect a black hole merger from the dawn of the universe",
            "New dark energy results hint the universe's expansion may be changing",
            "Scientists find signs of water ice in a crater near the moon's south pole",
            "Rare 'planet parade' will be visible before sunrise this week",
            "Mysterious radio bursts traced to a dead star in a nearby galaxy",
        ),
    ),
    (
        r"space|nasa|rocket|spacex|mars|moon",
        SCIENCE,
        (
            "China's Chang'e-6 probe lands on the far side of the moon",
            "NASA's Artemis II crew completes a key launch-day rehearsal",
            "SpaceX launches 23 more Starlink satellites from Florida",
            "Boeing's Starliner set for first crewed flight to the space station",
            "ESA's Euclid telescope releases stunning new images of the dark universe",
            "Rocket Lab launches NASA climate satellite from New Zealand",
        ),
    ),
    (
        r"tech|ai\b|gadget|apple|google|software|phone",
        TECH,
        (
            "Apple to unveil its AI strategy at WWDC next week",
            "Nvidia's market value tops $2.7 trillion on AI chip demand",
            "Google rolls out AI Overviews in Search to more users",
            "Microsoft unveils Copilot+ PCs with built-in AI features",
            "OpenAI shows a new model that can see, hear and speak",
            "Samsung's next foldable phones tipped for a July launch",
        ),
    ),
    (
        r"stock|market|dow|nasdaq|s&p",
        BUSINESS,
        (
            "Dow jumps 570 points to close out May on a high note",
            "S&P 500 ends May with its best month since February",
            "Nvidia shares hit a record ahead of a 10-for-1 stock split",
            "Tech stocks lead gains as bond yields retreat",
            "Investors brace for Friday's jobs report after a volatile week",
        ),
    ),
    (
        r"dollar|exchange rate|currenc|forex",
        BUSINESS,
        (
            "Dollar heads for a monthly loss as inflation data cools rate bets",
            "Yen weakens past 157 per dollar, keeping intervention fears alive",
            "Euro steadies ahead of an expected ECB rate cut",
            "Dollar index slips as traders bet on a September Fed cut",
        ),
    ),
    (
        r"econom|inflation|jobs|recession|fed\b",
        BUSINESS,
        (
            "US economy grew at a 1.3% pace in the first quarter, revised data show",
            "Inflation cools slightly in April as prices for goods fall",
            "Consumer spending slows as Americans feel the pinch of high prices",
            "Fed officials signal interest rates will stay higher for longer",
            "Mortgage rates hover near 7% as home sales slump",
        ),
    ),
    (
        r"president|white house|election|congress|politic",
        WORLD,
        (
            "President Biden lays out a proposal to end the war in Gaza",
            "Biden and Trump prepare for the first presidential debate in June",
            "White House weighs new executive action on the southern border",
            "Senate returns to a packed agenda before the summer recess",
        ),
    ),
)
COUNTRY_HEADLINES = (
    "{leader} unveils new economic plan as inflation eases",
    "Thousands march in {capital} to protest rising fuel and electricity prices",
    "{country}'s central bank holds interest rates steady for a third month",
    "Heavy rains trigger floods and landslides across {country}",
    "{country} and {other} sign agreement to expand trade and investment",
    "Tourism in {country} rebounds to record levels",
    "Opposition in {country} calls for early elections amid corruption probe",
    "Power outages hit {capital} as a heat wave pushes demand to a record",
    "{country} announces visa-free travel for visitors from 30 more countries",
    "Lawmakers in {country} pass budget with more spending on health and schools",
)
SUBJECT_HEADLINES = (
    "{Subject}: what we know so far",
    "The latest on {subject}, explained",
    "Why {subject} is in the news this week",
    "{Subject} draws attention as experts weigh in",
    "What {subject} could mean for the rest of 2024",
    "Five things to know about {subject} today",
)
GENERAL = (
    "Heat wave grips the Southwest as temperatures near 115 degrees",
    "China's Chang'e-6 probe lands on the far side of the moon",
    "Dow jumps 570 points to close out May on a high note",
    "South Africa's ANC loses its majority for the first time in 30 years",
    "Apple to unveil its AI strategy at WWDC next week",
    "Mexico heads to the polls in its largest election ever",
)
_STORY = (
    "{headline}, according to officials and people familiar with the matter.",
    "The development comes after weeks of speculation, and analysts say its effects could be "
    "felt well beyond the coming months.",
    '"This is an important moment," one expert said on Saturday. "People will be watching '
    'closely to see what happens next."',
    "Reaction was swift: supporters welcomed the news, while critics warned that questions "
    "remain about cost, timing and who stands to benefit.",
    "More details are expected in the coming days. This story will be updated.",
)

SITES = (
    Site(
        "www.aljazeera.com",
        "where/{slug}",
        "{Subject} | Today's latest from Al Jazeera",
        "Stay on top of {subject} latest developments on the ground with Al Jazeera's "
        "fact-based news, exclusive video footage, photos and updated maps.",
    ),
    Site("apnews.com", "hub/{slug}", "{Subject} | AP News", "{lead} ..."),
    Site(
        "www.bbc.com",
        "news/topics/{slug}",
        "{Subject} - BBC News",
        "Get the latest {subject} news: breaking stories, analysis, video and features "
        "from the BBC.",
    ),
    Site(
        "www.reuters.com",
        "world/{slug}",
        "{Subject} News | Latest Headlines | Reuters",
        "Read the latest {subject} news from Reuters: breaking news, analysis and "
        "exclusive reporting from our journalists around the world.",
    ),
    Site(
        "www.theguardian.com",
        "world/{slug}",
        "{Subject} | The Guardian",
        "Latest news, sport, comment and analysis on {subject} from the Guardian.",
    ),
)
COUNTRY_QUESTIONS = (
    "What is the political situation in {subject}?",
    "Why do people go to {subject}?",
    "What is {subject} best known for?",
    "Is {subject} safe to visit right now?",
)
TOPIC_QUESTIONS = (
    "What is the latest news in {subject}?",
    "What happened in {subject} this week?",
    "Where can I read about {subject}?",
    "What are the biggest stories in {subject} today?",
)
RELATED = (
    "{subject} news today",
    "latest {subject} news",
    "{subject} breaking news",
    "{subject} news in English",
    "{subject} news this week",
    "{subject} updates",
)


def _headlines(subject: str, country: geo.Country | None) -> tuple[tuple, tuple[str, ...]]:
    """(sources, headlines) for a subject: a country's, a known topic's, or generic ones."""
    if country is not None:
        rng = rng_for("news-other", country.name)
        other = pick(rng, [c for c in geo.COUNTRIES if c not in (country.name, "England")])
        leader = (
            f"{country.leader_title} {country.leader}"
            if country.leader
            else (f"{country.name}'s government")
        )
        fields = {
            "country": country.name,
            "capital": country.capital,
            "leader": leader,
            "other": other,
        }
        return WORLD, tuple(h.format(**fields) for h in COUNTRY_HEADLINES)
    for pattern, sources, headlines in TOPICS:
        if re.search(pattern, subject):
            return sources, headlines
    if not subject:
        return WORLD, GENERAL
    shown = {"subject": subject, "Subject": capitalized(subject)}
    return WORLD, tuple(h.format(**shown) for h in SUBJECT_HEADLINES)


def stories(subject: str, country: geo.Country | None, n: int) -> tuple[Item, ...]:
    """`n` stories about `subject`, newest first (deterministic by subject)."""
    sources, headlines = _headlines(subject.lower(), country)
    rng = rng_for("news", subject.lower())
    minutes = sorted(int(m) for m in rng.integers(8, 60 * 30, size=n))
    out = []
    for i, headline in enumerate(sample(rng, headlines, n)):
        name, host, section = pick(rng, sources)
        out.append(
            Item(
                title=headline,
                lines=(name, ago(minutes[i])),
                image=f"scene:{headline}",
                url=f"https://{host}/{section}/{path_slug(headline)}",
            )
        )
    return tuple(out)


def story_text(headline: str) -> tuple[str, ...]:
    """The paragraphs of a story page."""
    return tuple(p.format(headline=headline) for p in _STORY)


def answer(intent: Intent) -> SearchResults:
    """Top stories about the intent's subject, and news sites' hub pages for it."""
    subject = intent.subject
    top = stories(subject, intent.country, 3)
    card = Card(kind="news", title="Top stories", items=top, more="More news")
    shown = subject or "World news"
    fields = fields_for(shown, lead=top[0].title)
    questions = COUNTRY_QUESTIONS if intent.country is not None else TOPIC_QUESTIONS
    return page(intent.query, (card,), SITES, questions, RELATED, fields)
