"""What a task family is: it parses instructions, samples new ones, sets up the phone, judges
success from the phone's observable state, and solves the task as an oracle from what an agent
sees (the instruction and the UI hierarchy)."""

from __future__ import annotations

from typing import Any

import numpy as np

from android_gym.actions import Action
from android_gym.devices.base import Device, DeviceState
from android_gym.families.frames import Frame, Reading
from android_gym.ui import UIElement

Params = dict[str, Any]


class Family:
    """Base class of task families. Subclasses set `name`, `description`, `suite`, declare
    their intents in `frames` (or override `parse`), and override `sample`, `success` and
    `oracle` (and `setup` when the start is not the home screen)."""

    name: str = ""
    description: str = ""
    suite: str = "general"
    app: str = ""
    """The app its tasks happen in, by launcher label ("Maps"); empty for tasks that any
    browser or app can do."""
    phrasing_split: bool = False
    """True when some of its tasks have no parameter value to hold out (a few booleans, a
    closed set of periods): its test split then differs from train in phrasing instead."""
    launches: bool = False
    """True when its task only opens the app named by its "app" parameter: it yields to a
    reading of that app's own family whose cues ask for more ("open my latest email" reads
    the newest message, it does not only open Gmail)."""
    app_aliases: tuple[str, ...] = ()
    """Other names for what its tasks need ("shopping site"), as paraphrase rows written
    before the family existed name it."""

    def frames(self) -> tuple[Frame, ...]:
        """The intents this family declares (cues, slots, templates; see `frames.py`): the
        shared parser reads every instruction with them. A family without frames is asked
        through `parse` instead."""
        return ()

    def params(self, reading: Reading) -> Params:
        """The task parameters of a reading of one of this family's frames."""
        return {"intent": reading.frame.intent, **reading.params}

    def parse(self, instruction: str, known_only: bool = False) -> Params | None:
        """The task parameters when this family understands `instruction`, else None.

        With `known_only`, accept only parameter values the family knows (from its pools),
        not free text: the registry tries that first, so that an instruction such as "Find
        coffee shops on Maps" goes to the Maps intent rather than a loose reading. The
        default reads the instruction with the family's frames.
        """
        from android_gym.families import frames_of, read_with

        if not frames_of(self):  # nothing declared: it reads nothing
            return None
        return read_with(self, instruction, free=not known_only)

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        """A new instruction and its parameters, from values of `split` ("train" or "test")."""
        raise NotImplementedError

    def vocabulary(self) -> set[str]:
        """Words this family's instructions are made of besides its frames' (used to split
        glued words and fix typos)."""
        return set()

    def setup(self, device: Device, params: Params, rng: np.random.Generator) -> None:
        """Prepares the phone after its reset (default: start on the home screen)."""

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        """Whether `state` satisfies the task; `start` is the state right after set-up."""
        raise NotImplementedError

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        """The next action of an expert that sees only the UI elements (and the parameters
        parsed from the instruction)."""
        raise NotImplementedError
