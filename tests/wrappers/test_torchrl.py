"""TorchRL collects from `make_torchrl_env` (ParallelEnv over GymWrapper, real worker
processes) and trains a few iterations of its own PPO loss on what it collected."""

from __future__ import annotations

import pytest

torchrl = pytest.importorskip("torchrl", reason="TorchRL is not installed (extra `torchrl`)")

import torch  # noqa: E402
from tensordict.nn import TensorDictModule  # noqa: E402
from torch import nn  # noqa: E402
from torchrl.collectors import Collector  # noqa: E402
from torchrl.modules import ProbabilisticActor, ValueOperator  # noqa: E402
from torchrl.objectives import ClipPPOLoss  # noqa: E402
from torchrl.objectives.value import GAE  # noqa: E402

from android_gym.tasks import load_suite  # noqa: E402
from android_gym.wrappers.torchrl_env import make_torchrl_env  # noqa: E402

SIZE = (48, 24)
FRAMES = 48


class PixelsAndInstruction(nn.Module):
    """A small CNN over the pixels, joined with the hashed instruction."""

    def __init__(self, out: int) -> None:
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(3, 8, 4, 4),
            nn.ReLU(),
            nn.Flatten(),
            nn.Linear(8 * (SIZE[0] // 4) * (SIZE[1] // 4), 32),
        )
        self.head = nn.Sequential(nn.ReLU(), nn.Linear(32 + 64, out))

    def forward(self, pixels: torch.Tensor, instruction: torch.Tensor) -> torch.Tensor:
        batch = pixels.shape[:-3]
        features = self.cnn(pixels.reshape(-1, *pixels.shape[-3:])).reshape(*batch, -1)
        return self.head(torch.cat([features, instruction], -1))


@pytest.mark.slow  # worker processes: 20-60 s on two shared cores
def test_parallel_env_collects_and_ppo_trains() -> None:
    tasks = [t for t in load_suite("general", "train") if t.family == "launch_app"][:4]
    env = make_torchrl_env(
        2, observation="pixels", screenshot_size=SIZE, grid=(2, 2), tasks=tasks, render_scale=0.25
    )
    try:
        n = env.action_spec.space.n
        assert env.batch_size == torch.Size([2])
        logits = TensorDictModule(
            PixelsAndInstruction(n), ["screenshot", "instruction"], ["logits"]
        )
        actor = ProbabilisticActor(
            logits,
            in_keys=["logits"],
            distribution_class=torch.distributions.Categorical,
            spec=env.action_spec,
            return_log_prob=True,
        )
        critic = ValueOperator(PixelsAndInstruction(1), in_keys=["screenshot", "instruction"])
        collector = Collector(env, actor, frames_per_batch=FRAMES, total_frames=2 * FRAMES)
        loss = ClipPPOLoss(actor, critic)
        advantage = GAE(gamma=0.99, lmbda=0.95, value_network=critic)
        optim = torch.optim.Adam(loss.parameters(), lr=1e-3)
        before = [p.detach().clone() for p in loss.parameters()]
        frames = 0
        for batch in collector:
            frames += batch.numel()
            assert batch["screenshot"].shape[-3:] == (3, *SIZE)
            assert batch["screenshot"].dtype == torch.float32 and batch["screenshot"].max() <= 1
            assert batch["next", "step_count"].max() <= 10  # the horizon: episodes reset
            assert batch["next", "done"].any()
            advantage(batch)
            for _ in range(2):
                losses = loss(batch.reshape(-1))
                total = losses["loss_objective"] + losses["loss_critic"] + losses["loss_entropy"]
                assert torch.isfinite(total)
                optim.zero_grad()
                total.backward()
                optim.step()
        collector.shutdown()
        assert frames == 2 * FRAMES
        assert any(not torch.equal(a, b) for a, b in zip(before, loss.parameters(), strict=True))
    finally:
        if not env.is_closed:
            env.close()
