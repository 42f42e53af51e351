"""Project-wide test set-up: tests marked `netns` (they start Ray or an adb server, which reach
beyond loopback) run only inside a loopback-only network namespace, as `make test` provides."""

from __future__ import annotations

from pathlib import Path

import pytest

from android_gym.netns import in_loopback_namespace

SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if in_loopback_namespace():
        return
    skip = pytest.mark.skip(
        reason="needs a loopback-only network namespace (run `make test`, or "
        "unshare -n sh -c 'ip link set lo up && exec pytest ...')"
    )
    for item in items:
        if "netns" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def aitw_dir() -> Path:
    """The real AitW task lists (../shared/aitw), or skip when this checkout has none."""
    path = SHARED / "aitw"
    if not path.is_dir():
        pytest.skip(f"AitW task lists not found at {path}")
    return path
