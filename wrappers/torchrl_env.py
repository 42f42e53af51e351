"""TorchRL: the suite as a batched TorchRL environment.

TorchRL's `GymWrapper` takes our env as it is (the instruction becomes a `NonTensor` entry) and
its `ParallelEnv` runs one per worker process; `GymEnv(..., num_envs=N)` does not work (it goes
through Gymnasium's vector env and fails on Text and Dict actions). `make_torchrl_env` is the
recipe: `ParallelEnv(n, partial(GymWrapper, ...))` over the SB3 observation chain (a uint8
screenshot and the instruction as hashed words, `SB3Wrapper`) with `DiscreteActions`, then
TorchRL transforms: `ToTensorImage` (float CHW pixels in [0, 1]), `StepCounter`, `RewardSum`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from torchrl.envs import (
    Compose,
    GymWrapper,
    ParallelEnv,
    RewardSum,
    StepCounter,
    ToTensorImage,
    TransformedEnv,
)

from android_gym.wrappers.sb3 import make_sb3_env


def gym_wrapper(**sb3_env_kwargs: Any) -> GymWrapper:
    """One env for TorchRL: `make_sb3_env(**sb3_env_kwargs)` with integer (not one-hot)
    actions. Module-level, so `ParallelEnv` can send it to its workers."""
    return GymWrapper(make_sb3_env(**sb3_env_kwargs), categorical_action_encoding=True)


def make_torchrl_env(num_envs: int = 2, **sb3_env_kwargs: Any) -> TransformedEnv:
    """`num_envs` phones in worker processes as one TorchRL env with batch size [num_envs].

    `sb3_env_kwargs` go to `make_sb3_env` (`observation="pixels"` or `"elements"`,
    `screenshot_size=`, `grid=`, `tasks=`, `split=`, `render_scale=`, ...). With pixels the
    `screenshot` entry becomes float32 [3, H, W] in [0, 1].
    """
    base = ParallelEnv(num_envs, partial(gym_wrapper, **sb3_env_kwargs))
    transforms = [StepCounter(), RewardSum()]
    if sb3_env_kwargs.get("observation", "elements") == "pixels":
        transforms.insert(0, ToTensorImage(in_keys=["screenshot"]))
    return TransformedEnv(base, Compose(*transforms))
