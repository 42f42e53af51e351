"""Fast, bounded connections to an adb device: adbutils and uiautomator2, configured, not forked.

As shipped, on loopback, an adbutils shell call takes about 22 ms and a uiautomator2 call about
56 ms, where the work takes 1-3 ms. Four things cost the time, and this module removes each by
subclassing the libraries' own classes (no module global is patched, no source is copied):

- Nagle's algorithm: adbutils' sockets send the 4-byte length and the command in two writes, and
  the second waits for the first one's delayed ACK (up to 40 ms on Linux). `FastConnection` sets
  TCP_NODELAY.
- A 10 ms sleep in `AdbConnection.close` (after a half-close, to let the peer see it). Our shell
  and RPC streams are read to their end or kept open, so `FastConnection` closes at once.
- Connections per call: every `open_transport` asks the server its version on a connection of
  its own first, and uiautomator2 opens a new adb stream per JSON-RPC request. `FastAdbClient`
  asks the version once; `TunedUiautomator` sends every request over one keep-alive HTTP
  connection on one adb stream to the server's port 9008 (`RpcLink`), reopened when it fails.
- Two writes per request: http.client writes a request's head and body apart, and adb carries
  each write to the device as a message that must be acknowledged before the next is sent.
  `OneWriteConnection` sends a request in one write: one trip to the device instead of two.

Every socket gets a timeout (`timeout_s`, also a cap on the libraries' 600 s and 300 s
defaults), so a hung device raises instead of blocking forever. `translate_errors` turns the
libraries' and the socket layer's exceptions into this project's `DeviceError` kinds.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import adbutils
import uiautomator2
from adbutils.errors import AdbConnectionError
from PIL import UnidentifiedImageError
from uiautomator2.core import AdbHTTPConnection
from uiautomator2.exceptions import (
    HTTPError,
    RPCInvalidError,
    RPCUnknownError,
    UiAutomationNotConnectedError,
)

from android_gym.errors import DeviceDisconnected, DeviceError, DeviceOutputError, DeviceTimeout

RPC_PORT = 9008
"""The device port uiautomator2's server listens on."""
_RPC_HEADERS = {"Content-Type": "application/json", "Accept-Encoding": ""}
_GONE = re.compile(
    r"device '[^']*' not found|device offline|unauthorized|no devices|connection (is )?closed",
    re.IGNORECASE,
)
"""What the adb server (and adbutils) say when the device is not there."""


class FastConnection(adbutils.AdbConnection):
    """An adb server connection with TCP_NODELAY that closes without sleeping, and never starts
    an adb server by itself (`FastAdbClient.ensure_server` does, once and only on loopback)."""

    def _create_socket(self) -> socket.socket:
        sock = super()._create_socket()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def _safe_connect(self) -> socket.socket:
        return self._create_socket()

    def close(self) -> None:
        # Closing the socket first makes the base class's half-close fail with OSError, which it
        # expects, and so skip its 10 ms sleep; it then marks the connection closed.
        if not self.closed:
            self.conn.close()
        super().close()


class FastAdbClient(adbutils.AdbClient):
    """An adbutils client whose connections are `FastConnection`s with a timeout of at most
    `timeout_s`, and which asks the server's version once."""

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        super().__init__(host, port, socket_timeout=timeout_s)
        self.timeout_s = timeout_s
        self._version: int | None = None

    def make_connection(self, timeout: float | None = None) -> adbutils.AdbConnection:
        limit = min(timeout, self.timeout_s) if timeout else self.timeout_s
        try:
            connection = FastConnection(self.host, self.port)
        except TimeoutError:
            raise adbutils.AdbTimeout("connect to adb server timeout") from None
        connection.conn.settimeout(limit)
        return connection

    def server_version(self) -> int:
        if self._version is None:
            self._version = super().server_version()
        return self._version

    def ensure_server(self) -> None:
        """Starts the adb server (`adb -P PORT start-server`) when none answers at a loopback
        address; a remote server is the user's to run."""
        try:
            self.make_connection().close()
            return
        except adbutils.AdbError:
            if self.host not in ("127.0.0.1", "localhost", "::1"):
                raise
        command = [adbutils.adb_path(), "-P", str(self.port), "start-server"]
        subprocess.run(command, timeout=self.timeout_s, capture_output=True, check=False)
        self.make_connection().close()


