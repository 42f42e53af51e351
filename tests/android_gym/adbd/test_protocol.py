"""The adb protocol of the served phone, spoken by a raw client (no adb server needed): the
handshake, streams and flow control, the shell v2 packets, refused services, and hostile
clients that must lose their own connection and nothing else."""

from __future__ import annotations

import io
import socket
import struct
import time

import numpy as np
import pytest
from PIL import Image
from sim_driver import screen_frame

from android_gym.adbd import serve_phones, wire
from android_gym.adbd.server import MAX_CLIENTS
from android_gym.devices.shell_v2 import EXIT, STDERR, STDOUT


def _packets(data: bytes) -> list[tuple[int, bytes]]:
    out, at = [], 0
    while at < len(data):
        kind, length = struct.unpack_from("<BI", data, at)
        out.append((kind, data[at + 5 : at + 5 + length]))
        at += 5 + length
    return out


def test_handshake_answers_cnxn_with_banner_and_the_smaller_payload(raw_adb, served):
    reply = raw_adb().handshake(max_payload=4096)
    assert reply.arg0 == wire.VERSION
    assert reply.arg1 == 4096
    banner = reply.data.decode()
    assert banner.startswith("device::ro.product.name=android_gym_sim;")
    features = banner.rsplit("features=", 1)[1].split(",")
    assert {"shell_v2", "cmd"} <= set(features)
    assert not {"stat_v2", "ls_v2", "sendrecv_v2", "delayed_ack"} & set(features)


def test_raw_shell_and_exec_return_the_commands_output(raw_adb):
    client = raw_adb()
    client.handshake()
    assert client.call("shell:echo hi") == b"hi\n"
    assert client.call("exec:echo hi && cat /nope") == (
        b"hi\ncat: /nope: No such file or directory\n"
    )


def test_shell_v2_separates_stdout_stderr_and_exit_code(raw_adb):
    client = raw_adb()
    client.handshake()
    packets = _packets(client.call("shell,v2,TERM=xterm,raw:echo out; cat /nope"))
    assert packets == [
        (STDOUT, b"out\n"),
        (STDERR, b"cat: /nope: No such file or directory\n"),
        (EXIT, b"\x01"),
    ]


def test_interactive_shell_runs_each_line_of_stdin(raw_adb):
    client = raw_adb()
    client.handshake()
    local, remote = client.open("shell,v2,raw:")
    stdin = b"echo one\ngetprop ro.product.device\n"
    client.send(wire.WRTE, local, remote, struct.pack("<BI", 0, len(stdin)) + stdin)
    client.send(wire.WRTE, local, remote, struct.pack("<BI", 4, 0))
    packets = _packets(client.collect(local, remote))
    assert b"".join(d for k, d in packets if k == STDOUT) == b"one\nsim\n"
    assert packets[-1] == (EXIT, b"\x00")


def test_unknown_services_are_refused_and_the_connection_goes_on(raw_adb):
    client = raw_adb()
    client.handshake()
    for service in ("reverse:forward:tcp:1:tcp:2", "tcp:5555", "framebuffer:", "jdwp:1"):
        client.send(wire.OPEN, 7, 0, service.encode() + b"\0")
        reply = client.read()
        assert reply is not None
        assert (reply.command, reply.arg0, reply.arg1) == (wire.CLSE, 0, 7)
    assert client.call("shell:echo still") == b"still\n"


def test_one_write_in_flight_until_the_host_acknowledges(raw_adb, served):
    client = raw_adb()
    client.handshake(max_payload=4096)
    local, remote = client.open("exec:screencap -p")
    first = client.read()
    assert first is not None and first.command == wire.WRTE and len(first.data) == 4096
    client.sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        client.sock.recv(1)  # nothing more comes before our OKAY
    client.sock.settimeout(10)
    client.send(wire.OKAY, local, remote)
    png = first.data + client.collect(local, remote)
    with served.phones[0].lock:
        frame = screen_frame(served.devices[0])
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")), frame)


