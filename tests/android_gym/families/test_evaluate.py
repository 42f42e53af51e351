"""Scoring the parser against rows with known answers, and rows that an app's arrival retires."""

from __future__ import annotations

from android_gym import families
from android_gym.families.base import Family
from android_gym.families.evaluate import score, tally
from android_gym.families.frames import Frame
from android_gym.families.pools import Pool

ROW = {
    "text": "Find coffee shops on Maps",
    "family": "unsupported",
    "params": {},
    "reason": "needs_app",
    "needs": "Maps",
}


class _MapsSearch(Family):
    name = "test_maps_search"
    app = "Maps"

    def frames(self) -> tuple[Frame, ...]:
        return (
            Frame.declare(
                self.name, "search", cues=["on maps"], slots={"q": Pool("q", {"coffee shops": ()})}
            ),
        )


def test_a_needs_app_row_is_right_while_the_app_is_missing() -> None:
    missing = {**ROW, "text": "Show me the traffic on my way to work"}  # Maps has no traffic
    assert score(missing).verdict == "right"


def test_a_needs_app_row_is_retired_once_a_family_of_that_app_reads_it(monkeypatch) -> None:
    monkeypatch.setattr(families, "_SPECIFIC", list(families._SPECIFIC))
    families.register(_MapsSearch())
    scored = score(ROW)
    assert (scored.verdict, scored.family) == ("retired", "test_maps_search")
    other = {**ROW, "needs": "YouTube"}
    assert score(other).verdict == "wrong", "another app's family does not retire the row"
    misread = score({"text": "weather in Paris", "family": "news"})
    counts = tally([scored, misread])
    assert counts["retired"] == 1 and counts["rows"] == 2
    assert counts["wrong%"] == 100.0, "shares leave retired rows out"
