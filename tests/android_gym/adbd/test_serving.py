"""Serving: several phones at once, hostile clients beside the adb server, the CLI."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import uiautomator2 as u2

from android_gym.adbd import serve_phones, wire

CHROME = "com.android.chrome"
LAUNCHER = "com.google.android.apps.nexuslauncher"


@pytest.mark.netns
def test_four_phones_served_at_once_are_independent(adb_server):
    with serve_phones(count=4) as served:
        assert len(set(served.ports)) == 4
        devices = [adb_server.connect(serial) for serial in served.serials]
        try:
            devices[2].shell("am start -a android.intent.action.VIEW -d https://example.com/")
            assert [d.state().package for d in served.devices] == [
                LAUNCHER,
                LAUNCHER,
                CHROME,
                LAUNCHER,
            ]
            with ThreadPoolExecutor(4) as pool:
                sizes = list(pool.map(lambda d: u2.connect(d).screenshot().size, devices))
            assert sizes == [(1080, 2400)] * 4
        finally:
            for serial in served.serials:
                adb_server.run("disconnect", serial)


@pytest.mark.netns
def test_garbage_and_quitting_clients_leave_the_adb_connection_serving(phone, served):
    garbage = socket.create_connection(("127.0.0.1", served.ports[0]), timeout=5)
    garbage.sendall(b"\x00" * 24 + b"junk" * 100)
    quitter = socket.create_connection(("127.0.0.1", served.ports[0]), timeout=5)
    quitter.sendall(wire.encode(wire.CNXN, wire.VERSION, 4096, b"host::\0"))
    quitter.sendall(wire.encode(wire.OPEN, 1, 0, b"exec:screencap -p\0"))
    assert quitter.recv(24)  # the CNXN reply has started: now leave mid-stream
    quitter.close()
    garbage.close()
    assert phone.adb.shell("echo still here") == "still here"
    assert u2.connect(phone.adb).info["displayWidth"] == 1080


def test_serve_adb_cli_serves_until_terminated():
    process = subprocess.Popen(
        [sys.executable, "-m", "android_gym", "serve-adb", "--port", "0", "--count", "2"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        serials = [line.split(": adb connect ")[1].strip() for line in lines]
        assert all(s.startswith("127.0.0.1:") for s in serials)
        port = int(serials[1].rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(wire.encode(wire.CNXN, wire.VERSION, 4096, b"host::\0"))
            reply = wire.read_message(sock, wire.MAX_PAYLOAD)
        assert reply is not None and reply.data.startswith(b"device::")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()
