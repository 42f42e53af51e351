"""Pictures, videos and books: wallpaper and image grids, video results and book results
(the IMAGES, VIDEOS and BOOKS tabs use them too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import shopping, youtube
from android_gym.content.common import (
    capitalized,
    normalize,
    path_slug,
    pick,
    rng_for,
    sample,
    slug,
)
from android_gym.content.model import Card, Item
from android_gym.content.organic import Site, fields_for, page

if TYPE_CHECKING:
    from android_gym.content.intents import Intent
    from android_gym.content.model import SearchResults

SCENES = (
    "Mountain lake at sunrise",
    "Starry night sky",
    "Ocean waves at dusk",
    "Northern lights",
    "Misty pine forest",
    "Desert dunes",
    "City skyline at night",
    "Autumn leaves",
    "Minimal gradient",
    "Cherry blossoms",
    "Galaxy nebula",
    "Snowy peaks",
    "Tropical beach",
    "Purple sunset",
    "Rolling hills",
)
IMAGE_HOSTS = (
    "wallpapers.com",
    "unsplash.com",
    "www.pexels.com",
    "wallpaperaccess.com",
    "www.pinterest.com",
    "wallhaven.cc",
    "www.freepik.com",
)
WIDE = ("computer", "desktop", "laptop", "pc")
BOOK_FORMATS = (
    "{Subject}: A History",
    "The Story of {Subject}",
    "Understanding {Subject}",
    "{Subject} for Beginners",
    "The {Subject} Handbook",
    "A Short Guide to {Subject}",
)
AUTHORS = (
    "Sarah Mitchell",
    "David Chen",
    "Maria Lopez",
    "James Whitaker",
    "Priya Natarajan",
    "Thomas Berg",
    "Emily Carter",
    "Kenji Watanabe",
)

WALLPAPER_SITES = (
    Site(
        "wallpapers.com",
        "{device}",
        "[100+] {Device} Wallpapers | Wallpapers.com",
        "Download free {device} wallpapers: nature, abstract, aesthetic and dark "
        "backgrounds in HD and 4K, for any screen size.",
    ),
    Site(
        "unsplash.com",
        "s/photos/{device}-wallpaper",
        "{Device} Wallpapers: Free HD Download [500+ HQ] | Unsplash",
        "Choose from hundreds of free {device} wallpapers. "
        "Download HD wallpapers for free on Unsplash.",
    ),
    Site(
        "www.pexels.com",
        "search/{device}%20wallpaper",
        "{Device} Wallpaper Photos, Download The BEST Free Stock Photos",
        "Download and use 100,000+ {device} "
        "wallpaper stock photos for free. Thousands of new images every day.",
    ),
    Site(
        "wallpaperaccess.com",
        "{device}-hd",
        "{Device} HD Wallpapers - Top Free Backgrounds",
        "Looking for the best {device} wallpapers? Here are 60+ top HD backgrounds that "
        "you can download and use for free.",
    ),
    Site(
        "www.zedge.net",
        "wallpapers/{device}",
        "{Device} Wallpapers | ZEDGE",
        "Personalize your {device} with free wallpapers and backgrounds from ZEDGE.",
    ),
)
WALLPAPER_QUESTIONS = (
    "How do I change the wallpaper on my {device}?",
    "Where can I get free wallpapers for my {device}?",
    "What size should a {device} wallpaper be?",
    "What is the best wallpaper app?",
)
WALLPAPER_RELATED = (
    "aesthetic {device} wallpapers",
    "4k {device} wallpapers",
    "dark {device} wallpapers",
    "cute {device} wallpapers",
    "nature {device} wallpapers",
    "live wallpapers for {device}",
)
VIDEO_SITES = (
    Site(
        "www.youtube.com",
        "@{lslug}/videos",
        "{Subject} - YouTube",
        "The latest videos from {Subject}. Subscribe for new uploads every week.",
    ),
    Site(
        "www.youtube.com",
        "results",
        "{Subject} - latest videos",
        "Watch the newest {subject} videos, clips and full episodes.",
    ),
    Site(
        "www.reddit.com",
        "r/videos/{slug}",
        "{Subject}'s latest video : r/videos",
        "Did anyone else watch the new {subject} video? Discussion thread.",
    ),
    Site(
        "en.wikipedia.org",
        "wiki/{slug}",
        "{Subject} - Wikipedia",
        "{Subject} is a media brand known for its online videos and news coverage.",
    ),
)
VIDEO_QUESTIONS = (
    "What is the latest video from {subject}?",
    "How often does {subject} post videos?",
    "Where can I watch {subject}?",
    "Who runs {subject}?",
)
VIDEO_RELATED = (
    "{subject} youtube",
    "{subject} latest",
    "{subject} live",
    "{subject} today",
    "{subject} playlist",
    "{subject} channel",
)
IMAGE_SITES = (
    Site(
        "en.wikipedia.org",
        "wiki/{slug}",
        "{Subject} - Wikipedia",
        "{Subject}: design, history and specifications, with photos from Wikimedia Commons.",
    ),
    Site(
        "www.pinterest.com",
        "search/pins/?q={q}",
        "{Subject} pictures | Pinterest",
        "Discover pins about {subject} on Pinterest: photos, ideas and inspiration.",
    ),
    Site(
        "www.shutterstock.com",
        "search/{slug}",
        "{Subject} Images - Browse 12,345 Stock Photos",
        "Find {subject} stock images in HD and millions of other royalty-free "
        "stock photos, illustrations and vectors.",
    ),
    Site(
        "www.gettyimages.com",
        "photos/{slug}",
        "{Subject} Pictures and High-Res Photos",
        "Browse authentic {subject} stock photos, high-res images and pictures.",
    ),
)
IMAGE_QUESTIONS = (
    "What does {subject} look like?",
    "What are the features of {subject}?",
    "What colors does {subject} come in?",
    "How big is {subject}?",
)
IMAGE_RELATED = (
    "{subject} images",
    "{subject} review",
    "{subject} price",
    "{subject} colors",
    "{subject} size",
    "{subject} specs",
)


def images(subject: str, n: int, device: str = "") -> tuple[Item, ...]:
    """`n` picture results: wallpapers (a scene each) or pictures of `subject`."""
    rng = rng_for("images", subject.lower(), device)
    category = shopping.find_category(normalize(subject))
    out = []
    for i in range(n):
        host = pick(rng, IMAGE_HOSTS)
        if device or not subject:
            scene = SCENES[(i + int(rng.integers(0, len(SCENES)))) % len(SCENES)]
            title, key = f"{scene} {device or 'HD'} wallpaper", f"scene:{scene}:{device}:{i}"
        elif category is not None:
            title = f"{category.products[i % len(category.products)][0]}"
            key = f"item:{category.picture}:{title}"
        else:
            title, key = f"{capitalized(subject)} #{i + 1}", f"scene:{subject}:{i}"
        out.append(
            Item(title=title, lines=(host,), image=key, url=f"https://{host}/{path_slug(title)}")
        )
    return tuple(out)


def videos(subject: str, n: int) -> tuple[Item, ...]:
    """`n` YouTube videos of the channel `subject` names, newest first: the uploads the
    YouTube app shows on that channel's Videos tab."""
    return tuple(
        Item(
            title=v.title,
            lines=(f"{v.channel} · YouTube", v.age),
            price=v.duration,
            image=v.image,
            url=v.url,
        )
        for v in youtube.uploads(subject or "Trending")[:n]
    )


