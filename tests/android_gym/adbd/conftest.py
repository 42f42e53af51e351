"""Fixtures of the adbd tests: served phones, the real adb server, and a raw adb client.

The adb server (the binary the adbutils wheel ships) starts once per test session, on a free
port of its own so parallel sessions never share one, and only inside a loopback-only network
namespace (tests that use it are marked `netns`). `RawAdb` speaks the wire protocol directly,
to test what no well-behaved client does.
"""

from __future__ import annotations

import ctypes
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import adbutils
import pytest

from android_gym.adbd import ServedPhones, serve_phones, wire
from android_gym.adbd.served import ServedPhone
from android_gym.devices.sim import SimDevice

TIMEOUT = 10.0


@dataclass
class AdbServer:
    """A running adb server: `run` the adb binary against it, or use its adbutils `client`."""

    path: str
    port: int
    client: adbutils.AdbClient

    def run(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [self.path, "-P", str(self.port), *args],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=30,
            check=False,
        )

    def connect(self, serial: str) -> adbutils.AdbDevice:
        """`adb connect` a served phone; its adbutils device."""
        out = self.run("connect", serial)
        assert f"connected to {serial}" in out.stdout.decode(), out
        return self.client.device(serial)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    """Waits until the adb server listens. Polls with a bare socket: adbutils, finding no
    server, would start a daemon of its own on the default port."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert process.poll() is None, "the adb server exited"
            assert time.monotonic() < deadline, "the adb server did not start"
            time.sleep(0.05)


def _die_with_parent() -> None:
    """In the adb server's process: end it when the test session's process ends, even killed
    (Linux PR_SET_PDEATHSIG), so no adb server outlives its namespace."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


@pytest.fixture(scope="session")
def adb_server() -> Iterator[AdbServer]:
    """The real adb server, run in the foreground as our child for this session and ended by
    `adb kill-server` (or by its pid) at the end."""
    path, port = adbutils.adb_path(), _free_port()
    process = subprocess.Popen(
        [path, "-P", str(port), "nodaemon", "server"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,
    )
    client = adbutils.AdbClient(host="127.0.0.1", port=port, socket_timeout=TIMEOUT)
    server = AdbServer(path, port, client)
    try:
        _wait_for_port(port, process)
        yield server
    finally:
        server.run("kill-server")
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def served() -> Iterator[ServedPhones]:
    """One phone served for the whole session (tests reset it through `phone`)."""
    with serve_phones(count=1) as phones:
        yield phones


@dataclass
class Phone:
    """The served phone of one test: its serial, the SimDevice behind it, and its adbutils
    device once `adb connect`ed."""

    serial: str
    served: ServedPhone
    adb: adbutils.AdbDevice

    @property
    def device(self) -> SimDevice:
        return self.served.device


@pytest.fixture
def phone(served: ServedPhones, adb_server: AdbServer) -> Phone:
    """The session's phone, reset to the home screen (seed 0) and connected to adb."""
    with served.phones[0].lock:
        served.devices[0].reset(0)
    return Phone(served.serials[0], served.phones[0], adb_server.connect(served.serials[0]))


class RawAdb:
    """A bare adb host over one socket, for protocol-level tests (no adb server)."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.next_id = 100

    def send(self, command: int, arg0: int, arg1: int, data: bytes = b"") -> None:
        self.sock.sendall(wire.encode(command, arg0, arg1, data))

    def read(self) -> wire.Message | None:
        return wire.read_message(self.sock, wire.MAX_PAYLOAD)

    def handshake(self, max_payload: int = wire.MAX_PAYLOAD) -> wire.Message:
        self.send(wire.CNXN, wire.VERSION, max_payload, b"host::features=shell_v2\0")
        reply = self.read()
        assert reply is not None and reply.command == wire.CNXN
        return reply

    def open(self, service: str) -> tuple[int, int]:
        """(our id, the device's id) of a newly opened stream; asserts it was accepted."""
        self.next_id += 1
        self.send(wire.OPEN, self.next_id, 0, service.encode() + b"\0")
        reply = self.read()
        assert reply is not None and reply.command == wire.OKAY, reply
        assert reply.arg1 == self.next_id
        return self.next_id, reply.arg0

    def collect(self, local: int, remote: int, ack: bool = True) -> bytes:
        """What the device writes on a stream until it closes it, acknowledging each WRTE
        (unless `ack` is False) and skipping the device's OKAYs for our own writes."""
        data = b""
        while True:
            message = self.read()
            assert message is not None, "connection closed"
            assert (message.arg0, message.arg1) == (remote, local), message
            if message.command == wire.CLSE:
                return data
            if message.command == wire.WRTE:
                data += message.data
                if ack:
                    self.send(wire.OKAY, local, remote)
            else:
                assert message.command == wire.OKAY, message

    def call(self, service: str, data: bytes = b"") -> bytes:
        """Opens `service`, writes `data` (if any) and collects the reply until CLSE."""
        local, remote = self.open(service)
        if data:
            self.send(wire.WRTE, local, remote, data)
        return self.collect(local, remote)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw_adb(served: ServedPhones) -> Iterator[Callable[[], RawAdb]]:
    """Makes raw adb clients of the session's phone (closed after the test)."""
    with served.phones[0].lock:
        served.devices[0].reset(0)
    clients: list[RawAdb] = []

    def make() -> RawAdb:
        clients.append(RawAdb(served.ports[0]))
        return clients[-1]

    yield make
    for client in clients:
        client.close()
