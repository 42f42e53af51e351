"""The parser on the tuned paraphrase set (tests/android_gym/data/paraphrases): never a wrong
parse, and what it parses is solvable by the oracle and judged by its words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sim_driver import tap

from android_gym.devices.sim import SimDevice
from android_gym.families import get, resolve
from android_gym.families.evaluate import load_rows, score, tally
from android_gym.families.search import SearchFamily
from android_gym.ui import parse_ui_xml

TUNED = Path(__file__).parents[1] / "data" / "paraphrases" / "tuned.yaml"
UNRELATED = "cheap garden furniture"


@pytest.fixture(scope="module")
def scored():
    if not TUNED.is_file():
        pytest.skip(f"paraphrase set not found at {TUNED}")
    return [score(row) for row in load_rows(TUNED)]


def test_no_tuned_paraphrase_is_parsed_wrongly(scored) -> None:
    wrong = [(s.row["text"], s.family, s.params) for s in scored if s.verdict == "wrong"]
    assert wrong == []
    assert tally(scored)["right%"] >= 95


@pytest.mark.parametrize("split", ["dev2", "dev3", "dev4"])
def test_no_dev_paraphrase_is_parsed_wrongly(split: str) -> None:
    """dev2.yaml, dev3.yaml, dev4.yaml: development sets (each written before the parser read
    it)."""
    scored = [score(row) for row in load_rows(TUNED.with_name(f"{split}.yaml"))]
    wrong = [(s.row["text"], s.family, s.params) for s in scored if s.verdict == "wrong"]
    assert wrong == []
    assert tally(scored)["right%"] >= 95


def run_oracle(device: SimDevice, family, params, limit: int = 15) -> bool:
    from android_gym.env import AndroidEnv

    start = device.state()
    for _ in range(limit):
        if family.success(params, device.state(), start):
            return True
        action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
        AndroidEnv._apply(type("E", (), {"device": device})(), action)
    return family.success(params, device.state(), start)


def test_the_oracle_solves_correctly_parsed_paraphrases(scored) -> None:
    right = [s for s in scored if s.verdict == "right" and s.family != "unsupported"]
    sample = np.random.default_rng(13).choice(len(right), size=min(40, len(right)), replace=False)
    solved = []
    for i in sample:
        device = SimDevice()
        device.reset(int(i))
        family, params = resolve(right[i].row["text"])
        solved.append(run_oracle(device, family, params))
    assert sum(solved) / len(solved) >= 0.98


def search(device: SimDevice, query: str) -> None:
    tap(device.phone, resource_id="search_container_hotseat")
    device.phone.type_text(query)
    device.phone.press("enter")


def test_typing_the_instruction_solves_search_rows_and_an_unrelated_query_none(scored) -> None:
    parsed = [s for s in scored if s.verdict == "right" and s.family != "unsupported"]
    searches = [s for s in parsed if isinstance(get(s.family), SearchFamily)]
    assert len(searches) > 100
    for s in searches:
        family, params = get(s.family), s.params
        device = SimDevice()
        device.reset(0)
        start = device.state()
        search(device, s.row["text"])
        assert family.success(params, device.state(), start), s.row["text"]
        device.reset(0)
        start = device.state()
        search(device, UNRELATED)
        assert not family.success(params, device.state(), start), s.row["text"]
