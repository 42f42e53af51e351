"""Weights through Ray's object store, shared by every worker of a node.

The learner puts each version once, as numpy arrays: Ray stores numpy buffers out of band and
`ray.get` hands every process of a node a read-only view of the node's one copy in shared
memory, so N workers on a node cost one copy of the weights in the store, not N, and the only
per-worker copy is the one loading into the policy makes (`load_trainable_state` copies; a
policy must not keep or write into the tensors it is given). Dtypes numpy lacks (bfloat16, the
float8s) travel as integers of the same width and are viewed back on arrival.
"""

from __future__ import annotations

import time
import warnings
from typing import Any

import numpy as np
import torch
from torch import Tensor

_SAME_WIDTH = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}


def to_shared(tensor: Tensor) -> tuple[str, np.ndarray]:
    """A tensor as (its torch dtype's name, a numpy array of its bytes' values)."""
    tensor = tensor.detach().cpu().contiguous()
    dtype = str(tensor.dtype).removeprefix("torch.")
    try:
        return dtype, tensor.numpy()
    except TypeError:  # numpy has no such dtype: the same bytes as integers
        return dtype, tensor.view(_SAME_WIDTH[tensor.element_size()]).numpy()


def from_shared(dtype: str, array: np.ndarray) -> Tensor:
    """The tensor `to_shared` was given, over `array`'s memory (no copy)."""
    with warnings.catch_warnings():  # a read-only view of the store: it is only copied from
        warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
        tensor = torch.from_numpy(array)
    wanted = getattr(torch, dtype)
    return tensor if tensor.dtype == wanted else tensor.view(wanted)


def put_weights(version: int, state: dict[str, Tensor]) -> tuple[int, float, list]:
    """A version put into the object store once, as the learner's `weights` hands it out:
    (version, publish time, [ref]) (a list, so the ref travels unresolved)."""
    import ray

    published_at = time.time()
    shared = {key: to_shared(tensor) for key, tensor in state.items()}
    return version, published_at, [ray.put(shared)]


def fetch_weights(learner: Any, known: int) -> tuple[int, float, dict[str, Tensor]] | None:
    """A worker's poll: the newest version `learner` (an actor with `weights`) has published
    after `known`, as tensors over the node's shared copy; None when there is none."""
    import ray

    found = ray.get(learner.weights.remote(known))
    if found is None:
        return None
    version, published_at, (ref,) = found
    return version, published_at, {k: from_shared(*v) for k, v in ray.get(ref).items()}
