"""`distrl train` with adb devices: each collecting environment drives its own phone over adb
(`env.devices`), here simulated phones served as adb devices behind a real adb server."""

from __future__ import annotations

import json

import pytest
from runtime_helpers import SMOKE

from android_gym.adbd import serve_phones
from android_gym.devices.adb_link import adb_server
from distrl_agent.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.netns]


def test_workers_collect_on_adb_phones(tmp_path):
    with serve_phones(count=2) as served, adb_server() as (host, port):
        devices = [f"adb:{serial}@{host}:{port}" for serial in served.serials]
        overrides = [
            "runtime.duration_s=15",
            "eval.every_s=0",
            f"env.devices=[{', '.join(devices)}]",
            "env.device_options={settle: {min_s: 0, interval_s: 0, cap_s: 2}, "
            "screenshot_scale: 0.5}",
        ]
        run_dir = tmp_path / "adb"
        command = ["train", "--config", str(SMOKE), "--run-dir", str(run_dir), "--quiet"]
        assert main([*command, *overrides]) == 0
        summary = json.loads((run_dir / "summary.json").read_text())
        with served.phones[0].lock, served.phones[1].lock:
            elapsed = [d.phone.elapsed for d in served.devices]
    assert summary["rl"]["trajectories"] > 0 and summary["worker_failures"] == 0
    assert all(seconds > 0 for seconds in elapsed), "every served phone was driven over adb"
