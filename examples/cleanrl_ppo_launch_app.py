"""CleanRL-style PPO from pixels on the "open the X app" family: one file, no RL library.

The shape of CleanRL's `ppo_atari.py` (a Gymnasium vector env, a CNN actor-critic, GAE, clipped
PPO updates), on the simulated phone:

- observations: `ScreenshotOnly` over `ResizeScreenshot` (100x45 pixels, from a quarter-size
  render), the Box image that Atari-style code takes; the instruction, which says which app to
  open, comes from `info["instruction"]` as 64 hashed words (`hashed_bag_of_words`);
- actions: `DiscreteActions` over the screen's actionable elements (taps), swipes, keys and
  typing, one `Discrete(n)`;
- reward: 1 when the right app is in front, within 10 steps.

It prints one JSON line per update: env steps, seconds, and the success rate of the episodes
that ended in that rollout (the mean episode return: reward is 1 on success, else 0). Usage:
`python examples/cleanrl_ppo_launch_app.py [--steps 20480] [--envs 4] [--seed 0]`.
"""

from __future__ import annotations

import argparse
import json
import time
from functools import partial

import gymnasium as gym
import numpy as np
import torch
from torch import nn

import android_gym  # noqa: F401
from android_gym.tasks import load_suite
from android_gym.wrappers import DiscreteActions, ResizeScreenshot, ScreenshotOnly
from android_gym.wrappers.text_features import hashed_bag_of_words

SIZE = (100, 45)
WORDS = 64
ELEMENTS = 24


def make_env(tasks: list) -> gym.Env:
    env = gym.make("AndroidGeneral-v0", tasks=tasks, render_scale=0.25)
    env = ResizeScreenshot(env, SIZE)
    env = DiscreteActions(env, grid=None, ui_elements=ELEMENTS)
    return ScreenshotOnly(env)


def instructions(info: dict, n: int) -> np.ndarray:
    return np.stack([hashed_bag_of_words(info["instruction"][i], WORDS) for i in range(n)])


class Agent(nn.Module):
    """A small Nature-CNN-style trunk over pixels, joined with the instruction's words."""

    def __init__(self, n_actions: int) -> None:
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(3, 16, 5, stride=3),
            nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2),
            nn.ReLU(),
            nn.Flatten(),
        )
        with torch.no_grad():
            flat = self.cnn(torch.zeros(1, 3, *SIZE)).shape[1]
        self.trunk = nn.Sequential(nn.Linear(flat + WORDS, 256), nn.ReLU())
        self.actor = nn.Linear(256, n_actions)
        self.critic = nn.Linear(256, 1)

    def hidden(self, pixels: torch.Tensor, words: torch.Tensor) -> torch.Tensor:
        x = pixels.permute(0, 3, 1, 2).float() / 255.0
        return self.trunk(torch.cat([self.cnn(x), words], 1))

    def value(self, pixels: torch.Tensor, words: torch.Tensor) -> torch.Tensor:
        return self.critic(self.hidden(pixels, words)).squeeze(-1)

    def act(self, pixels, words, action=None):
        h = self.hidden(pixels, words)
        dist = torch.distributions.Categorical(logits=self.actor(h))
        if action is None:
            action = dist.sample()
        return action, dist.log_prob(action), dist.entropy(), self.critic(h).squeeze(-1)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=20480, help="env steps in all")
    p.add_argument("--envs", type=int, default=4)
    p.add_argument("--rollout", type=int, default=64, help="steps per env per update")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=5e-4)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    tasks = [t for t in load_suite("general", "train") if t.family == "launch_app"]
    envs = gym.vector.AsyncVectorEnv(
        [partial(make_env, tasks)] * args.envs,
        autoreset_mode=gym.vector.AutoresetMode.SAME_STEP,
    )
    n, T = args.envs, args.rollout
    agent = Agent(int(envs.single_action_space.n))
    optim = torch.optim.Adam(agent.parameters(), lr=args.lr, eps=1e-5)
    obs_buf = torch.zeros((T, n, *SIZE, 3), dtype=torch.uint8)
    words_buf = torch.zeros((T, n, WORDS))
    act_buf, logp_buf, rew_buf, done_buf, val_buf = (torch.zeros((T, n)) for _ in range(5))
    obs, info = envs.reset(seed=args.seed)
    words = torch.tensor(instructions(info, n))
    obs = torch.tensor(obs)
    steps, start = 0, time.perf_counter()
    while steps < args.steps:
        successes: list[float] = []
        for t in range(T):
            obs_buf[t], words_buf[t] = obs, words
            with torch.no_grad():
                action, logp, _, value = agent.act(obs, words)
            nxt, reward, terminated, truncated, info = envs.step(action.numpy())
            act_buf[t], logp_buf[t], val_buf[t] = action, logp, value
            rew_buf[t] = torch.tensor(reward, dtype=torch.float32)
            done = np.logical_or(terminated, truncated)
            done_buf[t] = torch.tensor(done, dtype=torch.float32)
            successes += [float(r) for r, d in zip(reward, done, strict=True) if d]
            obs, words = torch.tensor(nxt), torch.tensor(instructions(info, n))
            steps += n
        # GAE: with SAME_STEP autoreset, `obs` after a done step is the next episode's start,
        # so the bootstrap is cut at every done.
        with torch.no_grad():
            next_value = agent.value(obs, words)
        adv = torch.zeros((T, n))
        last = torch.zeros(n)
        for t in reversed(range(T)):
            nv = next_value if t == T - 1 else val_buf[t + 1]
            nonterminal = 1.0 - done_buf[t]
            delta = rew_buf[t] + 0.99 * nv * nonterminal - val_buf[t]
            last = delta + 0.99 * 0.95 * nonterminal * last
            adv[t] = last
        ret = adv + val_buf
        b = {
            "obs": obs_buf.reshape(-1, *SIZE, 3),
            "words": words_buf.reshape(-1, WORDS),
            "act": act_buf.reshape(-1).long(),
            "logp": logp_buf.reshape(-1),
            "adv": adv.reshape(-1),
            "ret": ret.reshape(-1),
        }
        for _ in range(4):
            for mb in torch.randperm(T * n).split(T * n // 4):
                _, logp, ent, value = agent.act(b["obs"][mb], b["words"][mb], b["act"][mb])
                a = b["adv"][mb]
                a = (a - a.mean()) / (a.std() + 1e-8)
                ratio = (logp - b["logp"][mb]).exp()
                pg = torch.max(-a * ratio, -a * ratio.clamp(0.8, 1.2)).mean()
                loss = pg + 0.5 * ((value - b["ret"][mb]) ** 2).mean() - 0.01 * ent.mean()
                optim.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), 0.5)
                optim.step()
        print(
            json.dumps(
                {
                    "library": "cleanrl-style",
                    "env_steps": steps,
                    "seconds": round(time.perf_counter() - start, 1),
                    "episodes": len(successes),
                    "success": round(float(np.mean(successes)), 3) if successes else None,
                }
            ),
            flush=True,
        )
    envs.close()


if __name__ == "__main__":
    main()
