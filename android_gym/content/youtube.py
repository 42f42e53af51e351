"""YouTube's catalogue: channels, their uploads (newest first), search results, suggestions
and the home feed.

Every name is a channel: the known ones (music artists, gaming and news channels) post videos
of their kind, any other name gets a general channel made up from it, so a search for anything
finds something. Uploads come from the channel's name alone (stable hashing), so the YouTube
app, Google's video results (`media.videos`) and the task families' judges agree on which
video is a channel's newest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from android_gym.content.common import ago, normalize, pick, rng_for, sample, titled

ARTISTS = (
    "Bruno Mars",
    "Taylor Swift",
    "Beyonce",
    "Ariana Grande",
    "Ed Sheeran",
    "Justin Bieber",
    "Maroon 5",
    "Selena Gomez",
    "Demi Lovato",
    "Drake",
    "Katy Perry",
    "Dua Lipa",
    "The Weeknd",
    "Billie Eilish",
    "Rihanna",
    "Adele",
    "Lady Gaga",
    "Harry Styles",
    "Olivia Rodrigo",
    "Post Malone",
    "Shawn Mendes",
    "Coldplay",
    "Imagine Dragons",
    "Doja Cat",
    "Sabrina Carpenter",
    "Miley Cyrus",
    "Charlie Puth",
    "Camila Cabello",
    "Shakira",
    "Sia",
)
GAMING = (
    "GameSpot",
    "GameSpot Trailers",
    "GameSpot Reviews",
    "GameSpot News",
    "GameSpot eSports",
    "GameTrailers",
    "IGN",
    "GameXplain",
    "Game Informer",
    "Gameranx",
    "Polygon",
    "Kotaku",
    "Digital Foundry",
    "Eurogamer",
    "PlayStation",
    "Xbox",
    "Nintendo of America",
    "Giant Bomb",
)
NEWS = (
    "BBC News",
    "Wall Street Journal",
    "The New York Times",
    "Washington Post",
    "HuffPost",
    "CNN",
    "NBC News",
    "CBS News",
    "ABC News",
    "Al Jazeera English",
    "Reuters",
    "The Guardian",
    "Bloomberg Television",
    "Associated Press",
    "Sky News",
    "PBS NewsHour",
    "Vox",
    "Fox News",
)
GAMES = (
    "Elden Ring: Shadow of the Erdtree",
    "Star Wars Outlaws",
    "Black Myth: Wukong",
    "Call of Duty: Black Ops 6",
    "Astro Bot",
    "Final Fantasy VII Rebirth",
    "Hellblade 2",
    "Paper Mario: The Thousand-Year Door",
    "Stellar Blade",
)
GAME_FORMATS = (
    "{game} Review",
    "{game} - Official Trailer",
    "{game}: 15 Minutes of Gameplay",
    "{game} - Before You Buy",
    "{game}: Everything We Know",
)
VIDEO_FORMATS = (
    "{Subject} - Official Video",
    "{Subject}: The Highlights",
    "{Subject} | Full Episode",
    "The Best of {Subject} 2024",
    "{Subject} Explained in 10 Minutes",
    "{Subject} - Live Performance",
    "A Day with {Subject}",
    "{Subject}: Behind the Scenes",
    "Reacting to {Subject}",
    "{Subject} Q&A",
    "{Subject}: Top 10 Moments",
    "Everything You Need to Know About {Subject}",
)
NEWS_FORMATS = (
    "{topic}: what we know so far",
    "Live: {topic}",
    "{topic}, explained",
    "Why {topic} matters",
    "Inside {topic}",
)
NEWS_TOPICS = (
    "Election night",
    "The heat wave",
    "The Paris Olympics",
    "Interest rates",
    "The climate summit",
    "The AI boom",
    "Housing costs",
    "The Mars mission",
    "The trade talks",
    "Wildfire season",
)
MUSIC_FORMATS = (
    "{artist} - {song} (Official Music Video)",
    "{artist} - {song} (Official Audio)",
    "{artist} - {song} (Lyric Video)",
    "{artist} - {song} (Live Performance)",
)
SONG_WORDS = (
    ("Golden", "Midnight", "Electric", "Summer", "Broken", "Paper", "Neon", "Wild", "Silver"),
    ("Hearts", "Rain", "Lights", "Dreams", "Roads", "Skies", "Fire", "Waves", "Love"),
)
MUSIC_WORDS = frozenset(
    [
        "music",
        "song",
        "songs",
        "tunes",
        "track",
        "tracks",
        "album",
        "playlist",
        "hits",
        "mix",
        "beats",
        "lofi",
        "jazz",
        "pop",
        "rock",
    ]
)
"""Query words that make a search (or a home chip) a music search."""
CHIPS = ("All", "Music", "Gaming", "News", "Live", "Podcasts")
UPLOADS = 12


@dataclass(frozen=True)
class Channel:
    """A channel: its `name` as YouTube shows it, `kind` ("music" for an official artist
    channel, "gaming", "news" or "general") and subscriber count."""

    name: str
    kind: str
    subscribers: int

    @property
    def handle(self) -> str:
        return "@" + "".join(c for c in self.name if c.isalnum())

    @property
    def subscribers_text(self) -> str:
        return f"{count(self.subscribers)} subscribers"


@dataclass(frozen=True)
class Video:
    """One upload: `vid` (the 11-character id of its URL), title, channel name, length,
    views and age in minutes."""

    vid: str
    title: str
    channel: str
    seconds: int
    views: int
    minutes: int
    music: bool = False

    @property
    def duration(self) -> str:
        return duration(self.seconds)

    @property
    def age(self) -> str:
        return ago(self.minutes)

    @property
    def meta(self) -> str:
        """ "GameSpot · 1.2M views · 3 hours ago", the line under a thumbnail."""
        return f"{self.channel} · {count(self.views)} views · {self.age}"

    @property
    def image(self) -> str:
        return f"scene:{self.title}"

    @property
    def url(self) -> str:
        return f"https://m.youtube.com/watch?v={self.vid}"


@dataclass(frozen=True)
class Playlist:
    """A playlist result: its title, owner and the videos it plays."""

    title: str
    channel: str
    videos: tuple[Video, ...]


@dataclass(frozen=True)
class Results:
    """What a search shows: channels, then videos, then playlists."""

    query: str
    channels: tuple[Channel, ...] = ()
    videos: tuple[Video, ...] = ()
    playlists: tuple[Playlist, ...] = ()


def count(n: int) -> str:
    """A count as YouTube abbreviates it: "987", "12K", "1.2M", "3.4B"."""
    for size, unit in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if n >= size:
            value = n / size
            return (
                f"{value:.1f}".rstrip("0").rstrip(".") + unit
                if value < 10
                else f"{n // size}{unit}"
            )
    return str(n)


def duration(seconds: int) -> str:
    """ "4:05" or "1:02:09"."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