@contextmanager
def adb_server(port: int = 0, timeout_s: float = 20.0) -> Iterator[tuple[str, int]]:
    """Runs an adb server of its own on a loopback port (0: a free one) for the `with` block
    and stops it after (`adb kill-server`): tests and benchmarks leave no server behind and do
    not share one. Yields (host, port), for `adb:SERIAL@HOST:PORT` device strings."""
    if not port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    client = FastAdbClient("127.0.0.1", port, timeout_s)
    client.ensure_server()
    try:
        yield client.host, port
    finally:
        client.server_kill()


class OneWriteConnection(AdbHTTPConnection):
    """uiautomator2's HTTP connection over an adb stream, sending each request in one write.

    http.client writes a request's head and its body apart. Over adb each write becomes a
    message of its own to the device, and the adb server sends a stream's next message only
    once the device has acknowledged the last, so a request cost two trips to the device; in
    one write it costs one (the server reads the same bytes)."""

    _pending: bytearray | None = None

    def request(self, *args: Any, **kwargs: Any) -> None:
        self._pending = bytearray()
        try:
            super().request(*args, **kwargs)
            data = bytes(self._pending)
        finally:
            self._pending = None
        super().send(data)

    def send(self, data: Any) -> None:
        """Sends `data`, or keeps it for the one write while `request` builds a request
        (http.client passes the head and the body's chunks here as bytes)."""
        if self._pending is None:
            super().send(data)
        else:
            self._pending += data


class RpcLink:
    """uiautomator2's JSON-RPC over keep-alive HTTP connections, each on one adb stream to the
    device's port 9008. Calls may come from several threads at once (`AdbDevice.observe`):
    each takes an idle connection, or opens one, and puts it back after its answer; so there
    are as many connections as calls ever ran at once (the server serves each in a thread).
    A request that fails on a reused connection before any answer (the server had closed it
    while idle) is sent once more on a new one; any other failure closes that connection and
    the error propagates."""

    def __init__(self, device: adbutils.AdbDevice, port: int = RPC_PORT) -> None:
        self.device = device
        self.port = port
        self._idle: list[OneWriteConnection] = []
        self._lock = threading.Lock()
        self._generation = 0
        """Counts `close()` calls: a connection opened before the last one is not reused."""

    def call(self, method: str, params: Any, timeout: float) -> Any:
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
        with self._lock:
            generation = self._generation
            conn = self._idle.pop() if self._idle else None
        try:
            status, content = self._post(conn, generation, body, timeout)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            if conn is None:
                raise
            status, content = self._post(None, generation, body, timeout)
        if status != 200:
            raise HTTPError(f"uiautomator2 server answered HTTP {status} to {method}")
        return _rpc_result(method, content)

    def _post(
        self, conn: OneWriteConnection | None, generation: int, body: bytes, timeout: float
    ) -> tuple[int, bytes]:
        """Sends the request on `conn` (None: a new connection) and reads the answer."""
        if conn is None:
            conn = OneWriteConnection(self.device, self.port)
            conn.connect()
        try:
            assert conn.sock is not None, "connect() sets the socket"
            conn.sock.settimeout(timeout)
            conn.request("POST", "/jsonrpc/0", body, _RPC_HEADERS)
            response = conn.getresponse()
            content = response.read()
        except BaseException:
            conn.close()
            raise
        with self._lock:
            if response.will_close or generation != self._generation:
                conn.close()
            else:
                self._idle.append(conn)
        return response.status, content

    def close(self) -> None:
        """Closes the idle connections; those in use close when their calls end."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
        for conn in idle:
            conn.close()


def _rpc_result(method: str, content: bytes) -> Any:
    """The result of a JSON-RPC answer, or uiautomator2's exception for its error."""
    try:
        data = json.loads(content)
    except ValueError:
        raise RPCInvalidError(f"{method}: the answer is not JSON: {content[:200]!r}") from None
    if not isinstance(data, dict):
        raise RPCInvalidError(f"{method}: the answer is not a JSON-RPC object")
    error = data.get("error")
    if error is not None:
        message = str(error.get("message", "")) if isinstance(error, dict) else str(error)
        if "UiAutomation not connected" in message or "DeadObjectException" in message:
            raise UiAutomationNotConnectedError(message)
        raise RPCUnknownError(f"{method}: {message}")
    if "result" not in data:
        raise RPCInvalidError(f"{method}: the answer has no result")
    return data["result"]


