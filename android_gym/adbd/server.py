"""Serving simulated phones as adb devices: one listening socket per phone, a thread per client.

    with serve_phones(count=2) as served:
        served.serials   # ["127.0.0.1:40211", "127.0.0.1:40212"]: `adb connect` each
        served.devices   # the SimDevices behind them, to compare with what adb shows

Phones start reset with seed 0 (home screen in front). Sockets listen on loopback unless told
otherwise; every socket operation has a timeout, a client that breaks the protocol loses its
own connection only, and `close()` ends every thread.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from types import TracebackType

from android_gym.adbd.connection import Connection
from android_gym.adbd.served import ServedPhone
from android_gym.devices.sim import SimDevice

log = logging.getLogger(__name__)

IO_TIMEOUT = 5.0
"""Default seconds a send may take, and a half-received message may stall (twice), before the
connection is dropped; idle connections stay open."""
MAX_CLIENTS = 32
"""Connections one phone serves at once; more are closed on accept."""
_ACCEPT_POLL = 0.2


class ServedPhones:
    """Phones served on `ports` of `host` until `close()` (or the end of a `with` block)."""

    def __init__(
        self,
        count: int = 1,
        port: int = 0,
        host: str = "127.0.0.1",
        width: int = 1080,
        height: int = 2400,
        scale: float = 0.5,
        io_timeout: float = IO_TIMEOUT,
    ) -> None:
        if count < 1:
            raise ValueError(f"count must be at least 1, got {count}")
        if port and not 0 < port <= 65536 - count:
            raise ValueError(f"ports {port}..{port + count - 1} out of range 1..65535")
        self.host = host
        self.io_timeout = io_timeout
        self.phones: list[ServedPhone] = []
        self.ports: list[int] = []
        self._listeners: list[socket.socket] = []
        self._clients: dict[socket.socket, ServedPhone] = {}
        self._threads: list[threading.Thread] = []
        self._guard = threading.Lock()
        self._stopped = threading.Event()
        try:
            for i in range(count):
                device = SimDevice(width, height, scale)
                device.reset(0)
                listener = socket.create_server((host, port + i if port else 0))
                listener.settimeout(_ACCEPT_POLL)
                self._listeners.append(listener)
                self.phones.append(ServedPhone(device))
                self.ports.append(listener.getsockname()[1])
                device.sh.serial = f"{host}:{self.ports[-1]}"
        except BaseException:
            self.close()
            raise
        for phone, listener in zip(self.phones, self._listeners, strict=True):
            self._spawn(self._accept, listener, phone, name=f"adbd-accept-{self.serial(phone)}")

    @property
    def serials(self) -> list[str]:
        """The adb serials ("host:port") of the phones, in order."""
        return [f"{self.host}:{port}" for port in self.ports]

    @property
    def devices(self) -> list[SimDevice]:
        """The simulated phones, in the order of `serials`. Hold `phones[i].lock` to use one
        while clients may be connected."""
        return [phone.device for phone in self.phones]

    def serial(self, phone: ServedPhone) -> str:
        return self.serials[self.phones.index(phone)]

    def _spawn(self, target: Callable[..., None], *args: object, name: str) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._guard:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket, phone: ServedPhone) -> None:
        while not self._stopped.is_set():
            try:
                client, address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._guard:
                serving = sum(1 for p in self._clients.values() if p is phone)
                if self._stopped.is_set() or serving >= MAX_CLIENTS:
                    client.close()
                    continue
                self._clients[client] = phone
            client.settimeout(self.io_timeout)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            log.debug("adb client %s on %s", address, self.serial(phone))
            self._spawn(self._serve, client, phone, name=f"adbd-{address[0]}:{address[1]}")

    def _serve(self, client: socket.socket, phone: ServedPhone) -> None:
        try:
            Connection(client, phone, lambda: not self._stopped.is_set()).serve()
        finally:
            with self._guard:
                self._clients.pop(client, None)

    def close(self, timeout: float = 5.0) -> None:
        """Stops serving: closes the listeners and every client connection, joins threads."""
        self._stopped.set()
        with self._guard:
            for sock in self._clients:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            threads = list(self._threads)
        for listener in self._listeners:
            listener.close()
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout)

    def __enter__(self) -> ServedPhones:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def serve_phones(
    count: int = 1,
    port: int = 0,
    host: str = "127.0.0.1",
    width: int = 1080,
    height: int = 2400,
    scale: float = 0.5,
    io_timeout: float = IO_TIMEOUT,
) -> ServedPhones:
    """Serves `count` simulated phones as adb devices on ports `port`..`port + count - 1` of
    `host` (port 0: free ports), each `width` x `height` rendered at `scale`. Use as a context
    manager, or call `close()`."""
    return ServedPhones(count, port, host, width, height, scale, io_timeout)
