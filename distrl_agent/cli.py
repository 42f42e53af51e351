"""The `distrl` command line: train, eval, collect, leaderboard (docs/cli.md).

distrl train --config configs/quickstart.yaml [key.sub=value ...] [--run-dir DIR [--resume|--force]]
distrl eval --checkpoint runs/RUN [--suite general --split test --tasks N] [--json]
distrl collect --mode async|sync --workers N --duration S [key.sub=value ...] [--json]
distrl leaderboard [--runs runs] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from android_gym.console import HelpFormatter, SubParser, quiet_broken_pipe
from android_gym.evaluation.cli import positive
from distrl_agent.config import MODES, ConfigError, RunConfig, load_config, shipped_config
from distrl_agent.runtime import (
    Interrupted,
    RunDirectoryError,
    RunFailure,
    forget_signals,
    signal_caught,
)

QUICKSTART = shipped_config("quickstart")


def _backend_overrides(args: argparse.Namespace) -> list[str]:
    """The overrides that `--backend` and `--ray-address` stand for."""
    overrides = [f"runtime.backend={args.backend}"] if args.backend else []
    if args.ray_address:
        overrides.append(f"ray.address={args.ray_address}")
    return overrides


def _train(args: argparse.Namespace) -> int:
    from distrl_agent.runtime.trainer import default_run_dir, train

    overrides = _overrides(args) + _backend_overrides(args)
    config_path = args.config
    if args.resume and args.run_dir is None:
        raise RunDirectoryError("--resume needs --run-dir DIR, the run to continue")
    if config_path is None:
        saved = Path(args.run_dir or "") / "config.yaml"
        config_path = saved if args.resume and saved.exists() else QUICKSTART
    config = load_config(config_path, overrides)
    seeds = config.seeds or [config.seed]
    root = Path(args.run_dir) if args.run_dir is not None else None
    if root is not None and len(seeds) > 1:  # the protocol's config, for --resume
        _start_protocol(root, config, resume=args.resume, force=args.force)
    summaries = []
    for seed in seeds:
        run_config = config.with_seed(seed)
        run_dir = root if root is not None else default_run_dir(run_config)
        resume = args.resume
        if len(seeds) > 1 and root is not None:
            run_dir = root / f"seed-{seed}"
            resume = resume and (run_dir / "config.yaml").exists()  # a seed not started yet
        try:
            summary = train(
                run_config, run_dir, resume=resume, force=args.force, progress=not args.quiet
            )
        except KeyboardInterrupt as exc:
            signal_name = exc.signal if isinstance(exc, Interrupted) else "SIGINT"
            print(
                f"distrl: interrupted ({signal_name}); {_resume_hint(root or run_dir)}",
                file=sys.stderr,
            )
            return 143 if signal_name == "SIGTERM" else 130
        except RunFailure as exc:
            print(f"distrl: error: {exc}; {_resume_hint(root or run_dir)}", file=sys.stderr)
            return 1
        summaries.append(summary)
        human = sys.stderr if args.json else sys.stdout  # --json: only JSON on stdout
        if summary.get("already_finished"):
            print(
                f"distrl: {run_dir} is finished already ({summary['rl']['elapsed_s']:.0f} s of "
                "RL): nothing was changed. Raise runtime.duration_s (or runtime.max_updates) "
                "to train it further",
                file=sys.stderr,
            )
        before, after = summary["before"], summary["after"]
        print(
            f"{summary['name']} seed {seed}: {before['split']} success "
            f"{100 * before['success_rate']:.1f}% before RL -> {100 * after['success_rate']:.1f}% "
            f"after ({summary['improvement_points']:+.1f} points, {after['tasks']} tasks); "
            f"report: {Path(summary['run_dir']) / 'report.md'}",
            file=human,
        )
    if args.json:
        print(json.dumps(summaries[0] if len(summaries) == 1 else summaries))
    return 0


def _start_protocol(root: Path, config: RunConfig, *, resume: bool, force: bool) -> None:
    """A multi-seed run's directory: its config (with the seeds) beside one folder per seed."""
    import yaml

    from distrl_agent.runtime.rundir import prepare_new

    if not resume:
        prepare_new(root, force=force)
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))


def _resume_hint(run_dir: Path) -> str:
    return f"`distrl train --run-dir {run_dir} --resume` continues the run from its last checkpoint"


