"""`android-gym view`: the static pages of real recorded episodes, their overlays, the UI
hierarchy, GIFs, and what bad input shows (never a traceback)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import headless_chromium
import numpy as np
import pytest
from PIL import Image
from recorded_results import write_results

from android_gym.__main__ import main
from android_gym.actions import Action
from android_gym.evaluation.viewer import overlay, write_viewer
from android_gym.evaluation.viewer.hierarchy import hit_element, tree_html
from android_gym.recording import EpisodeWriter
from android_gym.ui import parse_ui_xml

XML = (
    '<?xml version="1.0"?><hierarchy rotation="0">'
    '<node class="android.widget.FrameLayout" bounds="[0,0][100,200]">'
    '<node class="android.widget.LinearLayout" clickable="true" text="row" '
    'bounds="[0,50][100,100]">'
    '<node class="android.widget.TextView" text="label" bounds="[10,60][50,90]" />'
    "</node>"
    '<node class="android.widget.Button" clickable="true" text="OK" bounds="[0,150][100,200]" />'
    "</node></hierarchy>"
)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A distrl-like run directory: evaluations/before (random) and evaluations/after (oracle)
    over the first two General test tasks, played on the simulated phone."""
    root = tmp_path_factory.mktemp("run")
    write_results(root / "evaluations" / "before", "random", [0, 1])
    write_results(root / "evaluations" / "after", "oracle", [0, 1])
    return root


def _data(index: Path) -> dict:
    text = (index.parent / f"{index.stem}_files" / "data.js").read_text()
    return json.loads(text.removeprefix("window.VIEWER_DATA = ").rstrip().rstrip(";"))


def _page(index: Path, key: str) -> str:
    return (index.parent / f"{index.stem}_files" / "episodes" / f"{key}.html").read_text()


def test_view_of_a_run_lists_every_evaluation_episode_with_a_page(run_dir, tmp_path, capsys):
    out = tmp_path / "site" / "run.html"
    assert main(["view", str(run_dir), "-o", str(out)]) == 0
    assert "4 episodes, 4 pages" in capsys.readouterr().out
    rows = _data(out)["episodes"]
    assert sorted((r["label"], r["agent"]) for r in rows) == [
        ("after", "oracle"),
        ("after", "oracle"),
        ("before", "random"),
        ("before", "random"),
    ]
    lines = [json.loads(x) for x in (run_dir / "evaluations/after/episodes.jsonl").open()]
    after = {r["key"]: r for r in rows if r["label"] == "after"}
    assert [r["success"] for r in after.values()] == [x["is_successful"] for x in lines]
    for row in rows:
        page = (out.parent / row["page"]).read_text()
        sections = re.findall(r'<section class="step" id="step-(\d+)"', page)
        # every step, and the final observation of an episode that ended
        assert len(sections) in (row["steps"], row["steps"] + 1)
        assert "base64" not in page
        for src in re.findall(r'<img src="([^"]+)" loading="lazy"', page):
            assert (out.parent / row["page"]).parent.joinpath(src).resolve().is_file()


def test_oracle_tap_is_drawn_and_its_element_highlighted(run_dir, tmp_path):
    site = write_viewer(run_dir / "evaluations" / "after", tmp_path / "v")
    key = _data(site.index)["episodes"][0]["key"]
    step0 = _page(site.index, key).split('<section class="step" id="step-1"')[0]
    steps = (run_dir / "evaluations/after/episodes/episode_000000/steps.jsonl").open()
    first = json.loads(next(steps))
    action = Action.from_dict(first["action"])
    assert action.is_tap
    y, x = action.touch
    width, height = json.loads(
        (run_dir / "evaluations/after/episodes/episode_000000/episode.json").read_text()
    )["screen_size"]
    circle = re.search(r'<circle class="mark-dot" cx="([\d.]+)" cy="([\d.]+)"', step0)
    assert (
        circle and abs(float(circle[1]) - x * width) < 1 and abs(float(circle[2]) - y * height) < 1
    )
    elements = parse_ui_xml(first["observation"]["ui_xml"])
    hit = elements[hit_element(elements, action.touch, (width, height))]
    assert hit.tappable
    highlighted = re.search(r'class="(?:leaf )?hit">([^<]+)<', step0)
    assert highlighted and hit.describe().split(" ")[0] in highlighted[1]


def test_hit_element_prefers_the_tappable_element_under_the_tap():
    elements = parse_ui_xml(XML)
    size = (101, 201)  # to_pixels maps 1.0 to the last pixel
    assert elements[hit_element(elements, (0.35, 0.2), size)].text == "row"  # over its label
    assert elements[hit_element(elements, (0.9, 0.5), size)].text == "OK"
    assert elements[hit_element(elements, (0.6, 0.5), size)].class_name.endswith("FrameLayout")
    html = tree_html(elements, 1)
    assert html.count("<details") == 2 and html.count("open") == 2  # the root and the row
    assert re.search(r'<summary class="hit">LinearLayout', html)


