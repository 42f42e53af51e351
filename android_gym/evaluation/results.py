"""The results directory of an evaluation (docs/evaluation.md): writing it as episodes end,
resuming it, and reading it back with clear errors.

```
DIR/results.json    what was evaluated, under which protocol, the metrics (`complete` at the end)
DIR/episodes.jsonl  one line per episode, appended as each ends (AndroidWorld's keys and ours)
DIR/per_task.csv    AndroidWorld's aggregation columns, one row per task
DIR/episodes/<name> each recorded episode in the episode format (docs/episode-format.md)
```

One writer serves `android-gym evaluate` and every `distrl` evaluation.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from android_gym.evaluation.stats import summarize

FORMAT_NAME = "android_gym.results"
FORMAT_VERSION = 1
RESULTS_FILE = "results.json"
EPISODES_FILE = "episodes.jsonl"
PER_TASK_FILE = "per_task.csv"
EPISODES_DIR = "episodes"
PER_TASK_COLUMNS = (
    "task_template", "num_complete_trials", "mean_success_rate", "mean_episode_length",
    "total_runtime_s", "num_fail_trials", "family", "goal",
)  # fmt: skip
"""AndroidWorld's columns (suite_utils.process_episodes; task_template is our task id), then
the family and the instruction."""
IDENTITY = ("agent", "benchmark", "protocol")
"""The parts of results.json that must match for an evaluation to be resumed into DIR."""


class ResultsError(ValueError):
    """A results directory that cannot be read or resumed; the message says why."""


def episode_name(task_index: int, seed: int, trial: int) -> str:
    """The recording's folder name, e.g. "000003-s0-t0"."""
    return f"{task_index:06d}-s{seed}-t{trial}"


def episode_key(record: Mapping[str, Any]) -> tuple[int, int, int]:
    """(task_index, seed, trial): what identifies an episode of an evaluation."""
    return int(record["task_index"]), int(record["seed"]), int(record["trial"])


def software_versions() -> dict[str, Any]:
    """Python, the packages that decide a result, and the git commit of the checkout (if any)."""
    packages = {}
    for name in ("android-gym", "gymnasium", "numpy", "pillow", "torch", "transformers"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "git_commit": _git_commit(),
    }


