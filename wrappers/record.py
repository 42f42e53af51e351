"""Recording episodes in the open episode format (docs/episode-format.md), as they run.

Every step's screenshot (PNG), action, reward, UI XML and info go to one directory per
episode, written by `android_gym.recording.EpisodeWriter`, so `read_episode` and
`distrl_agent.trajectory.Trajectory.from_episode` read them back as demonstrations.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gymnasium as gym

from android_gym.actions import Action
from android_gym.recording import EpisodeWriter


class RecordEpisodes(gym.Wrapper):
    """Writes each episode to `directory/<prefix>NNNNNN/`.

    Put it right around the environment (below resizing and action wrappers) to keep the full
    screenshots and the actions as the environment received them; actions of other types (an
    index of `DiscreteActions`, say) are recorded as the environment applied them
    (`info["action"]`). Episode numbers are claimed by creating the directory, so vector
    sub-envs sharing one `directory` never collide. An episode is closed when it terminates or
    is truncated; one left unfinished (reset or close mid-episode) stays `complete: false`.
    """

    def __init__(
        self,
        env: gym.Env,
        directory: str | Path,
        metadata: Mapping[str, Any] | None = None,
        prefix: str = "episode_",
    ) -> None:
        super().__init__(env)
        self.directory = Path(directory)
        self.metadata = dict(metadata or {})
        self.prefix = prefix
        self.episodes: list[Path] = []
        self._writer: EpisodeWriter | None = None
        self._next = 0

    def reset(self, **kwargs: Any):
        obs, info = self.env.reset(**kwargs)
        self._writer = EpisodeWriter(self._claim(), metadata=self.metadata)
        self._writer.reset(obs, info)
        return obs, info

    def step(self, action: Any):
        obs, reward, terminated, truncated, info = self.env.step(action)
        if self._writer is not None:
            sent = action if isinstance(action, (Action, str, Mapping)) else None
            if sent is None and info.get("action"):
                sent = Action.from_dict(json.loads(info["action"]))
            self._writer.step(sent, obs, reward, terminated, truncated, info)
            if terminated or truncated:
                self._writer.close()
                self._writer = None
        return obs, reward, terminated, truncated, info

    def _claim(self) -> Path:
        """A new episode directory, created here so that no other writer can take it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:
            path = self.directory / f"{self.prefix}{self._next:06d}"
            self._next += 1
            try:
                path.mkdir()
            except FileExistsError:
                continue
            self.episodes.append(path)
            return path
