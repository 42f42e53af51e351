"""A device-neutral reader of the state task families judge (`DeviceState`), from what every
Android device shows: its uiautomator hierarchy and its shell (`read_state`).

The simulated phone builds its `DeviceState` from its own internal state; a real phone over adb
has only its screen and its shell. `read_state` builds the same state from those two alone, and
works on both: a test judges every task of the General and Web Shopping suites with both states
at every step of the oracle's episodes. Readers: `commands` (the shell: foreground activity,
packages, alarms, date, settings, blocked notifications), `system` (settings and the shade) and
one module per app (its facts, from its part of the hierarchy).
"""

from android_gym.devices.observed.commands import COMMAND
from android_gym.devices.observed.compose import read_state, state_from

__all__ = ["COMMAND", "read_state", "state_from"]
