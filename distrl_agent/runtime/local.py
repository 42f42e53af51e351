"""The local backend: workers as processes on this machine (the default).

Each worker is a fresh interpreter (`python -m distrl_agent.runtime.local ...`) that reads its
`WorkerSpec` from a JSON file, connects to the learner's `multiprocessing.connection`
listener on an AF_UNIX socket (nothing listens on the network) with a random 32-byte authkey
(HMAC challenge on connect; the key travels in the child's environment, never on a command
line), and exchanges only raw byte messages (`send_bytes`/`recv_bytes`, our transport format:
JSON + safetensors), so no pickle is ever read from a channel. Weights come from the shared
memory `WeightStore`. Starting workers as new interpreters rather than forks keeps them
independent of the driver's threads and lets a crashed one be replaced cleanly.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Client, Connection, Listener, wait
from pathlib import Path

from distrl_agent.config import RunConfig
from distrl_agent.runtime.metrics import EventLog
from distrl_agent.runtime.supervisor import Incarnation, restart_failed
from distrl_agent.runtime.transport import Message, TransportError, decode, encode
from distrl_agent.runtime.weights import WeightStore
from distrl_agent.runtime.worker import Stop, Worker, WorkerSpec

log = logging.getLogger(__name__)
AUTHKEY_ENV = "DISTRL_AUTHKEY"

Handler = Callable[[str, Message], None]


class LocalBackend:
    """Starts, watches and stops worker processes (see the module docstring)."""

    def __init__(
        self, config: RunConfig, run_dir: Path, weights_dir: Path, events: EventLog
    ) -> None:
        self.config = config
        self.run_dir = Path(run_dir)
        self.weights_dir = Path(weights_dir)
        self.events = events
        self.authkey = secrets.token_bytes(32)
        self.socket_dir = Path(tempfile.mkdtemp(prefix="distrl-"))
        self.address = str(self.socket_dir / "learner.sock")
        self.listener = Listener(self.address, family="AF_UNIX", authkey=self.authkey)
        self.workers: dict[str, Incarnation] = {}
        self.connections: dict[Connection, tuple[str, int] | None] = {}
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.handler: Handler | None = None
        (self.run_dir / "workers").mkdir(parents=True, exist_ok=True)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, specs: list[WorkerSpec], handler: Handler) -> None:
        """Starts one process per spec; every message they send goes to `handler`."""
        self.handler = handler
        threading.Thread(target=self._accept, name="distrl-accept", daemon=True).start()
        threading.Thread(target=self._receive, name="distrl-receive", daemon=True).start()
        for spec in specs:
            self._spawn(spec)

    def _spawn(self, spec: WorkerSpec) -> None:
        spec_path = self.run_dir / "workers" / f"{spec.worker_id}.json"
        spec_path.write_text(spec.to_json(), encoding="utf-8")
        env = {
            **os.environ,
            AUTHKEY_ENV: self.authkey.hex(),
            "OMP_NUM_THREADS": str(self.config.runtime.worker_threads),
        }
        log_file = open(self.run_dir / "workers" / f"{spec.worker_id}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distrl_agent.runtime.local",
                "--address",
                self.address,
                "--spec",
                str(spec_path),
                "--weights",
                str(self.weights_dir),
            ],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log_file.close()
        with self.lock:
            self.workers[spec.worker_id] = Incarnation(spec, time.time(), process)
        self.events.write(
            "worker_started",
            worker_id=spec.worker_id,
            role=spec.role,
            incarnation=spec.incarnation,
            pid=process.pid,
        )

    def supervise(self, hello: dict, last_heard: dict, progress_age: dict) -> None:
        """Restarts every worker the watchdog finds crashed or hung."""
        with self.lock:
            current = dict(self.workers)
        restart_failed(
            current,
            (hello, last_heard, progress_age),
            exit_code=lambda incarnation: incarnation.handle.poll(),
            restart=self.restart,
            runtime=self.config.runtime,
        )

    def restart(self, worker_id: str, incarnation: Incarnation, reason: str) -> None:
        """Kills a worker's process and starts its next incarnation."""
        process: subprocess.Popen = incarnation.handle
        if process.poll() is None:
            process.kill()
        process.wait()
        self.events.write(
            "worker_failed",
            worker_id=worker_id,
            incarnation=incarnation.spec.incarnation,
            pid=process.pid,
            reason=reason,
        )
        self._spawn(incarnation.spec.next_incarnation())

    def stop(self, timeout: float = 10.0) -> None:
        """Asks every worker to stop, waits for them, then kills what is left."""
        self.closing.set()
        with self.lock:
            connections = list(self.connections)
            processes = [w.handle for w in self.workers.values()]
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.send_bytes(encode("stop"))
        deadline = time.time() + timeout
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for conn in connections:
            conn.close()
        self.listener.close()
        shutil.rmtree(self.socket_dir, ignore_errors=True)

    # -- channels -----------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                conn = self.listener.accept()
            except OSError:
                return  # the listener was closed
            except Exception as exc:  # a failed authentication: drop that client
                log.warning("refused a connection: %s", exc)
                continue
            with self.lock:
                self.connections[conn] = None  # who it is: its first message, a hello

    def _receive(self) -> None:
        while not self.closing.is_set():
            with self.lock:
                connections = list(self.connections)
            if not connections:
                time.sleep(0.05)
                continue
            try:
                ready = wait(connections, timeout=0.2)
            except (OSError, ValueError):  # a connection closed under us: look again
                continue
            for conn in ready:
                try:
                    message = decode(conn.recv_bytes())  # type: ignore[union-attr]
                    self._dispatch(conn, message)  # type: ignore[arg-type]
                except (EOFError, OSError, TransportError) as exc:
                    if not isinstance(exc, EOFError):
                        log.warning("dropped a worker connection: %s", exc)
                    with self.lock:
                        self.connections.pop(conn, None)  # type: ignore[arg-type]
                    conn.close()  # type: ignore[union-attr]

    def _dispatch(self, conn: Connection, message: Message) -> None:
        with self.lock:
            sender = self.connections.get(conn)
            if sender is None:
                if message.kind != "hello":
                    raise TransportError(f"first message must be hello, got {message.kind}")
                sender = (str(message.meta["worker_id"]), int(message.meta["incarnation"]))
                if sender[0] not in self.workers:
                    raise TransportError(f"hello from unknown worker {sender[0]!r}")
                self.connections[conn] = sender
            worker_id, incarnation = sender
            current = self.workers[worker_id].spec.incarnation
        stale = incarnation != current and message.kind in ("heartbeat", "hello")
        if not stale and self.handler is not None:
            self.handler(worker_id, message)


