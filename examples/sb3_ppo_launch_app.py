"""Stable-Baselines3 PPO learns the "open the X app" family on the simulated phone.

The policy sees the instruction (hashed words) and either the UI elements of the screen
(`--observation elements`, the default: `UIElementsObservation` features, read by a small
per-element scorer) or the screenshot (`--observation pixels`: SB3's CNN on 100x45 pixels);
it acts through `DiscreteActions` (element taps or grid taps, swipes, keys, typing). Reward is
the environment's own: 1 when the right app is in front. Success is measured on every task of
the General suite's launch-app family, train split (the apps trained on) and test split (apps
never seen in training), for PPO's greedy policy and for a uniformly random one.

Usage:
    python examples/sb3_ppo_launch_app.py [--observation elements|pixels] [--timesteps 16384]
        [--envs 4] [--subprocess] [--seed 0] [--out docs/images/sb3_ppo_launch_app.png]

Prints one JSON line per evaluation and a final summary line; with --out writes the learning
curve as PNG (needs matplotlib, in the `agent` extra) and its figures as JSON next to it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.logger import Logger
from stable_baselines3.common.policies import MultiInputActorCriticPolicy
from stable_baselines3.common.torch_layers import BaseFeaturesExtractor
from stable_baselines3.common.type_aliases import Schedule
from stable_baselines3.common.vec_env import DummyVecEnv, SubprocVecEnv, VecMonitor
from torch import nn

from android_gym.tasks import Task, load_suite
from android_gym.wrappers import make_sb3_env

MAX_ELEMENTS = 24
SCREENSHOT = (100, 45)
"""Pixel observations: 1/12 of the 1200x540 render, an exact divisor (fast INTER_AREA)."""
RENDER_SCALE = 0.25
"""The phone renders at 270x600: enough for 100x45 pixels, and the element policy ignores
pixels; a quarter of the pixels makes each step about twice as fast."""

RANDOM_PASSES = 5

Act = Callable[[dict[str, np.ndarray]], int]


def launch_app_tasks(split: str) -> list[Task]:
    """The launch-app tasks of the General suite's `split`."""
    return [t for t in load_suite("general", split) if t.family == "launch_app"]


def make_env(observation: str, tasks: list[Task]) -> gym.Env:
    """The SB3-ready env over `tasks` (`make_sb3_env`)."""
    return make_sb3_env(
        observation,
        tasks=tasks,
        max_elements=MAX_ELEMENTS,
        screenshot_size=SCREENSHOT,
        render_scale=RENDER_SCALE,
    )


class ElementScorer(BaseFeaturesExtractor):
    """Features for element policies: one score per UI element from an MLP shared by all
    elements (seeing the element's features and the instruction), which elements exist, the
    mean of the elements' hidden vectors, and the instruction's embedding."""

    def __init__(self, space: gym.spaces.Dict, hidden: int = 64) -> None:
        super().__init__(space, features_dim=2 * MAX_ELEMENTS + 2 * hidden)
        self.per_element = space["ui_elements"].shape[0] // MAX_ELEMENTS
        self.instruction = nn.Sequential(
            nn.Linear(space["instruction"].shape[0], hidden), nn.ReLU()
        )
        self.element = nn.Sequential(nn.Linear(self.per_element + hidden, hidden), nn.ReLU())
        self.score = nn.Linear(hidden, 1)

    def forward(self, obs: dict[str, torch.Tensor]) -> torch.Tensor:
        elements = obs["ui_elements"].view(-1, MAX_ELEMENTS, self.per_element)
        present = elements[..., :1]  # column 0 of each row: the element exists
        query = self.instruction(obs["instruction"])
        hidden = self.element(
            torch.cat([elements, query[:, None].expand(-1, MAX_ELEMENTS, -1)], -1)
        )
        scores = self.score(hidden).squeeze(-1)
        pooled = (hidden * present).sum(1) / present.sum(1).clamp(min=1.0)
        return torch.cat([scores, present.squeeze(-1), pooled, query], -1)


class PointerHead(nn.Module):
    """Action logits of a pointer network: element k's score is the logit of tapping it
    (-20 when it does not exist), a linear map of the other features gives the other actions'
    (swipes, keys, typing). Element taps come first in `DiscreteActions` without a grid."""

    def __init__(self, latent_dim: int, n_actions: int) -> None:
        super().__init__()
        self.rest = nn.Linear(latent_dim - 2 * MAX_ELEMENTS, n_actions - MAX_ELEMENTS)

    def forward(self, latent: torch.Tensor) -> torch.Tensor:
        scores, present = latent[:, :MAX_ELEMENTS], latent[:, MAX_ELEMENTS : 2 * MAX_ELEMENTS]
        rest = self.rest(latent[:, 2 * MAX_ELEMENTS :])
        return torch.cat([scores + 20.0 * (present - 1.0), rest], -1)


class PointerPolicy(MultiInputActorCriticPolicy):
    """SB3's actor-critic with a `PointerHead` for actions (features from `ElementScorer`)."""

    def _build(self, lr_schedule: Schedule) -> None:
        super()._build(lr_schedule)
        self.action_net = PointerHead(self.mlp_extractor.latent_dim_pi, int(self.action_space.n))
        self.action_net.apply(partial(self.init_weights, gain=0.01))
        self.optimizer = self.optimizer_class(
            self.parameters(), lr=lr_schedule(1), **self.optimizer_kwargs
        )


