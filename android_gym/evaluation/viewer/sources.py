"""What `android-gym view` shows: the episodes of a results directory, a run or a recording.

Accepted inputs, checked in this order:

- a single episode directory (it holds ``episode.json``);
- results directories (``episodes.jsonl``, the format of docs/evaluation.md): the directory
  itself, the results directories right under it, and a distrl run's ``evaluations/<label>/``;
- otherwise every episode directory below it (recordings of `RecordEpisodes`, saved
  trajectories).

Only ``episode.json`` headers and ``episodes.jsonl`` lines are read here, so listing a large run
stays cheap; the pages read the steps.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from android_gym.recording import EPISODE_FILE

EPISODES_LIST = "episodes.jsonl"
RESULTS_FILE = "results.json"
RUN_EVALUATIONS = "evaluations"


class ViewerError(Exception):
    """An input the viewer cannot show, with what it accepts (the CLI prints it, exit 2)."""


@dataclass
class EpisodeEntry:
    """One row of the index: what is known about an episode before its steps are read."""

    key: str
    label: str
    agent: str
    goal: str
    family: str
    task_id: str
    success: bool
    steps: float | None = None
    seed: Any = None
    trial: Any = None
    run_time: float | None = None
    error: str = ""
    episode_dir: Path | None = None
    problem: str = ""
    """Why the episode has no page ("no recording kept", a missing directory), else ""."""


@dataclass
class Collection:
    """The episodes found under one input, and what could not be read while listing them."""

    source: Path
    title: str
    entries: list[EpisodeEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def collect(source: str | Path) -> Collection:
    """Every episode `source` holds (see the module docstring); raises `ViewerError`."""
    root = Path(source)
    if not root.exists():
        raise ViewerError(f"{root} does not exist")
    if not root.is_dir():
        raise ViewerError(
            f"{root} is not a directory; give a results directory, a distrl run directory or "
            "an episode directory"
        )
    collection = Collection(source=root, title=root.resolve().name)
    keys: set[str] = set()
    if (root / EPISODE_FILE).is_file():
        collection.entries.append(_recorded_entry(root, "", keys))
        return collection
    results = _results_dirs(root)
    for directory in results:
        parts = directory.relative_to(root).parts
        label = "/".join(parts[1:] if parts[:1] == (RUN_EVALUATIONS,) else parts)
        _add_results(collection, directory, label, keys)
    if not results:
        for header in sorted(root.rglob(EPISODE_FILE)):
            label = header.parent.parent.relative_to(root).as_posix()
            collection.entries.append(
                _recorded_entry(header.parent, "" if label == "." else label, keys)
            )
    if not results and not collection.entries:
        raise ViewerError(
            f"{root} holds no episodes: expected a results directory ({EPISODES_LIST}), a "
            f"distrl run ({RUN_EVALUATIONS}/<label>/{EPISODES_LIST}) or episode directories "
            f"({EPISODE_FILE})"
        )
    return collection


def _results_dirs(root: Path) -> list[Path]:
    if (root / EPISODES_LIST).is_file():
        return [root]
    found = [*root.glob(f"*/{EPISODES_LIST}"), *root.glob(f"{RUN_EVALUATIONS}/*/{EPISODES_LIST}")]
    return sorted(path.parent for path in found)


def _add_results(collection: Collection, directory: Path, label: str, keys: set[str]) -> None:
    agent = _agent_name(_read_json(directory / RESULTS_FILE, collection.problems).get("agent"))
    text = (directory / EPISODES_LIST).read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError(f"a {type(row).__name__}, not an object")
        except ValueError as exc:
            collection.problems.append(
                f"{directory / EPISODES_LIST} line {number} skipped (not a JSON object: {exc})"
            )
            continue
        collection.entries.append(_results_entry(directory, label, agent, row, keys))


def _results_entry(
    directory: Path, label: str, agent: str, row: dict[str, Any], keys: set[str]
) -> EpisodeEntry:
    relative = row.get("episode_dir")
    episode_dir = directory / relative if isinstance(relative, str) and relative else None
    problem = ""
    if episode_dir is None:
        problem = "no recording kept"
    elif not (episode_dir / EPISODE_FILE).is_file():
        problem = f"recording missing: {episode_dir / EPISODE_FILE} not found"
    name = episode_dir.name if episode_dir is not None else f"episode-{len(keys)}"
    return EpisodeEntry(
        key=_unique_key(f"{label}-{name}" if label else name, keys),
        label=label,
        agent=agent,
        goal=str(row.get("goal", "")),
        family=str(row.get("family", "")),
        task_id=str(row.get("task_id", row.get("task_template", ""))),
        success=bool(row.get("is_successful", False)),
        steps=_number(row.get("episode_length")),
        seed=row.get("seed"),
        trial=row.get("trial"),
        run_time=_number(row.get("run_time")),
        error=str(row.get("exception_info") or ""),
        episode_dir=None if problem else episode_dir,
        problem=problem,
    )


def _recorded_entry(directory: Path, label: str, keys: set[str]) -> EpisodeEntry:
    problems: list[str] = []
    header = _read_json(directory / EPISODE_FILE, problems)
    metadata = header.get("metadata") if isinstance(header.get("metadata"), dict) else {}
    name = f"{label}-{directory.name}" if label else directory.name
    return EpisodeEntry(
        key=_unique_key(name, keys),
        label=label,
        agent=_agent_name(metadata.get("agent")),
        goal=str(header.get("instruction", "")),
        family=str(header.get("family", "")),
        task_id=str(header.get("task_id", "")),
        success=bool(header.get("success", False)),
        steps=_number(header.get("num_steps")),
        seed=metadata.get("seed"),
        error=str(metadata.get("device_fault") or ""),
        episode_dir=directory,
        problem="; ".join(problems),
    )


def _read_json(path: Path, problems: list[str]) -> dict[str, Any]:
    """The JSON object in `path`, or {} with a problem noted when it is absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        problems.append(f"{path} unreadable: {exc}")
        return {}
    return data if isinstance(data, dict) else {}


def _agent_name(agent: Any) -> str:
    """A short name for the `agent` field of results.json or an episode's metadata."""
    if isinstance(agent, dict):
        for key in ("name", "spec", "kind"):
            if agent.get(key):
                return str(agent[key])
        return json.dumps(agent, sort_keys=True)[:80] if agent else ""
    return "" if agent is None else str(agent)


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _unique_key(name: str, keys: set[str]) -> str:
    """A file-name-safe form of `name`, made unique among `keys` (and added to them)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "episode"
    key, n = base, 1
    while key in keys:
        n += 1
        key = f"{base}-{n}"
    keys.add(key)
    return key