class ConnectionLink:
    """A worker's end of the socket: sends byte messages, notices "stop" or a broken link."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._stopped = False
        self._polled = 0.0

    def send(self, data: bytes) -> None:
        try:
            self.conn.send_bytes(data)
        except OSError as exc:
            self._stopped = True
            raise Stop from exc

    def stopped(self) -> bool:
        now = time.monotonic()
        if not self._stopped and now - self._polled > 0.05:
            self._polled = now
            try:
                while self.conn.poll():
                    if decode(self.conn.recv_bytes()).kind == "stop":
                        self._stopped = True
            except (EOFError, OSError, TransportError):
                self._stopped = True
        return self._stopped


def main(argv: list[str] | None = None) -> int:
    """Entry point of a worker process started by `LocalBackend`."""
    parser = argparse.ArgumentParser(description="distrl local worker process")
    parser.add_argument("--address", required=True)
    parser.add_argument("--spec", required=True)
    parser.add_argument("--weights", required=True)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver decides when workers stop
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    authkey = bytes.fromhex(os.environ.pop(AUTHKEY_ENV))
    spec = WorkerSpec.from_json(Path(args.spec).read_text(encoding="utf-8"))
    conn = Client(args.address, family="AF_UNIX", authkey=authkey)
    Worker(spec, ConnectionLink(conn), WeightStore(args.weights)).run()
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
