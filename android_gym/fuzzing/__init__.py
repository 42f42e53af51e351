"""Adversarial agent and task input, and a runner that feeds it to an environment.

Everything is drawn from one seeded `numpy.random.Generator` (no hypothesis), so a run is
reproducible from its seed alone. It checks what DESIGN.md promises for any device: nothing an
agent sends raises from `step` in the default mode (it becomes a flagged no-op), strict mode
raises only `ActionParseError`, bad instructions, reset options and task files raise the typed
errors of `android_gym.errors`, and every call answers in bounded time.
`benchmarks/fuzz.py` reports the figures; `tests/android_gym/test_fuzz.py` guards them.
"""

from android_gym.fuzzing.inputs import actions, instructions, reset_options, task_files
from android_gym.fuzzing.runner import (
    Outcomes,
    fuzz_instructions,
    fuzz_parses,
    fuzz_steps,
    fuzz_task_files,
)

__all__ = [
    "Outcomes",
    "actions",
    "fuzz_instructions",
    "fuzz_parses",
    "fuzz_steps",
    "fuzz_task_files",
    "instructions",
    "reset_options",
    "task_files",
]
