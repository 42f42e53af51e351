"""Vectorized AndroidEnvs with Gymnasium's own vector API.

`gym.make_vec("AndroidGeneral-v0", num_envs=N, vectorization_mode="async")` runs N phones in
worker processes, screenshots travelling through shared memory. Three things make that work:

- **Instruction text in shared memory.** Gymnasium 1.4 stores a `Text` observation as charset
  indices and decodes it once, when the vector env is built, so every later observation reads
  back the charset's first letter repeated, and characters outside the charset raise in the
  worker. Importing `android_gym` registers, for `UnicodeText` only, the three singledispatch
  hooks of `gymnasium.vector.utils` (`create_shared_memory`, `write_to_shared_memory`,
  `read_from_shared_memory`): each sub-env owns a slot of `4 + 4 * max_length` bytes holding a
  little-endian uint32 byte count and the UTF-8 bytes (4 bytes per code point at most, so any
  member of the space fits). The read hook returns a `SharedTexts` view that decodes the slots
  on access, as the Box hook returns a numpy view: with `copy=True` (the default) each batch is
  a plain tuple of str, with `copy=False` a live read-only view.
- **Fault isolation** lives in `AndroidEnv` itself: an exception in the device or the evaluator
  ends the episode `truncated` with `info["error"]` set, and a failed reset returns a blank
  frame with `info["error"]` whose next step ends the episode at once, so the worker lives and
  the next (auto)reset tries the device again. Reset options that make no sense (an unknown
  key, an instruction no family reads or longer than an observation holds, a bad task index)
  are refused in the main process by `CheckedResets`, which `make_vector_env` puts around
  every vector env it builds, with the error the env itself gives, before any sub-env sees
  them: the vector env stays usable. Other errors of the caller (strict-mode action errors)
  and of wrappers propagate from the worker; Gymnasium then shuts that worker down and
  re-raises in the main process, as it does for every environment, and the vector env must be
  built again (as it must when `gym.make_vec` built it, which has no `CheckedResets`).
- **Autoreset mode.** `make_vector_env` (and the examples, benchmarks and SB3 helpers) use
  `AutoresetMode.SAME_STEP`: the step that ends an episode resets that sub-env and returns the
  new episode's first observation, the ended episode's last observation and info being in
  `info["final_obs"]` and `info["final_info"]`. Gymnasium's default, NEXT_STEP, returns the last
  observation and resets on the *next* step, ignoring the action sent with it: the policy call
  made for that action is wasted, which on a VLM policy driving a real device is seconds per
  episode. `gym.make_vec` keeps Gymnasium's default unless given
  `vector_kwargs={"autoreset_mode": gym.vector.AutoresetMode.SAME_STEP}`.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from ctypes import c_uint8
from types import ModuleType
from typing import Any, overload

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import (
    create_shared_memory,
    read_from_shared_memory,
    write_to_shared_memory,
)

from android_gym.errors import quote
from android_gym.heap import frozen
from android_gym.reset_options import requested_task
from android_gym.spaces import UnicodeText

LENGTH_BYTES = 4
"""Size of the byte-count prefix of a text slot (little-endian uint32)."""
BYTES_PER_CHAR = 4
"""UTF-8 needs at most 4 bytes per code point."""


def slot_size(space: UnicodeText) -> int:
    """Bytes of shared memory that one sub-env's text takes."""
    return LENGTH_BYTES + BYTES_PER_CHAR * space.max_length


