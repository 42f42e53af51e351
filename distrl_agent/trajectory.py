"""Steps and trajectories: what workers collect and the learner trains on.

A `Trajectory` is one episode of one task. On disk it is an android_gym episode recording
(`android_gym.recording`: JSON lines + PNG frames) whose per-step ``extra`` fields hold what
learning needs beyond the recording (behaviour log-prob, policy version) and whose ``metadata``
holds the worker id and timings. So any recording, e.g. OracleAgent demonstrations, loads as a
trajectory (without behaviour log-probs), and every saved trajectory is a valid recording.

In memory a screenshot is held as an array, kept PNG-encoded (`PngFrame`: what the learner's
replay holds, about 35 times smaller for the simulated phone's 540x1200 screens) or
referenced on disk; `image()` gives the array in every case.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from android_gym.actions import Action
from android_gym.recording import (
    EpisodeWriter,
    RecordedEpisode,
    RecordedObservation,
    json_safe,
    read_episode,
)

HISTORY_KEY = "action_history"
"""Info key under which policies find the texts of the episode's previous actions."""


@dataclass(frozen=True)
class PngFrame:
    """A uint8[H, W, 3] screenshot kept PNG-encoded, decoded on use."""

    data: bytes

    @classmethod
    def encode(cls, image: np.ndarray) -> PngFrame:
        """Encodes an RGB array (PNG compression level 1: fast, lossless)."""
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(image, dtype=np.uint8)).save(
            buffer, format="PNG", compress_level=1
        )
        return cls(buffer.getvalue())

    @classmethod
    def verified(cls, data: bytes) -> PngFrame:
        """`data` as a frame once it is checked to be an 8-bit RGB PNG with intact chunk
        checksums (without decoding the pixels); `ValueError` otherwise."""
        try:
            with Image.open(io.BytesIO(data)) as image:
                mode, kind = image.mode, image.format
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for bad data
            raise ValueError(f"a frame is not a readable PNG: {exc}") from exc
        if kind != "PNG" or mode != "RGB":
            raise ValueError(f"a frame must be an RGB PNG, got {kind} {mode}")
        return cls(bytes(data))

    def decode(self) -> np.ndarray:
        """The screenshot as uint8[H, W, 3]."""
        with Image.open(io.BytesIO(self.data)) as image:
            return np.asarray(image.convert("RGB"))


Screenshot = np.ndarray | PngFrame
"""A screenshot held in memory: the array, or PNG-encoded."""


@dataclass
class Step:
    """One transition: the observation acted on, the action taken and what it led to.

    The screenshot is either held (`screenshot`) or referenced (`screenshot_path`, loaded on
    demand), so a replay buffer of recorded trajectories does not keep every frame in memory.
    `info` is the env info that came with the observation (without the UI XML, kept apart).
    """

    instruction: str
    ui_xml: str
    action_text: str
    action: Action | None
    reward: float
    done: bool
    behaviour_log_prob: float | None = None
    policy_version: int = 0
    invalid: bool = False
    info: dict[str, Any] = field(default_factory=dict)
    screenshot: Screenshot | None = None
    screenshot_path: Path | None = None
    truncated: bool = False
    """The episode was cut here by its horizon (or a device fault): `done`, but not terminal."""
    action_tokens: list[int] | None = None
    """The token ids a token-sampling policy (VLM) sampled for this action, stop token included:
    what the learner re-scores (None for demonstrations and the pointer policy)."""

    def image(self) -> np.ndarray:
        """The screenshot as uint8[H, W, 3], read from disk when only referenced."""
        return _image(self.screenshot, self.screenshot_path, self.instruction, self.ui_xml)

    def observation(self) -> dict[str, Any]:
        """The observation as the environment gave it: {"screenshot", "instruction"}."""
        return {"screenshot": self.image(), "instruction": self.instruction}

    @property
    def terminal(self) -> bool:
        """The episode ended here for good (success, STATUS_*): nothing to bootstrap from."""
        return self.done and not self.truncated


