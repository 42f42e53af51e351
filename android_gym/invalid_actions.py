"""Invalid actions: what `info["invalid_action"]` and `info["invalid_reason"]` mean.

An action is invalid when it is wasted: it did not parse, or it changed neither the UI hierarchy
nor the `DeviceState`. The reason then names the most specific cause, read from the hierarchy
the agent acted on:

- "parse_error": nothing could be applied (a malformed string or dict, NaN points, empty TYPE);
- "episode_over": a step after the episode ended;
- "tap_on_nothing": a tap whose point lies in no tappable element (`UIElement.tappable`:
  enabled and clickable, checkable or an editable field; text, images, containers, lists and
  web views that are only scrollable or focusable do not count);
- "no_focused_field": TYPE while no editable element (class `...EditText`) has focus;
- "no_effect": any other action that changed nothing (a key that does nothing, a swipe on a
  screen that cannot scroll, a tap on a button that does nothing now).

STATUS_TASK_COMPLETE / STATUS_TASK_IMPOSSIBLE are never invalid. Only what every device gives is
read (the uiautomator dump and `DeviceState`), so a real device is judged the same way. Judging
by effect first means an action a device reacted to is never flagged, even when its hierarchy
does not mark the element as clickable; on a real phone a clock tick between two dumps also
counts as an effect, so flags can only be missed there, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from android_gym.actions import Action, ActionType
from android_gym.devices import DeviceState
from android_gym.errors import DeviceError
from android_gym.ui import focused_elements, tappable_at, to_pixels

PARSE_ERROR = "parse_error"
EPISODE_OVER = "episode_over"
TAP_ON_NOTHING = "tap_on_nothing"
NO_FOCUSED_FIELD = "no_focused_field"
NO_EFFECT = "no_effect"
REASONS = (PARSE_ERROR, EPISODE_OVER, TAP_ON_NOTHING, NO_FOCUSED_FIELD, NO_EFFECT)


@dataclass(frozen=True)
class Screen:
    """What the device showed at one moment: its uiautomator dump and its state."""

    ui_xml: str
    state: DeviceState


def invalid_reason(
    action: Action, before: Screen, after: Screen, screen_size: tuple[int, int]
) -> str:
    """Why `action`, applied on `before` and leading to `after`, is invalid; "" when valid.

    `screen_size` is (width, height) in device pixels, to hit-test taps as the env sends them.
    """
    if action.ends_episode or after.ui_xml != before.ui_xml or after.state != before.state:
        return ""
    if action.is_tap:
        assert action.touch is not None
        x, y = to_pixels(action.touch, screen_size)
        if not tappable_at(before.ui_xml, x, y):
            return TAP_ON_NOTHING
    elif action.type is ActionType.TYPE:
        try:
            if not any(e.editable for e in focused_elements(before.ui_xml)):
                return NO_FOCUSED_FIELD
        except DeviceError:  # a real device can return a broken dump: no finer reason
            pass
    return NO_EFFECT
