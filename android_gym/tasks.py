"""Tasks and task suites.

A `Task` is an instruction with its family and parameters. Suites are YAML files under the
top-level `tasks/` folder of a source checkout (shipped as `android_gym/suites/` in the wheel):
`tasks/<suite>/<split>.yaml`. AitW-format files (one instruction a line) load with
`load_task_file`, which reports every line it cannot run and why.
"""

from __future__ import annotations

import logging
import operator
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from android_gym import families
from android_gym.errors import InvalidChoice, InvalidTask, TaskFileError, UnsupportedTask, quote
from android_gym.spaces import check_instruction

log = logging.getLogger(__name__)

SPLITS = ("train", "test")
DEFAULT_MAX_STEPS = 10
"""Horizon of General tasks, as in DigiRL (the DistRL protocol uses 15)."""
SUITE_MAX_STEPS = {"web_shopping": 20}
"""Horizons of the other suites (Web Shopping: 20, the DistRL protocol)."""


def suite_max_steps(suite: str) -> int:
    """The horizon of `suite`'s tasks (also of task files and instructions run in its env)."""
    return SUITE_MAX_STEPS.get(suite, DEFAULT_MAX_STEPS)


def check_horizon(value: Any, what: str) -> int:
    """`value` as a horizon: a whole number of steps, at least one; else `InvalidTask`."""
    try:
        if isinstance(value, bool):
            raise TypeError
        steps = operator.index(value)
    except TypeError:
        steps = 0
    if steps < 1:
        raise InvalidTask(f"{what} must be a whole number of steps >= 1, got {quote(value)}")
    return steps


@dataclass(frozen=True)
class Task:
    """One task: what to ask, which family judges it, and with which parameters.

    The instruction is what observations carry, so it holds 1 to `MAX_INSTRUCTION` characters
    (`android_gym.spaces`);
    `max_steps` is at least 1. Anything else raises `InvalidTask` here, where a task is made,
    not in a vector env's worker at reset."""

    instruction: str
    family: str
    params: dict[str, Any] = field(hash=False, compare=True)
    id: str = ""
    max_steps: int = DEFAULT_MAX_STEPS

    def __post_init__(self) -> None:
        check_instruction(self.instruction)
        object.__setattr__(self, "max_steps", check_horizon(self.max_steps, "max_steps"))


@dataclass(frozen=True)
class SkippedLine:
    """A line of a task file that could not become a task (in a suite YAML, `line` is the
    task's position in `tasks`, from 0)."""

    line: int
    text: str
    reason: str
    planned: str | None = None


@dataclass(frozen=True)
class TaskFile:
    """The tasks of a task file and the lines it skipped (with reasons)."""

    tasks: list[Task]
    skipped: list[SkippedLine]

    def summary(self) -> str:
        """A short report: how many tasks loaded, and the skipped lines grouped by reason."""
        out = [f"{len(self.tasks)} tasks loaded, {len(self.skipped)} lines skipped"]
        for s in self.skipped:
            out.append(f"  line {s.line}: {quote(s.text)}: {s.reason}")
        return "\n".join(out)


def suites_dir() -> Path:
    """Where the built-in suite YAML files live: inside the installed package, else the source
    checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "suites"
    return installed if installed.is_dir() else package.parent / "tasks"


SUITES_ENV = "ANDROID_GYM_SUITES"
"""An environment variable of folders (separated by `os.pathsep`) holding users' suites."""
_ADDED_DIRS: list[Path] = []


def add_suites_dir(folder: str | Path) -> None:
    """Adds a folder of suites (`FOLDER/<suite>/<split>.yaml`), searched before the built-in
    ones. A plug-in calls it so that every process of a run finds the suites; setting
    `ANDROID_GYM_SUITES` does the same for child processes."""
    path = Path(folder).resolve()
    if not path.is_dir():
        raise TaskFileError(f"suite folder {folder} does not exist")
    if path not in _ADDED_DIRS:
        _ADDED_DIRS.insert(0, path)


def suite_dirs() -> list[Path]:
    """The folders searched for suites, first match wins: `ANDROID_GYM_SUITES`, the folders
    `add_suites_dir` added, the built-in suites."""
    from_env = [Path(p) for p in os.environ.get(SUITES_ENV, "").split(os.pathsep) if p]
    return [*from_env, *_ADDED_DIRS, suites_dir()]


