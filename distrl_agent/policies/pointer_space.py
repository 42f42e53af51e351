"""The pointer policy's view of a state and its factored action space.

A state is the instruction's words and the screen's candidate UI elements (text, class, id,
bounds, flags). An action is a `kind` and, by kind, its sub-choices: the element to tap (at its
centre), the swipe direction, or the text to type: a span of instruction words between an
optional prefix and suffix phrase from a small phrase vocabulary (`mine_phrases` collects it from
demonstrations: "weather in" + "Paris", "Galaxy Watch" + "price"). `PointerState.encode` maps any
AitW `Action` into this space (taps hit-test the elements, typed text is split into phrase, span
and phrase) and `PointerState.decode` maps choices back to an `Action`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.errors import ActionParseError
from android_gym.ui import UIElement, parse_ui_xml
from distrl_agent.features import normalise, words_with_spans
from distrl_agent.policies.base import Info, Observation, screen_size
from distrl_agent.trajectory import HISTORY_KEY


class Kind(IntEnum):
    """The pointer policy's first choice."""

    TAP = 0
    SWIPE = 1
    TYPE = 2
    BACK = 3
    HOME = 4
    ENTER = 5
    COMPLETE = 6
    IMPOSSIBLE = 7


KEY_KINDS = {
    Kind.BACK: ActionType.PRESS_BACK,
    Kind.HOME: ActionType.PRESS_HOME,
    Kind.ENTER: ActionType.PRESS_ENTER,
    Kind.COMPLETE: ActionType.STATUS_TASK_COMPLETE,
    Kind.IMPOSSIBLE: ActionType.STATUS_TASK_IMPOSSIBLE,
}
DIRECTIONS = ("up", "down", "left", "right")
"""Swipe directions in the sense of `Action.scroll` (where the content moves into view)."""
NUM_FLAGS = 12
NUM_GEOMETRY = 8


@dataclass(frozen=True)
class Choice:
    """One point of the factored action space.

    `sub` is the element (TAP) or direction (SWIPE) index, or the first word of the typed span
    (TYPE), `end` its last word; `prefix` and `suffix` index the phrase vocabulary plus one
    (0: no phrase).
    """

    kind: Kind
    sub: int = 0
    end: int = 0
    prefix: int = 0
    suffix: int = 0


def typed_text_splits(words: Sequence[str], text: str) -> list[tuple[str, tuple[int, int], str]]:
    """Every way to write typed `text` as prefix + a run of instruction `words` + suffix (runs
    compared case-insensitively), longest run first."""
    typed = words_with_spans(text)
    lowered = [normalise(w) for w in words]
    splits = []
    for a in range(len(typed)):
        for i in range(len(lowered)):
            n = 0
            while (
                a + n < len(typed)
                and i + n < len(lowered)
                and normalise(typed[a + n][0]) == lowered[i + n]
            ):
                n += 1
                prefix = normalise(text[: typed[a][1]])
                suffix = normalise(text[typed[a + n - 1][2] :])
                splits.append((n, a, prefix, (i, i + n - 1), suffix))
    splits.sort(key=lambda split: (-split[0], split[1]))
    return [(prefix, span, suffix) for _, _, prefix, span, suffix in splits]


def split_typed_text(words: Sequence[str], text: str) -> tuple[str, tuple[int, int] | None, str]:
    """The split of `typed_text_splits` with the longest run; span None when none is shared."""
    splits = typed_text_splits(words, text)
    return splits[0] if splits else ("", None, "")


def mine_phrases(examples: Iterable[tuple[str, str]], limit: int = 64) -> tuple[str, ...]:
    """The `limit` most frequent prefix/suffix phrases of typed texts around instruction spans.

    `examples` are (instruction, typed text) pairs, e.g. from demonstrations' TYPE actions.
    """
    counts: Counter[str] = Counter()
    for instruction, text in examples:
        prefix, span, suffix = split_typed_text(
            [w for w, _, _ in words_with_spans(instruction)], text
        )
        if span is not None:
            counts.update(p for p in (prefix, suffix) if p)
    return tuple(sorted(p for p, _ in counts.most_common(limit)))


def useful(element: UIElement) -> bool:
    """Elements worth pointing at: visible and either interactive or labelled."""
    x1, y1, x2, y2 = element.bounds
    if x2 <= x1 or y2 <= y1:
        return False
    return bool(
        element.clickable
        or element.scrollable
        or element.focusable
        or element.checkable
        or element.label
        or "EditText" in element.class_name
    )


def select_elements(elements: list[UIElement], limit: int) -> list[UIElement]:
    """At most `limit` useful elements in document order, interactive ones kept first."""
    candidates = [e for e in elements if useful(e)]
    if len(candidates) <= limit:
        return candidates
    interactive = [e for e in candidates if e.clickable or e.focusable or e.scrollable]
    keep = set(map(id, interactive[:limit]))
    for e in candidates:
        if len(keep) >= limit:
            break
        keep.add(id(e))
    return [e for e in candidates if id(e) in keep]


@lru_cache(maxsize=4096)
def screen_elements(xml: str, limit: int) -> tuple[UIElement, ...]:
    """The selected elements of a UI dump, cached: replayed steps are parsed once, not per epoch."""
    return tuple(select_elements(parse_ui_xml(xml), limit))


