"""Task families and the registry that turns an instruction into a family and parameters.

Resolution order: families with parameter values they know; then intents planned for later
versions (reported as unsupported rather than claimed by a loose pattern); then families with
free-text values; then the generic web search.
Users add their own families with `register`.
"""

from __future__ import annotations

from android_gym.errors import InvalidChoice, UnsupportedTask
from android_gym.families.base import Family, Params
from android_gym.families.chrome_ui import ChromeUI
from android_gym.families.launch_app import LaunchApp
from android_gym.families.planned import planned_intent
from android_gym.families.search import Intent, SearchFamily, builtin_search_families
from android_gym.families.text import deglue

_SEARCH = builtin_search_families()
_SPECIFIC: list[Family] = [*(f for f in _SEARCH if f.name != "web_search"), ChromeUI(), LaunchApp()]
_FALLBACK: list[Family] = [f for f in _SEARCH if f.name == "web_search"]


def families() -> dict[str, Family]:
    """Every registered family by name."""
    return {f.name: f for f in (*_SPECIFIC, *_FALLBACK)}


def get(name: str) -> Family:
    """The family called `name`."""
    found = families().get(name)
    if found is None:
        raise InvalidChoice("task family", name, families())
    return found


def register(family: Family) -> None:
    """Adds a family; it is tried before the built-in ones. Replaces one of the same name."""
    if not family.name:
        raise ValueError("a family needs a name")
    _SPECIFIC[:] = [f for f in _SPECIFIC if f.name != family.name]
    _SPECIFIC.insert(0, family)


def _first(
    order: list[Family], candidates: tuple[str, ...], known_only: bool
) -> tuple[Family, Params] | None:
    for candidate in candidates:
        for family in order:
            params = family.parse(candidate, known_only=known_only)
            if params is not None:
                return family, params
    return None


def _vocabulary() -> set[str]:
    key = tuple(id(f) for f in _SPECIFIC)
    if _VOCABULARY.get("key") != key:
        words: set[str] = set()
        for family in _SPECIFIC:
            words |= family.vocabulary()
        _VOCABULARY.update(key=key, words=words)
    return _VOCABULARY["words"]


_VOCABULARY: dict = {}


def resolve(instruction: str) -> tuple[Family, Params]:
    """The family that understands `instruction` and its parameters.

    Raises `UnsupportedTask` saying why: an intent this version does not have yet (and what it
    needs), or no family at all.
    """
    text = " ".join(str(instruction).split())
    if not text:
        raise UnsupportedTask("empty instruction")
    candidates = tuple(dict.fromkeys((text, deglue(text, _vocabulary()))))
    found = _first(_SPECIFIC, candidates, known_only=True)
    if found is not None:
        return found
    planned = planned_intent(text)
    if planned is not None:
        raise UnsupportedTask(
            f"{text!r} needs {planned.needs} (family {planned.name!r}), not available yet",
            planned=planned.name,
        )
    found = _first([*_SPECIFIC, *_FALLBACK], candidates, known_only=False)
    if found is not None:
        return found
    raise UnsupportedTask(
        f"no task family understands {text!r}; families: {', '.join(sorted(families()))}"
    )


__all__ = ["Family", "Intent", "Params", "SearchFamily", "families", "get", "register", "resolve"]