def available_suites() -> list[str]:
    """Every suite name found in `suite_dirs()`."""
    return sorted({p.name for d in suite_dirs() if d.is_dir() for p in d.iterdir() if p.is_dir()})


def _task_id(prefix: str, instruction: str) -> str:
    return f"{prefix}/{zlib.crc32(instruction.encode('utf-8')):08x}"


def parse_instruction(
    instruction: str, max_steps: int = DEFAULT_MAX_STEPS, task_id: str | None = None
) -> Task:
    """The task for a free-text instruction; raises `UnsupportedTask` saying why not (an
    `InvalidTask` for one longer than `MAX_INSTRUCTION` characters, refused before it is read,
    so every parse takes bounded time)."""
    text = " ".join(instruction.split()) if isinstance(instruction, str) else instruction
    family, params = families.resolve(check_instruction(text))
    return Task(text, family.name, params, task_id or _task_id("custom", text), max_steps)


def explain_instruction(instruction: str) -> families.Explanation:
    """How `instruction` is read, for debugging task lists: the words as read, the family and
    parameters (or why it is unsupported), the cues and values found, and why every other
    intent declined. `str()` of the result is a readable report."""
    return families.explain(instruction)


def load_suite(suite: str, split: str = "test") -> list[Task]:
    """The tasks of `<suite>/<split>.yaml` in the first of `suite_dirs()` that has the suite
    (the built-in `tasks/<suite>/<split>.yaml`, or a user's folder)."""
    folder = next((d / suite for d in suite_dirs() if (d / suite).is_dir()), None)
    if folder is None:
        raise InvalidChoice("suite", suite, available_suites())
    if split not in SPLITS:
        raise InvalidChoice("split", split, SPLITS)
    return _load_yaml(folder / f"{split}.yaml", f"{suite}/{split}")


