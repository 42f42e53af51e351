"""Draws the pictures in docs/images from the simulated phone.

python docs/make_images.py            # docs/images/gallery.png and oracle_episode.png
python docs/make_images.py --compare  # also runs/compare.png: each screen beside the real
                                      # screenshot of ../shared/reference/screens (not committed)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import gymnasium as gym
from PIL import Image, ImageDraw

import android_gym  # noqa: F401
from android_gym.agents import OracleAgent
from android_gym.demo import run_episode, save_strip
from android_gym.sim import Phone, theme
from android_gym.ui import find, parse_ui_xml

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "screens"


def tap(phone: Phone, **criteria: object) -> None:
    x, y = find(parse_ui_xml(phone.ui_xml()), **criteria)[0].center
    phone.tap(x, y)


def search(phone: Phone, query: str) -> None:
    phone.press("home")
    tap(phone, resource_id="search_container_hotseat")
    phone.type_text(query)
    phone.press("enter")


def screens() -> list[tuple[str, str, Image.Image]]:
    """(caption, reference file, screenshot) for a tour of the phone."""
    p = Phone()
    shots = []

    def shot(caption: str, reference: str) -> None:
        shots.append((caption, reference, Image.fromarray(p.screenshot())))

    shot("home screen", "example_1.png")
    tap(p, content_desc="Chrome", clickable=True)
    shot("Chrome new tab", "example_2.png")
    tap(p, resource_id="search_box")
    p.type_text("hotels in washington dc")
    shot("omnibox suggestions", "example_4.png")
    search(p, "suriname news today")
    shot("news results", "screenshot_news.png")
    search(p, "weather like in chicago")
    shot("weather card", "screenshot_weather.png")
    search(p, "good restaurant in portland")
    shot("places card", "screenshot_restaurant.png")
    search(p, "What's on the menu at Burger King")
    shot("menu card", "screenshot_menu.png")
    p.press("home")
    p.swipe(540, 1800, 540, 600)
    shot("app drawer", "example_3.png")
    browse(p, "costco.com")
    shot("costco.com", "step1_costco.png")
    browse(p, "bestbuy.com")
    tap(p, resource_id="store_search_box")
    p.type_text("macbook")
    shot("store suggestions", "step2_bestbuy.png")
    p.type_text(" air")
    p.press("enter")
    shot("bestbuy.com results", "step2_bestbuy.png")
    tap(p, resource_id="search_result")
    shot("product page", "step3_bestbuy.png")
    browse(p, "ebay.com/sch/i.html?_nkw=corsair+k70")
    shot("ebay.com results", "step2_ebay.png")
    return shots + [(caption, "", solved(task)) for caption, task in APP_TASKS]


APP_TASKS = (
    ("Maps: directions", "How do I get to the nearest Starbucks?"),
    ("Maps: results", "Search for top rated seafood restaurants on Google Maps"),
    ("YouTube: newest upload", "What's the latest video from GameSpot?"),
    ("Reddit: top this week", "What's the top post on reddit this week?"),
    ("Settings: App info", "Check the settings for the Netflix app"),
    ("Settings: notifications", "Turn off notifications for the Google Maps app"),
    ("notification shade", "Show me my notifications"),
    ("Play Store: installed", "Install the Spotify app"),
    ("Clock: alarms", "Set an alarm for 6:45am"),
    ("Calendar: this week", "What's on my calendar for the rest of the week?"),
    ("Gmail: inbox", "Check my email"),
)
"""Apps shown by the screen the OracleAgent solves one of their tasks on."""


def solved(task: str) -> Image.Image:
    """The screen on which the OracleAgent completes `task`."""
    env = gym.make("AndroidGeneral-v0", render_scale=0.5)
    obs, info = env.reset(seed=0, options={"task": task})
    agent, done = OracleAgent(), False
    while not done:
        obs, _, terminated, truncated, info = env.step(agent.act(obs, info))
        done = terminated or truncated
    assert info["success"], task
    return Image.fromarray(env.unwrapped.device.phone.screenshot())


def browse(phone: Phone, address: str) -> None:
    """Types `address` into Chrome's omnibox (Chrome in front) and dismisses what the store
    puts up."""
    phone.press("home")
    tap(phone, content_desc="Chrome", clickable=True)
    for rid in ("location_bar", "search_box"):  # the omnibox may be open already
        if find(parse_ui_xml(phone.ui_xml()), resource_id=rid):
            tap(phone, resource_id=rid)
            break
    if find(parse_ui_xml(phone.ui_xml()), content_desc="Delete"):
        tap(phone, content_desc="Delete")
    phone.type_text(address)
    phone.press("enter")
    for rid in ("prompt_dismiss", "cookie_accept"):
        if find(parse_ui_xml(phone.ui_xml()), resource_id=rid):
            tap(phone, resource_id=rid)


def gallery(
    items: list[tuple[str, str, Image.Image]],
    path: Path,
    width: int = 240,
    with_reference: bool = False,
) -> None:
    """The screenshots side by side, `per_row` a row, each under its caption; with
    `with_reference`, the real screenshot it imitates below it."""
    per_row = len(items) if with_reference else 9
    rows = 2 if with_reference else -(-len(items) // per_row)
    height = round(width * 2400 / 1080)
    columns = min(per_row, len(items))
    sheet = Image.new("RGB", (width * columns, (height + 28) * rows), "white")
    draw = ImageDraw.Draw(sheet)
    for i, (caption, reference, image) in enumerate(items):
        x, y = (i % per_row) * width, (i // per_row) * (height + 28)
        sheet.paste(image.resize((width, height)), (x, y + 28))
        draw.text((x + 6, y + 6), caption, fill=theme.TEXT, font=theme.font("medium", 14))
        if with_reference and reference and (REFERENCE / reference).is_file():
            real = Image.open(REFERENCE / reference).convert("RGB").resize((width, height))
            sheet.paste(real, (x, height + 56))
            draw.text(
                (x + 6, height + 34),
                f"real: {reference}",
                fill=theme.TEXT,
                font=theme.font("regular", 12),
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    items = screens()
    gallery(items, ROOT / "docs" / "images" / "gallery.png", width=180)
    if args.compare:
        gallery(items, ROOT / "runs" / "compare.png", with_reference=True)
    env = gym.make("AndroidGeneral-v0", split="test")
    _, _, frames = run_episode(env, OracleAgent(), seed=0, task_index=0, keep=True)
    save_strip(
        frames,
        env.unwrapped.tasks[0].instruction,
        ROOT / "docs" / "images" / "oracle_episode.png",
        width=180,
    )


if __name__ == "__main__":
    main()
