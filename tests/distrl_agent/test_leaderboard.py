"""`distrl leaderboard`: the demo's summary.json no longer crashes it, and Table 1 is built
from results directories (rows by agent kind, label and algorithm; intervals over seeds)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from android_gym.demo import run_demo
from distrl_agent.cli import main

sys.path.insert(0, str(Path(__file__).parents[1] / "android_gym" / "evaluation"))
from results_factory import write_results


def test_the_demos_summary_json_is_passed_over_not_a_keyerror(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    run_demo(episodes=1, out=tmp_path / "demo")  # what `make demo` leaves in runs/demo
    capsys.readouterr()
    assert main(["leaderboard", "--runs", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "demo/summary.json: not a distrl run summary" in out
    assert main(["leaderboard", "--runs", str(tmp_path), "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert board["runs"] == [] and len(board["passed_over"]) == 1


def _distrl(label: str, algorithm: str, seed: int) -> dict:
    return {"kind": "distrl", "name": f"run {label}", "algorithm": algorithm, "label": label,
            "seed": seed}  # fmt: skip


def test_table1_rows_cells_and_intervals(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_results(tmp_path / "random", {"kind": "random", "name": "random"}, [False] * 4)
    write_results(tmp_path / "oracle", {"kind": "oracle", "name": "oracle"}, [True] * 4)
    for seed, wins in ((0, 1), (1, 3)):
        run = tmp_path / f"aride-seed{seed}" / "evaluations"
        write_results(run / "before", _distrl("before", "aride", seed), [True] + [False] * 3)
        write_results(
            run / "after", _distrl("after", "aride", seed), [True] * wins + [False] * (4 - wins)
        )
        write_results(
            run / "after-train",
            _distrl("after-train", "aride", seed),
            [True, True, False, False],
            split="train",
            sha="b" * 64,
        )
        write_results(run / "periodic-v3", _distrl("periodic-v3", "aride", seed), [False] * 4)
    same_warm_start = tmp_path / "digirl-seed0" / "evaluations" / "before"
    write_results(same_warm_start, _distrl("before", "digirl", 0), [True, True, False, False])
    shop = tmp_path / "digirl" / "evaluations" / "after"
    write_results(shop, _distrl("after", "digirl", 0), [True, False], suite="web_shopping")
    assert main(["leaderboard", "--runs", str(tmp_path), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)["table1"]
    rows = table["rows"]
    assert rows["Random"]["general/test"]["mean"] == 0.0
    assert rows["Oracle"]["general/test"]["mean"] == 1.0
    aride = rows["A-RIDE (async)"]["general/test"]
    assert aride["mean"] == pytest.approx(0.5) and aride["n"] == 2  # seeds: 1/4 and 3/4
    half = 12.706 * aride["std"] / 2**0.5
    assert aride["std"] == pytest.approx(2**0.5 * 0.25) and aride["ci95"][1] == pytest.approx(
        0.5 + half
    )
    assert rows["A-RIDE (async)"]["general/train"]["mean"] == 0.5
    assert rows["BC warm start"]["general/test"]["mean"] == pytest.approx((0.375 + 0.25) / 2)
    assert rows["BC warm start"]["general/test"]["n"] == 2  # seeds, however many runs each
    assert rows["DigiRL (sync)"] == {
        "web_shopping/test": rows["DigiRL (sync)"]["web_shopping/test"]
    }
    assert rows["DigiRL (sync)"]["web_shopping/test"]["ci95"] is not None  # one seed: Wilson
    assert rows["Filtered BC"] == {}
    assert sorted(u["agent"] for u in table["unlabelled"]) == ["run periodic-v3"] * 2
    assert main(["leaderboard", "--runs", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "| A-RIDE (async) | 50.0 [50.0, 50.0] (n=2) | 50.0 [" in text
    assert "(paper 73.2)" in text
    assert "Results without a Table 1 row" in text


def test_a_cell_of_two_protocols_is_not_pooled(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    write_results(tmp_path / "a" / "after", _distrl("after", "aride", 0), [True, False])
    write_results(tmp_path / "b" / "after", _distrl("after", "aride", 1), [True] * 3, sha="c" * 64)
    assert main(["leaderboard", "--runs", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| A-RIDE (async) | - | mixed" in out and "mixed protocols, not pooled" in out


def test_a_damaged_results_file_under_runs_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (
        write_results(tmp_path / "x", {"kind": "oracle", "name": "oracle"}, [True]) / "results.json"
    ).write_text("{")
    assert main(["leaderboard", "--runs", str(tmp_path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
