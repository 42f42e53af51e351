"""Time of `android-gym view` over a few hundred recorded episodes; prints one JSON line.

Plays `--distinct` real episodes on the simulated phone (the OracleAgent and the RandomAgent,
half each, on General test tasks, recorded by `RecordEpisodes` into a results directory laid out
as docs/evaluation.md says), then copies those recordings until the results directory lists
`--episodes` of them. Copies come in whole rounds, so consecutive pages never repeat a screen
(the UI parser's small cache gains nothing a real run would not). It times the viewer of the
distinct episodes and of the whole directory (per episode, they should agree), the GIFs of the
distinct ones, the output's size, and, when selenium and Debian's chromium are installed, how
long the index takes to show every row in headless Chromium.

    python benchmarks/viewer_generation.py [--distinct 40] [--episodes 320]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "android_gym")]

import headless_chromium  # noqa: E402  (the tests' helpers)
from recorded_results import write_results  # noqa: E402

from android_gym.evaluation.viewer import write_viewer  # noqa: E402


def replicate(sources: list[Path], target: Path, episodes: int) -> None:
    """A results directory at `target` listing `episodes` copies of the recordings of the
    results directories `sources`, taken in turn (whole rounds before any repeat)."""
    lines = [
        (source, json.loads(line))
        for source in sources
        for line in (source / "episodes.jsonl").read_text().splitlines()
    ]
    out = []
    for n in range(episodes):
        source, line = lines[n % len(lines)]
        copy = f"episodes/{n:06d}"
        shutil.copytree(source / line["episode_dir"], target / copy)
        out.append({**line, "episode_dir": copy})
    (target / "episodes.jsonl").write_text("".join(json.dumps(x) + "\n" for x in out))
    shutil.copyfile(sources[0] / "results.json", target / "results.json")


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def browser_index_seconds(index: Path, rows: int) -> float | None:
    """Seconds from opening the index to every row shown, in headless Chromium (None without)."""
    if headless_chromium.missing():
        return None
    from selenium.webdriver.support.ui import WebDriverWait

    browser = headless_chromium.start()
    count = "return document.querySelectorAll('#episodes-body tr').length"
    try:
        start = time.perf_counter()
        browser.get(index.as_uri())
        WebDriverWait(browser, 60, poll_frequency=0.01).until(
            lambda b: b.execute_script(count) == rows
        )
        return time.perf_counter() - start
    finally:
        browser.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distinct", type=int, default=40)
    parser.add_argument("--episodes", type=int, default=320)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        half = args.distinct // 2
        play_s, _ = timed(write_results, base / "oracle", "oracle", list(range(half)), max_steps=10)
        timed(
            write_results,
            base / "random",
            "random",
            list(range(args.distinct - half)),
            max_steps=10,
        )
        sources = [base / "oracle", base / "random"]
        distinct, large = base / "distinct", base / "large"
        replicate(sources, distinct, args.distinct)
        replicate(sources, large, args.episodes)
        steps = sum(
            json.loads(line)["episode_length"]
            for line in (distinct / "episodes.jsonl").read_text().splitlines()
        )
        distinct_s, _ = timed(write_viewer, distinct, base / "v1" / "index.html")
        gif_s, _ = timed(write_viewer, distinct, base / "v2" / "index.html", gif=True)
        large_s, large_site = timed(write_viewer, large, base / "v3" / "index.html")
        files = large_site.index.parent / "index_files"
        size = sum(p.stat().st_size for p in files.rglob("*") if p.is_file())
        print(
            json.dumps(
                {
                    "benchmark": "viewer_generation",
                    "distinct_episodes": args.distinct,
                    "distinct_steps": steps,
                    "episodes": args.episodes,
                    "view_distinct_s": round(distinct_s, 2),
                    "view_distinct_ms_per_episode": round(1000 * distinct_s / args.distinct, 1),
                    "view_all_s": round(large_s, 2),
                    "view_all_ms_per_episode": round(1000 * large_s / args.episodes, 1),
                    "view_with_gifs_distinct_s": round(gif_s, 2),
                    "gif_ms_per_episode": round(1000 * (gif_s - distinct_s) / args.distinct, 1),
                    "output_mb_all": round(size / 1e6, 1),
                    "data_js_kb_all": round((files / "data.js").stat().st_size / 1e3, 1),
                    "browser_index_all_s": browser_index_seconds(large_site.index, args.episodes),
                    "playing_distinct_oracle_s": round(play_s, 1),
                    "load_1min": os.getloadavg()[0],
                }
            )
        )


if __name__ == "__main__":
    main()
