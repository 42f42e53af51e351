"""Every instruction the project knows, parsed: a JSON line per instruction (for comparing two
versions of the parser; issue 13).

Instructions: the paraphrase files given (default: the tuned split and dev2), the AitW lists in
`--aitw` (one instruction a line; skipped when the folder is absent) and the built-in suites'
tasks. Each line: {"text", "family", "params"} or {"text", "unsupported", "planned"}.

    python benchmarks/parse_outputs.py > before.jsonl   # on one version
    python benchmarks/parse_outputs.py > after.jsonl    # on the other
    diff before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from android_gym.errors import UnsupportedTask
from android_gym.families import resolve
from android_gym.tasks import available_suites, load_suite

DATA = Path(__file__).resolve().parents[1] / "tests" / "android_gym" / "data" / "paraphrases"


def instructions(splits: list[str], aitw: Path) -> list[str]:
    """The texts to parse, in a fixed order, without repeats."""
    texts: list[str] = []
    for split in splits:
        path = DATA / f"{split}.yaml"
        if path.is_file():
            texts += [row["text"] for row in yaml.safe_load(path.read_text(encoding="utf-8"))]
    if aitw.is_dir():
        for path in sorted(aitw.glob("*.txt")):
            texts += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    for suite in available_suites():
        for split in ("train", "test"):
            texts += [task.instruction for task in load_suite(suite, split)]
    return list(dict.fromkeys(t for t in texts if t))


def parsed(text: str) -> dict:
    try:
        family, params = resolve(text)
    except UnsupportedTask as exc:
        return {"text": text, "unsupported": str(exc), "planned": exc.planned}
    return {"text": text, "family": family.name, "params": params}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["tuned", "dev2"])
    parser.add_argument("--aitw", type=Path, default=Path("/work/shared/aitw"))
    args = parser.parse_args()
    if any(s.startswith("heldout") for s in args.splits):
        print("held-out splits are evaluated by parse_paraphrases.py only", file=sys.stderr)
        return 2
    for text in instructions(args.splits, args.aitw):
        print(json.dumps(parsed(text), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
