"""The demo command: a success table and an episode strip."""

from __future__ import annotations

from PIL import Image

from android_gym.__main__ import main


def test_demo_prints_a_table_and_saves_a_strip(tmp_path, capsys) -> None:
    assert main(["demo", "--episodes", "6", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "oracle" in out and "random" in out and "all" in out
    strip = Image.open(tmp_path / "oracle_episode.png")
    assert strip.width >= 270 * 2
    assert (tmp_path / "summary.json").is_file()


def test_coverage_command(tmp_path, capsys) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Open the clock\nSet a timer for 10 minutes\n")
    assert main(["coverage", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1/2 lines runnable" in out and "timer" in out
