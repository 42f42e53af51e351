"""Settings' screens about apps: Apps, See all apps, and one app's App info, notifications,
permissions and storage."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from android_gym.content.common import rng_for, sample
from android_gym.content.store_apps import by_package
from android_gym.sim.apps.settings.widgets import button, group, item, page
from android_gym.sim.apps.settings.widgets import dialog as alert
from android_gym.sim.material_you import Palette
from android_gym.sim.view import View, col, icon, row, text

if TYPE_CHECKING:
    from android_gym.sim.apps.settings import SettingsApp

PERMISSIONS = ("Camera", "Contacts", "Location", "Microphone", "Notifications", "Phone", "Photos")


def _labelled(app: SettingsApp) -> list[str]:
    """Installed apps with a launcher icon, by label."""
    apps = app.phone.apps
    return sorted(
        (p for p in app.phone.installed if apps[p].icon), key=lambda p: apps[p].label.lower()
    )


def size_mb(package: str) -> int:
    """The app's size on the phone (the store's figure for store apps)."""
    store = by_package().get(package)
    return store.size_mb if store else int(rng_for("size", package).integers(12, 240))


def apps(app: SettingsApp, pal: Palette) -> View:
    """The Apps dashboard: recently opened apps and "See all N apps"."""
    phone = app.phone
    recent = [p for p in reversed(phone.recents) if p != app.package][:3]
    rows = [
        item(
            pal,
            phone.apps[p].label,
            "Recently opened",
            phone.apps[p].icon,
            on_tap=lambda p=p: app.go("app_info", package=p),
        )
        for p in recent
    ]
    see_all = item(
        pal,
        f"See all {len(_labelled(app))} apps",
        glyph="arrow_forward",
        color="grey",
        on_tap=lambda: app.go("all_apps"),
    )
    return page(
        pal,
        "Apps",
        [
            group(pal, *rows, see_all),
            group(
                pal,
                item(pal, "Default apps", "Chrome, Phone and Messages"),
                item(pal, "Screen time", "1 hr 12 min today"),
                item(pal, "Unused apps", "0 unused apps"),
                item(pal, "Special app access", "2 apps can use unrestricted data"),
            ),
        ],
        app.scroll_key(),
        app.up,
    )


def all_apps(app: SettingsApp, pal: Palette) -> View:
    """Every installed app, alphabetical, with its size; a row opens its App info."""
    rows = [
        item(
            pal,
            app.phone.apps[p].label,
            f"{size_mb(p)} MB",
            app.phone.apps[p].icon,
            on_tap=lambda p=p: app.go("app_info", package=p),
        )
        for p in _labelled(app)
    ]
    return page(pal, "All apps", [group(pal, *rows)], app.scroll_key(), app.up)


def _header(app: SettingsApp, pal: Palette, package: str) -> View:
    target = app.phone.apps[package]
    return col(
        icon(target.icon, 72),
        text(target.label, size=24, color=pal.text, text_align="center", rid="entity_header_title"),
        align="center",
        gap=12,
        pad=(0, 0, 0, 12),
        rid="entity_header",
    )


def app_info(app: SettingsApp, pal: Palette) -> View:
    """App info: Open, Uninstall (Disable, greyed, for system apps), Force stop, then the
    app's Notifications, Permissions and Storage & cache."""
    phone = app.phone
    package = app.top.args["package"]
    system = package in phone.system_packages
    running = package in phone.recents
    notifies = phone.settings.notifications_enabled(package)
    granted = _granted(package)
    buttons = row(
        button(pal, "Open", "open_in_new", lambda: app.launch_app(package)),
        button(
            pal,
            "Disable" if system else "Uninstall",
            "delete",
            None if system else lambda: app.ask("uninstall"),
        ),
        button(pal, "Force stop", "block", (lambda: app.ask("force_stop")) if running else None),
        gap=8,
    )
    return page(
        pal,
        "App info",
        [
            buttons,
            group(
                pal,
                item(
                    pal,
                    "Notifications",
                    "~3 notifications per week" if notifies else "Off",
                    on_tap=lambda: app.go("app_notifications", package=package),
                ),
                item(
                    pal,
                    "Permissions",
                    " and ".join(granted) if granted else "No permissions allowed",
                    on_tap=lambda: app.go("app_permissions", package=package),
                ),
                item(
                    pal,
                    "Storage & cache",
                    f"{size_mb(package)} MB used in internal storage",
                    on_tap=lambda: app.go("app_storage", package=package),
                ),
                item(pal, "Mobile data & Wi-Fi", "No data used"),
            ),
            group(
                pal,
                item(pal, "Screen time", "0 minutes today"),
                item(pal, "App battery usage", "No battery use since last full charge"),
                item(pal, "Open by default", "Allow app to open supported links"),
            ),
            text(_version(package), size=14, color=pal.text_secondary, pad=(12, 0, 12, 0)),
        ],
        app.scroll_key(),
        app.up,
        header=_header(app, pal, package),
    )