def test_action_marks_draw_each_kind_of_action():
    tap = overlay.action_marks(Action.tap(0.5, 0.5), None, ((0.4, 0.1), (0.6, 0.9)))
    assert [m.kind for m in tap] == ["box", "dot"]
    swipe = overlay.action_marks(Action.swipe((0.8, 0.5), (0.2, 0.5)), None)
    assert swipe == [overlay.Mark("arrow", ((0.8, 0.5), (0.2, 0.5)))]
    assert 'marker-end="url(#head)"' in overlay.svg(swipe, 1080, 2400)
    typed = overlay.action_marks(Action.type_text("cats <3"), None)
    assert overlay.captions(typed) == '<div class="mark-text">cats &lt;3</div>'
    assert overlay.action_marks(Action.key("PRESS_BACK"), None)[0].label == "BACK"
    assert overlay.action_marks(None, "gibberish")[0].label == "unparsed: gibberish"


def _write_episode(directory: Path, steps: int = 3, extra: dict | None = None) -> Path:
    rng = np.random.default_rng(0)
    obs = {"screenshot": rng.integers(0, 255, (200, 100, 3), dtype=np.uint8), "instruction": "go"}
    info = {"task_id": "t/1", "family": "demo", "ui_xml": XML, "screen_size": (101, 201)}
    with EpisodeWriter(directory, metadata={"agent": "pointer"}) as writer:
        writer.reset(obs, info)
        for t in range(steps):
            writer.step(Action.tap(0.9, 0.5), obs, 0.0, False, t == steps - 1, info, extra=extra)
    return directory


def test_training_steps_show_policy_version_and_lag(tmp_path):
    episode = _write_episode(tmp_path / "traj", extra={"policy_version": 7, "lag": 2})
    site = write_viewer(episode, tmp_path / "out.html")
    page = _page(site.index, "traj")
    assert page.count("<th>policy version</th><td>7</td>") == 3
    assert page.count("<th>lag</th><td>2</td>") == 3
    assert _data(site.index)["episodes"][0]["agent"] == "pointer"


def test_a_folder_of_recordings_is_listed_by_folder(tmp_path):
    for name in ("a/ep0", "a/ep1", "b/ep0"):
        _write_episode(tmp_path / "recs" / name, steps=1)
    site = write_viewer(tmp_path / "recs")
    assert site.index == tmp_path / "recs" / "viewer" / "index.html"
    rows = _data(site.index)["episodes"]
    assert [(r["label"], r["key"]) for r in rows] == [
        ("a", "a-ep0"),
        ("a", "a-ep1"),
        ("b", "b-ep0"),
    ]


def test_damaged_recordings_show_what_is_left(tmp_path):
    episode = _write_episode(tmp_path / "ep", steps=3)
    steps = (episode / "steps.jsonl").read_text().splitlines()
    (episode / "steps.jsonl").write_text("\n".join([*steps[:2], steps[2][:40]]) + "\n")
    (episode / "frames" / "000001.png").unlink()
    site = write_viewer(episode, tmp_path / "out")
    page = _page(site.index, "ep")
    assert "steps.jsonl line 3 skipped" in page
    assert page.count('<section class="step"') == 3  # two steps and the final observation
    assert '<div class="missing">frame missing: ' in page and "000001.png" in page


def test_results_with_a_torn_line_a_lost_and_an_unkept_recording(run_dir, tmp_path, capsys):
    results = tmp_path / "results"
    shutil.copytree(run_dir / "evaluations" / "before", results)
    lines = (results / "episodes.jsonl").read_text().splitlines()
    gone = json.loads(lines[1])
    shutil.rmtree(results / gone["episode_dir"])
    unkept = {**json.loads(lines[0]), "episode_dir": None, "exception_info": "agent crashed"}
    text = "\n".join([lines[0], lines[1], json.dumps(unkept), lines[0][:30]])
    (results / "episodes.jsonl").write_text(text)
    assert main(["view", str(results)]) == 0
    captured = capsys.readouterr()
    assert "episodes.jsonl line 4 skipped" in captured.err
    rows = _data(results / "viewer" / "index.html")["episodes"]
    assert [bool(r["page"]) for r in rows] == [True, False, False]
    assert rows[1]["problem"].startswith("recording missing")
    assert rows[2]["problem"] == "no recording kept" and rows[2]["error"] == "agent crashed"
    assert "line 4 skipped" in (results / "viewer" / "index.html").read_text()


