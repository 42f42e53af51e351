"""The activity stack shared by apps: open, back, replace, back_to, per-screen scroll."""

from __future__ import annotations

from typing import ClassVar

from android_gym.sim import Phone
from android_gym.sim.apps.activities import StackApp
from android_gym.sim.view import View, col


class _Demo(StackApp):
    package = "test.demo"
    first = "home"
    activities: ClassVar[dict[str, str]] = {"home": ".Home", "detail": ".Detail"}

    def build(self) -> View:
        return col(scroll=self.scroll_key())


def test_stack_opens_closes_and_names_activities() -> None:
    app = _Demo(Phone())
    assert app.activity() == ".Home" and not app.back()
    app.open("detail", item=3)
    assert app.top.args == {"item": 3} and app.activity() == ".Detail"
    app.top.ui["dialog"] = "share"
    assert app.back() and app.top.name == "detail", "back closes the dialog first"
    app.open("results", q="x")
    assert app.activity() == ".MainActivity", "an unnamed screen reports the default"
    app.replace("results", q="y")
    assert app.depth == 3 and app.top.args == {"q": "y"}
    assert app.back_to("home") and app.depth == 1
    assert not app.back_to("nowhere") and app.depth == 1
    app.reset()
    assert app.depth == 1 and app.top.name == "home"


def test_a_screen_opened_again_starts_at_the_top() -> None:
    phone = Phone()
    app = _Demo(phone)
    app.open("detail")
    phone.scroll[app.scroll_key()] = 300
    home_key = "test.demo:1:home:list"
    phone.scroll[home_key] = 120
    assert app.back()
    app.open("detail")
    assert phone.scroll.get(app.scroll_key(), 0) == 0
    assert phone.scroll[home_key] == 120, "the screen below keeps its place"
