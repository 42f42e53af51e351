"""The sync and uiautomator2 services on their own: requests split anywhere parse the same, the
answers follow the formats adb and uiautomator2 read, and bad requests get errors, not crashes.
"""

from __future__ import annotations

import itertools
import json
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from android_gym.adbd.http import HttpParser
from android_gym.adbd.served import ServedPhone
from android_gym.adbd.sync import DIR_MODE, FILE_MODE, SyncService
from android_gym.devices.sim import SimDevice
from android_gym.errors import ProtocolError

PHONE = ServedPhone(SimDevice())


class Collected:
    """An `Output` that keeps what a service wrote."""

    def __init__(self) -> None:
        self.data = b""
        self.closed = False

    def write(self, data: bytes) -> None:
        self.data += data

    def close(self) -> None:
        self.closed = True


def _request(ident: bytes, body: bytes) -> bytes:
    return ident + struct.pack("<I", len(body)) + body


def _pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    """`data` cut at `cuts` (positions past its end cut at the end)."""
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    return [data[start:end] for start, end in itertools.pairwise(points)]


def _feed(service: SyncService, data: bytes, cuts: list[int]) -> Collected:
    out = Collected()
    for piece in _pieces(data, cuts):
        service.receive(piece, out)
    return out


@settings(max_examples=60, deadline=None)
@given(
    content=st.binary(max_size=3000),
    cuts=st.lists(st.integers(0, 3200), max_size=12),
)
def test_sync_push_then_stat_and_pull_parse_the_same_however_split(content, cuts):
    path = "/data/local/tmp/prop.bin"
    stream = _request(b"SEND", f"{path},{FILE_MODE}".encode())
    for i in range(0, len(content), 1000):
        stream += _request(b"DATA", content[i : i + 1000])
    stream += b"DONE" + struct.pack("<I", 1_700_000_000)
    stream += _request(b"STAT", path.encode()) + _request(b"RECV", path.encode())
    out = _feed(SyncService(PHONE), stream, cuts)
    assert PHONE.files[path] == content
    expected = b"OKAY" + bytes(4)
    expected += b"STAT" + struct.pack("<III", FILE_MODE, len(content), 1_700_000_000)
    if content:
        expected += b"DATA" + struct.pack("<I", len(content)) + content
    assert out.data == expected + b"DONE\0\0\0\0"
    assert not out.closed


def test_sync_stat_list_and_fail_follow_adbd():
    PHONE.files["/sdcard/Download/a.txt"] = b"abc"
    PHONE.files["/sdcard/Download/sub/b.txt"] = b"b"
    service = SyncService(PHONE)
    out = Collected()
    service.receive(_request(b"STAT", b"/nowhere"), out)
    assert out.data == b"STAT" + bytes(12)  # zeros: nothing there
    out = Collected()
    service.receive(_request(b"STAT", b"/sdcard/Download/"), out)
    assert struct.unpack("<III", out.data[4:])[0] == DIR_MODE
    out = Collected()
    service.receive(_request(b"LIST", b"/sdcard/Download"), out)
    names, at = {}, 0
    while out.data[at : at + 4] == b"DENT":
        mode, size, _mtime, length = struct.unpack_from("<IIII", out.data, at + 4)
        names[out.data[at + 20 : at + 20 + length].decode()] = (mode, size)
        at += 20 + length
    assert out.data[at:] == b"DONE" + bytes(16)
    assert names == {"a.txt": (FILE_MODE, 3), "sub": (DIR_MODE, 4096)}
    out = Collected()
    service.receive(_request(b"RECV", b"/sdcard/none.txt"), out)
    assert out.data.startswith(b"FAIL") and b"No such file or directory" in out.data
    assert out.closed


def test_sync_rejects_unknown_requests_and_long_paths():
    with pytest.raises(ProtocolError):
        SyncService(PHONE).receive(_request(b"ZZZZ", b"/x"), Collected())
    with pytest.raises(ProtocolError):
        SyncService(PHONE).receive(b"STAT" + struct.pack("<I", 5000), Collected())


def test_sync_refuses_oversize_data_chunks_with_fail():
    service, out = SyncService(PHONE), Collected()
    service.receive(_request(b"SEND", b"/sdcard/big,33188"), out)
    service.receive(b"DATA" + struct.pack("<I", 70000), out)
    assert out.data.startswith(b"FAIL") and out.closed


REQUEST = (
    b"POST /jsonrpc/0 HTTP/1.1\r\nHost: localhost:9008\r\nContent-Type: application/json\r\n"
    b"Content-Length: 52\r\n\r\n"
    b'{"jsonrpc": "2.0", "id": 1, "method": "deviceInfo"}\n'
)


@given(cuts=st.lists(st.integers(0, len(REQUEST) * 2), max_size=10))
def test_http_requests_parse_the_same_however_split(cuts):
    parser = HttpParser()
    requests = []
    for piece in _pieces(REQUEST * 2, cuts):
        requests += parser.feed(piece)
    assert len(requests) == 2
    assert all(r.method == "POST" and r.path == "/jsonrpc/0" for r in requests)
    assert json.loads(requests[1].body)["method"] == "deviceInfo"
    assert requests[0].keep_alive


@pytest.mark.parametrize(
    "bad",
    [
        b"NOT HTTP\r\n\r\n",
        b"GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 20000,
    ],
)
def test_http_parser_rejects_malformed_requests(bad):
    with pytest.raises(ProtocolError):
        HttpParser().feed(bad)


def _http(raw_adb, payload: bytes) -> bytes:
    client = raw_adb()
    client.handshake()
    return client.call("tcp:9008", payload)


def _rpc(method: str, params: object) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", "id": 7, "method": method, "params": params}).encode()
    return (
        b"POST /jsonrpc/0 HTTP/1.1\r\nConnection: close\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def _body(response: bytes) -> dict:
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK"), head  # JSON-RPC errors come with 200 too
    return json.loads(body)


def test_uiautomator_server_keeps_alive_then_closes_on_request(raw_adb):
    ping = b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"
    reply = _http(raw_adb, ping + ping + _rpc("getClipboard", {}))
    responses = reply.split(b"HTTP/1.1 ")[1:]
    assert [r.rsplit(b"\r\n\r\n", 1)[1] for r in responses[:2]] == [b"pong", b"pong"]
    assert b"Connection: close" in responses[2]


@pytest.mark.parametrize(
    ("method", "params", "code"),
    [
        ("waitForExists", [{}, 1000], -32601),
        ("click", ["x", "y"], -32602),
        ("takeScreenshot", [9.0, 80], -32602),
        ("pressKeyCode", ["3; rm -rf /"], -32602),
    ],
)
def test_uiautomator_server_answers_bad_calls_with_jsonrpc_errors(raw_adb, method, params, code):
    answer = _body(_http(raw_adb, _rpc(method, params)))
    assert answer["id"] == 7
    assert answer["error"]["code"] == code


def test_uiautomator_server_answers_unparsable_json(raw_adb):
    request = b"POST /jsonrpc/0 HTTP/1.1\r\nConnection: close\r\nContent-Length: 3\r\n\r\n{x]"
    assert _body(_http(raw_adb, request))["error"]["code"] == -32700
