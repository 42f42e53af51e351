"""The open on-disk episode format: one directory per episode, JSON lines and PNG frames.

An episode directory holds:

- ``episode.json``: what the episode was (instruction, task, screen size, outcome, the final
  observation) plus free-form ``metadata``. Written at `EpisodeWriter.reset` and rewritten at
  `EpisodeWriter.close`, so a crashed run still leaves a readable (partial) episode.
- ``steps.jsonl``: one JSON object per step, appended as the episode runs. Line ``t`` holds the
  observation the agent acted on (its frame, UI hierarchy and info), the action, and what the step
  returned (reward, terminated, truncated, invalid flag and reason, success, info), plus an
  ``extra`` dict for consumers' own per-step fields (distrl_agent keeps behaviour log-probs there).
- ``frames/NNNNNN.png``: the screenshots, frame ``t`` being the observation before step ``t``.

No pickle anywhere: only JSON, PNG and plain numpy. See docs/episode-format.md.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from android_gym.actions import Action

logger = logging.getLogger(__name__)

FORMAT_NAME = "android_gym.episode"
FORMAT_VERSION = 1
EPISODE_FILE = "episode.json"
STEPS_FILE = "steps.jsonl"
FRAMES_DIR = "frames"


def json_safe(value: Any) -> Any:
    """`value` converted to plain JSON types; what cannot be converted is dropped (None).

    Env info dicts carry numpy scalars, tuples and sometimes objects; a recording keeps what JSON
    can say and leaves out the rest rather than failing mid-episode.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist()) if value.size <= 4096 else None
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            converted = json_safe(item)
            if converted is not None or item is None:
                out[str(key)] = converted
        return out
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if isinstance(value, Action):
        return value.to_dict()
    logger.debug("dropping %s value from a recording: not JSON-serialisable", type(value).__name__)
    return None


def _info_without_xml(info: Mapping[str, Any]) -> dict[str, Any]:
    return json_safe({k: v for k, v in info.items() if k != "ui_xml"})


