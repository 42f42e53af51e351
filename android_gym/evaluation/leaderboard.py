"""Leaderboards over results directories: rows grouped by protocol, ranked only within one.

Two results are comparable when they ran the same task list (its hash), split, judge and step
budget; trials and seeds are shown beside each row. Rows of different protocols are printed as
separate groups, with what differs between them. Formats: markdown, csv, json, html.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from android_gym.evaluation.results import RESULTS_FILE, ResultsError, read_results

PROTOCOL_KEYS = ("task_list_sha256", "split", "judge", "max_steps")
"""What must be equal for two results to be ranked together (benchmark keys)."""
FORMATS = ("markdown", "csv", "json", "html")


@dataclass
class Row:
    """One results directory as a leaderboard row."""

    path: Path
    results: dict[str, Any]

    @property
    def protocol(self) -> tuple:
        bench = self.results["benchmark"]
        return tuple(bench.get(k) for k in PROTOCOL_KEYS)

    def fields(self) -> dict[str, Any]:
        m, bench, proto = (
            self.results["metrics"],
            self.results["benchmark"],
            self.results["protocol"],
        )
        low, high = m.get("success_rate_ci95") or [None, None]
        return {
            "agent": self.results["agent"].get("name", "?"),
            "path": str(self.path),
            "success_rate": m.get("success_rate"),
            "ci95_low": low,
            "ci95_high": high,
            "se": m.get("success_rate_se"),
            "episodes": m.get("episodes"),
            "errored": m.get("errored"),
            "pass_at_k": m.get("pass_at_k"),
            "mean_steps": m.get("mean_steps"),
            "steps_vs_oracle": m.get("steps_vs_oracle"),
            "invalid_action_rate": m.get("invalid_action_rate"),
            "trials": proto.get("trials"),
            "seeds": proto.get("seeds"),
            "device": proto.get("device"),
            "suite": bench.get("suite"),
            "complete": bool(self.results.get("complete")),
        }


def find_results(paths: Sequence[str | Path]) -> list[Row]:
    """The results directories in `paths`: each a results directory, a distrl run (its
    `evaluations/*`) or any folder holding results directories. Raises `ResultsError` for a
    path that is missing, holds none, or holds a damaged or newer one."""
    rows = []
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise ResultsError(f"{root}: no such file or directory")
        if root.is_file():
            root = root.parent if root.name == RESULTS_FILE else root
        found = (
            [root]
            if (root / RESULTS_FILE).exists()
            else sorted(p.parent for p in root.rglob(RESULTS_FILE))
        )
        if not found:
            raise ResultsError(
                f"{root}: no {RESULTS_FILE} here or below (not a results directory of "
                "`android-gym evaluate` nor a distrl run with evaluations/)"
            )
        rows.extend(Row(p, read_results(p)) for p in found)
    return rows


def group_rows(rows: Sequence[Row]) -> list[list[Row]]:
    """Rows grouped by protocol, each group ranked by success rate (best first); groups in
    the order their first row came."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.protocol, []).append(row)
    return [
        sorted(g, key=lambda r: r.results["metrics"].get("success_rate", 0.0), reverse=True)
        for g in groups.values()
    ]


def differences(groups: Sequence[Sequence[Row]]) -> list[str]:
    """The protocol keys that differ between groups."""
    return [
        key for i, key in enumerate(PROTOCOL_KEYS) if len({g[0].protocol[i] for g in groups}) > 1
    ]


def protocol_title(row: Row) -> str:
    bench = row.results["benchmark"]
    return (
        f"{bench.get('suite')}/{bench.get('split')}, {bench.get('tasks')} tasks "
        f"(task list {str(bench.get('task_list_sha256'))[:12]}), judge {bench.get('judge')}, "
        f"{bench.get('max_steps')} steps"
    )


def _percent(value: Any) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _cells(rank: int, f: dict[str, Any]) -> list[str]:
    passk = f["pass_at_k"] or {}
    top = max(passk, key=int) if passk else None
    return [
        str(rank),
        f["agent"] + ("" if f["complete"] else " (incomplete)"),
        _percent(f["success_rate"]),
        f"{_percent(f['ci95_low'])}-{_percent(f['ci95_high'])}",
        f"pass@{top} {_percent(passk[top])}" if top else "-",
        str(f["episodes"]),
        str(f["errored"]),
        "-" if f["mean_steps"] is None else f"{f['mean_steps']:.2f}",
        "-" if f["steps_vs_oracle"] is None else f"{f['steps_vs_oracle']:.2f}",
        str(f["trials"]),
        " ".join(str(s) for s in f["seeds"] or []),
        f["path"],
    ]


HEADER = [
    "#", "agent", "success %", "95% CI", "pass@k", "episodes", "errored", "mean steps",
    "steps/oracle", "trials", "seeds", "results",
]  # fmt: skip


def _refusal(groups: Sequence[Sequence[Row]]) -> str:
    return (
        f"{len(groups)} protocols: rows of different protocols are not ranked together "
        f"(they differ in {', '.join(differences(groups))})"
    )


def render(rows: Sequence[Row], fmt: str = "markdown") -> str:
    """The leaderboard of `rows` in format `fmt` (one of FORMATS)."""
    groups = group_rows(rows)
    if fmt == "json":
        return json.dumps(
            {
                "groups": [
                    {
                        "protocol": dict(zip(PROTOCOL_KEYS, g[0].protocol, strict=True)),
                        "title": protocol_title(g[0]),
                        "rows": [{"rank": i, **r.fields()} for i, r in enumerate(g, 1)],
                    }
                    for g in groups
                ],
                "note": _refusal(groups) if len(groups) > 1 else None,
            },
            indent=1,
        )
    if fmt == "csv":
        out = io.StringIO()
        table = csv.writer(out)
        table.writerow(["protocol", "title", *HEADER])
        for number, g in enumerate(groups, 1):
            for i, r in enumerate(g, 1):
                table.writerow([number, protocol_title(g[0]), *_cells(i, r.fields())])
        return out.getvalue()
    if fmt == "html":
        return _html(groups)
    lines = []
    if len(groups) > 1:
        lines += [f"> {_refusal(groups)}.", ""]
    for number, g in enumerate(groups, 1):
        lines += [f"### Protocol {number}: {protocol_title(g[0])}", ""]
        lines += ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(_cells(i, r.fields())) + " |" for i, r in enumerate(g, 1)]
        lines.append("")
    return "\n".join(lines)


def _html(groups: Sequence[Sequence[Row]]) -> str:
    esc = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Leaderboard</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>",
        "<h1>Leaderboard</h1>",
    ]
    if len(groups) > 1:
        parts.append(f"<p class='refusal'>{esc(_refusal(groups))}.</p>")
    for number, g in enumerate(groups, 1):
        parts.append(f"<h2>Protocol {number}: {esc(protocol_title(g[0]))}</h2><table>")
        parts.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in HEADER) + "</tr>")
        for i, r in enumerate(g, 1):
            parts.append(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in _cells(i, r.fields())) + "</tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