def _read_text(path: Path) -> str:
    """The text of a task file. One that is not UTF-8 text (a binary file, another encoding)
    is refused with `TaskFileError` naming the file and the first line that is not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TaskFileError(f"cannot read task file {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TaskFileError(
            f"{path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); a task file "
            "is UTF-8 text: one instruction a line, or a suite YAML"
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise TaskFileError(
            f"{path}, line {text.count(chr(10), 0, nul) + 1}: a NUL character, so a binary file; "
            "a task file is UTF-8 text: one instruction a line, or a suite YAML"
        )
    return text


def _load_yaml(path: Path, prefix: str, skipped: list[SkippedLine] | None = None) -> list[Task]:
    """The tasks of a suite YAML; an unsupported instruction raises `TaskFileError`, or with
    a `skipped` list is noted there and left out."""
    try:
        data = yaml.safe_load(_read_text(path))
    except yaml.YAMLError as exc:
        raise TaskFileError(f"cannot read suite {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), list):
        raise TaskFileError(f"{path}: expected a mapping with a 'tasks' list")
    try:
        max_steps = check_horizon(
            data.get("max_steps", suite_max_steps(str(data.get("suite", "")))), "max_steps"
        )
    except InvalidTask as exc:
        raise TaskFileError(f"{path}: {exc}") from None
    tasks = []
    for i, entry in enumerate(data["tasks"]):
        entry = {"instruction": entry} if isinstance(entry, str) else entry
        if not isinstance(entry, dict) or "instruction" not in entry:
            raise TaskFileError(f"{path}: task {i} needs an 'instruction'")
        try:
            steps = check_horizon(entry.get("max_steps", max_steps), "max_steps")
        except InvalidTask as exc:  # a file's error, never a skipped instruction
            raise TaskFileError(f"{path}: task {i}: {exc}") from None
        try:
            task = parse_instruction(entry["instruction"], steps, f"{prefix}/{i:04d}")
        except UnsupportedTask as exc:
            if skipped is None:
                raise TaskFileError(f"{path}: task {i}: {exc}") from None
            skipped.append(SkippedLine(i, str(entry["instruction"]), str(exc), exc.planned))
            continue
        if entry.get("family", task.family) != task.family:
            raise TaskFileError(
                f"{path}: task {i} says family {quote(entry['family'])} but parses as "
                f"{task.family!r}"
            )
        tasks.append(task)
    return tasks


def load_task_file(
    path: str | Path, max_steps: int = DEFAULT_MAX_STEPS, *, strict: bool = False
) -> TaskFile:
    """Tasks from a file: a suite YAML, or an AitW list (one instruction a line).

    In both forms, lines (YAML tasks) that no available family can run are returned in
    `skipped` with the reason (an intent planned for later says which), never dropped
    silently; with `strict` the first one raises `TaskFileError` instead.
    """
    path = Path(path)
    if not path.is_file():
        raise TaskFileError(f"task file {path} does not exist")
    skipped: list[SkippedLine] = []
    if path.suffix in (".yaml", ".yml"):
        return TaskFile(_load_yaml(path, path.stem, None if strict else skipped), skipped)
    tasks = []
    for number, raw in enumerate(_read_text(path).splitlines(), start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        try:
            tasks.append(parse_instruction(text, max_steps, f"{path.stem}/{number:04d}"))
        except UnsupportedTask as exc:
            if strict:
                raise TaskFileError(f"{path}, line {number}: {exc}") from None
            skipped.append(SkippedLine(number, text, str(exc), exc.planned))
    return TaskFile(tasks, skipped)


def family_weights(path: str | Path) -> dict[str, int]:
    """How many lines of a task list (an AitW file) each family reads: the proportions a
    generated suite can follow (lines that no family reads are left out)."""
    counts: dict[str, int] = {}
    for task in load_task_file(path).tasks:
        counts[task.family] = counts.get(task.family, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _quotas(names: list[str], count: int, weights: dict[str, int]) -> dict[str, int]:
    """Tasks per family: one for every family (so that each is tested), the rest of `count`
    shared in proportion to `weights` by largest remainders."""
    rest = max(0, count - len(names))
    total = sum(weights.get(n, 0) for n in names) or 1
    share = {n: rest * weights.get(n, 0) / total for n in names}
    quotas = {n: 1 + int(v) for n, v in share.items()}
    by_remainder = sorted(names, key=lambda n: (int(share[n]) - share[n], names.index(n)))
    for n in by_remainder[: max(0, count - sum(quotas.values()))]:
        quotas[n] += 1
    return quotas


def generate_suite(
    suite: str, split: str, count: int, seed: int = 0, weights: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """New distinct instructions of `suite`'s families for `split`.

    Families take turns; with `weights` (lines per family, see `family_weights`) each family
    gets its share of `count` instead of an equal one. Test instructions use parameter values
    that train ones never use (see `pools.Pool.split`). Returns YAML-ready entries
    (`instruction`, `family`).
    """
    rng = np.random.default_rng(seed)
    members = [
        f for f in families.families().values() if f.suite == suite and f.name != "web_search"
    ]
    if not members:
        raise InvalidChoice("suite", suite, {f.suite for f in families.families().values()})
    quota = (
        _quotas([f.name for f in members], count, weights)
        if weights
        else {f.name: count for f in members}
    )
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    misses = dict.fromkeys(quota, 0)
    attempts = 0
    while len(out) < count and attempts < count * 50:
        open_members = [f for f in members if quota[f.name] > 0]
        if not open_members:
            break
        family = open_members[attempts % len(open_members)]
        attempts += 1
        instruction, _ = family.sample(rng, split)
        if instruction in seen:
            misses[family.name] += 1
            if misses[family.name] >= _EXHAUSTED:
                _hand_over(family.name, quota, weights or {}, misses)
            continue
        try:
            reads_as = families.resolve(instruction)[0].name
        except UnsupportedTask as exc:
            reads_as = f"nothing ({exc})"
        if reads_as != family.name:
            log.warning("sampled instruction %r reads as %s; skipped", instruction, reads_as)
            continue
        seen.add(instruction)
        misses[family.name] = 0
        quota[family.name] -= 1
        out.append({"instruction": instruction, "family": family.name})
    return out


_EXHAUSTED = 200
"""Repeats in a row after which a family is taken to have no new instructions left."""


def _hand_over(name: str, quota: dict[str, int], weights: dict[str, int], misses) -> None:
    """Gives the rest of an exhausted family's quota to the heaviest family not exhausted."""
    heirs = [n for n in quota if n != name and misses[n] < _EXHAUSTED]
    if heirs:
        heir = max(heirs, key=lambda n: weights.get(n, 0))
        quota[heir] += quota[name]
    quota[name] = 0
