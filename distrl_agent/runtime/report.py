"""The run report: `report.md` with PNG plots, from a run's summary.json and metrics.jsonl.

Plots: test success against wall-clock time (periodic evaluations, plus the before/after
evaluations of the whole split), trajectories collected per minute, policy lag (median, p90
and max, in versions, of the steps each update trained on) and the losses. When the run kept
recorded evaluations (`evaluations/<label>/`), the report links the episode viewer written into
`viewer/` (`android-gym view`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from distrl_agent.runtime.files import write_text_atomic
from distrl_agent.runtime.metrics import read_jsonl

log = logging.getLogger(__name__)


def write_report(run_dir: str | Path) -> Path:
    """Writes `report.md` (last, atomically: its presence says the run is finished) and
    `plots/*.png` into `run_dir`; returns the report's path."""
    import matplotlib

    matplotlib.use("Agg")
    run_dir = Path(run_dir)
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    records = read_jsonl(run_dir / "metrics.jsonl")
    train = [r for r in records if r.get("kind") == "train"]
    evals = [r for r in records if r.get("kind") == "eval"]
    plots = run_dir / "plots"
    plots.mkdir(exist_ok=True)
    figures = {
        "success": _success_plot(summary, evals, plots / "success.png"),
        "throughput": _throughput_plot(train, plots / "throughput.png"),
        "lag": _lag_plot(train, plots / "lag.png"),
        "losses": _loss_plot(train, plots / "losses.png"),
    }
    path = run_dir / "report.md"
    write_text_atomic(path, _markdown(summary, figures) + _viewer_section(run_dir))
    return path


def _viewer_section(run_dir: Path) -> str:
    """Writes the episode viewer of the run's recorded evaluations into `run_dir/viewer/` and
    returns the report's section linking it; "" when the run recorded no evaluations."""
    from android_gym.evaluation.viewer import ViewerError, write_viewer

    if not (run_dir / "evaluations").is_dir():
        return ""
    try:
        site = write_viewer(run_dir, run_dir / "viewer" / "index.html")
    except (ViewerError, OSError) as exc:
        log.warning("no episode viewer for %s: %s", run_dir, exc)
        return ""
    index = site.index.relative_to(run_dir).as_posix()
    return (
        "\n## Evaluation episodes\n\n"
        f"[The evaluation episodes]({index}) ({site.pages} recorded, of {site.episodes} listed): "
        "every step's screenshot with the action on it, opened in a browser from disk "
        "(`android-gym view`).\n"
    )


def _figure():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=110)
    ax.grid(alpha=0.3)
    return plt, fig, ax


def _save(plt, fig, path: Path) -> str:
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return f"plots/{path.name}"


def _success_plot(summary: dict, evals: list[dict], path: Path) -> str:
    plt, fig, ax = _figure()
    if evals:
        xs = [e["version_time_s"] if e.get("version_time_s") is not None else e["t"] for e in evals]
        label = f"periodic (first {evals[0]['tasks']} tasks)"
        ax.plot(xs, [100 * e["success_rate"] for e in evals], "o-", label=label)
    end = summary["rl"].get("elapsed_s", 0.0)
    before, after = summary["before"], summary["after"]
    ax.scatter(
        [0],
        [100 * before["success_rate"]],
        color="gray",
        zorder=3,
        label=f"before RL ({before['tasks']} tasks)",
    )
    ax.scatter(
        [end],
        [100 * after["success_rate"]],
        color="green",
        zorder=3,
        label=f"after RL ({after['tasks']} tasks)",
    )
    ax.set_xlabel("wall-clock time of RL (s)")
    ax.set_ylabel(f"{before['split']} success (%)")
    ax.set_ylim(0, 100)
    ax.legend(loc="lower right", fontsize=8)
    return _save(plt, fig, path)


def _throughput_plot(train: list[dict], path: Path) -> str:
    plt, fig, ax = _figure()
    xs, ys, previous = [], [], None
    for record in train:
        if previous is not None and record["t"] > previous:
            xs.append(record["t"])
            ys.append(60.0 * record["interval_trajectories"] / (record["t"] - previous))
        previous = record["t"]
    ax.plot(xs, ys)
    ax.set_xlabel("wall-clock time of RL (s)")
    ax.set_ylabel("trajectories / minute")
    return _save(plt, fig, path)


