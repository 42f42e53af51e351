"""`android-gym evaluate --device adb:...`: the oracle through the adb backend (a served
simulated phone, the real adb server), recorded like any evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest
from adb_rig import FAST_SETTLE, rig

from android_gym.evaluation import evaluate, resolve_agent

pytestmark = pytest.mark.netns


def test_the_oracle_is_evaluated_on_an_adb_device(tmp_path: Path) -> None:
    with rig() as r:
        results = evaluate(
            resolve_agent("oracle"), tmp_path / "adb", tasks=2, devices=[r.spec()],
            env_options={"device_options": {"settle": FAST_SETTLE}}, progress=False,
        )  # fmt: skip
    assert results["protocol"]["device"] == r.spec()
    m = results["metrics"]
    assert m["success_rate"] == 1.0 and m["errored"] == 0 and m["episodes"] == 2
    assert m["steps_vs_oracle"] is None  # the oracle reference is measured on the sim only
