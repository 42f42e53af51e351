"""The apps of the simulated app store: what the phone can install besides its own apps.

Each entry is what the Play Store and Settings show of an app (label, developer, category).
None comes installed: a task that needs one installed (its settings, its notifications) installs
it when it sets the phone up, as AitW's devices had the apps their tasks name. Apps that the
phone simulates in full (Chrome, Maps, ...) are not listed here; these open a plain start
screen. Ratings, downloads and sizes follow from the package name, so every screen agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from android_gym.content.common import rng_for


@dataclass(frozen=True)
class StoreApp:
    """An installable app: `package`, launcher `label`, `developer`, Play Store `category`."""

    package: str
    label: str
    developer: str
    category: str

    @property
    def icon(self) -> str:
        return "app:" + self.label.lower().replace(" ", "_")

    @property
    def rating(self) -> float:
        return round(3.6 + 1.3 * float(rng_for("rating", self.package).random()), 1)

    @property
    def downloads(self) -> str:
        return ("10M+", "50M+", "100M+", "500M+", "1B+")[
            int(rng_for("downloads", self.package).integers(5))
        ]

    @property
    def size_mb(self) -> int:
        return int(rng_for("size", self.package).integers(18, 180))


CATALOG: tuple[StoreApp, ...] = (
    StoreApp("com.pandora.android", "Pandora", "Pandora", "Music & Audio"),
    StoreApp("com.facebook.katana", "Facebook", "Meta Platforms, Inc.", "Social"),
    StoreApp("com.instagram.android", "Instagram", "Instagram", "Social"),
    StoreApp("com.twitter.android", "Twitter", "X Corp.", "News & Magazines"),
    StoreApp("com.spotify.music", "Spotify", "Spotify AB", "Music & Audio"),
    StoreApp("com.netflix.mediaclient", "Netflix", "Netflix, Inc.", "Entertainment"),
    StoreApp("com.ubercab", "Uber", "Uber Technologies, Inc.", "Travel & Local"),
    StoreApp("me.lyft.android", "Lyft", "Lyft, Inc.", "Maps & Navigation"),
    StoreApp(
        "com.amazon.avod.thirdpartyclient",
        "Prime Video",
        "Amazon Mobile LLC",
        "Entertainment",
    ),
    StoreApp("com.amazon.mp3", "Amazon Music", "Amazon Mobile LLC", "Music & Audio"),
    StoreApp(
        "com.amazon.mShop.android.shopping",
        "Amazon Shopping",
        "Amazon Mobile LLC",
        "Shopping",
    ),
    StoreApp("com.amazon.dee.app", "Amazon Alexa", "Amazon Mobile LLC", "Lifestyle"),
    StoreApp("com.google.android.videos", "Play Movies & TV", "Google LLC", "Entertainment"),
    StoreApp("com.google.android.apps.books", "Play Books", "Google LLC", "Books & Reference"),
    StoreApp("com.google.android.music", "Play Music", "Google LLC", "Music & Audio"),
    StoreApp("com.google.android.apps.magazines", "Google News", "Google LLC", "News & Magazines"),
    StoreApp("com.cnn.mobile.android.phone", "CNN", "CNN", "News & Magazines"),
    StoreApp("com.espn.score_center", "ESPN", "ESPN", "Sports"),
    StoreApp("com.ebay.mobile", "eBay", "eBay Mobile", "Shopping"),
    StoreApp("com.starbucks.mobilecard", "Starbucks", "Starbucks Coffee Company", "Food & Drink"),
    StoreApp("com.yahoo.mobile.client.android.yahoo", "Yahoo", "Yahoo", "News & Magazines"),
    StoreApp("com.weather.Weather", "The Weather Channel", "The Weather Channel", "Weather"),
    StoreApp("org.wikipedia", "Wikipedia", "Wikimedia Foundation", "Books & Reference"),
    StoreApp("com.yelp.android", "Yelp", "Yelp", "Food & Drink"),
    # added by the Play Store: more of its top charts, and apps whose install tasks are held
    # out of the training split
    StoreApp("com.whatsapp", "WhatsApp", "WhatsApp LLC", "Communication"),
    StoreApp("com.zhiliaoapp.musically", "TikTok", "TikTok Pte. Ltd.", "Social"),
    StoreApp("com.snapchat.android", "Snapchat", "Snap Inc", "Communication"),
    StoreApp("com.pinterest", "Pinterest", "Pinterest", "Lifestyle"),
    StoreApp("us.zoom.videomeetings", "Zoom", "zoom.us", "Business"),
    StoreApp("com.duolingo", "Duolingo", "Duolingo", "Education"),
    StoreApp("com.shazam.android", "Shazam", "Apple, Inc.", "Music & Audio"),
    StoreApp("com.waze", "Waze", "Waze", "Maps & Navigation"),
    StoreApp("com.airbnb.android", "Airbnb", "Airbnb", "Travel & Local"),
    StoreApp("com.dd.doordash", "DoorDash", "DoorDash", "Food & Drink"),
    StoreApp("com.venmo", "Venmo", "PayPal, Inc.", "Finance"),
    StoreApp("com.paypal.android.p2pmobile", "PayPal", "PayPal Mobile", "Finance"),
    StoreApp("com.linkedin.android", "LinkedIn", "LinkedIn", "Business"),
    StoreApp("com.hulu.plus", "Hulu", "Disney", "Entertainment"),
    StoreApp("org.telegram.messenger", "Telegram", "Telegram FZ-LLC", "Communication"),
    StoreApp("com.discord", "Discord", "Discord Inc.", "Communication"),
    StoreApp("com.expedia.bookings", "Expedia", "Expedia", "Travel & Local"),
    StoreApp("com.king.candycrushsaga", "Candy Crush Saga", "King", "Casual"),
    StoreApp("com.kiloo.subwaysurf", "Subway Surfers", "SYBO Games", "Arcade"),
    StoreApp("com.roblox.client", "Roblox", "Roblox Corporation", "Adventure"),
    StoreApp("com.supercell.clashofclans", "Clash of Clans", "Supercell", "Strategy"),
    StoreApp("com.nianticlabs.pokemongo", "Pokemon GO", "Niantic, Inc.", "Adventure"),
)


@cache
def by_package() -> dict[str, StoreApp]:
    """The catalog by package name."""
    return {app.package: app for app in CATALOG}
