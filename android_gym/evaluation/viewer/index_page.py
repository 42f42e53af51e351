"""The index page: a small static shell whose tables `index.js` renders from `data.js`.

The rows live in a JavaScript data file (browsers refuse to fetch JSON from file:// pages, but
load scripts), so the page stays small however many episodes a run has.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from android_gym.evaluation.viewer.sources import Collection, EpisodeEntry

FILTERS = (("label", "run"), ("agent", "agent"), ("family", "family"), ("outcome", "outcome"))


def data_js(collection: Collection, pages: dict[str, str]) -> str:
    """`window.VIEWER_DATA = {...}`: one row per episode; `pages` maps keys to page URLs."""
    data = {
        "title": collection.title,
        "episodes": [_row(entry, pages.get(entry.key)) for entry in collection.entries],
    }
    return "window.VIEWER_DATA = " + json.dumps(data, ensure_ascii=False, default=str) + ";\n"


def _row(entry: EpisodeEntry, page: str | None) -> dict[str, Any]:
    return {
        "key": entry.key,
        "page": page,
        "label": entry.label,
        "agent": entry.agent,
        "goal": entry.goal,
        "family": entry.family,
        "task": entry.task_id,
        "success": entry.success,
        "steps": entry.steps,
        "seed": entry.seed,
        "error": entry.error,
        "problem": entry.problem,
    }


def render(collection: Collection, files: str, problems: list[str]) -> str:
    """The index HTML; `files` is the folder (relative URL) holding data.js and the assets."""
    selects = "".join(
        f'<label>{label} <select id="filter-{name}"><option value="*">all</option></select></label>'
        for name, label in FILTERS
    )
    notices = "".join(f'<p class="notice">{escape(p)}</p>' for p in problems)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(collection.title)}: episodes</title>
<link rel="stylesheet" href="{files}/viewer.css"></head>
<body class="index">
<h1>{escape(collection.title)}</h1>
<p class="muted">{escape(str(collection.source))}</p>
{notices}
<div class="filters">{selects}<label>search <input id="filter-text" type="search"></label>
<span id="count"></span></div>
<noscript><p class="notice">The tables need JavaScript.</p></noscript>
<h2>Tasks</h2>
<table class="list" id="tasks"><thead><tr><th>run</th><th>agent</th><th>task</th><th>family</th>
<th>goal</th><th>episodes</th><th>successes</th><th>rate</th></tr></thead>
<tbody id="tasks-body"></tbody></table>
<h2>Episodes</h2>
<table class="list" id="episodes"><thead><tr><th>episode</th><th>run</th><th>agent</th>
<th>family</th><th>goal</th><th>outcome</th><th>steps</th><th>seed</th><th>note</th></tr></thead>
<tbody id="episodes-body"></tbody></table>
<script src="{files}/data.js"></script>
<script src="{files}/index.js"></script>
</body></html>
"""
