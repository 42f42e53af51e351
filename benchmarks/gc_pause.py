"""What a full garbage collection costs in an env process, and which part is what; prints one
JSON line.

One process, one AndroidEnv on the simulated phone (540x1200 screenshots): after the warm-up
of `benchmarks/fuzz.py`, after `--actions` fuzzed actions (the phone's screen cache filled by
them), with that cache cleared, and once what is left is frozen (`gc.freeze`, what
`android_gym.heap.freeze_startup_heap` does). Each figure is the fastest of three
`gc.collect()` calls by the process's CPU time (what a pause costs, without the waits for a
core on a shared machine), with the objects the collector tracks. The differences are the
ratios that matter: the screen cache's share, and the start-up heap's, which freezing removes.

Usage: python benchmarks/gc_pause.py [--actions 4000] [--seed 0] [--screen-cache N]
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import time
from datetime import datetime, timezone

import numpy as np
from fuzz import warm_up  # benchmarks/ is on the path of a script run from it

from android_gym import fuzzing
from android_gym.devices.sim import SimDevice
from android_gym.env import AndroidEnv
from android_gym.sim.phone import PhoneConfig


def full_collection() -> dict[str, float]:
    """The fastest of three full collections by CPU time (ms), and the objects tracked."""
    times = []
    for _ in range(3):
        start = time.process_time()
        gc.collect()
        times.append(time.process_time() - start)
    return {"cpu_ms": round(1000 * min(times), 1), "tracked": len(gc.get_objects())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actions", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--screen-cache", type=int, default=PhoneConfig.screen_cache)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    device = SimDevice(1080, 2400, scale=0.5, screen_cache=args.screen_cache)
    env = AndroidEnv(split="test", device=device)
    warm_up(env, args.seed)
    figures: dict[str, object] = {"after_warm_up": full_collection()}
    rng = np.random.default_rng(args.seed)
    fuzzing.fuzz_steps(env, fuzzing.actions(rng, args.actions), rng)
    phone = env.device.phone
    screens = list(phone._screens.values())
    figures["after_actions"] = {
        **full_collection(),
        "cached_screens": len(screens),
        "views_in_cache": sum(1 for entry in screens for _ in entry.root.walk()),
    }
    del screens
    phone._screens.clear()
    phone._current = None
    figures["cache_cleared"] = full_collection()
    gc.freeze()
    figures["then_frozen"] = full_collection()
    gc.unfreeze()
    print(
        json.dumps(
            {
                "benchmark": "gc_pause",
                "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
                "load_average": round(os.getloadavg()[0], 2),
                "python": platform.python_version(),
                "actions": args.actions,
                "screen_cache": args.screen_cache,
                **figures,
            }
        )
    )


if __name__ == "__main__":
    main()
