"""The android_gym demo: OracleAgent and RandomAgent over a suite split on the simulated phone.

Prints a success table per family and saves one oracle episode as a strip of screenshots
(PNG) and its steps (JSON lines) under `out`.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
from PIL import Image, ImageDraw
from tqdm import tqdm

import android_gym  # noqa: F401  (registers the environments)
from android_gym.agents import OracleAgent, RandomAgent
from android_gym.sim import theme


def run_episode(
    env: gym.Env, agent: Any, seed: int, task_index: int, keep: bool = False
) -> tuple[bool, int, list]:
    """Runs one episode; returns (success, steps, [(screenshot, action text)] when `keep`)."""
    obs, info = env.reset(seed=seed, options={"task_index": task_index})
    frames: list[tuple[np.ndarray, str]] = []
    steps, done = 0, False
    while not done:
        action = agent.act(obs, info)
        if keep:
            frames.append((obs["screenshot"], str(action)))
        obs, _, terminated, truncated, info = env.step(action)
        steps += 1
        done = terminated or truncated
    if keep:
        frames.append((obs["screenshot"], "success" if info["success"] else "end"))
    return bool(info["success"]), steps, frames


def save_strip(
    frames: list[tuple[np.ndarray, str]], instruction: str, path: Path, width: int = 270
) -> None:
    """Saves screenshots side by side, each captioned with the action taken from it."""
    h, w = frames[0][0].shape[:2]
    height = round(h * width / w)
    caption = 44
    strip = Image.new("RGB", (width * len(frames), height + caption + 30), "white")
    draw = ImageDraw.Draw(strip)
    draw.text((8, 6), instruction, fill=theme.TEXT, font=theme.font("medium", 18))
    for i, (frame, label) in enumerate(frames):
        strip.paste(Image.fromarray(frame).resize((width, height)), (i * width, 30))
        draw.text(
            (i * width + 6, 30 + height + 8),
            f"{i}: {label}"[:38],
            fill=theme.TEXT,
            font=theme.font("regular", 13),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    strip.save(path)


def run_demo(
    suite: str = "general", split: str = "test", episodes: int = 0, out: Path = Path("runs/demo")
) -> int:
    """Runs both agents and prints the table; returns a process exit code."""
    env = gym.make(f"Android{suite.capitalize()}-v0", split=split)
    tasks = env.unwrapped.tasks
    n = episodes or len(tasks)
    agents = {"oracle": OracleAgent(), "random": RandomAgent(seed=0)}
    table: dict[str, dict[str, list[bool]]] = {name: defaultdict(list) for name in agents}
    total_steps, start = 0, time.perf_counter()
    strip: list = []
    for name, agent in agents.items():
        for i in tqdm(range(n), desc=name, unit="episode", leave=False, disable=None):
            task = tasks[i % len(tasks)]
            success, steps, frames = run_episode(
                env, agent, seed=i, task_index=i % len(tasks), keep=name == "oracle" and i == 0
            )
            strip = strip or frames
            table[name][task.family].append(success)
            total_steps += steps
    elapsed = time.perf_counter() - start
    families = sorted({f for rows in table.values() for f in rows})
    print(f"{suite} {split}: {n} episodes per agent, {total_steps} steps in {elapsed:.1f} s")
    print(f"{'family':16s} {'tasks':>5s} {'oracle':>8s} {'random':>8s}")
    for family in families:
        o, r = table["oracle"][family], table["random"][family]
        print(f"{family:16s} {len(o):5d} {100 * np.mean(o):7.1f}% {100 * np.mean(r):7.1f}%")
    overall = {name: [s for rows in t.values() for s in rows] for name, t in table.items()}
    print(
        f"{'all':16s} {n:5d} {100 * np.mean(overall['oracle']):7.1f}% "
        f"{100 * np.mean(overall['random']):7.1f}%"
    )
    path = out / "oracle_episode.png"
    save_strip(strip, tasks[0].instruction, path)
    (out / "summary.json").write_text(
        json.dumps(
            {name: {f: float(np.mean(v)) for f, v in t.items()} for name, t in table.items()},
            indent=2,
        )
    )
    print(f"episode strip: {path}")
    env.close()
    return 0