def _lag_plot(train: list[dict], path: Path) -> str:
    plt, fig, ax = _figure()
    for name, color, what in (
        ("lag_update", "C0", "at update"),
        ("lag_arrival", "C1", "on arrival"),
    ):
        for key, style in (("median", "-"), ("p90", "--"), ("max", ":")):
            points = [(r["t"], r[f"{name}/{key}"]) for r in train if f"{name}/{key}" in r]
            if points:
                ax.plot(*zip(*points, strict=True), style, color=color, label=f"{key} {what}")
    ax.set_xlabel("wall-clock time of RL (s)")
    ax.set_ylabel("policy lag (versions)")
    ax.legend(fontsize=8)
    return _save(plt, fig, path)


def _loss_plot(train: list[dict], path: Path) -> str:
    plt, fig, ax = _figure()
    for key in ("actor", "critic", "trajectory_critic", "bc"):
        points = [(r["t"], r[f"train/{key}"]) for r in train if f"train/{key}" in r]
        if points:
            ax.plot(*zip(*points, strict=True), label=key)
    ax.set_xlabel("wall-clock time of RL (s)")
    ax.set_ylabel("loss")
    ax.legend(fontsize=8)
    return _save(plt, fig, path)


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _markdown(summary: dict, figures: dict[str, str]) -> str:
    rl, before, after = summary["rl"], summary["before"], summary["after"]
    lag = rl.get("lag_update", {})
    arrival = rl.get("lag_arrival", {})
    broadcast = rl.get("broadcast_s", {})
    pretrain = summary.get("pretrain", {})
    suite = summary.get("suite", "general")
    rows = [
        ("algorithm / schedule", f"{summary['algorithm']} / {summary['mode']}"),
        ("backend, workers", f"{summary['backend']}, {summary['workers']}"),
        ("policy", summary["policy"]),
        ("latency model", f"{summary['latency']['preset']} x{summary['latency']['time_scale']}"),
        ("warm start", f"{pretrain.get('demos', 0)} demos, noise {pretrain.get('noise', '-')}"),
        (
            f"success before RL ({before['tasks']} {suite} {before['split']} tasks)",
            f"{100 * before['success_rate']:.1f}%",
        ),
        (
            f"success after RL ({after['tasks']} {suite} {after['split']} tasks)",
            f"{100 * after['success_rate']:.1f}%",
        ),
        ("improvement", f"{summary['improvement_points']:+.1f} points"),
        (
            "RL wall-clock",
            f"{rl['elapsed_s']:.0f} s (worker start-up {_fmt(rl.get('startup_s'))} s)",
        ),
        (
            "trajectories / updates / versions",
            f"{rl['trajectories']} / {rl['updates']} / {rl['version']}",
        ),
        ("trajectories per minute", _fmt(rl.get("trajectories_per_minute"))),
        (
            "policy lag at update (median / p90 / max)",
            f"{_fmt(lag.get('median'), 0)} / {_fmt(lag.get('p90'), 0)} / {_fmt(lag.get('max'), 0)}",
        ),
        (
            "policy lag at arrival (median / p90 / max)",
            f"{_fmt(arrival.get('median'), 0)} / {_fmt(arrival.get('p90'), 0)} / "
            f"{_fmt(arrival.get('max'), 0)}",
        ),
        (
            "weight broadcast latency (median / max)",
            f"{_fmt(broadcast.get('median'), 3)} s / {_fmt(broadcast.get('max'), 3)} s",
        ),
        ("worker failures (restarted)", str(summary["worker_failures"])),
        ("total wall-clock", f"{summary['wall_clock_s']:.0f} s"),
    ]
    lines = [
        f"# Run report: {summary['name']} (seed {summary['seed']}, {summary['date']})",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in rows],
        "",
        "## Success against wall-clock time",
        f"![success]({figures['success']})",
        "",
        "## Collection throughput",
        f"![throughput]({figures['throughput']})",
        "",
        "## Policy lag",
        f"![lag]({figures['lag']})",
        "",
        "## Losses",
        f"![losses]({figures['losses']})",
        "",
        "## Success after RL by task family",
        "",
        "| family | success |",
        "|---|---|",
        *[f"| {k} | {100 * v:.0f}% |" for k, v in after.get("per_family", {}).items()],
        "",
    ]
    return "\n".join(lines)
