"""`android-gym leaderboard`: ranking within a protocol, refusing to rank across, formats, and
clear messages for bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from results_factory import write_results

from android_gym.__main__ import main
from android_gym.evaluation.results import RESULTS_FILE


@pytest.fixture
def boards(tmp_path: Path) -> Path:
    write_results(tmp_path / "weak", {"kind": "factory", "name": "weak"}, [True, False, False])
    write_results(tmp_path / "strong", {"kind": "factory", "name": "strong"}, [True, True, False])
    write_results(
        tmp_path / "other", {"kind": "factory", "name": "longer"}, [True] * 3, max_steps=20
    )
    return tmp_path


def test_rows_of_one_protocol_are_ranked_and_others_kept_apart(
    boards: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(["leaderboard", str(boards / "weak"), str(boards / "strong"), str(boards / "other")])
        == 0
    )
    out = capsys.readouterr().out
    assert "2 protocols" in out and "not ranked together" in out and "max_steps" in out
    first, second = out.split("### Protocol 2")
    assert first.index("| 1 | strong |") < first.index("| 2 | weak |")
    assert "| 1 | longer |" in second and "longer" not in first


def test_json_csv_and_html(boards: Path, capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    assert main(["leaderboard", str(boards), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    groups = {len(g["rows"]): g for g in data["groups"]}  # found in path order: other first
    assert sorted(groups) == [1, 2] and data["note"]
    assert [r["agent"] for r in groups[2]["rows"]] == ["strong", "weak"]
    assert groups[2]["rows"][0]["success_rate"] == pytest.approx(2 / 3)
    assert groups[2]["protocol"]["max_steps"] == 10 and groups[1]["protocol"]["max_steps"] == 20
    assert main(["leaderboard", str(boards), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["protocol"], r["agent"]) for r in rows] == [
        ("1", "longer"), ("2", "strong"), ("2", "weak")
    ]  # fmt: skip
    page = tmp_path / "board.html"
    assert main(["leaderboard", str(boards), "--format", "html", "-o", str(page)]) == 0
    text = page.read_text()
    assert text.startswith("<!doctype html>") and text.count("<table>") == 2
    assert "class='refusal'" in text


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing", "no such file or directory"),
        ("foreign", "no results.json here or below"),
        ("truncated", "not valid JSON"),
        ("newer", "format version 99"),
        ("other_format", "not an android_gym.results file"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    boards: Path, capsys: pytest.CaptureFixture, damage: str, message: str
) -> None:
    target = boards / "strong"
    path = target / RESULTS_FILE
    if damage == "missing":
        target = boards / "nope"
    elif damage == "foreign":
        target = boards / "empty"
        target.mkdir()
        (target / "notes.txt").write_text("x")
    elif damage == "truncated":
        path.write_text(path.read_text()[:50])
    else:
        data = json.loads(path.read_text())
        data.update({"version": 99} if damage == "newer" else {"format": "something.else"})
        path.write_text(json.dumps(data))
    assert main(["leaderboard", str(target)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