def test_unreadable_episode_json_gets_a_page_saying_so(tmp_path):
    episode = _write_episode(tmp_path / "recs" / "ep", steps=1)
    (episode / "episode.json").write_text('{"format": "something else"}')
    site = write_viewer(tmp_path / "recs")
    assert "is not an android_gym.episode file" in _page(site.index, "ep")


def test_bad_input_exits_2_with_a_message(tmp_path, capsys):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.md").write_text("x")
    for name, message in (
        ("missing", "does not exist"),
        ("file.txt", "is not a directory"),
        ("foreign", "holds no episodes: expected a results directory"),
    ):
        assert main(["view", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("android-gym view: ") and message in err, err
        assert "Traceback" not in err


def test_gif_draws_the_action_on_each_frame(tmp_path):
    episode = _write_episode(tmp_path / "ep", steps=2)
    site = write_viewer(episode, tmp_path / "out", gif=True)
    assert len(site.gifs) == 1
    with Image.open(site.gifs[0]) as gif:
        assert gif.n_frames == 3  # two steps and the final observation
        gif.seek(0)
        frame = np.asarray(gif.convert("RGB"), dtype=int)
    height = round(320 * 201 / 101)
    y, x = round(0.9 * height), 160  # the tap at (0.9, 0.5)
    red = np.array([0xE5, 0x39, 0x35])
    assert np.abs(frame[y, x] - red).max() < 40
    assert "animated GIF" in _page(site.index, "ep")


def _save(browser, path: Path) -> None:
    """Saves a screenshot; with ANDROID_GYM_DOC_IMAGES=DIR also into DIR (docs/images)."""
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 10_000
    if os.environ.get("ANDROID_GYM_DOC_IMAGES"):
        shutil.copyfile(path, Path(os.environ["ANDROID_GYM_DOC_IMAGES"]) / f"viewer_{path.name}")


@pytest.mark.netns  # Chromium reaches for Google's services in the background
def test_pages_in_a_real_browser(run_dir, tmp_path):
    reason = headless_chromium.missing()
    if reason:
        pytest.skip(reason)
    browser = headless_chromium.start()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    site = write_viewer(run_dir, tmp_path / "site" / "index.html")
    rows = _data(site.index)["episodes"]

    def shown():
        return browser.find_elements(By.CSS_SELECTOR, "#episodes-body tr")

    try:
        browser.get(site.index.as_uri())
        WebDriverWait(browser, 20).until(lambda _: shown())  # the script has rendered the rows
        assert len(shown()) == len(rows) == 4
        family = rows[0]["family"]
        Select(browser.find_element(By.ID, "filter-family")).select_by_value(family)
        assert len(shown()) == sum(r["family"] == family for r in rows) == 2
        assert {row.get_attribute("data-family") for row in shown()} == {family}
        _save(browser, tmp_path / "index.png")

        oracle = next(r for r in rows if r["agent"] == "oracle" and r["family"] == family)
        browser.find_element(By.LINK_TEXT, oracle["key"]).click()
        WebDriverWait(browser, 20).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, "section.step.current")
        )
        links = browser.find_elements(By.CSS_SELECTOR, "#steps a")
        assert len(links) == oracle["steps"] + 1  # the steps and the final observation
        current = browser.find_element(By.CSS_SELECTOR, "section.step.current")
        assert current.get_attribute("data-t") == "0"
        dot = current.find_element(By.CSS_SELECTOR, "circle.mark-dot")
        assert dot.is_displayed() and dot.size["width"] > 5
        image = current.find_element(By.TAG_NAME, "img")
        assert browser.execute_script("return arguments[0].naturalWidth", image) > 0
        hierarchy = current.find_element(By.CSS_SELECTOR, "details.ui")
        assert not current.find_element(By.CSS_SELECTOR, ".hit").is_displayed()
        hierarchy.find_element(By.TAG_NAME, "summary").click()
        assert current.find_element(By.CSS_SELECTOR, ".hit").is_displayed()
        _save(browser, tmp_path / "episode.png")

        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
        current = browser.find_element(By.CSS_SELECTOR, "section.step.current")
        assert current.get_attribute("data-t") == "1"
        assert browser.find_element(By.ID, "position").text.startswith("step 2 / ")
        assert browser.current_url.endswith("#t1")
        assert len(browser.find_elements(By.CSS_SELECTOR, "section.step")) == len(links)
        assert (
            sum(s.is_displayed() for s in browser.find_elements(By.CSS_SELECTOR, "section.step"))
            == 1
        )
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        browser.quit()
