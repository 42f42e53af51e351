"""RLlib PPO (new API stack) learns the "open the X app" family on the simulated phone.

The env comes from the registered creator (`android_gym.wrappers.rllib_env`): UI-element
features and the instruction as hashed words (`make_sb3_env("elements")`), flattened by RLlib's
`FlattenObservations` connector into its default MLP, and `DiscreteActions` over the screen's
elements, swipes, keys and typing. Reward is 1 when the right app is in front within 10 steps.

It first measures uniformly random actions on every train task (5 passes), then prints one JSON
line per training iteration: env steps, seconds, and the success rate of the episodes that ended
(RLlib's `episode_return_mean`: reward is 1 on success, else 0). Ray reaches beyond loopback:
run it in a loopback-only network namespace, in the RLlib environment (`make test-rllib`):

    unshare -n sh -c 'ip link set lo up && \
        exec .venv-rllib/bin/python examples/rllib_ppo_launch_app.py'
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import ray

from android_gym.netns import HOW, in_loopback_namespace
from android_gym.tasks import load_suite
from android_gym.wrappers.rllib_env import env_creator, ppo_config

RANDOM_PASSES = 5


def random_success(config: dict, seed: int) -> float:
    """The share of episodes uniformly random actions solve, `RANDOM_PASSES` over the tasks."""
    env = env_creator(config)
    rng = np.random.default_rng(seed)
    tasks = env.unwrapped.tasks
    wins = 0.0
    for episode in range(RANDOM_PASSES * len(tasks)):
        env.reset(seed=episode, options={"task_index": episode % len(tasks)})
        done = False
        while not done:
            _, reward, terminated, truncated, _ = env.step(int(rng.integers(env.action_space.n)))
            done = terminated or truncated
        wins += reward
    return wins / (RANDOM_PASSES * len(tasks))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=20480, help="env steps in all")
    p.add_argument("--envs", type=int, default=4)
    p.add_argument("--batch", type=int, default=1024, help="env steps per iteration")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if not in_loopback_namespace():
        raise SystemExit(f"Ray reaches beyond loopback: run this inside {HOW}")
    tasks = [t for t in load_suite("general", "train") if t.family == "launch_app"]
    env_config = {"observation": "elements", "tasks": tasks, "render_scale": 0.25}
    print(json.dumps({"library": "rllib", "random_success": random_success(env_config, 0)}))
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    config = (
        ppo_config(env_config, num_envs_per_env_runner=args.envs)
        .training(
            train_batch_size_per_learner=args.batch,
            minibatch_size=128,
            num_epochs=4,
            lr=5e-4,
            entropy_coeff=0.01,
        )
        .debugging(seed=args.seed)
    )
    algo = config.build_algo()
    start, steps = time.perf_counter(), 0
    while steps < args.steps:
        result = algo.train()["env_runners"]
        steps = int(result["num_env_steps_sampled_lifetime"])
        success = result.get("episode_return_mean")
        print(
            json.dumps(
                {
                    "library": "rllib",
                    "env_steps": steps,
                    "seconds": round(time.perf_counter() - start, 1),
                    "episodes": int(result.get("num_episodes", 0)),
                    "success": None if success is None or np.isnan(success) else round(success, 3),
                }
            ),
            flush=True,
        )
    algo.stop()
    ray.shutdown()


if __name__ == "__main__":
    main()