@dataclass
class RecordedObservation:
    """One observation as recorded: its frame (loaded on demand), UI hierarchy and env info."""

    screenshot_path: Path
    instruction: str
    ui_xml: str
    info: dict[str, Any] = field(default_factory=dict)

    def load_screenshot(self) -> np.ndarray:
        """The frame as uint8[H, W, 3]."""
        with Image.open(self.screenshot_path) as image:
            return np.asarray(image.convert("RGB"), dtype=np.uint8)

    def as_env(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The `(obs, info)` pair the environment returned, rebuilt from the recording."""
        obs = {"screenshot": self.load_screenshot(), "instruction": self.instruction}
        return obs, {**self.info, "ui_xml": self.ui_xml}


@dataclass
class RecordedStep:
    """One step: the observation acted on, the action, and what the step returned."""

    t: int
    observation: RecordedObservation
    action: Action | None
    action_text: str | None
    reward: float
    terminated: bool
    truncated: bool
    invalid_action: bool
    success: bool
    info: dict[str, Any]
    extra: dict[str, Any]
    invalid_reason: str = ""


@dataclass
class RecordedEpisode:
    """A whole recorded episode (see the module docstring for the layout)."""

    path: Path
    instruction: str
    task_id: str
    family: str
    screen_size: tuple[int, int] | None
    success: bool
    complete: bool
    steps: list[RecordedStep]
    final_observation: RecordedObservation | None
    metadata: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    """What a lenient read (`read_episode(..., strict=False)`) skipped, one sentence each."""

    def __len__(self) -> int:
        return len(self.steps)


class EpisodeWriter:
    """Writes one episode directory as the episode runs.

    Call `reset(obs, info)` with what `env.reset` returned, `step(...)` after every `env.step`,
    then `close()`. Usable as a context manager (closing on exit).
    """

    def __init__(self, directory: str | Path, *, metadata: Mapping[str, Any] | None = None) -> None:
        self.directory = Path(directory)
        self.metadata: dict[str, Any] = json_safe(dict(metadata or {}))
        self._header: dict[str, Any] = {}
        self._pending: dict[str, Any] | None = None
        self._steps = 0
        self._total_reward = 0.0
        self._ended = {"success": False, "terminated": False, "truncated": False}
        self._closed = False

    def __enter__(self) -> EpisodeWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._closed and self._header:
            self.close()

    def reset(self, obs: Mapping[str, Any], info: Mapping[str, Any]) -> None:
        """Starts the episode with the first observation (and writes a partial episode.json)."""
        if self._header:
            raise RuntimeError(f"episode {self.directory} was already started; use a new writer")
        (self.directory / FRAMES_DIR).mkdir(parents=True, exist_ok=True)
        (self.directory / STEPS_FILE).write_text("")
        size = info.get("screen_size")
        self._header = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "instruction": str(obs.get("instruction", info.get("instruction", ""))),
            "task_id": str(info.get("task_id", "")),
            "family": str(info.get("family", "")),
            "screen_size": [int(v) for v in size] if size is not None else None,
        }
        self._pending = self._write_observation(obs, info)
        self._write_header(complete=False, final=None)

    def step(
        self,
        action: Action | str | Mapping[str, Any] | None,
        obs: Mapping[str, Any] | None,
        reward: float,
        terminated: bool,
        truncated: bool,
        info: Mapping[str, Any],
        *,
        action_text: str | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """Records one `env.step`: the action sent and everything the step returned.

        `action` may be an `Action`, the string or dict sent to the environment, or None;
        strings are kept verbatim in `action_text` and parsed when they can be. `obs` may be None
        on the last step when the observation after it is not kept (no final observation).
        """
        if self._pending is None:
            raise RuntimeError("call reset(obs, info) before step(...), and no step after obs=None")
        parsed, text = _split_action(action)
        record = {
            "t": self._steps,
            "observation": self._pending,
            "action": parsed.to_dict() if parsed is not None else None,
            "action_text": action_text if action_text is not None else text,
            "reward": float(reward),
            "terminated": bool(terminated),
            "truncated": bool(truncated),
            "invalid_action": bool(info.get("invalid_action", False)),
            "invalid_reason": str(info.get("invalid_reason", "")),
            "success": bool(info.get("success", False)),
            "info": _info_without_xml(info),
            "extra": json_safe(dict(extra or {})),
        }
        with open(self.directory / STEPS_FILE, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._steps += 1
        self._total_reward += float(reward)
        self._ended = {
            "success": self._ended["success"] or record["success"],
            "terminated": bool(terminated),
            "truncated": bool(truncated),
        }
        self._pending = None if obs is None else self._write_observation(obs, info)

    def close(self, metadata: Mapping[str, Any] | None = None) -> Path:
        """Finishes the episode: writes episode.json with the outcome and the final observation."""
        if not self._header:
            raise RuntimeError("call reset(obs, info) before close()")
        self.metadata.update(json_safe(dict(metadata or {})))
        self._write_header(complete=True, final=self._pending)
        self._closed = True
        return self.directory

    def _write_observation(self, obs: Mapping[str, Any], info: Mapping[str, Any]) -> dict[str, Any]:
        frame = f"{FRAMES_DIR}/{self._steps:06d}.png"
        screenshot = np.asarray(obs["screenshot"], dtype=np.uint8)
        Image.fromarray(screenshot).save(self.directory / frame, compress_level=1)
        return {
            "screenshot": frame,
            "ui_xml": str(info.get("ui_xml", "")),
            "info": _info_without_xml(info),
        }

    def _write_header(self, *, complete: bool, final: dict[str, Any] | None) -> None:
        header = {
            **self._header,
            "num_steps": self._steps,
            "total_reward": self._total_reward,
            **self._ended,
            "complete": complete,
            "final_observation": final,
            "metadata": self.metadata,
        }
        path = self.directory / EPISODE_FILE
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(header, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)


def _split_action(
    action: Action | str | Mapping[str, Any] | None,
) -> tuple[Action | None, str | None]:
    """The parsed action (None when it does not parse) and its text form."""
    if action is None:
        return None, None
    if isinstance(action, Action):
        return action, action.to_autoui()
    try:
        if isinstance(action, str):
            return Action.parse(action), action
        return Action.from_dict(dict(action)), json.dumps(json_safe(dict(action)))
    except ValueError:
        text = action if isinstance(action, str) else json.dumps(json_safe(dict(action)))
        return None, text


def _observation(root: Path, data: Mapping[str, Any], instruction: str) -> RecordedObservation:
    return RecordedObservation(
        screenshot_path=root / data["screenshot"],
        instruction=instruction,
        ui_xml=data.get("ui_xml", ""),
        info=dict(data.get("info", {})),
    )


def read_episode(directory: str | Path, *, strict: bool = True) -> RecordedEpisode:
    """Reads an episode directory written by `EpisodeWriter` (frames stay on disk until used).

    A line of steps.jsonl that cannot be read (a run killed mid-write leaves a torn last line)
    raises, unless `strict` is False: then it is skipped and described in `problems`, so viewers
    can show what there is.
    """
    root = Path(directory)
    header = json.loads((root / EPISODE_FILE).read_text(encoding="utf-8"))
    if header.get("format") != FORMAT_NAME:
        raise ValueError(f"{root / EPISODE_FILE} is not an {FORMAT_NAME} file")
    if int(header.get("version", 0)) > FORMAT_VERSION:
        raise ValueError(
            f"{root} has episode format version {header['version']}; this reader knows "
            f"versions up to {FORMAT_VERSION}"
        )
    instruction = header["instruction"]
    steps, problems = [], []
    with open(root / STEPS_FILE, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                steps.append(_step(root, json.loads(line), instruction))
            except (ValueError, KeyError, TypeError) as exc:
                if strict:
                    raise
                problems.append(f"{STEPS_FILE} line {number} skipped: {type(exc).__name__}: {exc}")
    final = header.get("final_observation")
    size = header.get("screen_size")
    return RecordedEpisode(
        path=root,
        instruction=instruction,
        task_id=header.get("task_id", ""),
        family=header.get("family", ""),
        screen_size=(int(size[0]), int(size[1])) if size else None,
        success=bool(header.get("success", False)),
        complete=bool(header.get("complete", False)),
        steps=steps,
        final_observation=_observation(root, final, instruction) if final else None,
        metadata=dict(header.get("metadata", {})),
        problems=problems,
    )


def _step(root: Path, data: Mapping[str, Any], instruction: str) -> RecordedStep:
    return RecordedStep(
        t=int(data["t"]),
        observation=_observation(root, data["observation"], instruction),
        action=Action.from_dict(data["action"]) if data.get("action") else None,
        action_text=data.get("action_text"),
        reward=float(data["reward"]),
        terminated=bool(data["terminated"]),
        truncated=bool(data["truncated"]),
        invalid_action=bool(data.get("invalid_action", False)),
        success=bool(data.get("success", False)),
        info=dict(data.get("info", {})),
        extra=dict(data.get("extra", {})),
        invalid_reason=str(data.get("invalid_reason", "")),
    )


def iter_episodes(root: str | Path) -> Iterator[RecordedEpisode]:
    """Every episode directory under `root` (itself included), in sorted path order."""
    for header in sorted(Path(root).rglob(EPISODE_FILE)):
        yield read_episode(header.parent)
