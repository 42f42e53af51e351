"""A training run from start to report: warm start, evaluation, distributed RL, evaluation.

`train(config)`:

1. writes the run directory (`runs/<name>-<time>` unless given; one that holds a run only with
   `--resume` or `--force`, runtime/rundir.py): the resolved config,
2. clones the warm-start policy from noisy oracle demonstrations (or, on `--resume`, keeps
   what the run already has), writes its spec and weights, evaluates it greedily on the
   evaluation split ("before"),
3. runs the RL session on the configured backend (`run_session`): learner + workers +
   periodic evaluation + watchdog + checkpoints, until the duration is spent,
4. evaluates the final policy ("after"), writes `summary.json` and the report.

On `--resume` it first decides what to do without changing anything (`rundir.plan_resume`):
a finished run is left as it is; otherwise torn log lines are cut, damaged checkpoints passed
over (each recorded as a `checkpoint_skipped` event), a warm start that was interrupted is
done again, and a run whose checkpoint spent the RL budget runs no session: its final
evaluation (unless `summary.json` has it) and report are done with that checkpoint's weights
and session figures. Ctrl-C or SIGTERM at any point leaves a run `--resume` continues: an
`interrupted` event records it (an `evaluating` event marks each evaluation's start). Scratch
folders of runs that are gone are swept at the start.

`run_session` is also what `distrl collect` measures throughput with.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
import yaml
from torch import Tensor
from tqdm import tqdm

from distrl_agent.config import RunConfig
from distrl_agent.policies.base import Policy, save_trainable_state
from distrl_agent.runtime import Interrupted, LearnerFailure, raise_if_signalled, scratch
from distrl_agent.runtime.components import build_policy, policy_spec
from distrl_agent.runtime.demonstrations import save_demonstrations
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.files import write_json_atomic
from distrl_agent.runtime.metrics import EventLog, read_jsonl
from distrl_agent.runtime.pretrain import behaviour_clone, collect_demonstrations, typed_phrases
from distrl_agent.runtime.rundir import (
    BEFORE,
    CONFIG,
    SUMMARY,
    ResumePlan,
    plan_resume,
    policy_weights,
    prepare_new,
    repair_logs,
)
from distrl_agent.runtime.service import INITIAL_WEIGHTS, POLICY_SPEC, LearnerService
from distrl_agent.runtime.supervisor import drive
from distrl_agent.runtime.weights import BackgroundPublisher, WeightStore, default_weights_dir
from distrl_agent.runtime.worker import WorkerSpec
from distrl_agent.trajectory import Trajectory

log = logging.getLogger(__name__)


def default_run_dir(config: RunConfig, root: str | Path = "runs") -> Path:
    """runs/<name>-<UTC time>."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return Path(root) / f"{config.name}-seed{config.seed}-{stamp}"


def worker_specs(config: RunConfig, spec: dict[str, Any], session: int) -> list[WorkerSpec]:
    """The collecting workers w0..wN-1 (N: `runtime.workers`, or the Ray backend's pool
    `ray.max_workers`, of which `runtime.workers` start) and, when periodic evaluation is on,
    one evaluator."""
    data = config.to_dict()
    base = config.seed * 100_003 + session * 7_919
    per = config.runtime.envs_per_worker
    devices = config.env.devices
    specs = [
        WorkerSpec(f"w{i}", "collect", base + i, 0, data, spec, devices[i * per : (i + 1) * per])
        for i in range(config.ray.worker_pool(config.runtime.workers))
    ]
    if config.eval.every_s > 0 and config.eval.periodic_tasks > 0:
        specs.append(WorkerSpec("eval", "eval", base + 99_991, 0, data, spec))
    return specs


