"""Rollouts on the real simulated phone: demonstrations and policy trajectories."""

from __future__ import annotations

import time

import gymnasium as gym
import numpy as np
import pytest
import torch

from android_gym.agents import OracleAgent
from android_gym.devices.sim import SimDevice
from distrl_agent.algorithms.batch import TrajectoryBatch
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.rollout import run_episode
from distrl_agent.trajectory import HISTORY_KEY, Trajectory


@pytest.fixture(scope="module")
def env():
    environment = gym.make("AndroidGeneral-v0", split="test")
    yield environment
    environment.close()


def test_oracle_demonstration_round_trips_through_disk(env, tmp_path):
    demo = run_episode(env, OracleAgent(), seed=0, options={"task_index": 1}, worker_id="demo")
    assert demo.success and demo.total_reward == 1.0 and demo.steps[-1].done
    assert all(s.behaviour_log_prob is None and s.action is not None for s in demo.steps)
    assert demo.task_id and demo.family and demo.timings["episode_s"] > 0
    demo.save(tmp_path / "demo")
    loaded = Trajectory.load(tmp_path / "demo")
    # points are stored with the 4 decimals of Action.to_dict
    assert [s.action.to_dict() for s in loaded.steps] == [s.action.to_dict() for s in demo.steps]
    assert loaded.success and loaded.worker_id == "demo" and loaded.task_id == demo.task_id
    np.testing.assert_array_equal(loaded.steps[1].image(), demo.steps[1].screenshot)


class SlowDevice(gym.Wrapper):
    """Every reset and step waits `wait_s` first, as a slow device does."""

    wait_s = 0.02

    def reset(self, **kwargs):
        time.sleep(self.wait_s)
        return self.env.reset(**kwargs)

    def step(self, action):
        time.sleep(self.wait_s)
        return self.env.step(action)


def test_an_episode_times_the_device_apart_from_the_agent(env):
    demo = run_episode(SlowDevice(env), OracleAgent(), seed=0, options={"task_index": 1})
    timings = demo.timings
    assert timings["device_s"] >= SlowDevice.wait_s * (len(demo) + 1)  # the reset too
    assert timings["episode_s"] >= timings["device_s"] + timings["acting_s"]


class Recording(PointerPolicy):
    """The pointer policy, keeping the info dicts it was handed (to check the history)."""

    def act(self, obs, info, greedy=False):
        self.seen = [*getattr(self, "seen", []), info]
        return super().act(obs, info, greedy)

    def evaluate(self, obs, info, actions, tokens=None):
        self.evaluated = list(info)
        return super().evaluate(obs, info, actions, tokens)


def test_policy_trajectory_carries_behaviour_log_probs_and_history(env):
    policy = Recording(PointerConfig(dim=32, layers=1, buckets=1 << 12), seed=1)
    trajectory = run_episode(env, policy, seed=1, options={"task_index": 2}, policy_version=3)
    assert len(trajectory) > 4 and all(s.policy_version == 3 for s in trajectory.steps)
    assert policy.seen[0][HISTORY_KEY] == []
    for t in range(1, len(trajectory)):
        assert policy.seen[t][HISTORY_KEY] == [s.action_text for s in trajectory.steps[:t]][-4:]
    obs, info = trajectory.policy_inputs()
    with torch.no_grad():
        replayed = policy.evaluate(obs, info, [s.action_text for s in trajectory.steps]).log_probs
    np.testing.assert_allclose(
        replayed.numpy(), [s.behaviour_log_prob for s in trajectory.steps], atol=1e-5
    )


def test_acting_and_learning_show_the_policy_its_own_history_length(env):
    """Workers (run_episode) and the learner (TrajectoryBatch) take the action-history length
    from the policy's one config value, not from constants of their own."""
    policy = Recording(PointerConfig(dim=32, layers=1, buckets=1 << 12, history=6), seed=3)
    for task in range(20):  # an episode long enough to have more actions than it shows
        policy.seen = []
        trajectory = run_episode(env, policy, seed=3, options={"task_index": task})
        if len(trajectory) > 7:
            break
    acted = [info[HISTORY_KEY] for info in policy.seen]
    assert len(trajectory) > 7 and max(len(h) for h in acted) == 6
    TrajectoryBatch.build([trajectory], policy)
    evaluated = [info[HISTORY_KEY] for info in policy.evaluated]
    assert evaluated[: len(acted)] == acted  # then the final observation of a horizon cut


def test_a_horizon_cut_keeps_the_final_observation(env, tmp_path):
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12), seed=1)
    short = gym.make("AndroidGeneral-v0", split="test", max_steps=2)
    trajectory = run_episode(short, policy, seed=3, options={"task_index": 4})
    short.close()
    assert len(trajectory) == 2 and not trajectory.success
    assert trajectory.truncated and trajectory.steps[-1].done and not trajectory.steps[-1].terminal
    final = trajectory.final_observation
    assert final is not None and final.ui_xml.startswith("<?xml")
    assert final.image().shape == trajectory.steps[0].image().shape
    # it survives the disk format, and a terminated episode keeps none
    trajectory.save(tmp_path / "cut")
    loaded = Trajectory.load(tmp_path / "cut")
    assert loaded.truncated and loaded.final_observation is not None
    np.testing.assert_array_equal(loaded.final_observation.image(), final.image())
    demo = run_episode(env, OracleAgent(), seed=0, options={"task_index": 1})
    assert demo.final_observation is None and demo.steps[-1].terminal


class BrokenPhone(SimDevice):
    """A phone whose screen stops answering taps: a device fault."""

    def tap(self, x: int, y: int) -> None:
        raise ConnectionError("device offline")


def test_a_device_fault_is_marked_on_the_trajectory():
    broken = gym.make("AndroidGeneral-v0", split="test", device=BrokenPhone(scale=0.1))
    demo = run_episode(broken, OracleAgent(), seed=0, options={"task_index": 1})
    broken.close()
    assert "device offline" in demo.device_fault and demo.final_observation is None
    assert not demo.success and demo.steps[-1].truncated