@dataclass
class FinalObservation:
    """The observation after a truncated episode's last step: the state learners bootstrap
    from (a horizon cut is not a termination). Held or referenced, like a step's screenshot."""

    instruction: str
    ui_xml: str
    info: dict[str, Any] = field(default_factory=dict)
    screenshot: Screenshot | None = None
    screenshot_path: Path | None = None

    def image(self) -> np.ndarray:
        """The screenshot as uint8[H, W, 3], read from disk when only referenced."""
        return _image(self.screenshot, self.screenshot_path, self.instruction, self.ui_xml)

    def observation(self) -> dict[str, Any]:
        """{"screenshot", "instruction"}, as the environment gave it."""
        return {"screenshot": self.image(), "instruction": self.instruction}


def _image(
    screenshot: Screenshot | None, path: Path | None, instruction: str, ui_xml: str
) -> np.ndarray:
    if isinstance(screenshot, PngFrame):
        return screenshot.decode()
    if screenshot is not None:
        return screenshot
    if path is None:
        raise ValueError("an observation needs a screenshot or a screenshot path")
    return RecordedObservation(path, instruction, ui_xml).load_screenshot()


@dataclass
class Trajectory:
    """One episode: its steps, the task, the outcome, who collected it and how long it took.

    `final_observation` is the state after the last step of a truncated episode (None when the
    episode terminated). `device_fault` holds the env's `info["error"]` when the episode was
    cut by a fault of the device or the evaluator: such episodes say nothing about the policy
    and are kept out of learning.
    """

    steps: list[Step]
    instruction: str
    task_id: str = ""
    family: str = ""
    success: bool = False
    worker_id: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    final_observation: FinalObservation | None = None

    @property
    def truncated(self) -> bool:
        """The episode was cut by its horizon rather than terminated."""
        return bool(self.steps) and self.steps[-1].truncated

    @property
    def device_fault(self) -> str:
        """The fault that ended the episode ("" when none)."""
        return str(self.metadata.get("device_fault", ""))

    def __len__(self) -> int:
        return len(self.steps)

    def compress_frames(self) -> Trajectory:
        """PNG-encodes every screenshot held as an array (steps and final observation), in
        place, so the trajectory keeps a fraction of the memory; returns it."""
        final = self.final_observation
        for holder in [*self.steps, *([final] if final is not None else [])]:
            if isinstance(holder.screenshot, np.ndarray):
                holder.screenshot = PngFrame.encode(holder.screenshot)
        return self

    @property
    def rewards(self) -> np.ndarray:
        """Per-step rewards, float32[T]."""
        return np.array([s.reward for s in self.steps], dtype=np.float32)

    @property
    def total_reward(self) -> float:
        """Undiscounted return of the episode."""
        return float(sum(s.reward for s in self.steps))

    @property
    def outcome(self) -> float:
        """The return clipped to [0, 1]: the success the trajectory critics regress on."""
        return min(1.0, max(0.0, self.total_reward))

    def discounted_returns(self, gamma: float) -> np.ndarray:
        """Monte-Carlo returns G_t = r_t + gamma * G_{t+1} (zero after a done step), float32[T];
        nothing is bootstrapped past a truncation (DigiRL's Monte-Carlo labels)."""
        returns = np.zeros(len(self.steps), dtype=np.float32)
        running = 0.0
        for t in range(len(self.steps) - 1, -1, -1):
            step = self.steps[t]
            running = step.reward + (0.0 if step.done else gamma * running)
            returns[t] = running
        return returns

    def policy_views(self, history: int = 4) -> list[tuple[Step, dict[str, Any]]]:
        """Each step with the info its policy saw (action history included); the frames stay
        undecoded until `step.observation()` is asked for."""
        texts = [s.action_text for s in self.steps]
        return [(step, env_info(step, texts[:t], history)) for t, step in enumerate(self.steps)]

    def final_view(self, history: int = 4) -> tuple[FinalObservation, dict[str, Any]] | None:
        """The observation after the last step of a truncated episode with the info a policy
        would see there (None after a termination); the frame stays undecoded."""
        final = self.final_observation
        if final is None:
            return None
        info = with_history(
            {**final.info, "ui_xml": final.ui_xml}, [s.action_text for s in self.steps], history
        )
        return final, info

    def policy_inputs(self, history: int = 4) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The (obs, info) pairs a policy saw at every step, with the action history in info."""
        views = self.policy_views(history)
        return [step.observation() for step, _ in views], [info for _, info in views]

    def final_inputs(self, history: int = 4) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The (obs, info) a policy would see after the last step of a truncated episode."""
        view = self.final_view(history)
        return None if view is None else (view[0].observation(), view[1])

    # -- on-disk format -----------------------------------------------------------------------

    def save(self, directory: str | Path) -> Path:
        """Writes the trajectory as an android_gym episode recording (see the module doc).

        The observation after the last step is recorded only when the trajectory keeps one
        (a truncated episode's `final_observation`).
        """
        if not self.steps:
            raise ValueError("cannot save an empty trajectory")
        writer = EpisodeWriter(
            directory,
            metadata={**self.metadata, "worker_id": self.worker_id, "timings": self.timings},
        )
        base = {"task_id": self.task_id, "family": self.family, "instruction": self.instruction}
        first = self.steps[0]
        writer.reset(first.observation(), {**base, **first.info, "ui_xml": first.ui_xml})
        last = len(self.steps) - 1
        for t, step in enumerate(self.steps):
            after: Step | FinalObservation | None = (
                self.steps[t + 1] if t < last else self.final_observation
            )
            outcome = {"invalid_action": step.invalid, "success": self.success and t == last}
            writer.step(
                step.action,
                after.observation() if after is not None else None,
                step.reward,
                terminated=step.terminal,
                truncated=step.truncated,
                info={
                    **base,
                    **(after.info if after else {}),
                    **outcome,
                    "ui_xml": after.ui_xml if after else "",
                },
                action_text=step.action_text,
                extra={
                    "behaviour_log_prob": step.behaviour_log_prob,
                    "policy_version": step.policy_version,
                    **({"action_tokens": step.action_tokens} if step.action_tokens else {}),
                },
            )
        return writer.close()

    @classmethod
    def load(cls, directory: str | Path) -> Trajectory:
        """Reads a trajectory (or any android_gym episode recording) from `directory`."""
        return cls.from_episode(read_episode(directory))

    @classmethod
    def from_episode(cls, episode: RecordedEpisode) -> Trajectory:
        """Turns an episode recording into a trajectory; frames stay on disk until used."""
        steps = []
        for recorded in episode.steps:
            action_text = recorded.action_text
            if action_text is None:
                action_text = recorded.action.to_autoui() if recorded.action is not None else ""
            log_prob = recorded.extra.get("behaviour_log_prob")
            tokens = recorded.extra.get("action_tokens")
            steps.append(
                Step(
                    instruction=recorded.observation.instruction,
                    ui_xml=recorded.observation.ui_xml,
                    action_text=action_text,
                    action=recorded.action,
                    reward=recorded.reward,
                    done=recorded.terminated or recorded.truncated,
                    behaviour_log_prob=None if log_prob is None else float(log_prob),
                    policy_version=int(recorded.extra.get("policy_version", 0)),
                    invalid=recorded.invalid_action,
                    info=dict(recorded.observation.info),
                    screenshot_path=recorded.observation.screenshot_path,
                    truncated=recorded.truncated and not recorded.terminated,
                    action_tokens=None if tokens is None else [int(t) for t in tokens],
                )
            )
        final = episode.final_observation
        kept = None
        if final is not None and steps and steps[-1].truncated:
            kept = FinalObservation(
                final.instruction, final.ui_xml, dict(final.info), None, final.screenshot_path
            )
        metadata = dict(episode.metadata)
        worker_id = str(metadata.pop("worker_id", ""))
        timings = {k: float(v) for k, v in dict(metadata.pop("timings", {})).items()}
        return cls(
            steps=steps,
            instruction=episode.instruction,
            task_id=episode.task_id,
            family=episode.family,
            success=episode.success,
            worker_id=worker_id,
            timings=timings,
            metadata=metadata,
            final_observation=kept,
        )


def with_history(
    info: Mapping[str, Any], previous_actions: Sequence[str], history: int = 4
) -> dict:
    """`info` with the last `history` action texts added: what a policy is handed each step."""
    recent = list(previous_actions[-history:]) if history > 0 else []
    return {**info, HISTORY_KEY: recent}


def env_info(step: Step, previous_actions: Sequence[str], history: int) -> dict[str, Any]:
    """The info dict a policy received at `step`: env info, UI XML and recent action texts."""
    return with_history({**step.info, "ui_xml": step.ui_xml}, previous_actions, history)


def sanitize_info(info: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-safe part of an env info dict, without the UI XML and the action history."""
    return json_safe({k: v for k, v in info.items() if k not in ("ui_xml", HISTORY_KEY)})