@dataclass
class PointerState:
    """Everything the pointer policy reads from one (obs, info) pair, as plain Python/numpy."""

    instruction: str
    words: list[tuple[str, int, int]]
    elements: list[UIElement]
    size: tuple[int, int]
    geometry: np.ndarray
    flags: np.ndarray
    history_kinds: list[int]
    phrases: tuple[str, ...] = ()
    max_span: int = 12

    @classmethod
    def from_env(
        cls,
        obs: Observation,
        info: Info,
        *,
        max_words: int,
        max_elements: int,
        history: int,
        phrases: tuple[str, ...] = (),
        max_span: int = 12,
    ) -> PointerState:
        """Parses the instruction, the UI XML and the action history of one observation."""
        instruction = str(obs.get("instruction", info.get("instruction", "")))
        words = words_with_spans(instruction)[:max_words]
        xml = info.get("ui_xml") or ""
        elements = list(screen_elements(xml, max_elements)) if xml else []
        size = screen_size(obs, info)
        instruction_words = {normalise(w) for w, _, _ in words}
        geometry = np.zeros((len(elements), NUM_GEOMETRY), dtype=np.float32)
        flags = np.zeros((len(elements), NUM_FLAGS), dtype=np.float32)
        width, height = max(size[0], 1), max(size[1], 1)
        for i, e in enumerate(elements):
            x1, y1, x2, y2 = e.bounds
            geometry[i] = [
                x1 / width,
                y1 / height,
                x2 / width,
                y2 / height,
                (x1 + x2) / 2 / width,
                (y1 + y2) / 2 / height,
                (x2 - x1) / width,
                (y2 - y1) / height,
            ]
            label_words = {normalise(w) for w, _, _ in words_with_spans(e.label)}
            overlap = len(label_words & instruction_words)
            flags[i] = [
                e.clickable,
                e.scrollable,
                e.focusable,
                e.focused,
                e.checkable,
                e.checked,
                e.selected,
                e.enabled,
                "EditText" in e.class_name,
                bool(e.label),
                overlap / max(len(label_words), 1),
                overlap / max(len(instruction_words), 1),
            ]
        kinds = [kind_of_text(text) for text in list(info.get(HISTORY_KEY, []))[-history:]]
        return cls(instruction, words, elements, size, geometry, flags, kinds, phrases, max_span)

    # -- actions <-> choices ------------------------------------------------------------------

    def decode(self, choice: Choice) -> Action:
        """The AitW action a choice means in this state."""
        if choice.kind is Kind.TAP:
            y, x = self.elements[choice.sub].center_yx(*self.size)
            return Action.tap(y, x)
        if choice.kind is Kind.SWIPE:
            return Action.scroll(DIRECTIONS[choice.sub])
        if choice.kind is Kind.TYPE:
            start, end = self.words[choice.sub][1], self.words[choice.end][2]
            parts = [
                self._phrase(choice.prefix),
                self.instruction[start:end],
                self._phrase(choice.suffix),
            ]
            return Action.type_text(" ".join(p for p in parts if p))
        return Action.key(KEY_KINDS[choice.kind])

    def encode(self, action: Action) -> Choice:
        """The choice closest to `action` in this state: exact for taps on elements, scrolls,
        keys and text made of known phrases around an instruction span; otherwise the nearest
        element, or the shared span without the unknown phrases."""
        if action.type is ActionType.DUAL_POINT:
            if action.is_tap:
                return Choice(Kind.TAP, self.element_at(action.touch))
            assert action.touch is not None and action.lift is not None
            dy, dx = action.lift[0] - action.touch[0], action.lift[1] - action.touch[1]
            if abs(dy) >= abs(dx):
                return Choice(Kind.SWIPE, DIRECTIONS.index("down" if dy < 0 else "up"))
            return Choice(Kind.SWIPE, DIRECTIONS.index("right" if dx < 0 else "left"))
        if action.type is ActionType.TYPE:
            return self._type_choice(action.text)
        for kind, action_type in KEY_KINDS.items():
            if action.type is action_type:
                return Choice(kind)
        raise ActionParseError(f"action {action} has no pointer-policy equivalent")

    def element_at(self, point: tuple[float, float] | None) -> int:
        """Index of the smallest element containing the (y, x) point, else the nearest centre."""
        if not self.elements:
            raise ActionParseError("a tap needs at least one UI element on screen")
        assert point is not None
        px, py = point[1] * self.size[0], point[0] * self.size[1]
        best, best_area = -1, None
        for i, e in enumerate(self.elements):
            x1, y1, x2, y2 = e.bounds
            if x1 <= px < x2 and y1 <= py < y2 and (best_area is None or e.area < best_area):
                best, best_area = i, e.area
        if best >= 0:
            return best
        centres = np.array([e.center for e in self.elements], dtype=np.float64)
        return int(np.argmin(((centres - [px, py]) ** 2).sum(1)))

    def _type_choice(self, text: str) -> Choice:
        if not self.words:
            raise ActionParseError("typing needs an instruction to copy text from")
        splits = typed_text_splits([w for w, _, _ in self.words], text)
        if not splits:
            return Choice(Kind.TYPE, 0, 0)
        known = ("", *self.phrases)
        exact = [s for s in splits if s[0] in known and s[2] in known]
        prefix, (start, end), suffix = exact[0] if exact else splits[0]
        end = min(end, start + self.max_span - 1)
        return Choice(Kind.TYPE, start, end, self._phrase_index(prefix), self._phrase_index(suffix))

    def _phrase(self, index: int) -> str:
        return self.phrases[index - 1] if index > 0 else ""

    def _phrase_index(self, phrase: str) -> int:
        return self.phrases.index(phrase) + 1 if phrase in self.phrases else 0


def kind_of_text(text: str) -> int:
    """The kind of a previous action given as text (len(Kind) when it does not parse)."""
    try:
        action = Action.parse(text)
    except ActionParseError:
        return len(Kind)
    if action.type is ActionType.DUAL_POINT:
        return int(Kind.TAP if action.is_tap else Kind.SWIPE)
    if action.type is ActionType.TYPE:
        return int(Kind.TYPE)
    return int(next(k for k, t in KEY_KINDS.items() if t is action.type))
