"""An app's page in the Play Store: icon, name and developer, the rating / downloads / age row,
the Install button (then the download's progress with Cancel, then Uninstall and Open),
screenshots, "About this app" and the ratings summary. Uninstalling asks first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import store_listings as store
from android_gym.content.store_apps import StoreApp
from android_gym.sim import theme
from android_gym.sim.apps.play_store import widgets as w
from android_gym.sim.view import View, col, icon, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.apps.play_store import PlayStore


def page(app: PlayStore, listing: StoreApp) -> View:
    body = col(
        _header(listing),
        _stats(listing),
        col(_actions(app, listing), pad=(20, 4, 20, 18), rid="actions"),
        w.screenshots(listing),
        w.section_title("About this app"),
        text(store.about(listing), size=14, color=w.GREY, pad=(20, 0, 20, 8), rid="description"),
        row(
            text(
                listing.category,
                size=13,
                color=theme.TEXT,
                border="#c4c7c5",
                radius=8,
                pad=(12, 6, 12, 6),
            ),
            pad=(20, 0, 20, 0),
        ),
        w.section_title("Ratings and reviews"),
        row(
            text(f"{listing.rating:.1f}", size=44, color=theme.TEXT),
            col(
                w.stars(listing.rating), text(store.reviews(listing), size=12, color=w.GREY), gap=4
            ),
            gap=16,
            pad=(20, 0, 20, 24),
        ),
        scroll=app.scroll_key(),
        flex=1,
        rid="details",
    )
    screen = col(
        row(
            icon(
                "arrow_back",
                24,
                color=theme.TEXT,
                desc="Navigate up",
                on_tap=lambda: app.back() and None,
            ),
            space(flex=1),
            icon("search", 24, color=theme.TEXT, desc="Search", on_tap=lambda: app.start_typing()),
            space(w=20),
            icon("more_vert", 24, color=theme.TEXT, desc="More options"),
            h=56,
            pad=(16, 0, 16, 0),
        ),
        body,
        flex=1,
        bg=w.SURFACE,
    )
    if app.top.ui.get("dialog") == "uninstall":
        return stack(screen, _confirm(app, listing))
    return screen


def _header(listing: StoreApp) -> View:
    return row(
        icon(listing.icon, 72, rid="app_icon"),
        col(
            text(listing.label, size=24, lines=2, rid="title", desc=listing.label),
            text(listing.developer, size=14, weight="medium", color=w.GREEN, rid="developer"),
            text("Contains ads · In-app purchases", size=12, color=w.GREY),
            gap=3,
            flex=1,
            pad=(18, 0, 0, 0),
        ),
        pad=(20, 4, 20, 16),
    )


def _stat(top: View, bottom: str) -> View:
    return col(top, text(bottom, size=12, color=w.GREY), align="center", gap=2, flex=1)


def _stats(listing: StoreApp) -> View:
    rating = row(
        text(f"{listing.rating:.1f}", size=14, weight="medium"),
        icon("star", 12, color=theme.TEXT),
        gap=2,
        desc=f"Average rating {listing.rating:.1f} stars",
    )
    return row(
        _stat(rating, store.reviews(listing)),
        _stat(text(listing.downloads, size=14, weight="medium"), "Downloads"),
        _stat(text(store.age_rating(listing), size=14, weight="medium"), "Rated for 3+"),
        pad=(8, 0, 8, 16),
        rid="stats",
    )


def _actions(app: PlayStore, listing: StoreApp) -> View:
    package = listing.package
    state = app.state_of(listing)
    if state == "Install":
        return w.button("Install", lambda: app.install(package))
    open_button = w.button("Open", (lambda: app.launch_app(package)) if state == "Open" else None)
    if state == "Downloading":
        return col(
            w.download_status(listing, app.progress(listing)),
            row(w.button("Cancel", lambda: app.cancel(package), filled=False), open_button, gap=12),
            gap=14,
        )
    if package in app.phone.system_packages:
        second = w.button("Uninstall updates", None, filled=False)
    else:
        second = w.button("Uninstall", lambda: app.ask_uninstall(), filled=False)
    return row(second, open_button, gap=12)


def _confirm(app: PlayStore, listing: StoreApp) -> View:
    """The uninstall confirmation over a dimmed page."""
    dialog = col(
        text(listing.label, size=20, pad=(24, 24, 24, 8)),
        text("Do you want to uninstall this app?", size=15, color=w.GREY, pad=(24, 0, 24, 16)),
        row(
            space(flex=1),
            text(
                "Cancel",
                size=15,
                weight="medium",
                color=w.GREEN,
                pad=(14, 10, 14, 10),
                on_tap=lambda: app.close_dialog(),
                rid="cancel_uninstall",
            ),
            text(
                "Uninstall",
                size=15,
                weight="medium",
                color=w.GREEN,
                pad=(14, 10, 14, 10),
                on_tap=lambda p=listing.package: app.uninstall(p),
                rid="confirm_uninstall",
            ),
            pad=(12, 0, 12, 12),
        ),
        bg="#f3f6f4",
        radius=24,
        shadow=True,
        rid="uninstall_dialog",
    )
    return col(
        space(flex=1),
        col(dialog, pad=(32, 0, 32, 0)),
        space(flex=1),
        at="fill",
        on_tap=lambda: None,
        rid="scrim",
    )