_RPC_FAILURES = (OSError, http.client.HTTPException, HTTPError, UiAutomationNotConnectedError)


class TunedUiautomator(uiautomator2.Device):
    """uiautomator2's Device whose JSON-RPC goes through an `RpcLink` (its server is started,
    and its jar pushed, by uiautomator2 itself). On a failed request the link is reopened and
    the server restarted once, as the shipped client does (not after a timeout)."""

    def __init__(self, device: adbutils.AdbDevice, timeout_s: float, port: int = RPC_PORT) -> None:
        self.timeout_s = timeout_s
        self.link = RpcLink(device, port)
        super().__init__(device, port=port)

    def jsonrpc_call(self, method: str, params: Any = None, timeout: float = 10) -> Any:
        limit = min(timeout, self.timeout_s)
        try:
            return self.link.call(method, params, limit)
        except (
            OSError,
            http.client.HTTPException,
            HTTPError,
            UiAutomationNotConnectedError,
        ) as exc:
            if is_timeout(exc):  # a hung device: restarting would only wait longer
                raise
            self.link.close()
            self.start_uiautomator()
            return self.link.call(method, params, limit)

    def close(self) -> None:
        """Closes the RPC connection (the server keeps running on the device for the next)."""
        self.link.close()


def is_timeout(exc: BaseException) -> bool:
    """Whether an exception of adbutils, uiautomator2 or a socket is a timeout."""
    return isinstance(exc, (TimeoutError, socket.timeout, adbutils.AdbTimeout)) or (
        "timed out" in str(exc) or "timeout" in str(exc).lower()
    )


@contextmanager
def translate_errors(what: str, serial: str) -> Iterator[None]:
    """Raises the exceptions of adbutils, uiautomator2, sockets and image or XML decoding
    inside as `DeviceTimeout`, `DeviceDisconnected`, `DeviceOutputError` or `DeviceError`,
    naming the device and the call."""
    try:
        yield
    except DeviceError:
        raise
    except (UnidentifiedImageError, RPCInvalidError, json.JSONDecodeError) as exc:
        raise DeviceOutputError(f"{what} on {serial}: unreadable answer: {exc}") from exc
    except (
        OSError,
        EOFError,
        http.client.HTTPException,
        adbutils.AdbError,
        uiautomator2.exceptions.BaseException,
    ) as exc:
        text = f"{what} on {serial}: {type(exc).__name__}: {exc}"
        if is_timeout(exc):
            raise DeviceTimeout(text) from exc
        gone = isinstance(
            exc,
            (
                ConnectionError,
                EOFError,
                AdbConnectionError,
                http.client.RemoteDisconnected,
                uiautomator2.exceptions.ConnectError,
            ),
        ) or (isinstance(exc, adbutils.AdbError) and _GONE.search(str(exc)) is not None)
        raise (DeviceDisconnected if gone else DeviceError)(text) from exc


def device_state(adb: adbutils.AdbDevice) -> str:
    """The device's state as the adb server has it ("device", "offline", ...)."""
    try:
        return adb.get_state()
    except adbutils.AdbError as exc:  # the server answers FAIL "device offline" for those
        if "offline" in str(exc):
            return "offline"
        raise


def load_emulator_snapshot(client: FastAdbClient, serial: str, name: str) -> None:
    """`adb -s emulator-N emu avd snapshot load NAME` (through the emulator's console), then
    waits until the device is back. Unverified: no emulator runs on the machine this was
    written on."""
    if not serial.startswith("emulator-"):
        raise DeviceError(f"loading snapshot {name!r} needs an emulator, not {serial}")
    command = [
        adbutils.adb_path(), "-H", client.host, "-P", str(client.port), "-s", serial,
        "emu", "avd", "snapshot", "load", name,
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=client.timeout_s)
    except subprocess.TimeoutExpired as exc:
        raise DeviceTimeout(f"snapshot load on {serial}: over {exc.timeout}s") from None
    if done.returncode != 0 or "KO" in done.stdout:
        raise DeviceError(f"snapshot load {name!r} on {serial}: {done.stdout}{done.stderr}")
    with translate_errors("wait for device after snapshot", serial):
        client.wait_for(serial, state="device", timeout=client.timeout_s)
