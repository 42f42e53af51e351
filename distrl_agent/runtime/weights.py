"""Weight broadcast through shared memory: numbered versions of the trainable state.

The learner writes each version once, as a safetensors file in a directory (tmpfs under
/dev/shm by default, so a broadcast is a memory copy), then points `latest.json` at it; both
writes are atomic (temporary file, then rename). Workers poll `latest.json` between steps,
which costs one small read, and load a version only when it is newer than theirs, so
collection never stops for a broadcast. The last `keep` versions (4) stay on disk, so a run
holds at most that many versions in memory.
`BackgroundPublisher` does the writing in a thread, so training does not wait for it either.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import safetensors.torch
from torch import Tensor

from distrl_agent.runtime import scratch
from distrl_agent.runtime.files import read_json, write_json_atomic

LATEST = "latest.json"


def default_weights_dir(run_name: str) -> Path:
    """A fresh scratch folder under /dev/shm when it exists (tmpfs), else the system temp dir,
    removed however its process ends (runtime/scratch.py)."""
    return scratch.make(run_name, scratch.shared_memory_root())


class WeightStore:
    """Publishes and reads numbered weight versions in `directory` (see the module doc)."""

    def __init__(self, directory: str | Path, keep: int = 4) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.keep = max(2, int(keep))

    def _path(self, version: int) -> Path:
        return self.directory / f"v{version:09d}.safetensors"

    def publish(
        self, version: int, state: dict[str, Tensor], published_at: float | None = None
    ) -> float:
        """Writes `state` as `version` and makes it the latest; returns the publish time
        (`published_at`, default now: when the learner decided to publish)."""
        published_at = time.time() if published_at is None else published_at
        final = self._path(version)
        tmp = final.with_suffix(".tmp")
        safetensors.torch.save_file(
            {k: v.detach().cpu().contiguous() for k, v in state.items()}, str(tmp)
        )
        os.replace(tmp, final)
        pointer = {"version": version, "file": final.name, "published_at": published_at}
        write_json_atomic(self.directory / LATEST, pointer)
        for old in sorted(self.directory.glob("v*.safetensors"))[: -self.keep]:
            old.unlink(missing_ok=True)
        return published_at

    def latest(self) -> tuple[int, float] | None:
        """(version, published_at) of the latest version, or None before the first publish."""
        pointer = read_json(self.directory / LATEST)
        if pointer is None:
            return None
        return int(pointer["version"]), float(pointer["published_at"])

    def load(self, version: int) -> dict[str, Tensor]:
        """The tensors of `version` (FileNotFoundError once it has been pruned)."""
        return safetensors.torch.load_file(str(self._path(version)))

    def poll(self, known: int) -> tuple[int, float, dict[str, Tensor]] | None:
        """The latest version if newer than `known`: (version, published_at, state), else None."""
        for _ in range(3):  # a version can be pruned between reading the pointer and the file
            latest = self.latest()
            if latest is None or latest[0] <= known:
                return None
            try:
                return latest[0], latest[1], self.load(latest[0])
            except FileNotFoundError:
                continue
        return None


class BackgroundPublisher:
    """Publishes to a `WeightStore` from a thread, so the learner does not wait for the write.

    Calling it hands over (version, state) and returns at once with the publish time; if the
    learner publishes again before the previous write started, only the newer version is
    written (workers always want the newest). `close` writes what is pending and stops.
    """

    def __init__(self, store: WeightStore) -> None:
        self.store = store
        self._pending: tuple[int, float, dict[str, Tensor]] | None = None
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="distrl-publish", daemon=True)
        self._thread.start()

    def __call__(self, version: int, state: dict[str, Tensor]) -> float:
        published_at = time.time()
        with self._cond:
            self._pending = (version, published_at, state)
            self._cond.notify()
        return published_at

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._pending is None:
                    return
                version, published_at, state = self._pending
                self._pending = None
            self.store.publish(version, state, published_at=published_at)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join()
