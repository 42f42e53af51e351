"""`distrl leaderboard`: the paper's Table 1 from results directories, and the runs' list.

Table 1 of DistRL (arXiv 2410.14803) has one row per agent and the success rate on the
General and Web Shopping suites, train and test. Here the rows come from the results
directories under `--runs` (android-gym evaluate's and each run's RUN_DIR/evaluations/*):

- Random, Oracle: `android-gym evaluate --agent random|oracle` results;
- BC warm start (the AutoUI-SFT analogue): a run's `before*` evaluations;
- Filtered BC, DigiRL (sync), A-RIDE (async): the `after*` evaluations of runs of that
  algorithm.

Each cell is the mean over seeds with a 95% t interval (the Wilson interval of one result when
there is one seed); results of one run seed are averaged first (runs of several algorithms from
one warm start each have a `before` evaluation of the same policy). A cell only pools results
of one protocol (task list, split, judge, step budget): otherwise it says "mixed" and the note
lists them. Results that fit no row (other
agents, periodic evaluations) are listed apart. The runs' summary.json files are listed as
before; other files named summary.json (`android-gym demo` writes one) are passed over, said.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from android_gym.evaluation.leaderboard import Row, find_results
from android_gym.evaluation.results import ResultsError
from android_gym.evaluation.stats import mean_interval

ROWS = ("Random", "Oracle", "BC warm start", "Filtered BC", "DigiRL (sync)", "A-RIDE (async)")
AFTER_ROWS = {"filtered_bc": "Filtered BC", "digirl": "DigiRL (sync)", "aride": "A-RIDE (async)"}
COLUMNS = (("general", "train"), ("general", "test"), ("web_shopping", "train"),
           ("web_shopping", "test"))  # fmt: skip
PAPER = {
    "A-RIDE (async)": {("general", "test"): 73.2, ("web_shopping", "test"): 68.5},
    "DigiRL (sync)": {("general", "test"): 61.2, ("web_shopping", "test"): 59.9},
    "BC warm start": {("general", "test"): 40.6, ("web_shopping", "test"): 44.5},
}
"""The paper's Table 1 test figures (Gemini judge, AitW, 128 test tasks; BC warm start stands
for AutoUI SFT)."""
SUMMARY_KEYS = ("algorithm", "mode", "workers", "before", "after", "improvement_points", "rl")


def table_row(results: dict[str, Any]) -> str | None:
    """The Table 1 row a result belongs to, or None."""
    agent = results["agent"]
    kind, label = agent.get("kind"), str(agent.get("label", ""))
    if kind == "random":
        return "Random"
    if kind == "oracle":
        return "Oracle"
    if kind == "distrl" and label.startswith("before"):
        return "BC warm start"
    if kind == "distrl" and label.startswith("after"):
        return AFTER_ROWS.get(str(agent.get("algorithm")))
    return None


def seed_rates(rows: Sequence[Row]) -> list[float]:
    """One success rate per seed: a distrl result's seed is its run's (results of one run seed
    are averaged: several runs share one warm start), another's are its phone seeds."""
    by_seed: dict[tuple[str, Any], list[float]] = defaultdict(list)
    for row in rows:
        agent, metrics = row.results["agent"], row.results["metrics"]
        if agent.get("kind") == "distrl":
            by_seed[("run", agent.get("seed"))].append(metrics["success_rate"])
            continue
        per_seed = metrics.get("per_seed") or {"": metrics["success_rate"]}
        for seed, rate in per_seed.items():
            by_seed[("phone", seed)].append(rate)
    return [sum(v) / len(v) for v in by_seed.values()]


def cell(rows: Sequence[Row]) -> dict[str, Any]:
    """Mean success over the seeds of one cell's results, with its 95% interval."""
    protocols = {r.protocol for r in rows}
    if len(protocols) > 1:
        return {"mixed": True, "results": [str(r.path) for r in rows]}
    rates = seed_rates(rows)
    summary = mean_interval(rates)
    if len(rates) == 1:  # one seed (its results are of one policy): its Wilson interval
        summary["ci95"] = rows[0].results["metrics"]["success_rate_ci95"]
    summary["tasks"] = rows[0].results["benchmark"]["tasks"]
    summary["protocol"] = list(rows[0].protocol)
    return summary


def build_table(rows: Sequence[Row]) -> dict[str, Any]:
    """{"rows": {row: {"suite/split": cell}}, "unlabelled": [...]} of the results."""
    cells: dict[str, dict[tuple[str, str], list[Row]]] = defaultdict(lambda: defaultdict(list))
    unlabelled = []
    for row in rows:
        name = table_row(row.results)
        bench = row.results["benchmark"]
        column = (bench.get("suite"), bench.get("split"))
        if name is None or column not in COLUMNS:
            unlabelled.append(row.fields())
            continue
        cells[name][column].append(row)
    table = {
        name: {f"{s}/{p}": cell(cells[name][(s, p)]) for s, p in COLUMNS if cells[name][(s, p)]}
        for name in ROWS
    }
    return {"rows": table, "unlabelled": unlabelled}


