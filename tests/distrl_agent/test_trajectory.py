"""Trajectories: on-disk round trip, reading plain recordings, returns and policy inputs."""

from __future__ import annotations

import numpy as np
from synthetic_phone import INSTRUCTION, SEARCH_SCREEN, observation

from android_gym.actions import Action
from android_gym.recording import EpisodeWriter
from distrl_agent.trajectory import HISTORY_KEY, Step, Trajectory


def test_save_load_round_trip_keeps_learning_fields(tmp_path, trajectory_factory):
    trajectory = trajectory_factory(invalid_at=(1,))
    trajectory.steps[2].policy_version = 7
    trajectory.steps[1].action_tokens = [5, 17, 0, 2]
    trajectory.save(tmp_path / "traj")
    loaded = Trajectory.load(tmp_path / "traj")
    assert len(loaded) == len(trajectory)
    assert (
        loaded.instruction,
        loaded.task_id,
        loaded.family,
        loaded.success,
        loaded.worker_id,
    ) == (INSTRUCTION, "general/test/0", "search", True, "w0")
    assert loaded.timings == {"episode_s": 0.5}
    for original, back in zip(trajectory.steps, loaded.steps, strict=True):
        assert back.action == original.action and back.action_text == original.action_text
        assert back.reward == original.reward and back.done == original.done
        assert back.behaviour_log_prob == original.behaviour_log_prob
        assert back.action_tokens == original.action_tokens  # what the learner re-scores
        assert back.policy_version == original.policy_version and back.invalid == original.invalid
        assert back.ui_xml == original.ui_xml and back.screenshot is None
        np.testing.assert_array_equal(back.image(), original.screenshot)
    np.testing.assert_array_equal(loaded.rewards, trajectory.rewards)


def test_plain_recording_loads_as_a_demonstration(tmp_path, rng):
    obs, info = observation(rng)
    with EpisodeWriter(tmp_path / "demo") as writer:
        writer.reset(obs, info)
        writer.step(Action.tap(0.15, 0.5), obs, 0.0, False, False, info)
        writer.step(
            Action.key("STATUS_TASK_COMPLETE"), obs, 1.0, True, False, {**info, "success": True}
        )
    demo = Trajectory.load(tmp_path / "demo")
    assert demo.success and len(demo) == 2 and demo.total_reward == 1.0
    assert all(s.behaviour_log_prob is None for s in demo.steps)
    assert demo.steps[0].action_text == Action.tap(0.15, 0.5).to_autoui()
    assert demo.steps[1].done and not demo.steps[0].done


def test_discounted_returns_restart_after_done():
    steps = [
        Step(INSTRUCTION, SEARCH_SCREEN, "", None, reward=r, done=d)
        for r, d in [(0, False), (1, True), (0, False), (0.5, True)]
    ]
    returns = Trajectory(steps, INSTRUCTION).discounted_returns(0.9)
    np.testing.assert_allclose(returns, [0.9, 1.0, 0.45, 0.5])


def test_policy_inputs_carry_ui_xml_and_recent_history(trajectory_factory):
    trajectory = trajectory_factory(length=6)
    observations, infos = trajectory.policy_inputs(history=2)
    assert len(observations) == 6 and observations[0]["instruction"] == INSTRUCTION
    assert infos[0][HISTORY_KEY] == []
    assert infos[3][HISTORY_KEY] == [
        trajectory.steps[1].action_text,
        trajectory.steps[2].action_text,
    ]
    assert infos[4]["ui_xml"] == trajectory.steps[4].ui_xml and infos[4]["screen_size"] == (
        1080,
        2400,
    )