def _granted(package: str) -> list[str]:
    rng = rng_for("permissions", package)
    return sorted(sample(rng, PERMISSIONS, int(rng.integers(0, 3))))


def _version(package: str) -> str:
    rng = rng_for("version", package)
    return f"version {int(rng.integers(1, 30))}.{int(rng.integers(0, 20))}.{int(rng.integers(100))}"


def app_notifications(app: SettingsApp, pal: Palette) -> View:
    """The app's notifications: the "All <app> notifications" switch and its categories."""
    package = app.top.args["package"]
    label = app.phone.apps[package].label
    on = app.phone.settings.notifications_enabled(package)
    body: list[View | None] = [
        group(
            pal,
            item(
                pal,
                f"All {label} notifications",
                toggle=on,
                on_tap=lambda: app.toggle_notifications(package),
            ),
        )
    ]
    if on:
        body.append(
            group(
                pal,
                item(pal, "General", "Alerting"),
                item(pal, "Updates", "Silent"),
                item(pal, "Allow notification dot", "On"),
            )
        )
    else:
        body.append(
            text(
                "At your request, Android is blocking this app's notifications from appearing "
                "on this device",
                size=14,
                color=pal.text_secondary,
                pad=(12, 0, 12, 0),
            )
        )
    return page(
        pal, "Notifications", body, app.scroll_key(), app.up, header=_header(app, pal, package)
    )


def app_permissions(app: SettingsApp, pal: Palette) -> View:
    package = app.top.args["package"]
    granted = set(_granted(package))
    allowed = [item(pal, p, glyph="lock", color="green") for p in sorted(granted)]
    denied = [item(pal, p, glyph="lock", color="grey") for p in PERMISSIONS if p not in granted]
    body: list[View | None] = [
        text("Allowed", size=14, color=pal.primary, pad=(12, 0, 12, 0)),
        group(pal, *allowed) if allowed else text("No permissions allowed", color=pal.text),
        text("Not allowed", size=14, color=pal.primary, pad=(12, 0, 12, 0)),
        group(pal, *denied),
    ]
    return page(
        pal, "App permissions", body, app.scroll_key(), app.up, header=_header(app, pal, package)
    )


def app_storage(app: SettingsApp, pal: Palette) -> View:
    package = app.top.args["package"]
    size = size_mb(package)
    body: list[View | None] = [
        group(
            pal,
            item(pal, "App size", f"{size * 0.8:.1f} MB"),
            item(pal, "User data", f"{size * 0.15:.1f} MB"),
            item(pal, "Cache", f"{size * 0.05:.1f} MB"),
            item(pal, "Total", f"{size:.1f} MB"),
        ),
    ]
    return page(
        pal, "Storage & cache", body, app.scroll_key(), app.up, header=_header(app, pal, package)
    )


def dialog(app: SettingsApp, pal: Palette, which: str) -> View:
    """The open dialog of App info: "uninstall" or "force_stop"."""
    package = app.top.args["package"]
    if which == "uninstall":
        label = app.phone.apps[package].label
        title, message, confirm = label, "Do you want to uninstall this app?", app.uninstall
    else:
        title, message = "Force stop?", "If you force stop an app, it may misbehave."
        confirm = app.force_stop
    return alert(pal, title, message, "OK", lambda: confirm(package), lambda: app.ask(None))


BUILDERS: dict[str, Callable[[SettingsApp, Palette], View]] = {
    "apps": apps,
    "all_apps": all_apps,
    "app_info": app_info,
    "app_notifications": app_notifications,
    "app_permissions": app_permissions,
    "app_storage": app_storage,
}
