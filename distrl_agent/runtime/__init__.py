"""The asynchronous distributed runtime of DistRL (docs/distributed.md).

Decentralised workers (`worker`) collect on their devices while a centralised learner
(`learner`, run by `service`) trains; weights travel as numbered versions (`weights`),
trajectories as JSON + safetensors messages (`transport`); a watchdog (`supervisor`) restarts
failed workers; checkpoints are atomic (`checkpoint`). Backends: `local` (processes, the
default) and `ray_backend` (Ray actors). `trainer.train` runs a whole run; the `distrl` command
line (`distrl_agent.cli`) drives it.
"""


class LearnerFailure(RuntimeError):
    """A learner-side fault ended the run (after its last checkpoint): the command fails.
    Defined here, without the runtime's heavy imports, so the command line can catch it."""