class SharedTexts(Sequence[str]):
    """The texts of a batch, decoded on access from their shared-memory slots.

    Like the numpy views Gymnasium returns for Box observations, it shows what the workers wrote
    last; `copy.deepcopy` (what `AsyncVectorEnv(copy=True)` applies to every batch) gives a
    plain tuple of str, a snapshot.
    """

    __hash__ = None  # type: ignore[assignment]  # mutable: the workers rewrite it

    def __init__(self, slots: np.ndarray) -> None:
        self._slots = slots

    def __len__(self) -> int:
        return len(self._slots)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        slot = self._slots[index]
        size = int.from_bytes(slot[:LENGTH_BYTES].tobytes(), "little")
        return slot[LENGTH_BYTES : LENGTH_BYTES + size].tobytes().decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __deepcopy__(self, memo: dict[int, Any]) -> tuple[str, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        return f"SharedTexts{tuple(self)!r}"


def _slots(space: UnicodeText, shared_memory: Any) -> np.ndarray:
    buffer = np.frombuffer(shared_memory.get_obj(), dtype=np.uint8)
    return buffer.reshape(-1, slot_size(space))


@create_shared_memory.register(UnicodeText)
def _create_unicode_text_shared_memory(
    space: UnicodeText, n: int = 1, ctx: ModuleType = multiprocessing
) -> Any:
    return ctx.Array(c_uint8, n * slot_size(space))


@read_from_shared_memory.register(UnicodeText)
def _read_unicode_text_from_shared_memory(
    space: UnicodeText, shared_memory: Any, n: int = 1
) -> SharedTexts:
    return SharedTexts(_slots(space, shared_memory)[:n])


@write_to_shared_memory.register(UnicodeText)
def _write_unicode_text_to_shared_memory(
    space: UnicodeText, index: int, value: str, shared_memory: Any
) -> None:
    if not isinstance(value, str) or len(value) > space.max_length:
        raise ValueError(
            f"a {space!r} observation must be a str of at most {space.max_length} characters, "
            f"got {type(value).__name__} {quote(value)}"
        )
    data = value.encode("utf-8")
    slot = _slots(space, shared_memory)[index]
    slot[:LENGTH_BYTES] = np.frombuffer(len(data).to_bytes(LENGTH_BYTES, "little"), np.uint8)
    slot[LENGTH_BYTES : LENGTH_BYTES + len(data)] = np.frombuffer(data, np.uint8)


def make_vector_env(
    num_envs: int,
    *,
    env_id: str = "AndroidGeneral-v0",
    vectorization_mode: str = "async",
    autoreset_mode: AutoresetMode = AutoresetMode.SAME_STEP,
    wrappers: Sequence[Callable[[gym.Env], gym.Env]] | None = None,
    vector_kwargs: dict[str, Any] | None = None,
    per_env_kwargs: Sequence[dict[str, Any]] | None = None,
    **env_kwargs: Any,
) -> VectorEnv:
    """`gym.make_vec` with this project's default autoreset mode (SAME_STEP, see the module
    docstring). `wrappers` apply to each sub-env; `env_kwargs` go to `AndroidEnv`.

    `per_env_kwargs[i]` adds keyword arguments of sub-env i only, e.g. its share of a suite:
    `[{"tasks": tasks[i::n]} for i in range(n)]` with `task_order="sequential"` evaluates a
    suite across n sub-envs, one task per episode (docs/environment.md).

    `device` may be a list of device strings (e.g. `["adb:emulator-5554", "adb:emulator-5556"]`):
    sub-env i then drives device i, each its own, never shared. The list needs at least
    `num_envs` entries, distinct but for "sim" (each builds its own phone); extra ones are left
    unused.

    Async sub-envs freeze their worker's start-up heap once built (`android_gym.heap`), so
    Python's full garbage collections there do not pause steps to scan it."""
    if vectorization_mode == "async":
        wrappers = (*(wrappers or ()), frozen)
    built = _vector_env(
        num_envs, env_id, vectorization_mode, autoreset_mode, wrappers, vector_kwargs,
        per_env_kwargs, env_kwargs,
    )  # fmt: skip
    return CheckedResets(built)


class CheckedResets(gym.vector.VectorWrapper):
    """Checks reset options in the main process before any sub-env sees them, with the checks
    and errors of `AndroidEnv.reset` (android_gym/reset_options.py, against each sub-env's
    suite and number of tasks): an `AsyncVectorEnv` shuts a worker down for good when its
    sub-env raises, so options that make no sense must not reach one."""

    def __init__(self, env: VectorEnv) -> None:
        super().__init__(env)
        suites, tasks = env.get_attr("suite"), env.get_attr("tasks")
        self.sub_envs = sorted({(suite, len(t)) for suite, t in zip(suites, tasks, strict=True)})

    def __getattr__(self, name: str) -> Any:
        """What the wrapped vector env has besides the `VectorEnv` API (`call`, `get_attr`,
        `set_attr`, `envs`, ...), so that this wrapper changes nothing else."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.env, name)

    def reset(
        self, *, seed: int | list[int | None] | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Any, dict[str, Any]]:
        if options is not None:
            mine = (
                {k: v for k, v in options.items() if k != "reset_mask"}  # Gymnasium's own key
                if isinstance(options, dict)
                else options
            )
            for suite, tasks in self.sub_envs:
                requested_task(mine, suite, tasks)
        return self.env.reset(seed=seed, options=options)


def _vector_env(
    num_envs: int,
    env_id: str,
    vectorization_mode: str,
    autoreset_mode: AutoresetMode,
    wrappers: Sequence[Callable[[gym.Env], gym.Env]] | None,
    vector_kwargs: dict[str, Any] | None,
    per_env_kwargs: Sequence[dict[str, Any]] | None,
    env_kwargs: dict[str, Any],
) -> VectorEnv:
    """The vector env `make_vector_env` describes, before `CheckedResets`."""
    devices = env_kwargs.get("device")
    if isinstance(devices, (list, tuple)) or per_env_kwargs is not None:
        per_env = [dict(kw) for kw in per_env_kwargs or [{}] * num_envs]
        if len(per_env) != num_envs:
            raise ValueError(
                f"per_env_kwargs has {len(per_env)} entries for {num_envs} sub-environments"
            )
        if isinstance(devices, (list, tuple)):
            del env_kwargs["device"]
            for kwargs, device in zip(per_env, _devices(num_envs, list(devices)), strict=True):
                kwargs["device"] = device
        return _per_env_vector_env(
            per_env, env_id, vectorization_mode, autoreset_mode, wrappers, vector_kwargs,
            env_kwargs,
        )  # fmt: skip
    return gym.make_vec(
        env_id,
        num_envs=num_envs,
        vectorization_mode=vectorization_mode,
        vector_kwargs={"autoreset_mode": autoreset_mode, **(vector_kwargs or {})},
        wrappers=wrappers,
        **env_kwargs,
    )


def _devices(num_envs: int, devices: list[Any]) -> list[Any]:
    """The devices of `num_envs` sub-envs from a list: one each, never shared."""
    if len(devices) < num_envs:
        raise ValueError(
            f"{num_envs} sub-environments need {num_envs} devices, one each; got {len(devices)}: "
            f"{devices}. Pass more devices or a smaller num_envs."
        )
    chosen = devices[:num_envs]
    repeated = sorted({str(d) for d in chosen if d != "sim" and chosen.count(d) > 1})
    if repeated:
        raise ValueError(f"each sub-environment needs its own device; listed twice: {repeated}")
    return chosen


def _per_env_vector_env(
    per_env: list[dict[str, Any]],
    env_id: str,
    vectorization_mode: str,
    autoreset_mode: AutoresetMode,
    wrappers: Sequence[Callable[[gym.Env], gym.Env]] | None,
    vector_kwargs: dict[str, Any] | None,
    env_kwargs: dict[str, Any],
) -> VectorEnv:
    """A Sync or Async vector env whose sub-env i is built with `env_kwargs | per_env[i]`."""
    vector_classes = {"sync": gym.vector.SyncVectorEnv, "async": gym.vector.AsyncVectorEnv}
    if vectorization_mode not in vector_classes:
        raise ValueError(
            "a device list or per_env_kwargs needs vectorization_mode 'sync' or 'async', got "
            f"{vectorization_mode!r}"
        )
    env_fns = [
        functools.partial(_make_env, env_id, tuple(wrappers or ()), {**env_kwargs, **kwargs})
        for kwargs in per_env
    ]
    options = {"autoreset_mode": autoreset_mode, **(vector_kwargs or {})}
    return vector_classes[vectorization_mode](env_fns, **options)


def _make_env(
    env_id: str, wrappers: Sequence[Callable[[gym.Env], gym.Env]], kwargs: dict[str, Any]
) -> gym.Env:
    """One sub-environment (module level, so AsyncVectorEnv's workers can unpickle it)."""
    env = gym.make(env_id, **kwargs)
    for wrapper in wrappers:
        env = wrapper(env)
    return env