def test_host_writes_are_acknowledged_and_streams_interleave(raw_adb):
    client = raw_adb()
    client.handshake()
    a_local, a_remote = client.open("sync:")
    b_local, _ = client.open("shell,v2,raw:echo b")
    client.send(wire.WRTE, a_local, a_remote, b"STAT" + struct.pack("<I", 4) + b"/nop")
    seen: dict[int, list[int]] = {a_local: [], b_local: []}
    while len(seen[b_local]) < 2 or len(seen[a_local]) < 2:
        message = client.read()
        assert message is not None
        seen[message.arg1].append(message.command)
        if message.command == wire.WRTE:
            client.send(wire.OKAY, message.arg1, message.arg0)
    assert sorted(seen[a_local][:2]) == sorted([wire.OKAY, wire.WRTE])  # acknowledged, answered
    assert seen[b_local][:2] == [wire.WRTE, wire.CLSE]


def _closed(sock: socket.socket) -> bool:
    """True when the server closed `sock` (reads reach end of stream or a reset)."""
    sock.settimeout(5)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    return True


HOSTILE = {
    "garbage": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + bytes(range(256)),
    "bad magic": struct.pack("<6I", wire.CNXN, wire.VERSION, 4096, 0, 0, 0),
    "oversize payload": struct.pack(
        "<6I", wire.CNXN, wire.VERSION, 4096, wire.MAX_PAYLOAD + 1, 0, wire.CNXN ^ 0xFFFFFFFF
    ),
    "unknown command": wire.encode(0x41414141, 0, 0),
    "OPEN before CNXN": wire.encode(wire.OPEN, 1, 0, b"shell:echo hi\0"),
    "AUTH after CNXN": wire.encode(wire.CNXN, wire.VERSION, 4096, b"host::\0")
    + wire.encode(wire.AUTH, 1, 0, b"x" * 20),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_client_loses_only_its_own_connection(name, raw_adb, served):
    good = raw_adb()
    good.handshake()
    bad = socket.create_connection(("127.0.0.1", served.ports[0]), timeout=5)
    bad.sendall(HOSTILE[name])
    assert _closed(bad)
    bad.close()
    assert good.call("shell:echo alive") == b"alive\n"
    fresh = raw_adb()
    fresh.handshake()
    assert fresh.call("shell:echo alive") == b"alive\n"


def test_a_client_that_disconnects_mid_stream_leaves_the_phone_serving(raw_adb):
    quitter = raw_adb()
    quitter.handshake(max_payload=4096)
    quitter.open("exec:screencap -p")
    first = quitter.read()
    assert first is not None and first.command == wire.WRTE
    quitter.sock.sendall(wire.encode(wire.WRTE, 1, 1, b"x" * 100)[:30])  # half a message
    quitter.close()
    client = raw_adb()
    client.handshake()
    assert client.call("shell:echo fine") == b"fine\n"


def test_a_stalled_half_message_is_dropped_after_the_io_timeout():
    with serve_phones(io_timeout=0.2) as served:
        sock = socket.create_connection(("127.0.0.1", served.ports[0]), timeout=5)
        sock.sendall(wire.encode(wire.CNXN, wire.VERSION, 4096, b"host::\0")[:10])
        start = time.monotonic()
        assert _closed(sock)
        assert time.monotonic() - start < 3
        sock.close()


def test_connections_beyond_the_limit_are_closed_and_the_phone_serves_again_after():
    with serve_phones() as served:
        address = ("127.0.0.1", served.ports[0])
        held = [socket.create_connection(address, timeout=5) for _ in range(MAX_CLIENTS)]
        extra = socket.create_connection(address, timeout=5)
        assert _closed(extra)
        for sock in held:
            sock.close()
        time.sleep(0.2)
        with socket.create_connection(address, timeout=5) as sock:
            sock.sendall(wire.encode(wire.CNXN, wire.VERSION, 4096, b"host::\0"))
            reply = wire.read_message(sock, wire.MAX_PAYLOAD)
        assert reply is not None and reply.command == wire.CNXN


@pytest.mark.parametrize(("version", "summed"), [(0x01000000, True), (wire.VERSION, False)])
def test_payload_checksums_only_for_hosts_that_check_them(raw_adb, version, summed):
    client = raw_adb()
    client.send(wire.CNXN, version, wire.MAX_PAYLOAD, b"host::features=shell_v2\0")
    assert client.read().command == wire.CNXN
    client.open("shell:echo hello")
    header = client.sock.recv(wire.HEADER.size, socket.MSG_WAITALL)
    command, _, _, length, checksum, _ = wire.HEADER.unpack(header)
    data = client.sock.recv(length, socket.MSG_WAITALL)
    assert (command, data) == (wire.WRTE, b"hello\n")
    assert checksum == (sum(data) if summed else 0)
