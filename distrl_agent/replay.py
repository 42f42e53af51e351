"""Prioritized trajectory replay: a circular buffer sampled in proportion to priority**alpha.

This is the distributed prioritized experience replay of DistRL (after Ape-X / Schaul et al.):
items (trajectories, or anything with a length) are sampled with probability
P(i) = p_i**alpha / sum_k p_k**alpha through a sum tree (O(log n) per sample and update), and
carry importance weights w_i = (N * P(i))**(-beta) / max_k w_k, the maximum taken over the
whole buffer (a min tree keeps the smallest P). Capacity counts transitions (`len(item)`); the
oldest items are evicted first. Unlike the released DistRL code, sampling really follows the
priorities.

Indices returned by `sample` are stable item ids, not slots: a learner that updates priorities
after workers have added (and evicted) items in the meantime never touches the wrong item.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import numpy as np

T = TypeVar("T")

MIN_PRIORITY = 1e-6
"""Priorities are floored here so every stored item keeps a chance to be sampled."""


class SegmentTree:
    """A complete binary tree over `size` leaves keeping sums and minima of subtrees.

    Leaves are set one at a time (`set`, O(log n)); `find_prefix` descends from the root for a
    whole batch of prefix sums at once (vectorised over the batch, O(log n) levels).
    """

    def __init__(self, size: int) -> None:
        self.leaves = 1
        while self.leaves < size:
            self.leaves *= 2
        self.sums = np.zeros(2 * self.leaves, dtype=np.float64)
        self.mins = np.full(2 * self.leaves, np.inf, dtype=np.float64)

    def set(self, leaf: int, value: float) -> None:
        """Sets leaf `leaf` to `value` (inf-min / zero-sum for an empty leaf: use `clear`)."""
        self._assign(leaf, value, value)

    def clear(self, leaf: int) -> None:
        """Empties a leaf: it no longer counts in sums or minima."""
        self._assign(leaf, 0.0, np.inf)

    def _assign(self, leaf: int, total: float, minimum: float) -> None:
        node = leaf + self.leaves
        self.sums[node] = total
        self.mins[node] = minimum
        node //= 2
        while node >= 1:
            left, right = 2 * node, 2 * node + 1
            self.sums[node] = self.sums[left] + self.sums[right]
            self.mins[node] = min(self.mins[left], self.mins[right])
            node //= 2

    @property
    def total(self) -> float:
        """Sum over all leaves."""
        return float(self.sums[1])

    @property
    def minimum(self) -> float:
        """Smallest non-empty leaf (inf when empty)."""
        return float(self.mins[1])

    def value(self, leaves: np.ndarray) -> np.ndarray:
        """Values of the given leaves."""
        return self.sums[np.asarray(leaves) + self.leaves]

    def find_prefix(self, prefixes: np.ndarray) -> np.ndarray:
        """For each prefix sum s, the leaf i with sum(leaves[:i]) <= s < sum(leaves[:i+1])."""
        node = np.ones(len(prefixes), dtype=np.int64)
        remaining = np.asarray(prefixes, dtype=np.float64).copy()
        while node[0] < self.leaves:
            left = 2 * node
            left_sum = self.sums[left]
            go_right = remaining >= left_sum
            # A float-rounding overshoot must not descend into an empty right subtree.
            go_right &= self.sums[left + 1] > 0
            remaining = np.where(go_right, remaining - left_sum, remaining)
            node = np.where(go_right, left + 1, left)
        return node - self.leaves


class PrioritizedReplay(Generic[T]):
    """Thread-safe prioritized replay of sized items with a capacity counted in transitions.

    `add(item, priority=None)`: new items get the current maximum priority (so each is seen at
    least once soon). `sample(n, rng)` -> (items, ids, importance weights). `update_priorities`
    takes the ids `sample` returned; ids of items evicted since are ignored.
    """

    def __init__(
        self, capacity: int, alpha: float = 0.5, beta: float = 0.4, *, seed: int | None = None
    ) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be a positive number of transitions, got {capacity}")
        if alpha < 0 or beta < 0:
            raise ValueError(f"alpha and beta must be >= 0, got alpha={alpha}, beta={beta}")
        self.capacity = int(capacity)
        self.alpha = float(alpha)
        self.beta = float(beta)
        self._tree = SegmentTree(self.capacity)
        self._items: dict[int, Any] = {}
        self._slot_of: dict[int, int] = {}
        self._priority: dict[int, float] = {}
        self._order: deque[int] = deque()
        self._free_slots = list(range(self.capacity - 1, -1, -1))
        self._item_ids = np.full(self._tree.leaves, -1, dtype=np.int64)
        self._next_id = 0
        self._transitions = 0
        self._max_priority = 1.0
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def num_transitions(self) -> int:
        """Transitions currently stored (sum of `len(item)`)."""
        with self._lock:
            return self._transitions

    @property
    def max_priority(self) -> float:
        """The priority new items get: the largest ever given."""
        with self._lock:
            return self._max_priority

    def add(self, item: T, priority: float | None = None) -> int:
        """Stores `item`, evicting the oldest items to make room; returns its id."""
        size = len(item)  # type: ignore[arg-type]
        if size < 1 or size > self.capacity:
            raise ValueError(
                f"item has {size} transitions; accepted: 1..capacity ({self.capacity})"
            )
        with self._lock:
            while self._transitions + size > self.capacity:
                self._evict_oldest()
            item_id = self._next_id
            self._next_id += 1
            slot = self._free_slots.pop()
            self._items[item_id] = item
            self._slot_of[item_id] = slot
            self._item_ids[slot] = item_id
            self._order.append(item_id)
            self._transitions += size
            self._set_priority(item_id, self._max_priority if priority is None else priority)
            return item_id

    def _evict_oldest(self) -> None:
        item_id = self._order.popleft()
        slot = self._slot_of.pop(item_id)
        item = self._items.pop(item_id)
        del self._priority[item_id]
        self._transitions -= len(item)
        self._tree.clear(slot)
        self._item_ids[slot] = -1
        self._free_slots.append(slot)

    def _set_priority(self, item_id: int, priority: float) -> None:
        value = float(priority)
        if not np.isfinite(value) or value < 0:
            raise ValueError(f"priorities must be finite and >= 0, got {priority}")
        value = max(value, MIN_PRIORITY)
        self._priority[item_id] = value
        self._max_priority = max(self._max_priority, value)
        self._tree.set(self._slot_of[item_id], value**self.alpha)

    def sample(
        self, n: int, rng: np.random.Generator | None = None
    ) -> tuple[list[T], np.ndarray, np.ndarray]:
        """Draws `n` items (with replacement) with P(i) proportional to priority**alpha.

        Stratified as in Schaul et al.: one uniform draw in each of `n` equal segments of the
        total, which lowers variance without changing the marginal probabilities. Returns the
        items, their ids (int64[n]) and importance weights (float32[n], maximum 1 over the buffer).
        """
        if n < 1:
            raise ValueError(f"sample size must be >= 1, got {n}")
        rng = rng if rng is not None else self._rng
        with self._lock:
            if not self._items:
                raise ValueError("cannot sample from an empty replay buffer")
            total = self._tree.total
            bounds = np.arange(n + 1, dtype=np.float64) * (total / n)
            prefixes = rng.uniform(bounds[:-1], bounds[1:])
            slots = self._tree.find_prefix(np.minimum(prefixes, np.nextafter(total, 0)))
            ids = self._item_ids[slots]
            probabilities = self._tree.value(slots) / total
            count = len(self._items)
            min_probability = self._tree.minimum / total
            weights = (count * probabilities) ** (-self.beta) / (count * min_probability) ** (
                -self.beta
            )
            items = [self._items[int(i)] for i in ids]
        return items, ids, weights.astype(np.float32)

    def update_priorities(
        self, indices: Sequence[int] | np.ndarray, priorities: Sequence[float] | np.ndarray
    ) -> int:
        """Sets the priorities of sampled items `indices`; returns how many are still stored."""
        indices = np.asarray(indices, dtype=np.int64).reshape(-1)
        priorities = np.asarray(priorities, dtype=np.float64).reshape(-1)
        if len(indices) != len(priorities):
            raise ValueError(f"{len(indices)} indices but {len(priorities)} priorities")
        updated = 0
        with self._lock:
            for item_id, priority in zip(indices.tolist(), priorities.tolist(), strict=True):
                if item_id in self._items:
                    self._set_priority(item_id, priority)
                    updated += 1
        return updated

    def priorities(self, indices: Sequence[int] | np.ndarray) -> np.ndarray:
        """Current priorities (before the alpha exponent) of stored items, NaN for evicted ids."""
        with self._lock:
            return np.array(
                [self._priority.get(int(i), np.nan) for i in np.asarray(indices).reshape(-1)],
                dtype=np.float64,
            )

    def ids(self) -> np.ndarray:
        """Ids of the stored items, oldest first."""
        with self._lock:
            return np.array(self._order, dtype=np.int64)

    def contents(self) -> list[tuple[int, T, float]]:
        """(id, item, priority before the alpha exponent) of every stored item, oldest first."""
        with self._lock:
            return [(i, self._items[i], self._priority[i]) for i in self._order]
