"""The `evaluate` and `leaderboard` subcommands of `android-gym` (docs/evaluation.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from android_gym.errors import AndroidGymError


def _evaluate(args: argparse.Namespace) -> int:
    from android_gym.evaluation.agents import AgentSpecError, resolve_agent
    from android_gym.evaluation.openai_agent import EndpointError
    from android_gym.evaluation.results import ResultsError
    from android_gym.evaluation.runner import evaluate

    devices = [d for d in args.device.split(",") if d]
    try:
        source = resolve_agent(args.agent, seed=args.seeds[0], device=args.torch_device)
        results = evaluate(
            source, Path(args.out), suite=args.suite, split=args.split, tasks=args.tasks,
            seeds=args.seeds, trials=args.trials, devices=devices, envs=args.envs,
            record=not args.no_record, progress=not args.quiet,
        )  # fmt: skip
    except (AgentSpecError, EndpointError, ResultsError, AndroidGymError, ValueError) as exc:
        print(f"android-gym evaluate: error: {exc}", file=sys.stderr)
        return 2
    m = results["metrics"]
    low, high = m["success_rate_ci95"]
    print(
        f"{results['agent']['name']} on {args.suite}/{args.split}: "
        f"{100 * m['success_rate']:.1f}% success (95% CI {100 * low:.1f}-{100 * high:.1f}, "
        f"{m['episodes']} episodes, {m['errored']} errored, {m['wall_clock_s']:.0f} s); "
        f"results: {args.out}"
    )
    return 0


def _leaderboard(args: argparse.Namespace) -> int:
    from android_gym.evaluation.leaderboard import find_results, render
    from android_gym.evaluation.results import ResultsError

    try:
        text = render(find_results(args.paths), args.format)
    except ResultsError as exc:
        print(f"android-gym leaderboard: error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"leaderboard: {args.output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def positive(text: str) -> int:
    """An argparse type: a whole number >= 1 (`--envs 0` or `--tasks -3` make no sense)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value}")
    return value


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Adds `evaluate` and `leaderboard` to the `android-gym` parser."""
    ev = sub.add_parser("evaluate", help="evaluate any agent; writes a results directory")
    ev.add_argument(
        "--agent",
        required=True,
        help="oracle | random | a distrl run or checkpoint | module:factory | "
        "openai:http://HOST:PORT/v1[#model]",
    )
    ev.add_argument("--suite", default="general", help="the task suite (general, web_shopping)")
    ev.add_argument("--split", default="test", choices=["train", "test"], help="the suite's split")
    ev.add_argument("--tasks", type=positive, default=None, help="the first N tasks (all)")
    ev.add_argument("--seeds", type=int, nargs="+", default=[0], help="phone seeds (0)")
    ev.add_argument("--trials", type=positive, default=1, help="attempts per task and seed")
    ev.add_argument(
        "--device", default="sim", help="sim, or adb:SERIAL (comma-separated: one per env)"
    )
    ev.add_argument("--envs", type=positive, default=1, help="environments side by side")
    ev.add_argument("--out", required=True, help="results directory (resumed if it exists)")
    ev.add_argument("--no-record", action="store_true", help="keep no episode recordings")
    ev.add_argument("--torch-device", default="cpu", help="where a distrl policy runs")
    ev.add_argument("--quiet", action="store_true", help="no progress bar")
    ev.set_defaults(run=_evaluate)

    lb = sub.add_parser("leaderboard", help="rank results directories of the same protocol")
    lb.add_argument("paths", nargs="+", help="results directories, distrl runs, or folders")
    lb.add_argument(
        "--format",
        choices=["markdown", "csv", "json", "html"],
        default="markdown",
        help="output format",
    )
    lb.add_argument("-o", "--output", help="write to a file instead of stdout")
    lb.set_defaults(run=_leaderboard)