NICKNAMES = {
    "bbc": "BBC News",
    "wsj": "Wall Street Journal",
    "nyt": "The New York Times",
    "huffington post": "HuffPost",
    "bloomberg": "Bloomberg Television",
    "al jazeera": "Al Jazeera English",
    "ap": "Associated Press",
    "pbs": "PBS NewsHour",
}
"""Short names people use for channels whose YouTube names are longer."""


def _known() -> dict[str, tuple[str, str]]:
    """Normalized name (also without a leading "the") -> (channel name, kind)."""
    out = {}
    for kind, names in (("music", ARTISTS), ("gaming", GAMING), ("news", NEWS)):
        for name in names:
            key = normalize(name)
            out[key] = out[key.removeprefix("the ")] = (name, kind)
    for nick, name in NICKNAMES.items():
        out[nick] = out[normalize(name)]
    return out


_KNOWN = _known()


@lru_cache(maxsize=4096)
def channel(name: str) -> Channel:
    """The channel called `name` (any spelling of a known one; any other name makes a general
    channel with that name)."""
    key = normalize(name)
    shown, kind = _KNOWN.get(key.removeprefix("the "), (titled(key), "general"))
    rng = rng_for("yt-channel", shown)
    base = {"music": 20_000_000, "news": 5_000_000, "gaming": 3_000_000}.get(kind, 200_000)
    return Channel(shown, kind, int(base * rng.uniform(0.3, 3.0)))


def _video_id(channel_name: str, title: str) -> str:
    rng = rng_for("yt-id", channel_name, title)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(alphabet[int(i)] for i in rng.integers(0, len(alphabet), 11))


def _titles(c: Channel, rng) -> tuple[list[str], tuple[int, int]]:
    """`UPLOADS` distinct titles for the channel, and the range of their lengths (seconds)."""
    if c.kind == "music":
        songs = sample(rng, [f"{a} {b}" for a in SONG_WORDS[0] for b in SONG_WORDS[1]], UPLOADS)
        return [pick(rng, MUSIC_FORMATS).format(artist=c.name, song=s) for s in songs], (150, 290)
    if c.kind == "gaming":
        pairs = sample(rng, [(g, f) for g in GAMES for f in GAME_FORMATS], UPLOADS)
        return [f.format(game=g) for g, f in pairs], (120, 1500)
    if c.kind == "news":
        pairs = sample(rng, [(t, f) for t in NEWS_TOPICS for f in NEWS_FORMATS], UPLOADS)
        return [f.format(topic=t) for t, f in pairs], (90, 900)
    return [f.format(Subject=c.name) for f in sample(rng, VIDEO_FORMATS, UPLOADS)], (240, 1500)