def make_model(observation: str, venv: Any, seed: int) -> PPO:
    """PPO with settings that learn this family in a few thousand episodes."""
    policy: Any = "MultiInputPolicy"
    policy_kwargs: dict[str, Any] = {}
    if observation == "elements":
        policy = PointerPolicy
        policy_kwargs = {
            "features_extractor_class": ElementScorer,
            "net_arch": {"pi": [], "vf": [64]},
        }
    model = PPO(
        policy,
        venv,
        n_steps=64,
        batch_size=128,
        n_epochs=10 if observation == "elements" else 4,
        learning_rate=1e-3,
        ent_coef=0.0,
        gamma=0.95,
        policy_kwargs=policy_kwargs,
        seed=seed,
        device="cpu",
    )
    model.set_logger(Logger(folder=None, output_formats=[]))  # SB3's default makes a /tmp dir
    return model


def success_rate(env: gym.Env, act: Act, passes: int = 1) -> float:
    """The share of episodes that `act` solves, running each of the env's tasks `passes` times
    (episode `e` is task `e % len(tasks)` with seed `e`)."""
    tasks = env.unwrapped.tasks
    wins = 0.0
    for episode in range(passes * len(tasks)):
        obs, _ = env.reset(seed=episode, options={"task_index": episode % len(tasks)})
        done = False
        while not done:
            obs, reward, terminated, truncated, _ = env.step(act(obs))
            done = terminated or truncated
        wins += reward
    return wins / (passes * len(tasks))


def random_policy(n: int, seed: int) -> Act:
    """Uniformly random actions of `Discrete(n)`."""
    rng = np.random.default_rng(seed)
    return lambda obs: int(rng.integers(n))


def train(
    observation: str = "elements",
    timesteps: int = 16384,
    eval_every: int = 2048,
    envs: int = 4,
    seed: int = 0,
    subprocess: bool = False,
    log: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Trains PPO and evaluates it every `eval_every` steps; returns the figures.

    `{"random": {"train", "test"}, "curve": [{"timesteps", "seconds", "train", "test"}, ...]}`:
    success rates of random actions (over `RANDOM_PASSES` passes over the tasks) and of PPO's
    greedy policy (one pass: policy and phone are deterministic); seconds count training only.
    """
    torch.set_num_threads(1)
    train_tasks, test_tasks = launch_app_tasks("train"), launch_app_tasks("test")
    evals = {"train": make_env(observation, train_tasks), "test": make_env(observation, test_tasks)}
    n_actions = int(evals["train"].action_space.n)
    figures: dict[str, Any] = {
        "observation": observation,
        "random": {
            k: success_rate(e, random_policy(n_actions, seed), RANDOM_PASSES)
            for k, e in evals.items()
        },
        "curve": [],
    }
    vec_env = SubprocVecEnv if subprocess else DummyVecEnv
    venv = VecMonitor(vec_env([lambda: make_env(observation, train_tasks)] * envs))
    model = make_model(observation, venv, seed)
    seconds = 0.0
    while model.num_timesteps < timesteps:
        start = time.perf_counter()
        model.learn(eval_every, reset_num_timesteps=False)
        seconds += time.perf_counter() - start
        greedy: Act = lambda obs: int(model.predict(obs, deterministic=True)[0])  # noqa: E731
        point = {"timesteps": model.num_timesteps, "seconds": round(seconds, 1)}
        point |= {k: success_rate(e, greedy) for k, e in evals.items()}
        figures["curve"].append(point)
        if log is not None:
            log(point)
    venv.close()
    return figures


def plot(figures: dict[str, Any], path: Path) -> None:
    """The learning curve: success of the greedy policy and of random actions, per split."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [p["timesteps"] for p in figures["curve"]]
    fig, ax = plt.subplots(figsize=(5.5, 3.2), dpi=100)
    for split, color in (("train", "tab:blue"), ("test", "tab:orange")):
        ax.plot(
            steps,
            [p[split] for p in figures["curve"]],
            "o-",
            color=color,
            ms=3,
            label=f"PPO, {split} apps",
        )
        ax.axhline(
            figures["random"][split], color=color, ls="--", lw=1, label=f"random, {split} apps"
        )
    ax.set_xlabel("environment steps")
    ax.set_ylabel("success rate")
    ax.set_ylim(-0.02, 1.02)
    seconds = figures["curve"][-1]["seconds"]
    ax.set_title(
        f"SB3 PPO, launch-app family, from {figures['observation']} ({seconds:.0f} s of training)",
        fontsize=10,
    )
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--observation", choices=("elements", "pixels"), default="elements")
    parser.add_argument("--timesteps", type=int, default=16384)
    parser.add_argument("--eval-every", type=int, default=2048)
    parser.add_argument("--envs", type=int, default=4)
    parser.add_argument("--subprocess", action="store_true", help="SubprocVecEnv workers")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="learning-curve PNG (figures JSON next to it)")
    args = parser.parse_args()
    figures = train(
        args.observation,
        args.timesteps,
        args.eval_every,
        args.envs,
        args.seed,
        args.subprocess,
        log=lambda point: print(json.dumps(point), flush=True),
    )
    figures["machine"] = f"{platform.machine()} {os.cpu_count()} cores"
    figures["date"] = datetime.date.today().isoformat()
    figures["config"] = {k: str(v) for k, v in vars(args).items()}
    print(json.dumps(figures))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        plot(figures, args.out)
        args.out.with_suffix(".json").write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