def warm_start(config: RunConfig, run_dir: Path, progress: bool) -> tuple[Policy, dict[str, Any]]:
    """The starting policy: cloned from noisy demonstrations, loaded, or freshly initialised.

    Writes its spec and weights into `run_dir`; returns the policy and what was done.
    """
    info: dict[str, Any] = {"demos": config.pretrain.demos, "noise": config.pretrain.noise}
    started = time.perf_counter()
    if config.pretrain.from_checkpoint:
        source = Path(config.pretrain.from_checkpoint)
        spec = json.loads((source / POLICY_SPEC).read_text(encoding="utf-8"))
        policy = build_policy(spec, config.policy.device)
        policy.load_trainable_state(policy_weights(source))
        info["from_checkpoint"] = str(source)
    elif config.pretrain.demos > 0:
        with tqdm(
            total=config.pretrain.demos, desc="demos", disable=not progress, leave=False
        ) as bar:
            demos = collect_demonstrations(config, bar)
        spec = policy_spec(config, typed_phrases(demos))
        policy = build_policy(spec, config.policy.device)
        losses = behaviour_clone(policy, demos, config)
        if config.pretrain.anchor > 0:
            anchored = anchor_set(policy, demos, config)
            save_demonstrations(anchored, run_dir)
            info["anchor_trajectories"] = len(anchored)
        info.update(
            demo_success=sum(d.success for d in demos) / len(demos),
            demo_steps=sum(len(d) for d in demos),
            bc_loss_first=losses[0] if losses else None,
            bc_loss_last=losses[-1] if losses else None,
        )
    else:
        spec = policy_spec(config)
        policy = build_policy(spec, config.policy.device)
    info["seconds"] = time.perf_counter() - started
    (run_dir / POLICY_SPEC).write_text(json.dumps(spec), encoding="utf-8")
    save_trainable_state(policy.trainable_state(), run_dir / INITIAL_WEIGHTS)
    return policy, info


def anchor_set(policy: Policy, demos: list[Trajectory], config: RunConfig) -> list[Trajectory]:
    """What the learner's anchor clones (`pretrain.anchor_source`): the demonstrations, or the
    warm-started policy's successful greedy episodes on the train split."""
    if config.pretrain.anchor_source == "demonstrations":
        return demos
    solved = evaluate(policy, config, split=config.env.train_split, keep_solved=True).solved
    if not solved:
        raise ValueError(
            "pretrain.anchor_source=solved: the warm-started policy solves no train task, so "
            "there is nothing to anchor (use anchor_source=demonstrations or more demos)"
        )
    return solved


def run_session(
    config: RunConfig,
    run_dir: Path,
    events: EventLog,
    *,
    resume_from: str | None = None,
    progress: bool,
) -> tuple[dict[str, Any], dict[str, Tensor]]:
    """One RL session on the configured backend, from checkpoint `resume_from` (a verified
    one; None: the warm start); returns its summary (with the `checkpoint` it ended with) and
    the final weights. Raises the
    `RunFailure` that ended it (after the last checkpoint), or `Interrupted` when Ctrl-C or
    SIGTERM did."""
    spec = json.loads((run_dir / POLICY_SPEC).read_text(encoding="utf-8"))
    session = sum(1 for e in read_jsonl(run_dir / "events.jsonl") if e["event"] == "session")
    specs = worker_specs(config, spec, session)
    events.write("session", number=session, resume=resume_from, backend=config.runtime.backend)
    if config.runtime.backend == "ray":
        from distrl_agent.runtime.ray_backend import run_ray_session as run
    else:
        run = _run_local_session
    summary, state, checkpoint, interrupted = run(
        config, run_dir, specs, events, resume_from=resume_from, progress=progress
    )
    summary["checkpoint"] = Path(checkpoint).name  # a str from the Ray learner actor
    events.write("checkpoint", path=str(checkpoint), updates=summary["updates"], final=True)
    failure = summary.pop("failure")
    if failure is not None:
        kind = "learner_failed" if isinstance(failure, LearnerFailure) else "run_failed"
        events.write(kind, reason=str(failure), checkpoint=str(checkpoint))
        raise type(failure)(f"{failure}; last checkpoint: {checkpoint}")
    if interrupted is not None:  # stopped cleanly and checkpointed, so --resume continues
        events.write("interrupted", signal=interrupted, checkpoint=str(checkpoint))
        raise Interrupted(interrupted, checkpoint=str(checkpoint))
    return summary, state


def record_checkpoints(service: LearnerService, events: EventLog) -> None:
    """Records the periodic checkpoints the learner wrote since the last call."""
    for record in service.take_written():
        events.write("checkpoint", **record)


