"""The Gmail app (com.google.android.gm): the inbox with the owner's mail (sender, subject,
snippet, unread in bold, stars), the navigation drawer with the other labels (Starred, Sent,
Drafts, ...), and a message's page. Opening a message marks it read; read state is the
account's data, kept when the app closes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from android_gym import packages
from android_gym.content import mail
from android_gym.sim.apps.activities import Activity, StackApp
from android_gym.sim.apps.gmail import screens
from android_gym.sim.view import View

PACKAGE = packages.GMAIL


@dataclass
class GmailState:
    """The stack (the label list first, message pages on it) and which messages were read
    on this phone."""

    stack: list[Activity] = field(default_factory=lambda: [Activity("list", {"label": "Inbox"})])
    read: tuple[int, ...] = ()


class Gmail(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:gmail"
    bar_color = screens.SURFACE
    light_bars = False
    first = "list"
    activities: ClassVar[dict[str, str]] = {
        "list": "com.google.android.gm.ConversationListActivityGmail",
        "message": "com.google.android.gm.ConversationListActivityGmail",
    }

    def new_state(self) -> GmailState:
        return GmailState()

    def close(self) -> None:
        self.state = GmailState(read=self.state.read)

    def screen_key(self) -> str:
        return f"{self.state!r}|{self.phone.date}"

    def unread(self, item: mail.Mail) -> bool:
        return item.unread and item.id not in self.state.read

    def facts(self) -> dict[str, object]:
        """What the UI hierarchy shows: the screen ("list" or "message"), the label whose list
        is on screen (its title), the subjects that list shows first, the open message's
        subject, and whether the drawer covers the screen."""
        label = self.state.stack[0].args["label"]
        top = self.top
        return {
            "screen": top.name,
            "label": label,
            "subjects": tuple(m.subject for m in mail.in_label(label)[:3]),
            "message": mail.message(top.args["id"]).subject if top.name == "message" else "",
            "drawer": top.ui.get("dialog") == "drawer",
        }

    # -- state changes -------------------------------------------------------------------------

    def drawer(self, opened: bool) -> None:
        self.top.ui["dialog"] = "drawer" if opened else None

    def show_label(self, label: str) -> None:
        self.back_to("list")
        self.state.stack[0] = Activity("list", {"label": label})
        self._forget_scroll(1)

    def open_message(self, mail_id: int) -> None:
        if mail_id not in self.state.read:
            self.state.read = tuple(sorted((*self.state.read, mail_id)))
        self.open("message", id=mail_id)

    def build(self) -> View:
        if self.top.name == "message":
            return screens.message_page(self, mail.message(self.top.args["id"]))
        return screens.label_list(self, self.top.args["label"])
