"""Suites, task files and free-text tasks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from android_gym import (
    InvalidChoice,
    TaskFileError,
    UnsupportedTask,
    load_suite,
    load_task_file,
    parse_instruction,
)
from android_gym.families import get
from android_gym.tasks import family_weights, generate_suite, suites_dir


def slot_values(task) -> set[tuple[str, str]]:
    return {
        (task.family, f"{k}={v}")
        for k, v in task.params.items()
        if k != "intent" and isinstance(v, str)
    }


def test_suites_load_with_ids_families_and_horizon() -> None:
    test = load_suite("general", "test")
    assert len(test) == 128
    assert all(t.max_steps == 10 and t.id.startswith("general/test/") for t in test)
    assert len({t.instruction for t in test}) == len(test)
    assert {t.family for t in test} >= {"news", "weather", "chrome_ui", "launch_app", "flights"}


def test_test_split_holds_parameters_train_never_uses() -> None:
    train, test = load_suite("general", "train"), load_suite("general", "test")
    seen = set().union(*(slot_values(t) for t in train))
    for task in test:
        if get(task.family).phrasing_split:  # nothing to hold out: the phrasing differs
            assert task.instruction not in {t.instruction for t in train}
            continue
        assert slot_values(task) - seen, f"{task.instruction!r} uses only train parameters"


def test_unknown_suite_and_split_list_the_choices() -> None:
    with pytest.raises(InvalidChoice, match="general"):
        load_suite("nope")
    with pytest.raises(InvalidChoice, match="test, train"):
        load_suite("general", "validation")


def test_parse_instruction() -> None:
    task = parse_instruction("  What's the   news in Chile? ")
    assert task.instruction == "What's the news in Chile?" and task.family == "news"
    assert task.id.startswith("custom/")
    with pytest.raises(UnsupportedTask):
        parse_instruction("Set a timer for 10 minutes")
    with pytest.raises(UnsupportedTask):
        parse_instruction(42)  # type: ignore[arg-type]


def test_aitw_task_file_reports_every_skipped_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text(
        "What's the news in Chile?\n\n# a comment\nStart a timer\nblorp\nOpen the clock\n"
    )
    report = load_task_file(path)
    assert [t.instruction for t in report.tasks] == ["What's the news in Chile?", "Open the clock"]
    assert [(s.line, s.planned) for s in report.skipped] == [(4, "timer"), (5, None)]
    assert "line 4" in report.summary() and "line 5" in report.summary()


def test_yaml_task_files_are_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(
        "tasks:\n- instruction: Open the clock\n  family: launch_app\n- What time is it in Paris?\n"
    )
    assert [t.family for t in load_task_file(good).tasks] == ["launch_app", "time"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("tasks:\n- instruction: Open the clock\n  family: news\n")
    with pytest.raises(TaskFileError, match="parses as 'launch_app'"):
        load_task_file(bad)
    with pytest.raises(TaskFileError, match="does not exist"):
        load_task_file(tmp_path / "missing.txt")
    (tmp_path / "junk.yaml").write_text("[1, 2")
    with pytest.raises(TaskFileError):
        load_task_file(tmp_path / "junk.yaml")


def test_generated_suites_are_reproducible_and_parse() -> None:
    a = generate_suite("general", "test", 40, seed=5)
    assert a == generate_suite("general", "test", 40, seed=5)
    for entry in a:
        assert parse_instruction(entry["instruction"]).family == entry["family"]
        get(entry["family"])


def test_committed_suites_are_the_generator_output() -> None:
    path = suites_dir() / "general" / "test.yaml"
    text = path.read_text()
    assert "--count 128 --seed 1" in text
    weights = yaml.safe_load(text).get("weights")
    tasks = load_suite("general", "test")
    assert [t.instruction for t in tasks] == [
        e["instruction"] for e in generate_suite("general", "test", 128, 1, weights)
    ]


def test_weighted_suites_follow_the_weights(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(
        "\n".join(["What's the news in Chile?"] * 6 + ["Open the calculator app"] * 2)
    )
    weights = family_weights(listing)
    assert weights == {"news": 6, "launch_app": 2}
    entries = generate_suite("general", "train", 100, seed=2, weights=weights)
    counts = Counter(e["family"] for e in entries)
    rest = 100 - len(counts)
    assert len(entries) == 100 and len(counts) >= 12
    news, launch = counts["news"] - 1, counts["launch_app"] - 1
    assert news + launch == rest and abs(news - 3 * launch) <= 3, "largest remainders of 3:1"
    assert set(counts.values()) == {counts["news"], counts["launch_app"], 1}, (
        "every other family gets one task"
    )


@pytest.mark.slow
def test_the_wheel_ships_the_suites(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "android_gym/suites/general/test.yaml" in names
    assert "android_gym/families/data/search.yaml" in names


def test_explain_instruction_and_the_coverage_command(tmp_path: Path) -> None:
    from android_gym.__main__ import main
    from android_gym.tasks import explain_instruction

    text = str(explain_instruction("Show me the weather forecast for Nairobi"))
    assert "family:      weather" in text and "city='Nairobi'" in text
    path = tmp_path / "mine.txt"
    path.write_text("What's the news in Chile?\nTake a selfie\n")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["coverage", str(path), "--explain"]) == 0
    printed = out.getvalue()
    assert "1/2 lines runnable" in printed
    assert (
        "line 2:" in printed
        and "needs the Camera app's capture" in printed
        and "cues:        take a selfie" in printed
    )


def test_a_family_out_of_new_instructions_hands_its_share_on() -> None:
    entries = generate_suite("general", "train", 80, seed=3, weights={"chrome_ui": 99, "news": 1})
    counts = Counter(e["family"] for e in entries)
    assert len(entries) == 80 and len({e["instruction"] for e in entries}) == 80
    assert counts["chrome_ui"] <= 12 < counts["news"], "three booleans and two phrasings"


def test_a_sample_nothing_reads_is_skipped_not_fatal(monkeypatch, caplog) -> None:
    from android_gym import families
    from android_gym.families.base import Family

    class Garbled(Family):
        name = "garbled"

        def sample(self, rng, split):
            return "blorp zzyzx", {}

    monkeypatch.setattr(families, "_SPECIFIC", list(families._SPECIFIC))
    families.register(Garbled())
    entries = generate_suite("general", "train", 30, seed=0)
    assert len(entries) == 30 and all(e["family"] != "garbled" for e in entries)
    assert "reads as nothing" in caplog.text
