"""Notifications the phone's apps have posted when a task starts: what the shade lists.

Which apps have one and what it says follow from the phone's seed and the package, so the same
phone shows the same shade, and an app installed by a task's set-up has its notification too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from android_gym.content.common import pick, rng_for
from android_gym.content.store_apps import by_package

_NAMES = ("Alex Chen", "Priya Patel", "Sam Rivera", "Jordan Lee", "Maria Garcia", "Tom Becker")
_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "com.google.android.gm": (
        ("{name}", "Weekend plans? Are we still on for Saturday?"),
        ("{name}", "Photos from the trip"),
    ),
    "com.google.android.apps.messaging": (
        ("{name}", "Running 5 minutes late, see you soon"),
        ("{name}", "Did you see the game last night?"),
    ),
    "com.google.android.calendar": (("Dentist appointment", "Today, 2:30 – 3:30 PM"),),
    "com.google.android.apps.photos": (
        ("Memories", "Look back on this day 3 years ago"),
        ("Backup complete", "All photos are backed up"),
    ),
    "com.google.android.youtube": (("New video from a channel you follow", "Watch it now"),),
    "com.android.vending": (("Updates available", "3 apps can be updated"),),
    "com.google.android.apps.maps": (
        ("Traffic on your commute", "Heavy traffic, 25 min to work"),
        ("Rate a place you visited", "How was your visit?"),
    ),
    "com.android.chrome": (("Download complete", "document.pdf"),),
    "com.google.android.apps.youtube.music": (("New release for you", "Listen to the new album"),),
}
_BY_CATEGORY: dict[str, tuple[tuple[str, str], ...]] = {
    "Social": (("{name} mentioned you", "Check out what they said"),),
    "Music & Audio": (("New music for you", "Your weekly mix is ready"),),
    "Entertainment": (("New episodes available", "Continue watching where you left off"),),
    "Shopping": (("Your order has shipped", "Arriving Tuesday"),),
    "News & Magazines": (("Breaking news", "Top stories of the morning"),),
}
_DEFAULT = (("{label}", "You have a new update"),)


@dataclass(frozen=True)
class Notification:
    """One posted notification: `key` (unique on the phone), the posting `package` and its
    app `label`, `title`, `text` and how many minutes ago it came."""

    key: str
    package: str
    label: str
    title: str
    text: str
    minutes_ago: int

    @property
    def when(self) -> str:
        return "now" if self.minutes_ago < 1 else f"{self.minutes_ago}m"


@lru_cache(maxsize=512)
def posted(seed: int, apps: tuple[tuple[str, str], ...]) -> tuple[Notification, ...]:
    """The notifications of `apps` ((package, label) pairs of installed apps) on a phone reset
    with `seed`, newest first: every store app has one, the phone's own apps that notify
    (those with a template) now and then. Cached: the phone asks on every step."""
    out = []
    for package, label in apps:
        rng = rng_for("notification", str(seed), package)
        store = by_package().get(package)
        if store is None and (package not in _TEMPLATES or rng.random() < 0.5):
            continue
        templates = _TEMPLATES.get(package) or _BY_CATEGORY.get(store.category if store else "")
        templates = templates or _DEFAULT
        title, body = pick(rng, list(templates))
        name = pick(rng, list(_NAMES))
        out.append(
            Notification(
                f"{package}:0",
                package,
                label,
                title.format(name=name, label=label),
                body,
                int(rng.integers(0, 180)),
            )
        )
    return tuple(sorted(out, key=lambda n: (n.minutes_ago, n.package)))
