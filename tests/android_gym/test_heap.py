"""What Python's full garbage collections have to scan in an env process: no container per
leaf view of a cached screen, and a start-up heap that can be frozen out of the scans."""

from __future__ import annotations

import gc

import pytest

from android_gym.env import AndroidEnv
from android_gym.heap import freeze_startup_heap, frozen
from android_gym.sim import Phone


def test_leaf_views_of_a_cached_screen_hold_nothing_the_collector_tracks() -> None:
    phone = Phone()
    views = list(phone.screen().walk())
    leaves = [v for v in views if not v.children]
    assert len(leaves) > len(views) / 2  # most views are leaves
    assert not any(gc.is_tracked(v.children) for v in leaves)


@pytest.fixture
def unfrozen():
    """Gives the test process its heap back (frozen objects would never be collected)."""
    yield
    gc.unfreeze()


def test_the_start_up_heap_is_frozen_out_of_full_collections(unfrozen) -> None:
    env = AndroidEnv(split="test", render_scale=0.25)
    env.reset(seed=0)
    assert frozen(env) is env
    count = gc.get_freeze_count()
    assert count > 50_000  # modules, vocabularies, the phone: all out of the scans
    assert len(gc.get_objects()) < count / 10  # what a full collection still scans
    assert freeze_startup_heap() >= count
    env.close()