def books(subject: str, n: int) -> tuple[Item, ...]:
    """`n` books about `subject`."""
    rng = rng_for("books", subject.lower())
    shown = capitalized(subject) if subject else "Everything"
    return tuple(
        Item(
            title=f.format(Subject=shown),
            image=f"cover:{f}:{subject}",
            lines=(
                pick(rng, AUTHORS),
                f"{int(rng.integers(1998, 2025))} · {int(rng.integers(120, 600))} pages",
            ),
            url=f"https://books.google.com/books/about/{path_slug(f.format(Subject=shown))}",
        )
        for f in sample(rng, BOOK_FORMATS, n)
    )


def answer(intent: Intent) -> SearchResults:
    """Wallpapers for a device, or pictures of what the query names."""
    device = intent.store
    subject = intent.subject
    if device or not subject or "wallpaper" in intent.words:
        shown = device or "phone"
        kind = "wide_images" if shown in WIDE else "wallpapers"
        card = Card(
            kind=kind,
            title=f"{shown.capitalize()} wallpapers",
            chips=("Aesthetic", "4K", "Dark", "Nature", "Cute", "Minimalist"),
            items=images(subject, 6 if kind == "wide_images" else 9, shown),
            more="More images",
        )
        fields = fields_for(f"{shown} wallpapers", device=shown, Device=shown.capitalize())
        return page(
            intent.query, (card,), WALLPAPER_SITES, WALLPAPER_QUESTIONS, WALLPAPER_RELATED, fields
        )
    card = Card(
        kind="images", title=f"Images of {subject}", items=images(subject, 6), more="More images"
    )
    fields = fields_for(subject)
    return page(intent.query, (card,), IMAGE_SITES, IMAGE_QUESTIONS, IMAGE_RELATED, fields)


def video_answer(intent: Intent) -> SearchResults:
    """The latest videos of a channel or about a subject."""
    subject = intent.subject or "Trending"
    shown = capitalized(subject)
    card = Card(kind="videos", title="Videos", items=videos(subject, 3), more="View all")
    fields = fields_for(shown, lslug=slug(subject).replace("-", ""))
    return page(intent.query, (card,), VIDEO_SITES, VIDEO_QUESTIONS, VIDEO_RELATED, fields)
