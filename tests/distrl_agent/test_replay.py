"""Prioritized replay: sampling really follows priority**alpha, weights, capacity, threads."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from distrl_agent.replay import PrioritizedReplay, SegmentTree


class Item:
    """A sized item standing in for a trajectory (`len` = its transitions)."""

    def __init__(self, name: int, size: int = 1) -> None:
        self.name, self.size = name, size

    def __len__(self) -> int:
        return self.size


@settings(max_examples=25, deadline=None)
@given(
    priorities=st.lists(st.floats(0.05, 20.0), min_size=2, max_size=12),
    alpha=st.sampled_from([0.0, 0.5, 1.0]),
)
def test_sampling_frequencies_match_priority_to_the_alpha(priorities, alpha):
    replay = PrioritizedReplay(capacity=100, alpha=alpha, beta=0.4)
    ids = [replay.add(Item(i), p) for i, p in enumerate(priorities)]
    rng = np.random.default_rng(0)
    draws = 20_000
    counts = np.zeros(len(priorities))
    for _ in range(draws // 100):
        items, sampled_ids, _ = replay.sample(100, rng)
        assert [it.name for it in items] == [ids.index(i) for i in sampled_ids]
        np.add.at(counts, [it.name for it in items], 1)
    expected = np.array(priorities) ** alpha
    expected /= expected.sum()
    # Stratified sampling has lower variance than multinomial: a multinomial 5-sigma band holds.
    sigma = np.sqrt(draws * expected * (1 - expected))
    assert np.all(np.abs(counts - draws * expected) <= 5 * sigma + 2)


def test_high_priority_items_dominate_samples():
    replay = PrioritizedReplay(capacity=1000, alpha=1.0)
    for i in range(99):
        replay.add(Item(i), 0.01)
    hot = replay.add(Item(99), 100.0)
    _, ids, _ = replay.sample(1000, np.random.default_rng(1))
    assert np.mean(ids == hot) > 0.95  # uniform sampling would give 1%


def test_importance_weights_follow_the_formula():
    replay = PrioritizedReplay(capacity=10, alpha=1.0, beta=0.5)
    priorities = {replay.add(Item(i), p): p for i, p in enumerate([1.0, 2.0, 4.0])}
    _, ids, weights = replay.sample(64, np.random.default_rng(2))
    total = sum(priorities.values())
    n = len(priorities)
    raw = {i: (n * p / total) ** -0.5 for i, p in priorities.items()}
    top = max(raw.values())  # the lowest-priority item's weight, whether sampled or not
    np.testing.assert_allclose(weights, [raw[i] / top for i in ids], rtol=1e-5)
    assert weights.max() <= 1.0


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(1, 7), min_size=1, max_size=40), capacity=st.integers(7, 30))
def test_capacity_counts_transitions_and_evicts_oldest_first(sizes, capacity):
    replay = PrioritizedReplay(capacity=capacity)
    added = []
    for i, size in enumerate(sizes):
        added.append((replay.add(Item(i, size)), size))
        stored = replay.ids()
        assert replay.num_transitions <= capacity
        assert replay.num_transitions == sum(s for j, s in added if j in set(stored.tolist()))
        # what is stored is always the newest suffix of what was added
        assert stored.tolist() == [j for j, _ in added[len(added) - len(stored) :]]
        # the newest item always fits
        assert stored[-1] == added[-1][0]
    _, ids, _ = replay.sample(50, np.random.default_rng(0))
    assert set(ids.tolist()) <= set(replay.ids().tolist())


def test_new_items_get_the_maximum_priority_and_updates_skip_evicted_ids():
    replay = PrioritizedReplay(capacity=3)
    a = replay.add(Item(0), 5.0)
    b = replay.add(Item(1))
    assert replay.priorities([b])[0] == 5.0 == replay.max_priority
    assert replay.update_priorities([a, b], [0.5, 2.0]) == 2
    replay.add(Item(2))
    replay.add(Item(3))  # evicts a
    assert replay.update_priorities([a, b], [9.0, 3.0]) == 1
    assert np.isnan(replay.priorities([a])[0]) and replay.priorities([b])[0] == 3.0
    contents = replay.contents()  # what a checkpoint saves: the survivors, oldest first
    assert [(i, item.name, p) for i, item, p in contents] == [
        (b, 1, 3.0),
        (b + 1, 2, 5.0),
        (b + 2, 3, 5.0),
    ]


def test_rejects_bad_input():
    replay = PrioritizedReplay(capacity=4)
    with pytest.raises(ValueError, match="empty"):
        replay.sample(1)
    with pytest.raises(ValueError, match="transitions"):
        replay.add(Item(0, 5))
    with pytest.raises(ValueError, match="finite"):
        replay.add(Item(0), float("nan"))
    with pytest.raises(ValueError):
        PrioritizedReplay(capacity=0)


# leaves hold priority**alpha with priorities floored at MIN_PRIORITY: 0 (empty) or >= 1e-6
leaf_values = st.one_of(st.just(0.0), st.floats(1e-6, 10))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 31), leaf_values), min_size=1, max_size=60))
def test_segment_tree_sums_minima_and_prefix_search(assignments):
    tree = SegmentTree(32)
    values = np.zeros(32)
    for leaf, value in assignments:
        tree.set(leaf, value)
        values[leaf] = value
    assert tree.total == pytest.approx(values.sum())
    assert tree.minimum == pytest.approx(values[sorted({leaf for leaf, _ in assignments})].min())
    if values.sum() > 0:
        prefixes = np.linspace(0, values.sum() * (1 - 1e-9), 50)
        found = tree.find_prefix(prefixes)
        cumulative = np.cumsum(values)
        expected = np.searchsorted(cumulative, prefixes, side="right")
        np.testing.assert_array_equal(found, expected)
        assert np.all(values[found] > 0)


def test_concurrent_adds_samples_and_updates_keep_invariants():
    replay = PrioritizedReplay(capacity=200, seed=0)
    for i in range(20):
        replay.add(Item(i, 3))
    errors = []

    def writer(offset: int) -> None:
        for i in range(300):
            replay.add(Item(offset + i, 1 + i % 4))

    def learner(seed: int) -> None:
        rng = np.random.default_rng(seed)
        try:
            for _ in range(300):
                items, ids, weights = replay.sample(8, rng)
                assert len(items) == 8 and np.all((weights > 0) & (weights <= 1.0 + 1e-6))
                replay.update_priorities(ids, rng.uniform(0.1, 5, len(ids)))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(2)]
    threads += [threading.Thread(target=learner, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert replay.num_transitions <= 200
    assert replay.num_transitions == sum(len(it) for it in replay._items.values())
    assert replay._tree.total == pytest.approx(
        sum(p**replay.alpha for p in replay._priority.values())
    )