@lru_cache(maxsize=4096)
def uploads(name: str) -> tuple[Video, ...]:
    """The channel's videos, newest first (the order of its Videos tab)."""
    c = channel(name)
    rng = rng_for("yt-uploads", c.name)
    titles, (shortest, longest) = _titles(c, rng)
    minutes, ages = int(rng.integers(25, 60 * 30)), []
    for _ in titles:
        ages.append(minutes)
        minutes += int(rng.integers(60 * 10, 60 * 24 * 9))
    reach = c.subscribers / 10
    return tuple(
        Video(
            vid=_video_id(c.name, title),
            title=title,
            channel=c.name,
            seconds=int(rng.integers(shortest, longest)),
            views=max(7, int(reach * rng.uniform(0.05, 2.0) * min(1.0, (age + 60) / 3000))),
            minutes=age,
            music=c.kind == "music",
        )
        for title, age in zip(titles, ages, strict=True)
    )


def _names() -> list[str]:
    """Every known channel's name, once."""
    return list(dict.fromkeys(n for n, _ in _KNOWN.values()))


def find(channel_name: str, vid: str) -> Video | None:
    """The upload `vid` of channel `channel_name`, if it has one."""
    return next((v for v in uploads(channel_name) if v.vid == vid), None)


def is_music(query: str) -> bool:
    """Whether `query` asks for music rather than a channel or a topic."""
    return bool(MUSIC_WORDS & set(normalize(query).split()))


def music_videos(n: int = 10, seed: str = "") -> tuple[Video, ...]:
    """`n` music videos by different artists (the Music chip, a search for "music")."""
    rng = rng_for("yt-music", seed)
    return tuple(uploads(a)[int(rng.integers(0, 4))] for a in sample(rng, ARTISTS, n))


def home_feed(chip: str = "All") -> tuple[Video, ...]:
    """The home feed under one of `CHIPS`: recommendations from every kind of channel except
    music on "All" (music lives under its chip and in searches)."""
    if chip == "Music":
        return music_videos(10, "home")
    if chip in ("Live", "Podcasts"):
        return tuple(uploads(f"{n} {chip}")[0] for n in ("Today", "Weekly", "Daily", "Tonight"))
    names = {"Gaming": GAMING, "News": NEWS}.get(chip, GAMING + NEWS)
    rng = rng_for("yt-home", chip)
    return tuple(uploads(n)[int(rng.integers(0, 5))] for n in sample(rng, names, 10))


@lru_cache(maxsize=1024)
def search(query: str) -> Results:
    """Results for `query`: the channel it names first (with its namesakes: "GameSpot" also
    finds "GameSpot News"), then videos by relevance (popular first, not newest first), then
    playlists. A music query lists music videos of many artists."""
    key = normalize(query)
    if not key:
        return Results(query)
    if is_music(query):
        named = [n for n in ARTISTS if normalize(n) in key]
        videos = tuple(v for n in named for v in uploads(n)[:3]) + music_videos(8, key)
        lists = (Playlist("Top Hits 2024", "YouTube Music", music_videos(10, "top")),)
        return Results(query, tuple(channel(n) for n in named), videos, lists)
    first = channel(query)
    namesakes = [channel(n) for n in _names() if key in normalize(n) and n != first.name]
    popular = sorted(uploads(first.name), key=lambda v: -v.views)[:6]
    others = [uploads(f"{first.name} Fans")[0], uploads(f"Best of {first.name}")[0]]
    lists = (Playlist(f"{first.name} - Popular videos", first.name, tuple(popular)),)
    return Results(
        query, (first, *namesakes[:3]), (*popular[:3], others[0], *popular[3:], others[1]), lists
    )


def suggestions(typed: str) -> list[str]:
    """What the search box suggests while typing (suggestions are not results)."""
    key = normalize(typed)
    if not key:
        return []
    names = [normalize(n) for n in _names() if normalize(n).startswith(key)]
    tails = ("", " new video", " live", " music", " trailer", " reaction")
    return list(dict.fromkeys([*names[:3], *(key + t for t in tails)]))[:6]


__all__ = [
    "Channel",
    "Playlist",
    "Results",
    "Video",
    "channel",
    "find",
    "home_feed",
    "search",
    "uploads",
]
