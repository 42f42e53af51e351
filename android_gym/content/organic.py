"""Organic results and the page they make: sites that fit each vertical, "People also ask"
and "People also search for", filled from templates with the intent's fields.

A vertical describes its sites once (`Site` templates) and this module turns them into
results whose links open a page of that site about the same subject (see `web/sites.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote_plus

from android_gym.content.common import capitalized, fill, path_slug, rng_for, sample
from android_gym.content.model import Card, Result, SearchResults

_SEGMENT = 28


@dataclass(frozen=True)
class Site:
    """A result template: `path`, `title` and `snippet` are formatted with the intent's
    fields ({subject}, {slug}, {place}, ... as each vertical defines them)."""

    host: str
    path: str
    title: str
    snippet: str


def breadcrumb(host: str, path: str) -> str:
    """ "www.aljazeera.com › where › suriname": host and path segments, long ones cut."""
    parts = [host]
    for segment in path.split("?")[0].split("/"):
        if segment:
            shown = segment.replace("%20", " ").replace("%27", "'")
            parts.append(shown if len(shown) <= _SEGMENT else shown[: _SEGMENT - 3] + "...")
    return " › ".join(parts)


def results(sites: Sequence[Site], fields: dict[str, str]) -> tuple[Result, ...]:
    """One result per site template."""
    out = []
    for site in sites:
        path = site.path.format(**fields)
        out.append(
            Result(
                url=f"https://{site.host}/{path}",
                breadcrumb=breadcrumb(site.host, path),
                title=site.title.format(**fields),
                snippet=site.snippet.format(**fields),
            )
        )
    return tuple(out)


def fields_for(subject: str, **extra: str) -> dict[str, str]:
    """The template fields every vertical has: the subject as shown, capitalised, and as a
    URL segment, plus the vertical's own."""
    shown = subject or "Search"
    return {
        "subject": shown,
        "Subject": capitalized(shown),
        "slug": path_slug(shown),
        "q": quote_plus(shown),
        **extra,
    }


def page(
    query: str,
    cards: Sequence[Card],
    sites: Sequence[Site],
    questions: Sequence[str],
    related: Sequence[str],
    fields: dict[str, str],
    shown: int = 4,
) -> SearchResults:
    """An ALL-tab results page: the cards, `shown` of the sites (in a stable order for this
    subject), four questions and six related searches."""
    rng = rng_for("organic", fields["subject"].lower(), query.lower() if not sites else "")
    picked = sample(rng, list(sites), shown) if len(sites) > shown else list(sites)
    return SearchResults(
        query=query,
        tab="all",
        cards=tuple(cards),
        results=results(picked, fields),
        questions=fill(questions[:4], fields),
        related=fill(related[:6], fields),
    )


GENERIC_SITES = (
    Site(
        "en.wikipedia.org",
        "wiki/{slug}",
        "{Subject} - Wikipedia",
        "{Subject} is a topic with a long history. This article covers its background, "
        "main facts and the latest developments, with references.",
    ),
    Site(
        "www.britannica.com",
        "topic/{slug}",
        "{Subject} | Definition, Facts & History",
        "{Subject}, explained: the essentials, key dates and related topics, from the "
        "editors of Encyclopaedia Britannica.",
    ),
    Site(
        "www.reddit.com",
        "r/explainlikeimfive/{slug}",
        "{Subject} : r/explainlikeimfive",
        "Can someone explain {subject} to me? I keep hearing about it but every "
        "explanation I find assumes I already know the basics...",
    ),
    Site(
        "www.quora.com",
        "{slug}",
        "What should everyone know about {subject}? - Quora",
        "Answer (1 of 12): The most important thing to understand about {subject} is "
        "that it is simpler than it first looks.",
    ),
    Site(
        "www.youtube.com",
        "watch",
        "{Subject} - Everything You Need to Know",
        "A clear, 12-minute introduction to {subject}: what it is, how it works and why "
        "it matters.",
    ),
    Site(
        "www.nytimes.com",
        "topic/{slug}",
        "{Subject} - The New York Times",
        "News about {subject}, including commentary and archival articles published in "
        "The New York Times.",
    ),
)
GENERIC_QUESTIONS = (
    "What is {subject}?",
    "What is {subject} used for?",
    "How does {subject} work?",
    "Why is {subject} important?",
)
GENERIC_RELATED = (
    "{subject} meaning",
    "{subject} examples",
    "{subject} near me",
    "{subject} reddit",
    "what is {subject}",
    "{subject} 2024",
)
