"""The local backend: workers as processes on this machine (the default).

Each worker is a fresh interpreter (`python -m distrl_agent.runtime.local ...`) that reads its
`WorkerSpec` from a JSON file, connects to the learner's `multiprocessing.connection`
listener on an AF_UNIX socket (nothing listens on the network) with a random 32-byte authkey
(HMAC challenge on connect; the key travels in the child's environment, never on a command
line), and exchanges only raw byte messages (`send_bytes`/`recv_bytes`, our transport format:
JSON + safetensors), so no pickle is ever read from a channel. Weights come from the shared
memory `WeightStore`. Starting workers as new interpreters rather than forks keeps them
independent of the driver's threads and lets a crashed one be replaced cleanly.

The receive thread takes each message inside the learner's `intake`, so a bad message is
counted and dropped and the thread goes on; a connection that fails (EOF, a socket error) is
dropped. Should the thread die anyway, the learner is told (`LearnerService.fail`) and the
run ends with an error instead of restarting silent workers until its time is up. `stop`
drains: workers are asked to stop and what they sent before stopping is still read.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Client, Connection, Listener, wait
from pathlib import Path
from typing import TYPE_CHECKING

from distrl_agent.config import RunConfig
from distrl_agent.runtime import LearnerFailure, WorkerStartFailure, scratch
from distrl_agent.runtime.metrics import EventLog
from distrl_agent.runtime.supervisor import Incarnation, Watchdog, WorkerHooks
from distrl_agent.runtime.transport import BAD_HEADER, Message, TransportError, decode, encode
from distrl_agent.runtime.weights import WeightStore
from distrl_agent.runtime.worker import Stop, Worker, WorkerSpec

if TYPE_CHECKING:
    from distrl_agent.runtime.service import LearnerService

log = logging.getLogger(__name__)
AUTHKEY_ENV = "DISTRL_AUTHKEY"
UNIDENTIFIED = "an unidentified connection"


class LocalBackend:
    """Starts, watches and stops worker processes (see the module docstring)."""

    def __init__(
        self, config: RunConfig, run_dir: Path, weights_dir: Path, events: EventLog
    ) -> None:
        self.config = config
        self.run_dir = Path(run_dir)
        self.weights_dir = Path(weights_dir)
        self.authkey = secrets.token_bytes(32)
        self.socket_dir = scratch.make("socket")
        self.address = str(self.socket_dir / "learner.sock")
        self.listener = Listener(self.address, family="AF_UNIX", authkey=self.authkey)
        self.watchdog = Watchdog(
            config.runtime,
            events,
            WorkerHooks(self._launch, _exit_code, _kill, self._last_error),
        )
        self.connections: dict[Connection, tuple[str, int] | None] = {}
        self.lock = threading.Lock()
        self.stopping = False  # set under `lock`: connections accepted from then on are told
        self.closing = threading.Event()
        self.receiver: threading.Thread | None = None
        self._log_from: dict[str, int] = {}
        (self.run_dir / "workers").mkdir(parents=True, exist_ok=True)

    @property
    def workers(self) -> dict[str, Incarnation]:
        """The current incarnation of each worker."""
        return self.watchdog.workers

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, specs: list[WorkerSpec], learner: LearnerService) -> None:
        """Starts one process per spec; every message they send goes to `learner`."""
        threading.Thread(target=self._accept, name="distrl-accept", daemon=True).start()
        self.receiver = threading.Thread(
            target=self._receive, args=(learner,), name="distrl-receive", daemon=True
        )
        self.receiver.start()
        for spec in specs:
            self.watchdog.start(spec)

    def _log_path(self, worker_id: str) -> Path:
        return self.run_dir / "workers" / f"{worker_id}.log"

    def _launch(self, spec: WorkerSpec) -> tuple[subprocess.Popen, dict[str, int]]:
        spec_path = self.run_dir / "workers" / f"{spec.worker_id}.json"
        spec_path.write_text(spec.to_json(), encoding="utf-8")
        env = {
            **os.environ,
            AUTHKEY_ENV: self.authkey.hex(),
            "OMP_NUM_THREADS": str(self.config.runtime.worker_threads),
        }
        log_file = open(self._log_path(spec.worker_id), "ab")  # noqa: SIM115
        self._log_from[spec.worker_id] = log_file.tell()
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
        return process, {"pid": process.pid}

    def _last_error(self, worker_id: str, process: subprocess.Popen) -> str | None:
        """The last line the worker's current incarnation wrote to its log (a traceback's
        last line is the error), or None."""
        try:
            with open(self._log_path(worker_id), "rb") as f:
                f.seek(self._log_from.get(worker_id, 0))
                text = f.read().decode("utf-8", errors="replace")
        except OSError:
            return None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[-1][:500] if lines else None

    def supervise(
        self, hello: dict, last_heard: dict, progress_age: dict
    ) -> WorkerStartFailure | None:
        """Restarts every worker the watchdog finds crashed or hung; returns the error to end
        the run with when one keeps failing to start."""
        return self.watchdog.check((hello, last_heard, progress_age))

    def stop(self, timeout: float = 10.0, drain_s: float = 5.0) -> None:
        """Asks every worker to stop and waits for them (killing what is left after
        `timeout`), reading meanwhile what they send; then reads what is still on the
        connections, up to their ends (at most `drain_s` more), so the trajectories workers
        finished before stopping reach the learner. However it ends (a second Ctrl-C), no
        worker is left running and the socket's folder is removed."""
        with self.lock:
            self.stopping = True
            connections = list(self.connections)
        processes = self.watchdog.handles()
        try:
            for conn in connections:
                _tell_stop(conn)
            deadline = time.time() + timeout
            for process in processes:
                try:
                    process.wait(max(0.1, deadline - time.time()))
                except subprocess.TimeoutExpired:
                    _kill(process)
            self._drain(drain_s)
        finally:
            for process in processes:
                _kill(process)
            self.closing.set()
            self.listener.close()
            scratch.remove(self.socket_dir)

    def _drain(self, drain_s: float) -> None:
        deadline = time.time() + drain_s
        receiving = self.receiver is not None and self.receiver.is_alive()
        while receiving and self.connections and time.time() < deadline:
            time.sleep(0.02)  # every worker has exited: each connection ends after its last message
            receiving = self.receiver.is_alive()  # type: ignore[union-attr]
        self.closing.set()
        if self.receiver is not None:
            self.receiver.join(timeout=drain_s)
        with self.lock:
            for conn in self.connections:
                conn.close()
            self.connections.clear()

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
                if self.stopping:  # a worker that connects while the run stops
                    _tell_stop(conn)

    def _receive(self, learner: LearnerService) -> None:
        """The receive thread (see the module docstring)."""
        try:
            while not self.closing.is_set():
                self._receive_ready(learner)
        except Exception as exc:
            log.exception("the learner's receive thread died")
            learner.fail(LearnerFailure(f"the learner's receive thread died: {exc!r}"))

    def _receive_ready(self, learner: LearnerService) -> None:
        """Takes one message from each connection that has one (waiting at most 0.2 s)."""
        with self.lock:
            connections = list(self.connections)
        if not connections:
            time.sleep(0.05)
            return
        try:
            ready = wait(connections, timeout=0.2)
        except (OSError, ValueError):  # a connection closed under us: look again
            return
        for conn in ready:
            try:
                data = conn.recv_bytes()  # type: ignore[union-attr]
            except (EOFError, OSError) as exc:
                if not isinstance(exc, EOFError):
                    log.warning("dropped a worker connection: %s", exc)
                with self.lock:
                    self.connections.pop(conn, None)  # type: ignore[arg-type]
                conn.close()  # type: ignore[union-attr]
                continue
            with self.lock:
                sender = self.connections.get(conn)  # type: ignore[arg-type]
            with learner.intake(sender[0] if sender else UNIDENTIFIED):
                self._dispatch(conn, decode(data), learner)  # type: ignore[arg-type]

    def _dispatch(self, conn: Connection, message: Message, learner: LearnerService) -> None:
        with self.lock:
            sender = self.connections.get(conn)
            if sender is None:
                sender = self._identify(message)
                self.connections[conn] = sender
            worker_id, incarnation = sender
        current = self.watchdog.spec_of(worker_id)
        stale = message.kind in ("heartbeat", "hello") and (
            current is None or incarnation != current.incarnation
        )
        if not stale:
            learner.handle(worker_id, message)

    def _identify(self, message: Message) -> tuple[str, int]:
        """Who a connection is, from its first message: a hello of one of this run's workers."""
        meta = message.meta
        if message.kind != "hello":
            raise TransportError(f"first message must be hello, got {message.kind}", BAD_HEADER)
        worker_id, incarnation = meta.get("worker_id"), meta.get("incarnation")
        if self.watchdog.spec_of(worker_id) is None or not isinstance(incarnation, int):
            raise TransportError(
                f"a hello that names no worker of this run: {str(meta)[:200]}", BAD_HEADER
            )
        return worker_id, incarnation


def _exit_code(process: subprocess.Popen) -> int | None:
    return process.poll()


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


def _tell_stop(conn: Connection) -> None:
    with contextlib.suppress(OSError):
        conn.send_bytes(encode("stop"))


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
    Worker(spec, ConnectionLink(conn), WeightStore(args.weights)).run(own_process=True)
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