def _format_cell(value: dict[str, Any] | None) -> str:
    if value is None:
        return "-"
    if value.get("mixed"):
        return "mixed"
    text = f"{100 * value['mean']:.1f}"
    if value.get("ci95"):
        low, high = value["ci95"]
        text += f" [{100 * low:.1f}, {100 * high:.1f}]"
    return text + f" (n={value['n']})"


def render_table(table: dict[str, Any]) -> str:
    """Table 1 as markdown, the paper's test figures beside ours."""
    header = [f"{s} {p}" for s, p in COLUMNS]
    lines = [
        "Table 1 analogue: success % (mean over seeds [95% CI]), paper's test figures in ()",
        "",
        "| agent | " + " | ".join(header) + " |",
        "|---|" + "---|" * len(header),
    ]
    for name in ROWS:
        values = []
        for suite, split in COLUMNS:
            text = _format_cell(table["rows"][name].get(f"{suite}/{split}"))
            paper = PAPER.get(name, {}).get((suite, split))
            values.append(text + (f" (paper {paper})" if paper is not None else ""))
        lines.append(f"| {name} | " + " | ".join(values) + " |")
    mixed = [
        (name, column, value["results"])
        for name, row in table["rows"].items()
        for column, value in row.items()
        if value.get("mixed")
    ]
    for name, column, paths in mixed:
        lines.append(f"\n{name}, {column}: mixed protocols, not pooled: {', '.join(paths)}")
    for suite, split in COLUMNS:
        column = f"{suite}/{split}"
        found = {
            (tuple(v["protocol"]), v["tasks"])
            for row in table["rows"].values()
            if (v := row.get(column)) and not v.get("mixed")
        }
        if len(found) > 1:
            tasks = sorted({t for _, t in found})
            lines.append(
                f"\n{column}: its rows ran {len(found)} different protocols (tasks: {tasks}); "
                "they are not comparable with each other (`android-gym leaderboard` says how)"
            )
    if table["unlabelled"]:
        lines += ["", "Results without a Table 1 row:"]
        lines += [
            f"  {u['agent']}: {100 * u['success_rate']:.1f}% ({u['suite']}, {u['episodes']} "
            f"episodes) {u['path']}"
            for u in table["unlabelled"]
        ]
    return "\n".join(lines)


def run_summaries(root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The runs' summary.json rows, and the files named summary.json that are no run's."""
    rows, passed = [], []
    for path in sorted(root.glob("**/summary.json")):
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            passed.append(f"{path}: unreadable ({exc})")
            continue
        if not isinstance(summary, dict) or any(k not in summary for k in SUMMARY_KEYS):
            passed.append(f"{path}: not a distrl run summary (`android-gym demo` writes one)")
            continue
        rows.append(
            {
                "run": str(path.parent.relative_to(root)),
                "algorithm": summary["algorithm"],
                "mode": summary["mode"],
                "workers": summary["workers"],
                "before": summary["before"]["success_rate"],
                "after": summary["after"]["success_rate"],
                "tasks": summary["after"]["tasks"],
                "improvement_points": summary["improvement_points"],
                "rl_s": summary["rl"]["elapsed_s"],
                "trajectories_per_minute": summary["rl"]["trajectories_per_minute"],
                "lag_p90": summary["rl"].get("lag_update", {}).get("p90"),
                "date": summary.get("date"),
            }
        )
    rows.sort(key=lambda r: r["after"], reverse=True)
    return rows, passed


def render_runs(rows: Sequence[dict[str, Any]]) -> str:
    lines = [
        f"{'run':40s} {'algo':11s} {'mode':5s} {'wk':>3s} {'before':>7s} {'after':>7s} "
        f"{'delta':>6s} {'tasks':>5s} {'RL s':>6s} {'traj/min':>8s} {'lag p90':>7s}"
    ]
    for r in rows:
        lag = "-" if r["lag_p90"] is None else f"{r['lag_p90']:.0f}"
        lines.append(
            f"{r['run'][:40]:40s} {r['algorithm']:11s} {r['mode']:5s} {r['workers']:3d} "
            f"{100 * r['before']:6.1f}% {100 * r['after']:6.1f}% {r['improvement_points']:+6.1f} "
            f"{r['tasks']:5d} {r['rl_s']:6.0f} {r['trajectories_per_minute']:8.1f} {lag:>7s}"
        )
    return "\n".join(lines)


def leaderboard(root: str | Path) -> dict[str, Any]:
    """Everything `distrl leaderboard` shows, as data."""
    root = Path(root)
    if not root.is_dir():
        raise ResultsError(f"{root}: no such directory")
    try:
        results = find_results([root])
    except ResultsError as exc:
        if "no results.json" not in str(exc):
            raise
        results = []
    runs, passed = run_summaries(root)
    return {"table1": build_table(results), "runs": runs, "passed_over": passed}
