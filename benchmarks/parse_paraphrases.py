"""The instruction parser on the paraphrase set (issue 13): one JSON line.

Per split (tuned, heldout): rows, right / wrong / unsupported (counts and %), the OracleAgent's
solve rate on the correctly parsed rows (on the simulated phone), the query-typing check
(typing the instruction itself as the search query solves a search-family row; an unrelated
query solves none), and the mean parse time per instruction in ms (wall and CPU time). A split
is a file of `tests/android_gym/data/paraphrases/` (tuned, dev2, heldout, ...).

    python benchmarks/parse_paraphrases.py [--splits tuned heldout]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from pathlib import Path

import numpy as np

from android_gym.devices.sim import SimDevice
from android_gym.env import AndroidEnv
from android_gym.errors import UnsupportedTask
from android_gym.families import get, resolve
from android_gym.families.evaluate import Scored, load_rows, score, tally
from android_gym.families.search import SearchFamily
from android_gym.ui import find, parse_ui_xml

DATA = Path(__file__).resolve().parents[1] / "tests" / "android_gym" / "data" / "paraphrases"
UNRELATED = "cheap garden furniture"


def _step(device: SimDevice, action) -> None:
    AndroidEnv._apply(type("E", (), {"device": device})(), action)


def oracle_solves(s: Scored, seed: int, limit: int = 15) -> bool:
    """Whether the family's oracle, reading only the UI, reaches success from the family's
    start (its `setup` after the reset: an installed app, a filled cart)."""
    family, params = get(s.family), s.params
    device = SimDevice()
    device.reset(seed)
    family.setup(device, params, np.random.default_rng(seed))
    start = device.state()
    for _ in range(limit):
        if family.success(params, device.state(), start):
            return True
        _step(device, family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size))
    return family.success(params, device.state(), start)


def typed_query_solves(s: Scored, query: str) -> bool:
    """Whether searching `query` from the home screen's search widget satisfies the row's task."""
    device = SimDevice()
    device.reset(0)
    start = device.state()
    phone = device.phone
    widget = find(parse_ui_xml(phone.ui_xml()), resource_id="search_container_hotseat")[0]
    phone.tap(*widget.center)
    phone.type_text(query)
    phone.press("enter")
    return get(s.family).success(s.params, device.state(), start)


def parse_ms(rows: list[dict], repeats: int = 5, clock=time.perf_counter) -> float:
    """Mean time of one `resolve` (unsupported ones included), after one warm-up pass: wall
    time, or with `clock=time.process_time` this process's CPU time (less swayed by other
    processes on a shared machine)."""
    texts = [r["text"] for r in rows]
    for text in texts:
        _try(text)
    t0 = clock()
    for _ in range(repeats):
        for text in texts:
            _try(text)
    return 1000 * (clock() - t0) / (repeats * len(texts))


def _try(text: str) -> None:
    with contextlib.suppress(UnsupportedTask):
        resolve(text)


def evaluate(split: str) -> dict:
    rows = load_rows(DATA / f"{split}.yaml")
    scored = [score(r) for r in rows]
    out = tally(scored)
    parsed = [s for s in scored if s.verdict == "right" and s.family != "unsupported"]
    solved = [oracle_solves(s, i) for i, s in enumerate(parsed)]
    out["oracle_solved%"] = round(100 * sum(solved) / max(1, len(solved)), 1)
    searches = [s for s in parsed if isinstance(get(s.family), SearchFamily)]
    out["typed_instruction_solves%"] = round(
        100 * sum(typed_query_solves(s, s.row["text"]) for s in searches) / max(1, len(searches)),
        1,
    )
    out["unrelated_query_solves%"] = round(
        100 * sum(typed_query_solves(s, UNRELATED) for s in searches) / max(1, len(searches)), 1
    )
    out["search_rows"] = len(searches)
    out["parse_ms"] = round(parse_ms(rows), 3)
    out["parse_cpu_ms"] = round(parse_ms(rows, clock=time.process_time), 3)
    wrong = [s for s in scored if s.verdict == "wrong"]
    out["wrong_rows"] = [[s.row["text"], s.family, s.params] for s in wrong]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["tuned", "heldout"])
    args = parser.parse_args()
    print(json.dumps({split: evaluate(split) for split in args.splits}))


if __name__ == "__main__":
    main()
