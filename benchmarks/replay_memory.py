"""Replay memory at full resolution: what the learner holds per transition, PNG-encoded vs raw.

OracleAgent episodes on the General train split at the simulated phone's 540x1200 screens are
ingested one by one by a real `Learner` (the smoke config's), which keeps every frame PNG-
encoded. Reports the bytes held per transition (PNG) and as raw arrays, the process's resident
memory the replay releases when dropped, per transition (frames, UI XML and the rest of each
step), the time to encode a frame on arrival and to decode one per batch, and both extrapolated
to the paper config's 50,000-transition replay. Prints one JSON line.

    python benchmarks/replay_memory.py --episodes 40
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import time
from pathlib import Path

import gymnasium as gym
from agent_common import load_average, machine, today

from android_gym.agents import OracleAgent
from distrl_agent.config import load_config
from distrl_agent.replay import PrioritizedReplay
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import build_policy, build_updater, policy_spec
from distrl_agent.runtime.learner import Learner
from distrl_agent.trajectory import PngFrame

PAPER_REPLAY = 50_000
SMOKE = Path(__file__).resolve().parents[1] / "configs" / "smoke.yaml"


def rss_bytes() -> int:
    """This process's resident memory now, after the allocator has returned its free pages
    (glibc's malloc_trim; freed raw frames would otherwise stay counted) (Linux)."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--episodes", type=int, default=40)
    args = parser.parse_args()
    load_at_start = load_average()
    env = gym.make("AndroidGeneral-v0", split="train", obs_size=None)
    agent = OracleAgent()
    config = load_config(SMOKE, ["env.obs_size=null", f"replay.capacity={PAPER_REPLAY}"])
    policy = build_policy(policy_spec(config))
    learner = Learner(config, policy, build_updater(config, policy), lambda v, s: 0.0, float, [])
    sample = run_episode(env, agent, seed=10_000, options={"task_index": 0})
    transitions = 0
    for i in range(args.episodes):  # as a learner runs: each episode arrives raw, is kept PNG
        trajectory = run_episode(env, agent, seed=i, options={"task_index": i})
        transitions += len(trajectory)
        learner.ingest(trajectory)
        del trajectory
    env.close()
    del env
    held = sum(len(s.screenshot.data) for _, t, _ in learner.replay.contents() for s in t.steps)
    with_replay = rss_bytes()
    learner.replay = PrioritizedReplay(1)  # what the replay held is released
    rss_per = (with_replay - rss_bytes()) / transitions
    frames = [s.screenshot for s in sample.steps]
    shape, raw = frames[0].shape, frames[0].nbytes * transitions
    started = time.perf_counter()
    encoded = [PngFrame.encode(f) for f in frames]
    encode_ms = 1000 * (time.perf_counter() - started) / len(frames)
    started = time.perf_counter()
    for frame in encoded:
        frame.decode()
    decode_ms = 1000 * (time.perf_counter() - started) / len(frames)
    figures = {
        "transitions": transitions,
        "frame_shape": list(shape),
        "raw_bytes_per_transition": round(raw / transitions),
        "png_bytes_per_transition": round(held / transitions),
        "compression": round(raw / held, 1),
        "rss_bytes_per_transition": round(rss_per),
        "encode_ms_per_frame": round(encode_ms, 2),
        "decode_ms_per_frame": round(decode_ms, 2),
        "paper_replay_raw_gb": round(PAPER_REPLAY * raw / transitions / 1e9, 1),
        "paper_replay_png_gb": round(PAPER_REPLAY * held / transitions / 1e9, 2),
        "paper_replay_rss_gb": round(PAPER_REPLAY * rss_per / 1e9, 2),
    }
    print(
        json.dumps(
            {
                "benchmark": "replay_memory",
                "date": today(),
                "machine": machine(),
                "load_average": load_at_start,
                **figures,
            }
        )
    )


if __name__ == "__main__":
    main()