def _git_commit() -> str | None:
    here = Path(__file__).resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=5, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    dirty = subprocess.run(
        ["git", "-C", str(here), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True, text=True, timeout=5, check=False,
    ).stdout.strip()  # fmt: skip
    return done.stdout.strip() + ("-dirty" if dirty else "")


def read_episodes(path: Path, *, repair: bool = False) -> list[dict[str, Any]]:
    """The records of episodes.jsonl. A torn last line (no newline: a crash mid-write) is
    passed over, and cut from the file when `repair`; a line that is not JSON before it is an
    error."""
    if not path.exists():
        return []
    data = path.read_bytes()
    body_end = data.rfind(b"\n") + 1
    records = []
    for number, line in enumerate(data[:body_end].split(b"\n"), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                raise ResultsError(f"{path}: line {number} is not JSON") from None
    if body_end < len(data) and repair:
        with open(path, "r+b") as out:
            out.truncate(body_end)
    return records


def read_results(directory: str | Path) -> dict[str, Any]:
    """results.json of a results directory, checked: a missing directory, another kind of
    file, a truncated file or a newer format version raise `ResultsError`."""
    root = Path(directory)
    path = root / RESULTS_FILE
    if not root.is_dir():
        raise ResultsError(f"{root}: no such directory")
    if not path.is_file():
        raise ResultsError(f"{root}: not a results directory (no {RESULTS_FILE})")
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultsError(f"{path}: not valid JSON (truncated or damaged?): {exc}") from None
    if not isinstance(results, dict) or results.get("format") != FORMAT_NAME:
        raise ResultsError(f"{path}: not an {FORMAT_NAME} file")
    version = results.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ResultsError(
            f"{path}: format version {version!r}; this android_gym reads versions up to "
            f"{FORMAT_VERSION} (a newer android_gym wrote it: upgrade to read it)"
        )
    missing = [k for k in (*IDENTITY, "metrics") if not isinstance(results.get(k), dict)]
    if missing:
        raise ResultsError(f"{path}: lacks {', '.join(missing)}")
    return results


@dataclass
class ResultsWriter:
    """Writes (or resumes) one results directory.

    `identity` holds `agent`, `benchmark` and `protocol` (see RESULTS-FORMAT in the docs).
    Opening a directory that holds an evaluation with the same identity resumes it: its
    episodes stay (`done` lists their keys) and only the others are run; a different identity is
    a `ResultsError`, so two protocols never mix in one directory.
    """

    directory: Path
    identity: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)
    previous_wall_clock_s: float = 0.0

    @classmethod
    def open(cls, directory: str | Path, identity: Mapping[str, Any]) -> ResultsWriter:
        root = Path(directory)
        identity = json.loads(json.dumps(dict(identity)))  # plain JSON, as it will be compared
        writer = cls(root, identity)
        if (root / RESULTS_FILE).exists():
            old = read_results(root)
            for key in IDENTITY:
                if old[key] != identity[key]:
                    raise ResultsError(
                        f"{root} holds another evaluation ({key} differs: {old[key]} here, "
                        f"{identity[key]} asked); choose another output directory"
                    )
            writer.records = read_episodes(root / EPISODES_FILE, repair=True)
            writer.previous_wall_clock_s = float(old["metrics"].get("wall_clock_s") or 0.0)
        elif root.exists() and any(root.iterdir()):
            raise ResultsError(f"{root} exists and is not a results directory; choose another")
        root.mkdir(parents=True, exist_ok=True)
        (root / EPISODES_FILE).touch()
        writer.finish(session_s=0.0, complete=False)
        return writer

    @property
    def done(self) -> set[tuple[int, int, int]]:
        return {episode_key(r) for r in self.records}

    def episode_dir(self, task_index: int, seed: int, trial: int, *, create: bool = True) -> Path:
        """The folder of an episode's recording; with `create`, emptied (a partial one from an
        interrupted run is removed)."""
        path = self.directory / EPISODES_DIR / episode_name(task_index, seed, trial)
        if create:
            if path.exists():
                shutil.rmtree(path)
            path.mkdir(parents=True)
        return path

    def add(self, record: Mapping[str, Any]) -> None:
        """Appends one ended episode to episodes.jsonl (one line, flushed)."""
        line = json.dumps(dict(record), ensure_ascii=False)
        with open(self.directory / EPISODES_FILE, "a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
        self.records.append(dict(record))

    def finish(
        self,
        *,
        session_s: float,
        complete: bool,
        oracle_steps: Mapping[tuple[int, int], int] | None = None,
    ) -> dict[str, Any]:
        """Writes results.json (atomically) and per_task.csv from the episodes so far."""
        wall = self.previous_wall_clock_s + session_s
        trials = int(self.identity["protocol"].get("trials", 1))
        metrics, families = summarize(
            self.records, trials=trials, wall_clock_s=wall, oracle_steps=oracle_steps
        )
        results = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            **self.identity,
            "metrics": metrics,
            "per_family": families,
            "software": software_versions(),
            "complete": complete,
        }
        _write_atomic(self.directory / RESULTS_FILE, json.dumps(results, indent=1))
        write_per_task(self.directory / PER_TASK_FILE, self.records)
        return results


def write_per_task(path: Path, records: Sequence[Mapping[str, Any]]) -> None:
    """per_task.csv: AndroidWorld's aggregation of the episodes, one row per task."""
    by_task: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in records:
        by_task[str(r["task_template"])].append(r)
    with open(path, "w", newline="", encoding="utf-8") as out:
        table = csv.writer(out)
        table.writerow(PER_TASK_COLUMNS)
        for task, runs in sorted(by_task.items()):
            n = len(runs)
            table.writerow([
                task,
                n,
                sum(bool(r["is_successful"]) for r in runs) / n,
                sum(int(r["episode_length"]) for r in runs) / n,
                round(sum(float(r["run_time"]) for r in runs), 1),
                sum(1 for r in runs if r.get("exception_info")),
                runs[0]["family"],
                runs[0]["goal"],
            ])  # fmt: skip


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
