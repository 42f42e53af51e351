"""Shorter full garbage collections in processes that run environments for a long time.

Python's full (generation 2) collection scans every container object alive. An env process
holds a few hundred thousand: the modules, the task families' vocabularies (a spelling table
of some 27,000 entries), the first screens of every app, and then the phone's cache of
laid-out screens (up to `PhoneConfig.screen_cache` of them, about a hundred objects each). A
full collection then pauses one `step` for a few hundred milliseconds, whatever the agent
sent. What start-up builds lives as long as the process, so scanning it again and again finds
nothing: `freeze_startup_heap()`, called once start-up is done, collects the garbage start-up
made and moves every object alive into Python's permanent generation (`gc.freeze`), which
collections skip. Objects made later are collected as usual; a frozen object that later
becomes unreachable is freed by reference counting as before (only a frozen reference cycle
would stay until the process ends, and start-up leaves none alive).

The processes this project starts call it (distrl's workers, `android-gym evaluate`'s and
`make_vector_env`'s sub-env workers, `android-gym serve-adb`); docs/environment.md says when
to call it in your own process.
"""

from __future__ import annotations

import gc
from typing import TypeVar

from gymnasium import Env as GymEnv

Env = TypeVar("Env", bound=GymEnv)


def freeze_startup_heap() -> int:
    """Collects start-up's garbage, then freezes every object alive (see the module
    docstring); returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def frozen(env: Env) -> Env:
    """`env` unchanged, its process's start-up heap frozen (`freeze_startup_heap`): the last
    of the `wrappers` of sub-envs that each run in a process of their own (an
    `AsyncVectorEnv` worker), applied once a sub-env is built."""
    freeze_startup_heap()
    return env
