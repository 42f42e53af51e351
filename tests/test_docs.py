"""Docs that cannot rot: every Python block and shell command of README.md and docs/*.md runs
as copied. A block preceded by `<!-- not run: REASON -->` is skipped, with its reason in the
test report (keep those few). Python blocks of one page run in order in one namespace (later
blocks use what earlier ones made), in a fresh process in an empty folder; shell commands run
one by one with bash in such a folder, which links the checkout's configs/, tasks/ and
examples/ so that commands written for the checkout work."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PYTHON, SHELL = ("python", "py"), ("sh", "bash", "shell")
BLOCK = re.compile(
    r"^(?:<!-- not run: (?P<reason>.*?) -->\n)?```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```",
    re.S | re.M,
)
LINKED = ("configs", "tasks", "examples")
TIMEOUT_S = 300


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    lang: str
    body: str
    reason: str | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    """Every Python and shell block of the pages, marked or not."""
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            if m["lang"] in PYTHON + SHELL:
                line = text.count("\n", 0, m.start("body"))
                out.append(Block(page, line, m["lang"], m["body"], m["reason"]))
    return out


def commands(body: str) -> list[str]:
    """The commands of a shell block: continuation lines joined, comments and blanks left out."""
    joined = re.sub(r"\\\n\s*", " ", body)
    out = []
    for raw in joined.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(re.sub(r"\s+#\s.*$", "", line))
    return out


ALL = blocks()
SKIPPED = [b for b in ALL if b.reason is not None]
PYTHON_PAGES = sorted({b.page for b in ALL if b.lang in PYTHON and b.reason is None})
SHELL_COMMANDS = [
    (b, c) for b in ALL if b.lang in SHELL and b.reason is None for c in commands(b.body)
]

RUNNER = """
import json, sys, traceback
namespace = {"__name__": "__docs__"}
for where, code in json.loads(sys.stdin.read()):
    try:
        exec(compile(code, where, "exec"), namespace)
    except BaseException:
        traceback.print_exc()
        print(f"DOCS BLOCK FAILED: {where}", file=sys.stderr)
        sys.exit(1)
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """An empty folder with the checkout's configs/, tasks/ and examples/ linked in."""
    for name in LINKED:
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path


def environment() -> dict[str, str]:
    """This interpreter's scripts first on PATH, this checkout's packages first on the path."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}"
    env.update(MPLBACKEND="Agg", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return env


def test_every_marker_gives_a_reason_and_stands_right_before_a_block():
    markers = sum(p.read_text(encoding="utf-8").count("<!-- not run:") for p in PAGES)
    assert markers == len(SKIPPED), "a marker not right before a python or shell block"
    assert all(b.reason.strip() for b in SKIPPED)


@pytest.mark.parametrize("block", SKIPPED, ids=lambda b: b.where)
def test_marked_block(block: Block):
    pytest.skip(f"{block.where}: not run: {block.reason}")


@pytest.mark.slow  # a page's blocks together take 5 to 100 s on two loaded cores
@pytest.mark.parametrize("page", PYTHON_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_blocks_of_a_page_run_as_copied(page: Path, workdir: Path):
    code = [
        (b.where, b.body) for b in ALL if b.page == page and b.lang in PYTHON and b.reason is None
    ]
    done = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(code),
        cwd=workdir,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr[-4000:]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("block", "command"), SHELL_COMMANDS, ids=[f"{b.where} {c[:40]}" for b, c in SHELL_COMMANDS]
)
def test_shell_commands_run_as_copied(block: Block, command: str, workdir: Path):
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=workdir,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, f"{block.where}: {command}\n{done.stderr[-4000:]}"