def _eval(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from distrl_agent.agent import load_policy
    from distrl_agent.runtime.evaluation import evaluate
    from distrl_agent.runtime.rundir import run_dir_of

    path = Path(args.checkpoint)
    policy, config = load_policy(path, args.device)  # verified; says what is wrong with `path`
    config.env.suite = args.suite or config.env.suite
    config.eval.split = args.split or config.eval.split
    if args.latency not in ("run", "none"):
        config.latency.preset = args.latency
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    label = f"eval-{config.env.suite}-{config.eval.split}-{stamp}"
    out = Path(args.out) if args.out else run_dir_of(path) / "evaluations" / label
    from tqdm import tqdm

    with tqdm(total=args.tasks, desc="eval", disable=args.quiet, leave=False) as bar:
        result = evaluate(
            policy,
            config,
            tasks=args.tasks,
            latency=args.latency != "none",
            threads=args.envs,
            progress=bar,
            out=out,
            record=not args.no_record,
            label=label,
        )
    record = {
        "checkpoint": str(path),
        "suite": config.env.suite,
        "results": str(out),
        **result.to_dict(),
    }
    if args.json:
        print(json.dumps(record))
    else:
        print(
            f"{config.env.suite}/{result.split}: {100 * result.success_rate:.1f}% success "
            f"({sum(result.successes)}/{len(result.successes)} tasks, {result.elapsed_s:.0f} s); "
            f"results: {out}"
        )
        for family, rate in result.per_family.items():
            print(f"  {family:16s} {100 * rate:5.1f}%")
    return 0


def collect_config(args: argparse.Namespace) -> RunConfig:
    """The config `distrl collect` runs: a fresh policy, no warm start, no evaluation."""
    overrides = [
        f"runtime.mode={args.mode}",
        f"runtime.workers={args.workers}",
        f"runtime.duration_s={args.duration}",
        f"latency.preset={args.latency}",
        f"latency.time_scale={args.time_scale}",
        "pretrain.demos=0",
        "pretrain.anchor=0",  # no warm start, nothing to anchor
        "eval.every_s=0",
        f"runtime.checkpoint_every_s={10 * args.duration + 3600}",
        f"name=collect-{args.mode}",
        *_backend_overrides(args),
    ]
    return load_config(args.config, overrides + _overrides(args))


def _overrides(args: argparse.Namespace) -> list[str]:
    """The config overrides of a command: positional `key=value`s, then `--set`s."""
    return list(args.overrides) + list(args.set)


def _collect(args: argparse.Namespace) -> int:
    config = collect_config(args)
    record = run_collect(config, args.run_dir, progress=not args.quiet)
    if args.json:
        print(json.dumps(record))
    else:
        print(
            f"{args.mode}, {args.workers} workers, {record['duration_s']:.0f} s: "
            f"{record['trajectories_per_minute']:.1f} trajectories/min, "
            f"{record['steps_per_second']:.2f} steps/s, {record['updates']} updates"
        )
    return 0


def run_collect(
    config: RunConfig, run_dir: str | Path | None = None, progress: bool = False
) -> dict[str, Any]:
    """One collection session of `config` (a fresh policy); returns its figures."""
    from distrl_agent.runtime import scratch
    from distrl_agent.runtime.metrics import EventLog
    from distrl_agent.runtime.trainer import run_session, warm_start

    scratch.sweep()
    directory = Path(run_dir) if run_dir else scratch.make("collect")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        warm_start(config, directory, progress=False)
        events = EventLog(directory)
        try:
            summary, _ = run_session(config, directory, events, progress=progress)
        finally:
            events.close()
    finally:
        if not run_dir:
            scratch.remove(directory)
    return collect_record(config, summary)


def collect_record(config: RunConfig, summary: dict[str, Any]) -> dict[str, Any]:
    """The figures `distrl collect --json` prints."""
    return {
        "mode": config.runtime.mode,
        "workers": config.runtime.workers,
        "backend": config.runtime.backend,
        "duration_s": summary["session_s"],
        "trajectories": summary["session_trajectories"],
        "transitions": summary["session_transitions"],
        "trajectories_per_minute": summary["trajectories_per_minute"],
        "steps_per_second": summary["steps_per_second"],
        "steady": summary["steady"],
        "updates": summary["updates"],
        "versions": summary["version"],
        "algorithm": config.algorithm.name,
        "latency": {"preset": config.latency.preset, "time_scale": config.latency.time_scale},
        "startup_s": summary["startup_s"],
        "lag_arrival": summary["lag_arrival"],
        "lag_update": summary["lag_update"],
        "rounds": summary["rounds"],
        "broadcast_s": summary["broadcast_s"],
    }


def _leaderboard(args: argparse.Namespace) -> int:
    from android_gym.evaluation.results import ResultsError
    from distrl_agent.leaderboard import leaderboard, render_runs, render_table

    try:
        board = leaderboard(args.runs)
    except ResultsError as exc:
        print(f"distrl: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(board))
        return 0
    print(render_table(board["table1"]))
    print()
    if board["runs"]:
        print(render_runs(board["runs"]))
    else:
        print(f"no runs with a summary.json under {args.runs}")
    for line in board["passed_over"]:
        print(f"passed over {line}")
    return 0


def _add_overrides(parser: argparse.ArgumentParser) -> None:
    """The config overrides every command that runs a config takes, spelled alike."""
    parser.add_argument(
        "overrides", nargs="*", metavar="KEY=VALUE", help="config overrides: section.key=value"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a config override, the same as a positional one (repeatable)",
    )


def _add_backend(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backend", choices=["local", "ray"], default=None, help="default: the config's"
    )
    parser.add_argument(
        "--ray-address", default=None, help='join a Ray cluster ("auto", host:port)'
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `distrl`."""
    from distrl_agent.runtime.latency import PRESETS

    parser = argparse.ArgumentParser(
        prog="distrl", description=__doc__.split("\n")[0], formatter_class=HelpFormatter
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=SubParser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text)

    train = command("train", "warm start, distributed RL, evaluation, report")
    train.add_argument(
        "--config",
        default=None,
        help="a YAML run config, or the name of a shipped one (quickstart, smoke, paper, "
        "web_shopping); default: quickstart (on --resume: the run's)",
    )
    train.add_argument("--run-dir", default=None, help="default: runs/<name>-seed<N>-<time>")
    train.add_argument("--resume", action="store_true", help="continue the run in --run-dir")
    train.add_argument(
        "--force", action="store_true", help="replace a run already in --run-dir (deletes it)"
    )
    _add_backend(train)
    train.add_argument("--json", action="store_true", help="print the summary as JSON")
    train.add_argument("--quiet", action="store_true", help="no progress bars")
    _add_overrides(train)
    train.set_defaults(func=_train)

    ev = command("eval", "greedy success of a trained policy")
    ev.add_argument("--checkpoint", required=True, help="a run directory or one of its checkpoints")
    ev.add_argument("--suite", default=None, help="default: the run's env.suite")
    ev.add_argument(
        "--split", default=None, choices=["train", "test"], help="default: the run's eval.split"
    )
    ev.add_argument("--tasks", type=positive, default=None, help="the first N tasks (default: all)")
    ev.add_argument("--envs", type=positive, default=1, help="environments side by side")
    ev.add_argument(
        "--latency",
        nargs="?",
        const="run",
        default="none",
        choices=["run", *PRESETS],
        help="device latency model: a preset, or 'run' (the bare flag) for the run's own",
    )
    ev.add_argument("--device", default="cpu", help="where the policy runs")
    ev.add_argument(
        "--out", default=None, help="results directory (default: RUN_DIR/evaluations/eval-*)"
    )
    ev.add_argument("--no-record", action="store_true", help="keep no episode recordings")
    ev.add_argument("--json", action="store_true", help="print one JSON line")
    ev.add_argument("--quiet", action="store_true", help="no progress bar")
    ev.set_defaults(func=_eval)

    co = command("collect", "collection throughput of the runtime (with training)")
    co.add_argument("--mode", choices=MODES, default="async", help="the schedule")
    co.add_argument("--workers", type=int, default=4, help="collecting workers")
    co.add_argument("--duration", type=float, default=60.0, help="seconds, after start-up")
    co.add_argument(
        "--latency", choices=list(PRESETS), default="emulator", help="device latency model"
    )
    co.add_argument("--time-scale", type=float, default=0.05, help="latency multiplier")
    co.add_argument(
        "--config", default="quickstart", help="policy/learner settings: a path or a name"
    )
    _add_backend(co)
    co.add_argument("--run-dir", default=None, help="keep the session's logs here")
    co.add_argument("--json", action="store_true", help="print one JSON line of figures")
    co.add_argument("--quiet", action="store_true", help="no progress bars")
    _add_overrides(co)
    co.set_defaults(func=_collect)

    lb = command("leaderboard", "Table 1 of the results under --runs, and the runs")
    lb.add_argument("--runs", default="runs", help="the folder searched for runs")
    lb.add_argument("--json", action="store_true", help="print the rows as JSON")
    lb.set_defaults(func=_leaderboard)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("android-gym")
    except PackageNotFoundError:
        from android_gym import __version__

        return __version__


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """Makes SIGTERM (what `timeout`, Slurm, Kubernetes and `docker stop` send) stop a run the
    way Ctrl-C does: both raise `Interrupted` in the main thread, every time, so a second one
    cuts the stopping short (the last intact checkpoint stays). A signal that whoever started
    this process ignores (`nohup`, `&` in a script) stays ignored."""

    def handler(signum: int, frame: object) -> None:
        raise signal_caught(signal.Signals(signum).name)

    forget_signals()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(sig) not in (signal.SIG_IGN, None):
                previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
        forget_signals()


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """`parse_args`, except that `KEY=VALUE` overrides may also follow an option
    (`train --run-dir R --resume runtime.max_updates=40`): argparse takes a command's
    positional overrides in one run only, and would refuse the later ones."""
    args, rest = parser.parse_known_args(argv)
    late = [token for token in rest if "=" in token and not token.startswith("-")]
    if late != rest or (rest and not hasattr(args, "overrides")):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if rest:
        args.overrides = [*args.overrides, *late]
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `distrl` console script."""
    parser = build_parser()
    args = _parse(parser, argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s: %(message)s",
    )
    with stop_signals(), quiet_broken_pipe():
        try:
            return int(args.func(args))
        except (ConfigError, RunDirectoryError, FileNotFoundError) as exc:
            print(f"distrl: error: {exc}", file=sys.stderr)
            return 2
        except RunFailure as exc:  # the run checkpointed first; events.jsonl says what failed
            print(f"distrl: error: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt as exc:
            signal_name = exc.signal if isinstance(exc, Interrupted) else "SIGINT"
            print(f"distrl: interrupted ({signal_name})", file=sys.stderr)
            return 143 if signal_name == "SIGTERM" else 130


if __name__ == "__main__":
    sys.exit(main())
