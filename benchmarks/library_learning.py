"""Success against env steps of each library's PPO example on the launch-app family, one curve
per library in one plot (same family, same env-step budget); prints one JSON line.

It runs each example as its own process with the same `--steps` budget and reads the JSON
lines it prints (env steps and the success rate of the episodes that ended in that
iteration, i.e. their mean return: reward is 1 on success). The examples:

- `cleanrl`: `examples/cleanrl_ppo_launch_app.py`, pixels (100x45) + hashed instruction;
- `rllib`: `examples/rllib_ppo_launch_app.py`, UI-element features + hashed instruction
  through `FlattenObservations`, run by `--rllib-python` (the RLlib environment, gymnasium
  1.2.2); it needs a loopback-only network namespace, as `make bench` gives.

Usage: python benchmarks/library_learning.py [--steps 16384] [--rllib-python .venv-rllib/bin/python]
    [--out docs/images/library_learning.png]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "cleanrl": "examples/cleanrl_ppo_launch_app.py",
    "rllib": "examples/rllib_ppo_launch_app.py",
}


def run(python: str, script: str, steps: int) -> tuple[list[dict], dict]:
    """The example's per-iteration lines and its other lines (such as a random baseline)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    out = subprocess.run(
        [python, script, "--steps", str(steps)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,  # its stderr (logs, a traceback) goes to ours
        text=True,
        check=True,
    ).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    curve = [line for line in lines if "env_steps" in line]
    extra = {k: v for line in lines if "env_steps" not in line for k, v in line.items()}
    extra["wall_seconds"] = round(time.perf_counter() - start, 1)
    return curve, extra


def plot(curves: dict[str, list[dict]], steps: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, curve in curves.items():
        points = [(p["env_steps"], p["success"]) for p in curve if p["success"] is not None]
        ax.plot(*zip(*points, strict=True), marker=".", label=name)
    ax.set_xlabel("env steps")
    ax.set_ylabel("success of the episodes that ended")
    ax.set_xlim(0, steps)
    ax.set_ylim(0, 1)
    ax.set_title("PPO on launch-app (General train), per library")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=16384)
    p.add_argument("--libraries", default="cleanrl,rllib")
    p.add_argument("--rllib-python", default=str(ROOT / ".venv-rllib" / "bin" / "python"))
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "library_learning.png")
    args = p.parse_args()
    curves, extras = {}, {}
    for name in args.libraries.split(","):
        python = args.rllib_python if name == "rllib" else sys.executable
        curves[name], extras[name] = run(python, EXAMPLES[name], args.steps)
    plot(curves, args.steps, args.out)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(
        json.dumps(
            {
                "benchmark": "library_learning",
                "steps": args.steps,
                "final_success": {k: c[-1]["success"] for k, c in curves.items()},
                "curves": {
                    k: [[q["env_steps"], q["success"]] for q in c] for k, c in curves.items()
                },
                "runs": extras,
                "plot": str(args.out.relative_to(ROOT))
                if args.out.is_relative_to(ROOT)
                else str(args.out),
                "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "commit": commit.stdout.strip(),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "loadavg": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
