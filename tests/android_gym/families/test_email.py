"""The email family: inbox and labels, the newest message, strict success, the oracle."""

from __future__ import annotations

from pathlib import Path

import pytest
from sim_driver import oracle_solves

from android_gym.devices.base import DeviceState
from android_gym.families import get, resolve
from android_gym.sim.apps.gmail import PACKAGE

EMAIL = get("email")


def _state(label: str = "Inbox", screen: str = "list", message: str = "", **more) -> DeviceState:
    facts = {"screen": screen, "label": label, "subjects": ("A", "B"), "message": message}
    return DeviceState(PACKAGE, facts={PACKAGE: {**facts, "drawer": False, **more}})


def test_labels_parse() -> None:
    assert resolve("Check my gmail inbox")[1] == {"intent": "label", "label": "Inbox"}
    assert resolve("Show my starred emails")[1] == {"intent": "label", "label": "Starred"}
    assert resolve("Read my latest email")[1] == {"intent": "latest", "label": "Inbox"}


def test_success_is_the_asked_list_or_the_newest_message() -> None:
    inbox = {"intent": "label", "label": "Inbox"}
    start = _state()
    assert EMAIL.success(inbox, _state(), start)
    assert not EMAIL.success(inbox, _state("Sent"), start)
    assert not EMAIL.success(inbox, _state(drawer=True), start)
    assert not EMAIL.success(inbox, DeviceState("com.android.chrome"), start)
    latest = {"intent": "latest", "label": "Inbox"}
    assert EMAIL.success(latest, _state(screen="message", message="A"), start)
    assert not EMAIL.success(latest, _state(screen="message", message="B"), start), "older"
    assert not EMAIL.success(latest, _state(), start), "the list, no message open"


@pytest.mark.parametrize(
    "instruction", ["Check my email", "Show my sent mail", "Read my latest email"]
)
def test_oracle(instruction: str) -> None:
    assert oracle_solves(instruction, seed=2)


def test_every_aitw_mail_line_parses(aitw_dir: Path) -> None:
    for name in ("general_train.txt", "general_test.txt"):
        for line in (aitw_dir / name).read_text(encoding="utf-8").splitlines():
            if any(w in line.lower() for w in ("email", "gmail", "inbox")):
                assert resolve(line)[0].name == "email", line
