"""How the oracle and a random agent do on task lists, family by family; prints one JSON line.

For every list (an AitW-format file such as ../shared/aitw/general_test.txt, or a suite YAML):
the lines, the lines some family reads, and per family the lines it reads, the share the
OracleAgent solves within the horizon, and the share a RandomAgent solves (one episode per
line, seeded by the line's position). This is the acceptance figure of the app and site issues:
"OracleAgent solves at least 98% of those lines; RandomAgent stays under 5%".

Usage:
    python benchmarks/aitw_agents.py [LIST ...] [--env ID] [--families maps youtube ...]
        [--random-episodes 1]

Without lists it takes the AitW lists of ../shared/aitw next to the project (General and Web
Shopping) when they are there. A list whose name starts with "webshop" runs on
AndroidWebShopping-v0 (horizon 20), any other on AndroidGeneral-v0, unless --env says.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import gymnasium as gym

import android_gym  # noqa: F401
from android_gym.agents import OracleAgent, RandomAgent
from android_gym.demo import run_episode
from android_gym.tasks import load_task_file


def figures(
    path: Path, env_id: str, families: set[str] | None, random_episodes: int
) -> dict[str, object]:
    """The figures of one task list."""
    report = load_task_file(path)
    env = gym.make(env_id, task_file=path)
    tasks = env.unwrapped.tasks
    per_family: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    failed: list[str] = []
    for i, task in enumerate(tasks):
        if families and task.family not in families:
            continue
        row = per_family[task.family]
        row["lines"] += 1
        solved, steps, _ = run_episode(env, OracleAgent(), seed=i, task_index=i)
        row["oracle"] += solved
        row["oracle_steps"] += steps
        if not solved:
            failed.append(task.instruction)
        for k in range(random_episodes):
            won, _, _ = run_episode(env, RandomAgent(seed=i * 7 + k), seed=i, task_index=i)
            row["random"] += won / random_episodes
    env.close()
    out: dict[str, object] = {
        "lines": len(report.tasks) + len(report.skipped),
        "read": len(report.tasks),
        "unread": {s.text: s.planned or "no family" for s in report.skipped},
    }
    total = defaultdict(float)
    for name, row in sorted(per_family.items()):
        n = row["lines"]
        out[name] = {
            "lines": int(n),
            "oracle": round(row["oracle"] / n, 3),
            "random": round(row["random"] / n, 3),
            "oracle_mean_steps": round(row["oracle_steps"] / n, 1),
        }
        for key in ("lines", "oracle", "random"):
            total[key] += row[key]
    if total["lines"]:
        out["all_counted"] = {
            "lines": int(total["lines"]),
            "oracle": round(total["oracle"] / total["lines"], 3),
            "random": round(total["random"] / total["lines"], 3),
        }
    out["oracle_failed"] = failed
    return out


AITW = Path(__file__).resolve().parents[2] / "shared" / "aitw"
DEFAULT_LISTS = ("general_train.txt", "general_test.txt", "webshop_train.txt", "webshop_test.txt")


def env_for(path: Path, env: str | None) -> str:
    """The environment a list runs in: `env`, else by the list's name."""
    if env:
        return env
    return "AndroidWebShopping-v0" if path.name.startswith("webshop") else "AndroidGeneral-v0"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lists", nargs="*", type=Path)
    parser.add_argument("--env", default=None)
    parser.add_argument("--families", nargs="*", help="only these families")
    parser.add_argument("--random-episodes", type=int, default=1)
    args = parser.parse_args()
    lists = args.lists or [AITW / name for name in DEFAULT_LISTS if (AITW / name).is_file()]
    start = time.perf_counter()
    result: dict[str, object] = {"benchmark": "aitw_agents"}
    if not lists:
        result["skipped"] = f"no task list given and none found in {AITW}"
    for path in lists:
        fams = set(args.families) if args.families else None
        env = env_for(path, args.env)
        result[path.name] = {"env": env, **figures(path, env, fams, args.random_episodes)}
    result["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
