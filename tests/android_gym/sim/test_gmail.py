"""The Gmail app: inbox with unread mail, the drawer's labels, a message marks itself read."""

from __future__ import annotations

from sim_driver import elements, tap

from android_gym.sim import Phone
from android_gym.sim.apps.gmail import PACKAGE
from android_gym.ui import find


def test_inbox_drawer_labels_and_reading_a_message() -> None:
    phone = Phone()
    phone.open_app(PACKAGE)
    rows = find(elements(phone), resource_id="viewified_conversation_item_view")
    assert rows[0].content_desc.startswith("Unread, ")
    tap(phone, resource_id="open_drawer")
    assert phone.state().app_facts(PACKAGE)["drawer"]
    tap(phone, resource_id="name", content_desc="Sent")
    facts = phone.state().app_facts(PACKAGE)
    assert facts["label"] == "Sent" and not facts["drawer"]
    tap(phone, resource_id="open_drawer")
    tap(phone, resource_id="name", content_desc="Inbox")
    first = tap(phone, resource_id="viewified_conversation_item_view")
    facts = phone.state().app_facts(PACKAGE)
    assert facts["screen"] == "message" and facts["message"] == facts["subjects"][0]
    assert first.content_desc.split(", ")[2] == facts["message"]
    phone.press("back")
    rows = find(elements(phone), resource_id="viewified_conversation_item_view")
    assert not rows[0].content_desc.startswith("Unread, "), "opening a message reads it"
