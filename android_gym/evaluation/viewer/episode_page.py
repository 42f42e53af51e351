"""One episode as a static HTML page: every step's screenshot with its action drawn on it, what
the agent sent, what the step returned, training fields, and the UI hierarchy.

Frames are referenced by relative path (never inlined) and load lazily; without JavaScript every
step shows one below the other, with it one step at a time (arrow keys move between them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PIL import Image

from android_gym.errors import DeviceError
from android_gym.evaluation.viewer import overlay
from android_gym.evaluation.viewer.hierarchy import hit_element, tree_html
from android_gym.evaluation.viewer.sources import EpisodeEntry
from android_gym.recording import RecordedEpisode, RecordedObservation, RecordedStep
from android_gym.ui import UIElement, parse_ui_xml

FALLBACK_SCREEN = (1080, 2400)
"""Screen size assumed when neither the recording nor a frame says (overlays stay in place,
since points are normalised; only the aspect ratio may be off)."""


@dataclass(frozen=True)
class Links:
    """Where an episode page links to, relative to the page."""

    index: str
    assets: str
    previous: str | None = None
    next: str | None = None
    gif: str | None = None


@dataclass(frozen=True)
class StepView:
    """What a step shows, shared by the page and the GIF: its frame, marks and hit element."""

    frame: Path
    marks: list[overlay.Mark]
    elements: list[UIElement]
    hit: int | None
    hierarchy_error: str = ""


def screen_size(episode: RecordedEpisode) -> tuple[int, int]:
    """The device's (width, height): from the recording, else from its first frame."""
    if episode.screen_size:
        return episode.screen_size
    for observation in _observations(episode):
        try:
            with Image.open(observation.screenshot_path) as image:
                return image.size
        except OSError:
            continue
    return FALLBACK_SCREEN


def step_view(
    observation: RecordedObservation, step: RecordedStep | None, size: tuple[int, int]
) -> StepView:
    """The marks of `step` over `observation` (no marks for the final observation)."""
    error = ""
    try:
        elements = parse_ui_xml(observation.ui_xml) if observation.ui_xml else []
    except DeviceError as exc:
        elements, error = [], str(exc)
    if step is None:
        return StepView(observation.screenshot_path, [], elements, None, error)
    action = step.action
    hit = None
    if action is not None and action.is_tap and action.touch is not None:
        hit = hit_element(elements, action.touch, size)
    target = None
    if hit is not None:
        x1, y1, x2, y2 = elements[hit].bounds
        width, height = size
        target = ((y1 / height, x1 / width), (y2 / height, x2 / width))
    marks = overlay.action_marks(action, step.action_text, target)
    return StepView(observation.screenshot_path, marks, elements, hit, error)


def render(entry: EpisodeEntry, episode: RecordedEpisode, page_dir: Path, links: Links) -> str:
    """The HTML of the episode page written into `page_dir`."""
    size = screen_size(episode)
    sections = [
        _section(t, step.observation, step, size, page_dir) for t, step in enumerate(episode.steps)
    ]
    if episode.final_observation is not None:
        sections.append(
            _section(len(episode.steps), episode.final_observation, None, size, page_dir)
        )
    strip = "".join(
        f'<a href="#t{t}" class="{_step_class(step)}">{t}</a>'
        for t, step in enumerate(episode.steps)
    )
    if episode.final_observation is not None:
        strip += f'<a href="#t{len(episode.steps)}" class="end">end</a>'
    outcome = "success" if episode.success else "failure"
    notices = [*([entry.problem] if entry.problem else []), *episode.problems]
    if entry.error:
        notices.append(f"exception: {entry.error}")
    if not episode.complete:
        notices.append("the recording is incomplete (the run stopped mid-episode)")
    if not episode.steps:
        notices.append("no steps recorded")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(episode.instruction)}</title>
