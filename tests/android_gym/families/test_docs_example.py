"""The "Adding a family" example of docs/tasks.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path

from android_gym import families
from android_gym.families import resolve

TASKS_MD = Path(__file__).resolve().parents[3] / "docs" / "tasks.md"


def test_the_adding_a_family_example_registers_a_working_family(monkeypatch) -> None:
    section = TASKS_MD.read_text(encoding="utf-8").split("## Adding a family", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.setattr(families, "_SPECIFIC", list(families._SPECIFIC))
    namespace: dict = {}
    exec(compile(code, str(TASKS_MD), "exec"), namespace)
    family, params = resolve("Open battery settings")
    assert (family.name, params) == ("settings_page", {"page": "battery"})
    assert family.sample(None, "train") == ("Open battery settings", {"page": "battery"})
