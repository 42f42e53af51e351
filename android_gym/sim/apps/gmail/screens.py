"""Gmail's screens: the search bar over a label's conversation list, the drawer of labels and
a message's page (Material 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import mail
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, icon, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.apps.gmail import Gmail

SURFACE = "#f6f8fc"
SELECTED = "#d3e3fd"
AVATAR_COLORS = ("#e8710a", "#1e8e3e", "#9334e6", "#d93025", "#1a73e8", "#007b83", "#c5221f")
LABEL_ICONS = {
    "Inbox": "inbox",
    "Starred": "star",
    "Snoozed": "history",
    "Important": "label",
    "Sent": "send",
    "Scheduled": "clock",
    "Drafts": "draft",
    "All mail": "inbox",
    "Spam": "close",
    "Trash": "delete",
}


def _avatar(name: str, size: float = 40) -> View:
    color = AVATAR_COLORS[sum(map(ord, name)) % len(AVATAR_COLORS)]
    return row(
        text(name[:1].upper(), size=size * 0.45, color=theme.WHITE),
        justify="center",
        w=size,
        h=size,
        radius=size / 2,
        bg=color,
    )


def _search_bar(app: Gmail) -> View:
    return row(
        icon(
            "menu",
            24,
            color=theme.TEXT_SECONDARY,
            desc="Open navigation drawer",
            on_tap=lambda: app.drawer(True),
            rid="open_drawer",
        ),
        text("Search in mail", size=16, color=theme.TEXT_SECONDARY, flex=1, pad=(16, 0, 0, 0)),
        _avatar(mail.OWNER, 32),
        h=52,
        radius=26,
        bg="#e9eef6",
        pad=(16, 0, 10, 0),
        rid="open_search",
        desc="Search in mail",
    )


def _row(app: Gmail, item: mail.Mail) -> View:
    unread = app.unread(item)
    weight = "bold" if unread else "regular"
    color = theme.TEXT if unread else "#444746"
    return row(
        _avatar(item.sender.removeprefix("To: ")),
        col(
            row(
                text(
                    item.sender, size=16, weight=weight, color=color, flex=1, lines=1, rid="senders"
                ),
                text(
                    item.date_label(app.phone.date), size=12, weight=weight, color=color, rid="date"
                ),
            ),
            text(item.subject, size=14, weight=weight, color=color, lines=1, rid="subject"),
            row(
                text(
                    item.snippet,
                    size=14,
                    color=theme.TEXT_SECONDARY,
                    lines=1,
                    flex=1,
                    rid="snippet",
                ),
                icon("star", 20, color="#f4b400" if item.starred else "#c4c7c5"),
            ),
            flex=1,
            pad=(14, 0, 0, 0),
        ),
        align="start",
        pad=(16, 10, 16, 10),
        on_tap=lambda: app.open_message(item.id),
        desc=f"{'Unread, ' if unread else ''}{item.sender}, {item.subject}, {item.snippet}",
        rid="viewified_conversation_item_view",
    )


def label_list(app: Gmail, label: str) -> View:
    items = mail.in_label(label)
    rows = [_row(app, m) for m in items] or [
        text(
            f"Nothing in {label}",
            size=16,
            color=theme.TEXT_SECONDARY,
            text_align="center",
            pad=(0, 80),
        )
    ]
    compose = row(
        icon("edit", 22, color="#001d35"),
        text("Compose", size=15, weight="medium", color="#001d35", pad=(12, 0, 0, 0), flex=1),
        w=150,
        h=56,
        pad=(18, 0, 20, 0),
        radius=16,
        bg="#c2e7ff",
        shadow=True,
        desc="Compose",
        rid="compose_button",
    )
    content = col(
        col(_search_bar(app), pad=(16, 8, 16, 8)),
        text(
            "Primary" if label == "Inbox" else label,
            size=13,
            weight="medium",
            color=theme.TEXT_SECONDARY,
            pad=(20, 8, 16, 4),
            rid="label_title",
            desc=label,
        ),
        col(
            *rows, space(h=96), scroll=app.scroll_key(), flex=1, rid="thread_list_view", desc=label
        ),
        flex=1,
        bg=theme.WHITE,
    )
    parts: list[View | None] = [
        content,
        col(compose, pad=(0, 0, 16, 20), at="bottom-right", align="end"),
    ]
    if app.top.ui.get("dialog") == "drawer":
        parts.append(_drawer(app, label))
    return stack(*parts, flex=1, bg=theme.WHITE)


def _drawer(app: Gmail, current: str) -> View:
    unread = sum(app.unread(m) for m in mail.in_label("Inbox"))

    def item(label: str) -> View:
        chosen = label == current
        count = str(unread) if label == "Inbox" and unread else ""
        return row(
            icon(LABEL_ICONS[label], 22, color=theme.TEXT_SECONDARY),
            text(label, size=15, weight="medium", color=theme.TEXT, flex=1, pad=(20, 0, 0, 0)),
            text(count, size=13, weight="medium", color=theme.TEXT) if count else None,
            h=48,
            pad=(20, 0, 20, 0),
            radius=24,
            bg=SELECTED if chosen else None,
            selected=chosen,
            on_tap=lambda: app.show_label(label),
            desc=label,
            rid="name",
        )

    panel = col(
        row(
            text("Gmail", size=22, color=theme.GOOGLE_RED, weight="medium"),
            pad=(28, 18, 16, 14),
        ),
        divider(),
        col(
            *[item(label) for label in mail.LABELS],
            scroll=app.scroll_key("drawer"),
            flex=1,
            pad=(8, 8, 8, 8),
        ),
        w=300,
        bg=SURFACE,
        shadow=True,
        rid="drawer",
    )
    return row(
        panel,
        space(flex=1, on_tap=lambda: app.drawer(False), desc="Close navigation drawer"),
        align="stretch",
        flex=1,
    )


def message_page(app: Gmail, item: mail.Mail) -> View:
    return col(
        row(
            icon(
                "arrow_back",
                24,
                color=theme.TEXT_SECONDARY,
                desc="Navigate up",
                on_tap=lambda: app.back() and None,
            ),
            space(flex=1),
            icon("download", 22, color=theme.TEXT_SECONDARY, desc="Archive"),
            icon("delete", 22, color=theme.TEXT_SECONDARY, desc="Delete"),
            icon("inbox", 22, color=theme.TEXT_SECONDARY, desc="Mark unread"),
            icon("more_vert", 24, color=theme.TEXT_SECONDARY, desc="More options"),
            gap=22,
            h=56,
            pad=(16, 0, 16, 0),
        ),
        col(
            row(
                text(
                    item.subject, size=22, color=theme.TEXT, flex=1, rid="subject_and_folder_view"
                ),
                icon("star", 22, color="#f4b400" if item.starred else "#c4c7c5", desc="Star"),
                align="start",
                pad=(20, 8, 16, 4),
            ),
            text(
                item.labels[0],
                size=11,
                color=theme.TEXT_SECONDARY,
                bg="#e9eef6",
                radius=4,
                pad=(6, 2, 6, 2),
            ),
            pad=(0, 0, 0, 12),
        ),
        row(
            _avatar(item.sender.removeprefix("To: ")),
            col(
                row(
                    text(
                        item.sender, size=15, weight="medium", color=theme.TEXT, rid="sender_name"
                    ),
                    text(
                        item.date_label(app.phone.date),
                        size=12,
                        color=theme.TEXT_SECONDARY,
                        pad=(8, 0, 0, 0),
                    ),
                ),
                text("to me", size=13, color=theme.TEXT_SECONDARY),
                flex=1,
                pad=(12, 0, 0, 0),
            ),
            pad=(16, 4, 16, 12),
        ),
        col(
            text(item.body, size=15, color=theme.TEXT, pad=(20, 8, 20, 8), rid="message_body"),
            scroll=app.scroll_key("body"),
            flex=1,
        ),
        flex=1,
        bg=theme.WHITE,
    )