def _run_local_session(
    config: RunConfig,
    run_dir: Path,
    specs: list[WorkerSpec],
    events: EventLog,
    *,
    resume_from: str | None,
    progress: bool,
) -> tuple[dict[str, Any], dict[str, Tensor], Path, str | None]:
    """One RL session with local processes: its summary, final weights, last checkpoint and
    the signal that ended it early (None: it ran its course)."""
    from distrl_agent.runtime.local import LocalBackend

    weights_dir = (
        Path(config.runtime.weights_dir)
        if config.runtime.weights_dir
        else default_weights_dir(config.name)
    )
    publisher = BackgroundPublisher(WeightStore(weights_dir))
    try:
        collect_ids = [s.worker_id for s in specs if s.role == "collect"]
        service = LearnerService(config, run_dir, publisher, collect_ids, resume_from=resume_from)
        if service.resumed_from:
            events.write(
                "resumed", checkpoint=service.resumed_from, updates=service.learner.updates
            )
        backend = LocalBackend(config, run_dir, weights_dir, events)
        backend.start(specs, service)

        def supervise() -> None:
            record_checkpoints(service, events)
            failure = backend.supervise(*service.health())
            if failure is not None:
                service.fail(failure)

        try:
            interrupted = drive(
                done=service.done,
                tick=service.tick,
                supervise=supervise,
                status=service.brief,
                duration_s=config.runtime.duration_s,
                progress=progress,
            )
        finally:
            service.finish()
            backend.stop()
        record_checkpoints(service, events)
    finally:
        publisher.close()
        scratch.remove(weights_dir)
    summary, state, checkpoint = service.finalize()
    return summary, state, checkpoint, interrupted


def train(
    config: RunConfig,
    run_dir: str | Path | None = None,
    *,
    resume: bool = False,
    force: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """A whole training run (see the module docstring); returns its summary. Resuming a
    finished run changes nothing and returns its summary with `already_finished` set."""
    run_dir = Path(run_dir) if run_dir is not None else default_run_dir(config)
    scratch.sweep()
    plan = plan_resume(config.runtime, run_dir) if resume else None
    if plan is not None and plan.finished:
        summary = json.loads((run_dir / SUMMARY).read_text(encoding="utf-8"))
        return {**summary, "already_finished": True}
    if plan is None:
        prepare_new(run_dir, force=force)
    run_dir.mkdir(parents=True, exist_ok=True)
    repaired = repair_logs(run_dir) if plan is not None else []
    events = EventLog(run_dir)  # before config.yaml: a signal from then on is recorded
    try:
        (run_dir / CONFIG).write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))
        torch.set_num_threads(config.runtime.learner_threads)  # the warm start runs here too
        _note_repairs(events, run_dir, repaired, plan)
        return _train(config, run_dir, events, plan, progress)
    except KeyboardInterrupt as exc:
        if not isinstance(exc, Interrupted) or exc.checkpoint is None:  # outside the session
            signal = exc.signal if isinstance(exc, Interrupted) else "SIGINT"
            events.write("interrupted", signal=signal, checkpoint=None)
        raise
    finally:
        events.close()


def _note_repairs(
    events: EventLog, run_dir: Path, repaired: list[tuple[str, int]], plan: ResumePlan | None
) -> None:
    """Says (in the log and in events.jsonl) what resuming had to pass over."""
    for name, size in repaired:
        log.warning("%s: cut a torn last line (%d bytes, a crash mid-write)", run_dir / name, size)
        events.write("torn_line_cut", file=name, bytes=size)
    for name, why in plan.skipped if plan is not None else []:
        log.warning("--resume: passed over checkpoint %s: %s", name, why)
        events.write("checkpoint_skipped", checkpoint=name, reason=why)
    if plan is not None and plan.skipped:
        log.warning("--resume: continuing from %s", plan.checkpoint or "the warm start")


