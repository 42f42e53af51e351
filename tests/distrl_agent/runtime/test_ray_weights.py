"""Weights through Ray's object store: exact in every dtype, and read by a node's workers from
the node's one shared copy (Ray itself, only inside a loopback-only network namespace)."""

from __future__ import annotations

import pytest
import torch

from distrl_agent.runtime.ray_weights import fetch_weights, from_shared, put_weights, to_shared

DTYPES = [
    torch.float32,
    torch.float16,
    torch.bfloat16,
    torch.float8_e4m3fn,
    torch.int64,
    torch.bool,
]


def state() -> dict[str, torch.Tensor]:
    values = torch.randn(64, 33, generator=torch.Generator().manual_seed(0))
    return {str(dtype): values.to(dtype) for dtype in DTYPES} | {"strided": values.T}


def raw(tensor: torch.Tensor) -> bytes:
    """A tensor's bytes (comparable in every dtype, and picklable by Ray, unlike float8)."""
    return tensor.contiguous().view(torch.uint8).numpy().tobytes()


def test_every_dtype_comes_back_bit_for_bit():
    for key, tensor in state().items():
        back = from_shared(*to_shared(tensor))
        assert back.dtype == tensor.dtype and back.shape == tensor.shape, key
        assert raw(back) == raw(tensor), key


def mapping_of(address: int) -> str:
    """The /proc/self/maps line of the mapping holding `address`."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            start, end = (int(x, 16) for x in line.split()[0].split("-"))
            if start <= address < end:
                return line
    raise AssertionError(f"no mapping holds {address:#x}")


class Publisher:
    def __init__(self) -> None:
        self.latest = None

    def publish(self) -> None:  # (Ray's own pickling of arguments refuses float8 tensors)
        self.latest = put_weights(1, state())

    def weights(self, known: int):
        return self.latest if self.latest is not None and self.latest[0] > known else None


class Reader:
    def read(self, publisher) -> tuple[str, dict[str, torch.Tensor]]:
        _, _, weights = fetch_weights(publisher, 0)
        where = mapping_of(weights["torch.float32"].data_ptr())
        return where, {key: raw(tensor) for key, tensor in weights.items()}


@pytest.mark.netns
def test_workers_read_the_nodes_shared_copy_of_a_version():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, address="local")
    try:
        publisher = ray.remote(num_cpus=0)(Publisher).remote()
        ray.get(publisher.publish.remote())
        assert fetch_weights(publisher, known=1) is None  # nothing newer than version 1
        readers = [ray.remote(num_cpus=0)(Reader).remote() for _ in range(2)]
        for where, weights in ray.get([r.read.remote(publisher) for r in readers]):
            # a view of the object store's shared memory, not a private copy per worker
            assert " rw-s " in where or " r--s " in where, where
            assert "plasma" in where, where
            assert weights == {key: raw(tensor) for key, tensor in state().items()}
    finally:
        ray.shutdown()
