"""Gmail (com.google.android.gm), from the hierarchy.

- `screen`: "list" (a label's conversations, `thread_list_view`) or "message" (an open
  message, `subject_and_folder_view`);
- `label`: the label whose list is on screen (the list's content description; "Inbox" while
  its title says "Primary");
- `subjects`: the first three subjects the list shows (those at the top of the label while the
  list is not scrolled);
- `message`: the open message's subject;
- `drawer`: the navigation drawer (`drawer`) is open.

Not on screen, so left out: on a message, the label whose list it was opened from and that
list's subjects (a task asking for a label's newest message cannot be judged there).
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import GMAIL

PACKAGE = GMAIL
LISTED = 3


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    out: dict[str, Any] = {"drawer": app.has("drawer")}
    threads = app.first("thread_list_view")
    if threads is not None:
        subjects = tuple(e.text for e in app.all("subject"))[:LISTED]
        return {**out, "screen": "list", "label": threads.content_desc, "subjects": subjects}
    subject = app.first("subject_and_folder_view")
    if subject is not None:
        return {**out, "screen": "message", "message": subject.text}
    return out
