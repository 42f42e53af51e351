"""Intents this version recognises but cannot set up or judge yet.

They exist to explain, line by line, why an instruction is unsupported ("needs the Clock app's
alarm family") instead of a bare "no family matches", and to stop the generic web search from
claiming tasks that need an app (Maps, YouTube, Clock, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PlannedIntent:
    name: str
    needs: str
    pattern: re.Pattern[str]


def _p(name: str, needs: str, regex: str) -> PlannedIntent:
    return PlannedIntent(name, needs, re.compile(regex, re.IGNORECASE))


PLANNED: tuple[PlannedIntent, ...] = (
    _p(
        "web_shopping",
        "the Web Shopping suite (shopping sites in Chrome)",
        r"^\s*go\s*to\s+\S+\.(com|net|org)\b|\bon\s+(ebay|amazon|walmart|costco|best\s*buy|target|newegg)\W*$",
    ),
    _p(
        "maps",
        "the Maps app",
        r"\b(on|in|with|using)\s+(google\s+)?maps\b|^\s*how\s+do\s+i\s+get\s+to\b|\bnearest\b|\bdirections\b",
    ),
    _p(
        "youtube",
        "the YouTube app",
        r"\byoutube\b|\blatest\s+video\b|^\s*play\s+(the\s+)?(latest|new|some)\b",
    ),
    _p("reddit", "the Reddit app", r"\breddit\b"),
    _p("alarm", "the Clock app's alarms", r"\balarm"),
    _p("calendar", "the Calendar app's events", r"\bcalendar\b|\bevents\b"),
    _p("notifications", "the notification shade and Settings", r"\bnotifications?\b"),
    _p(
        "settings",
        "the Settings app",
        r"\bsettings?\b|\bturn\s+(on|off)\b|\btoggle\b|\bwi-?fi\b|\bbluetooth\b",
    ),
    _p("install_app", "the Play Store's app pages", r"^\s*install\b"),
    _p("email", "the Gmail app", r"\b(e-?mail|gmail|inbox)\b"),
)


def planned_intent(instruction: str) -> PlannedIntent | None:
    """The first planned intent the instruction asks for, if any."""
    for intent in PLANNED:
        if intent.pattern.search(instruction):
            return intent
    return None
