"""The asynchronous distributed runtime of DistRL (docs/distributed.md).

Decentralised workers (`worker`) collect on their devices while a centralised learner
(`learner`, run by `service`) trains; weights travel as numbered versions (`weights`),
trajectories as JSON + safetensors messages (`transport`); a watchdog (`supervisor`) restarts
failed workers; checkpoints are atomic and verified (`checkpoint`). Backends: `local`
(processes, the default) and `ray_backend` (Ray actors). `trainer.train` runs a whole run;
the `distrl` command line (`distrl_agent.cli`) drives it.

The errors below are defined here, without the runtime's heavy imports, so the command line
can catch them.
"""


class RunFailure(RuntimeError):
    """A fault ended the run after its last checkpoint (events.jsonl says what): the command
    fails, and `distrl train --resume` continues from that checkpoint."""


class LearnerFailure(RunFailure):
    """A learner-side fault ended the run (after its last checkpoint)."""


class WorkerStartFailure(RunFailure):
    """A worker failed to start `runtime.max_start_failures` times in a row (after the last
    checkpoint); the message carries the worker's own error."""


class RunDirectoryError(ValueError):
    """A run directory or checkpoint cannot be used as asked: a run already there without
    `--resume` or `--force`, nothing to resume, no intact checkpoint, a path that is no run.
    Nothing was changed; the command exits with status 2 and this message."""


class CheckpointError(RunDirectoryError):
    """A checkpoint is missing, incomplete or corrupt (the message says which file and how)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM stopped the run; `signal` names which. Raised by the command
    line's signal handlers, so every `except KeyboardInterrupt` path handles both, and again by
    a session that stopped for it, with the `checkpoint` it wrote before stopping."""

    def __init__(self, signal: str = "SIGINT", checkpoint: str | None = None) -> None:
        super().__init__(signal)
        self.signal = signal
        self.checkpoint = checkpoint


_caught: list[str] = []  # the signals the command line's handlers caught in this process


def signal_caught(name: str) -> Interrupted:
    """Records a signal a handler caught and returns the `Interrupted` to raise for it."""
    _caught.append(name)
    return Interrupted(name)


def raise_if_signalled() -> None:
    """Raises `Interrupted` again for a caught signal whose exception Python dropped: raised
    while a destructor or a garbage-collection callback runs, it is printed as "Exception
    ignored" and lost, and with it a Ctrl-C or SIGTERM. The driver's loop and the run's phase
    boundaries call this, so no signal is lost, at worst honoured a phase late."""
    if _caught:
        raise Interrupted(_caught[-1])


def forget_signals() -> None:
    """Forgets caught signals (a command's signal handling ends, or starts afresh)."""
    _caught.clear()