def _train(
    config: RunConfig, run_dir: Path, events: EventLog, plan: ResumePlan | None, progress: bool
) -> dict[str, Any]:
    started = time.perf_counter()
    if plan is not None and plan.warm_started:
        before = json.loads((run_dir / BEFORE).read_text(encoding="utf-8"))
    else:  # a new run, or one stopped before its warm start was done
        policy, pretrain = warm_start(config, run_dir, progress)
        events.write("evaluating", label="before", checkpoint=None)
        before = {
            "pretrain": pretrain,
            **_evaluate(policy, config, run_dir, progress, "before").to_dict(),
        }
        (run_dir / BEFORE).write_text(json.dumps(before), encoding="utf-8")
        _say(progress, f"success before RL: {before['success_rate']:.1%} ({before['tasks']} tasks)")
    raise_if_signalled()  # a Ctrl-C the warm start's destructors swallowed
    if plan is not None and plan.evaluated:  # stopped while writing the report
        log.warning("--resume: %s has its final evaluation; writing the report", run_dir)
        summary = json.loads((run_dir / SUMMARY).read_text(encoding="utf-8"))
    else:
        session, final_state = _reinforce(config, run_dir, events, plan, progress)
        spec = json.loads((run_dir / POLICY_SPEC).read_text(encoding="utf-8"))
        policy = build_policy(spec, config.policy.device)
        policy.load_trainable_state(final_state)
        events.write("evaluating", label="after", checkpoint=session["checkpoint"])
        after = _evaluate(policy, config, run_dir, progress, "after").to_dict()
        _say(progress, f"success after RL:  {after['success_rate']:.1%} ({after['tasks']} tasks)")
        wall_s = time.perf_counter() - started
        summary = run_summary(config, run_dir, before, after, session, wall_s)
        write_json_atomic(run_dir / SUMMARY, summary, indent=2)
    from distrl_agent.runtime.report import write_report

    write_report(run_dir)
    events.write("finished", summary=str(run_dir / SUMMARY))
    return summary


def _reinforce(
    config: RunConfig, run_dir: Path, events: EventLog, plan: ResumePlan | None, progress: bool
) -> tuple[dict[str, Any], dict[str, Tensor]]:
    """The RL part: a session (from the warm start or the plan's checkpoint), or none when the
    plan's checkpoint spent the budget (a run stopped in its final evaluation), whose session
    figures and weights are then the checkpoint's. Returns what `run_session` does."""
    if plan is None or plan.checkpoint is None or plan.session is None:
        resume_from = plan.checkpoint if plan is not None else None
        return run_session(config, run_dir, events, resume_from=resume_from, progress=progress)
    figures = plan.session
    log.warning(
        "--resume: %s had spent the run's RL budget (%.1f s, %d updates): only the final "
        "evaluation and the report are left",
        plan.checkpoint,
        figures["elapsed_s"],
        figures["updates"],
    )
    events.write("resumed", checkpoint=plan.checkpoint, updates=figures["updates"], rl_done=True)
    weights = policy_weights(run_dir / "checkpoints" / plan.checkpoint)
    return {**figures, "checkpoint": plan.checkpoint}, weights


def _evaluate(policy: Policy, config: RunConfig, run_dir: Path, progress: bool, label: str):
    """Evaluates into the results directory RUN_DIR/evaluations/<label>."""
    tasks = config.eval.tasks
    with tqdm(total=tasks, desc=f"eval {label}", disable=not progress, leave=False) as bar:
        return evaluate(
            policy, config, tasks=tasks, progress=bar, out=run_dir / "evaluations" / label,
            record=config.eval.record, label=label,
        )  # fmt: skip


def _say(progress: bool, text: str) -> None:
    if progress:
        tqdm.write(text)
    log.info(text)


def run_summary(
    config: RunConfig,
    run_dir: Path,
    before: dict[str, Any],
    after: dict[str, Any],
    session: dict[str, Any],
    wall_s: float,
) -> dict[str, Any]:
    """What `summary.json` holds (and `distrl leaderboard` reads)."""
    events = read_jsonl(run_dir / "events.jsonl")
    return {
        "name": config.name,
        "run_dir": str(run_dir),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "seed": config.seed,
        "suite": config.env.suite,
        "algorithm": config.algorithm.name,
        "mode": config.runtime.mode,
        "backend": config.runtime.backend,
        "workers": config.runtime.workers,
        "policy": config.policy.kind,
        "latency": {"preset": config.latency.preset, "time_scale": config.latency.time_scale},
        "before": {k: before[k] for k in ("success_rate", "tasks", "split", "per_family")},
        "after": {k: after[k] for k in ("success_rate", "tasks", "split", "per_family")},
        "improvement_points": 100.0 * (after["success_rate"] - before["success_rate"]),
        "pretrain": before.get("pretrain", {}),
        "rl": {k: v for k, v in session.items() if k != "evaluations"},
        "periodic_evaluations": session.get("evaluations", []),
        "worker_failures": sum(1 for e in events if e["event"] == "worker_failed"),
        "wall_clock_s": wall_s,
    }
