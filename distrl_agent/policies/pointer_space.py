"""The pointer policy's view of a state and its factored action space.

A state is the instruction's words and the screen's candidate UI elements (text, class, id,
bounds, flags). An action is a `kind` and, by kind, one sub-choice: the element to tap (at its
centre), the swipe direction, or the span of instruction words to type. `PointerState.encode`
maps any AitW `Action` into this space (taps hit-test the elements, typed text is matched to an
instruction span) and `PointerState.decode` maps choices back to an `Action`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

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
    """One point of the factored action space; `sub` is element / direction index, or span."""

    kind: Kind
    sub: int = 0
    end: int = 0


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

    @classmethod
    def from_env(
        cls, obs: Observation, info: Info, *, max_words: int, max_elements: int, history: int
    ) -> PointerState:
        """Parses the instruction, the UI XML and the action history of one observation."""
        instruction = str(obs.get("instruction", info.get("instruction", "")))
        words = words_with_spans(instruction)[:max_words]
        xml = info.get("ui_xml") or ""
        elements = select_elements(parse_ui_xml(xml), max_elements) if xml else []
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
        return cls(instruction, words, elements, size, geometry, flags, kinds)

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
            return Action.type_text(self.instruction[start:end])
        return Action.key(KEY_KINDS[choice.kind])

    def encode(self, action: Action) -> Choice:
        """The choice closest to `action` in this state (exact for taps on elements, scrolls,
        keys and typed instruction spans; otherwise the nearest element / best-overlap span)."""
        if action.type is ActionType.DUAL_POINT:
            if action.is_tap:
                return Choice(Kind.TAP, self.element_at(action.touch))
            assert action.touch is not None and action.lift is not None
            dy, dx = action.lift[0] - action.touch[0], action.lift[1] - action.touch[1]
            if abs(dy) >= abs(dx):
                return Choice(Kind.SWIPE, DIRECTIONS.index("down" if dy < 0 else "up"))
            return Choice(Kind.SWIPE, DIRECTIONS.index("right" if dx < 0 else "left"))
        if action.type is ActionType.TYPE:
            start, end = self.span_of(action.text)
            return Choice(Kind.TYPE, start, end)
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

    def span_of(self, text: str) -> tuple[int, int]:
        """The instruction word span equal to `text` (case-insensitive), else the best overlap."""
        if not self.words:
            raise ActionParseError("typing needs an instruction to copy text from")
        target = normalise(text)
        target_words = {normalise(w) for w, _, _ in words_with_spans(text)}
        best, best_score = (0, 0), -1.0
        for i in range(len(self.words)):
            for j in range(i, len(self.words)):
                span = normalise(self.instruction[self.words[i][1] : self.words[j][2]])
                if span == target:
                    return (i, j)
                span_words = {normalise(w) for w, _, _ in self.words[i : j + 1]}
                union = len(span_words | target_words)
                score = len(span_words & target_words) / union if union else 0.0
                if score > best_score:
                    best, best_score = (i, j), score
        return best


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
