"""Env steps per second through the adb backend, on one served simulated phone; one JSON line.

The same stream of actions (the oracle's with probability 0.5, else a random agent's, one
episode per General test task; `sim_env.mixed_pass`) runs on:
- `sim`: the simulated phone in-process (the default backend), for the ratio;
- `adb_settle_off`: `device="adb:..."` against the same phone served as an adb device by a
  process of its own (`python -m android_gym serve-adb`: a phone is a machine of its own),
  through the real adb server (one of its own) with AdbDevice's tuned connections and
  uiautomator2; screenshots 540x1200 (JPEG, scaled on the device);
- `adb_settle_on`: the same with settling after each input until two successive hierarchies are
  equal (min_s 0, interval_s 0: the served phone is still as soon as an input returns);
- `adb_settle_default`: AdbDevice's default settling (min_s 0.1, interval_s 0.05, meant for
  phones and emulators), over the first `--default-tasks` tasks only.
steps_per_second counts env.step time (not resets), on a first pass (`cold`: screens new to the
phone) and on the same stream again (`warm`: the stack's cost); reset_ms is the median
env.reset.

Runs only inside a loopback-only network namespace (it starts an adb server):
    unshare -n sh -c 'ip link set lo up && exec python benchmarks/adb_env.py'
Usage: python benchmarks/adb_env.py [--tasks 128] [--default-tasks 16]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from typing import Any

import gymnasium as gym
from adb_common import machine, require_namespace, served_phone_process
from sim_env import mixed_pass

import android_gym  # noqa: F401
from android_gym.devices.adb_link import adb_server
from android_gym.tasks import load_suite

FAST = {"min_s": 0.0, "interval_s": 0.0, "cap_s": 2.0}


def run(env: gym.Env, seed: int) -> dict[str, Any]:
    """Steps/s of a first pass (`cold`: most screens new to the phone) and of a second pass of
    the same stream (`warm`: every screen drawn before, so the figure is the stack's cost), and
    the median reset."""
    figures: dict[str, Any] = {}
    for name in ("cold", "warm"):
        steps, step_s, _, _ = mixed_pass(env, seed)
        figures[name] = {
            "steps_per_second": round(steps / step_s, 1),
            "step_ms": round(1e3 * step_s / steps, 2),
        }
    figures["steps"] = steps
    resets = []
    for i in range(20):
        start = time.perf_counter()
        env.reset(seed=i, options={"task_index": i % len(env.unwrapped.tasks)})
        resets.append(time.perf_counter() - start)
    figures["reset_ms"] = round(1e3 * statistics.median(resets), 2)
    return figures


def main() -> None:
    require_namespace("benchmarks/adb_env.py")
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=128, help="General test tasks per pass")
    parser.add_argument("--default-tasks", type=int, default=16)
    args = parser.parse_args()
    tasks = load_suite("general", "test")
    figures: dict[str, Any] = {"benchmark": "adb_env", "machine": machine()}
    sim = gym.make("AndroidGeneral-v0", tasks=tasks[: args.tasks])
    figures["sim"] = run(sim, 0)
    with served_phone_process() as serial, adb_server() as (host, port):
        spec = f"adb:{serial}@{host}:{port}"
        configs = {
            "adb_settle_off": ({"settle": False}, args.tasks),
            "adb_settle_on": ({"settle": FAST}, args.tasks),
            "adb_settle_default": ({"settle": True}, args.default_tasks),
        }
        for name, (options, count) in configs.items():
            env = gym.make(
                "AndroidGeneral-v0",
                tasks=tasks[:count],
                device=spec,
                device_options={"screenshot_scale": 0.5, **options},
            )
            figures[name] = run(env, 0)
            figures[name]["settle"] = options["settle"]
            env.close()
    figures["screenshot"] = [1200, 540]
    figures["adb_vs_sim_warm"] = {
        name: round(
            figures[name]["warm"]["steps_per_second"] / figures["sim"]["warm"]["steps_per_second"],
            3,
        )
        for name in ("adb_settle_off", "adb_settle_on")
    }
    print(json.dumps(figures))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
