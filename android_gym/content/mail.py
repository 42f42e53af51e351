"""The phone owner's mailbox: messages in the inbox and the other Gmail labels.

The same mail every episode (a used account), dated relative to the phone's date so that
the newest arrived this morning: senders, subjects, snippets, bodies, unread and starred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from android_gym.content.calendar import today

OWNER = "Alex Morgan"
OWNER_ADDRESS = "alex.morgan@gmail.com"
LABELS = (
    "Inbox",
    "Starred",
    "Snoozed",
    "Important",
    "Sent",
    "Scheduled",
    "Drafts",
    "All mail",
    "Spam",
    "Trash",
)


@dataclass(frozen=True)
class Mail:
    """One message: `days_ago` and `minute` (of its day) date it; `labels` it carries."""

    id: int
    sender: str
    address: str
    subject: str
    body: str
    days_ago: int
    minute: int
    unread: bool = False
    starred: bool = False
    labels: tuple[str, ...] = ("Inbox",)

    @property
    def snippet(self) -> str:
        return self.body.split("\n")[0]

    def date_label(self, phone_date: str) -> str:
        """As the list shows it: "8:05 AM" today, "May 30" before."""
        if self.days_ago == 0:
            hour, minute = divmod(self.minute, 60)
            return f"{(hour - 1) % 12 + 1}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"
        day = today(phone_date) - timedelta(days=self.days_ago)
        return f"{day.strftime('%b')} {day.day}"


_M = Mail
MAILBOX: tuple[Mail, ...] = (
    _M(
        1,
        "Google",
        "no-reply@accounts.google.com",
        "Security alert",
        "A new sign-in on Android\nWe noticed a new sign-in to your Google Account on a Pixel "
        "device. If this was you, you don't need to do anything.",
        0,
        8 * 60 + 52,
        unread=True,
    ),
    _M(
        2,
        "Sarah Chen",
        "sarah.chen@gmail.com",
        "Lunch on Thursday?",
        "Hey! Are you free for lunch on Thursday? There's a new ramen place near the office "
        "I've been wanting to try.\nLet me know!",
        0,
        8 * 60 + 5,
        unread=True,
    ),
    _M(
        3,
        "Amazon.com",
        "shipment-tracking@amazon.com",
        "Your package has shipped",
        'Your order of "Anker USB-C Charger" has shipped and will arrive Tuesday.\n'
        "Track your package in Your Orders.",
        0,
        7 * 60 + 31,
        unread=True,
    ),
    _M(
        4,
        "LinkedIn",
        "messages-noreply@linkedin.com",
        "You appeared in 12 searches this week",
        "See who's looking at your profile and grow your network.",
        1,
        18 * 60 + 10,
    ),
    _M(
        5,
        "Mom",
        "linda.morgan@yahoo.com",
        "Photos from the weekend",
        "Here are the photos from Grandpa's birthday. The kids loved the cake!\nLove, Mom",
        1,
        15 * 60 + 44,
        starred=True,
        labels=("Inbox", "Starred", "Important"),
    ),
    _M(
        6,
        "Chase",
        "no.reply.alerts@chase.com",
        "Your statement is ready",
        "Your credit card statement for the period ending May 28 is now available.",
        2,
        9 * 60,
    ),
    _M(
        7,
        "Daniel Park",
        "dpark@acme-corp.com",
        "Re: Q3 planning deck",
        "Thanks for the draft. I left a few comments on slides 4 and 9 — can we go over "
        "them Monday?",
        2,
        11 * 60 + 20,
        labels=("Inbox", "Important"),
    ),
    _M(
        8,
        "Spotify",
        "no-reply@spotify.com",
        "Your Daily Mix is ready",
        "New music picked for you, based on what you've been listening to.",
        3,
        10 * 60,
    ),
    _M(
        9,
        "United Airlines",
        "unitedairlines@united.com",
        "Your trip to Denver: check in now",
        "Check in for flight UA 1532 from San Francisco to Denver and get your boarding pass.",
        3,
        7 * 60 + 15,
        starred=True,
        labels=("Inbox", "Starred"),
    ),
    _M(
        10,
        "GitHub",
        "noreply@github.com",
        "[acme/webapp] Pull request merged",
        'Your pull request #482 "Fix login redirect" was merged into main.',
        4,
        16 * 60 + 2,
    ),
    _M(
        11,
        "Netflix",
        "info@mailer.netflix.com",
        "New on Netflix this week",
        "Catch the season finale and three new documentaries.",
        5,
        12 * 60,
    ),
    _M(
        12,
        "Emily Rodriguez",
        "emily.rod@gmail.com",
        "Book club: June pick",
        'This month we\'re reading "Tomorrow, and Tomorrow, and Tomorrow". See you on the 20th!',
        6,
        19 * 60 + 30,
    ),
    _M(
        13,
        "Costco",
        "costco@online.costco.com",
        "Member-only savings start today",
        "Save on summer essentials, electronics and more through June 16.",
        7,
        6 * 60,
    ),
    _M(
        14,
        "Dr. Patel's Office",
        "frontdesk@citydental.com",
        "Appointment reminder",
        "This is a reminder of your dental cleaning next Wednesday at 10:00 AM.",
        8,
        13 * 60,
    ),
)
SENT: tuple[Mail, ...] = (
    _M(
        101,
        "To: Daniel Park",
        "dpark@acme-corp.com",
        "Q3 planning deck",
        "Hi Daniel, attached is the first draft of the Q3 deck. Comments welcome.",
        3,
        17 * 60,
        labels=("Sent",),
    ),
    _M(
        102,
        "To: Mom",
        "linda.morgan@yahoo.com",
        "Re: Sunday dinner",
        "Sounds great, we'll bring dessert!",
        4,
        20 * 60,
        labels=("Sent",),
    ),
)
DRAFTS: tuple[Mail, ...] = (
    _M(
        201,
        "Draft",
        "",
        "Vacation request",
        "Hi team, I'd like to take July 8-12 off for a family trip.",
        1,
        22 * 60,
        labels=("Drafts",),
    ),
)


def in_label(label: str) -> list[Mail]:
    """The messages a label lists, newest first."""
    every = (*MAILBOX, *SENT, *DRAFTS)
    if label == "Starred":
        found = [m for m in every if m.starred]
    elif label == "All mail":
        found = [m for m in every if "Drafts" not in m.labels]
    else:
        found = [m for m in every if label in m.labels]
    return sorted(found, key=lambda m: (m.days_ago, -m.minute))


def message(mail_id: int) -> Mail:
    return next(m for m in (*MAILBOX, *SENT, *DRAFTS) if m.id == mail_id)
