"""`write_viewer`: the whole static site of `android-gym view` for one input.

Layout, for an output `OUT/index.html`: the index itself, and `OUT/index_files/` holding
`data.js` (the index rows), the style sheet and scripts, `episodes/<key>.html` (one page per
recorded episode) and, on request, `gifs/<key>.gif`. Pages reference the recorded frames where
they are, by relative path: keep the output next to the recordings (the default puts it inside
the input directory).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from android_gym.evaluation.viewer import episode_page, index_page
from android_gym.evaluation.viewer.episode_page import Links
from android_gym.evaluation.viewer.gif import write_gif
from android_gym.evaluation.viewer.sources import EpisodeEntry, collect
from android_gym.recording import read_episode

ASSETS = Path(__file__).parent / "assets"
DEFAULT_OUTPUT = Path("viewer") / "index.html"


@dataclass
class ViewerSite:
    """What `write_viewer` wrote."""

    index: Path
    episodes: int
    pages: int
    gifs: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def default_output(source: str | Path) -> Path:
    """Where the viewer goes when no output is named: `SOURCE/viewer/index.html`."""
    return Path(source) / DEFAULT_OUTPUT


def write_viewer(
    source: str | Path, output: str | Path | None = None, *, gif: bool = False
) -> ViewerSite:
    """Writes the viewer of every episode under `source` (see `sources`); `output` is the index
    file (`*.html`) or a directory for `index.html`. Raises `sources.ViewerError` when `source`
    holds nothing to show."""
    collection = collect(source)
    index = Path(output) if output is not None else default_output(source)
    if index.suffix.lower() not in (".html", ".htm"):
        index = index / "index.html"
    files = index.parent / f"{index.stem}_files"
    pages_dir = files / "episodes"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for asset in ASSETS.iterdir():
        shutil.copyfile(asset, files / asset.name)
    recorded = [entry for entry in collection.entries if entry.episode_dir is not None]
    pages, gifs = {}, []
    for i, entry in enumerate(recorded):
        links = Links(
            index=f"../../{index.name}",
            assets="..",
            previous=f"{recorded[i - 1].key}.html" if i > 0 else None,
            next=f"{recorded[i + 1].key}.html" if i + 1 < len(recorded) else None,
            gif=f"../gifs/{entry.key}.gif" if gif else None,
        )
        html, made = _page(entry, pages_dir, links, files / "gifs" if gif else None)
        (pages_dir / f"{entry.key}.html").write_text(html, encoding="utf-8")
        pages[entry.key] = f"{files.name}/episodes/{entry.key}.html"
        gifs.extend(made)
    (files / "data.js").write_text(index_page.data_js(collection, pages), encoding="utf-8")
    index.write_text(index_page.render(collection, files.name, collection.problems), "utf-8")
    return ViewerSite(index, len(collection.entries), len(pages), gifs, collection.problems)


def _page(
    entry: EpisodeEntry, pages_dir: Path, links: Links, gifs_dir: Path | None
) -> tuple[str, list[Path]]:
    """The page of one episode (a page saying why, when its recording cannot be read) and the
    GIF written for it."""
    assert entry.episode_dir is not None
    try:
        episode = read_episode(entry.episode_dir, strict=False)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        entry.problem = f"recording unreadable: {type(exc).__name__}: {exc}"
        return _error_page(entry, links), []
    html = episode_page.render(entry, episode, pages_dir, links)
    if gifs_dir is None:
        return html, []
    return html, [write_gif(episode, gifs_dir / f"{entry.key}.gif")]


def _error_page(entry: EpisodeEntry, links: Links) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(entry.key)}'
        f'</title><link rel="stylesheet" href="{links.assets}/viewer.css"></head><body>'
        f'<p><a href="{links.index}">index</a></p><h1>{escape(entry.goal or entry.key)}</h1>'
        f'<p class="notice">{escape(entry.problem)}</p><p class="muted">'
        f"{escape(str(entry.episode_dir))}</p></body></html>\n"
    )