<link rel="stylesheet" href="{links.assets}/viewer.css"></head>
<body class="episode">{overlay.ARROW_HEAD}
<header>
<nav class="links">{_nav(links)}</nav>
<h1><span class="outcome {outcome}">{outcome}</span> {escape(episode.instruction)}</h1>
<table class="meta">{_meta_rows(entry, episode)}</table>
{"".join(f'<p class="notice">{escape(n)}</p>' for n in notices)}
<nav class="steps" id="steps">{strip}<span id="position"></span></nav>
</header>
<main>{"".join(sections)}</main>
<script src="{links.assets}/episode.js"></script>
</body></html>
"""


def _nav(links: Links) -> str:
    parts = [f'<a href="{links.index}">index</a>']
    if links.previous:
        parts.append(f'<a href="{links.previous}" id="previous-episode">previous episode</a>')
    if links.next:
        parts.append(f'<a href="{links.next}" id="next-episode">next episode</a>')
    if links.gif:
        parts.append(f'<a href="{links.gif}">animated GIF</a>')
    return " · ".join(parts)


def _meta_rows(entry: EpisodeEntry, episode: RecordedEpisode) -> str:
    rows: dict[str, Any] = {
        "run": entry.label,
        "agent": entry.agent,
        "task": episode.task_id,
        "family": episode.family,
        "seed": entry.seed,
        "trial": entry.trial,
        "steps": len(episode.steps),
        "run time (s)": entry.run_time,
    }
    for key, value in episode.metadata.items():
        if isinstance(value, (str, int, float, bool)) and key not in rows:
            rows[key] = value
    return "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>"
        for k, v in rows.items()
        if v not in (None, "")
    )


def _step_class(step: RecordedStep) -> str:
    if step.success:
        return "success"
    return "invalid" if step.invalid_action else ""


def _section(
    t: int,
    observation: RecordedObservation,
    step: RecordedStep | None,
    size: tuple[int, int],
    page_dir: Path,
) -> str:
    view = step_view(observation, step, size)
    width, height = size
    if view.frame.is_file():
        picture = (
            f'<img src="{_relative_url(view.frame, page_dir)}" loading="lazy" '
            f'alt="screenshot before step {t}">'
        )
    else:
        picture = f'<div class="missing">frame missing: {escape(str(view.frame))}</div>'
    screen = (
        f'<div class="screen" style="aspect-ratio: {width} / {height}">{picture}'
        f"{overlay.svg(view.marks, width, height)}{overlay.captions(view.marks)}</div>"
    )
    title = f"Step {t}" if step is not None else f"End (observation after step {t - 1})"
    details = _step_rows(step) if step is not None else ""
    return f"""<section class="step" id="step-{t}" data-t="{t}">
<div class="screen-col">{screen}</div>
<div class="details"><h2>{title}</h2>
<table class="kv">{details}</table>
{_hierarchy(view)}</div>
</section>
"""


def _step_rows(step: RecordedStep) -> str:
    rows: list[tuple[str, str, str]] = [
        ("action", escape(str(step.action)) if step.action else "<em>unparsed</em>", ""),
        ("sent", f"<pre>{escape(step.action_text or '')}</pre>", ""),
        ("reward", escape(f"{step.reward:g}"), ""),
        ("success", _flag(step.success), "success" if step.success else ""),
        (
            "invalid",
            _flag(step.invalid_action)
            + (f" ({escape(step.invalid_reason)})" if step.invalid_reason else ""),
            "invalid" if step.invalid_action else "",
        ),
        ("ended", "terminated" if step.terminated else "truncated" if step.truncated else "no", ""),
    ]
    for key, value in step.extra.items():
        shown = f"{len(value)} items" if isinstance(value, (list, dict)) else str(value)
        rows.append((key.replace("_", " "), escape(shown), ""))
    return "".join(
        f'<tr class="{css}"><th>{escape(name)}</th><td>{value}</td></tr>'
        for name, value, css in rows
    )


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _hierarchy(view: StepView) -> str:
    if view.hierarchy_error:
        return f'<p class="notice">UI hierarchy unreadable: {escape(view.hierarchy_error)}</p>'
    if not view.elements:
        return '<p class="muted">no UI hierarchy recorded</p>'
    hit = ""
    if view.hit is not None:
        hit = f"; tap hit: {escape(view.elements[view.hit].describe())}"
    return (
        f'<details class="ui"><summary>UI hierarchy ({len(view.elements)} elements{hit})</summary>'
        f"{tree_html(view.elements, view.hit)}</details>"
    )


def _relative_url(path: Path, start: Path) -> str:
    relative = os.path.relpath(path.resolve(), start.resolve())
    return quote(Path(relative).as_posix())


def _observations(episode: RecordedEpisode) -> list[RecordedObservation]:
    final = [episode.final_observation] if episode.final_observation else []
    return [step.observation for step in episode.steps] + final
