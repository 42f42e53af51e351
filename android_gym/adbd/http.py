"""A small HTTP/1.1 server side over a byte stream (an adb `tcp:` stream), for uiautomator2.

Requests arrive in pieces; `HttpParser.feed` returns the whole ones. Bodies need a
Content-Length (Python's http.client always sends one); chunked bodies, oversize headers or
bodies raise `ProtocolError`. Keep-alive is the HTTP/1.1 default; "Connection: close" (or
HTTP/1.0 without keep-alive) ends the stream after the response.
"""

from __future__ import annotations

from dataclasses import dataclass

from android_gym.errors import ProtocolError

MAX_HEAD = 64 * 1024
MAX_BODY = 64 * 1024 * 1024
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


@dataclass(frozen=True)
class Request:
    """One HTTP request: method, path, headers (names in lower case) and body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    version: str = "HTTP/1.1"

    @property
    def keep_alive(self) -> bool:
        connection = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return connection == "keep-alive"
        return connection != "close"


class HttpParser:
    """Turns the bytes of a stream into requests."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, data: bytes) -> list[Request]:
        self.buffer += data
        requests = []
        while True:
            request = self._next()
            if request is None:
                return requests
            requests.append(request)

    def _next(self) -> Request | None:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buffer) > MAX_HEAD:
                raise ProtocolError(f"HTTP request head over {MAX_HEAD} bytes")
            return None
        lines = self.buffer[:end].decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise ProtocolError(f"bad HTTP request line {lines[0][:100]!r}")
        headers = {}
        for line in lines[1:]:
            name, colon, value = line.partition(":")
            if not colon:
                raise ProtocolError(f"bad HTTP header line {line[:100]!r}")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise ProtocolError("chunked HTTP bodies are not supported")
        length_text = headers.get("content-length", "0")
        if not length_text.isdigit() or int(length_text) > MAX_BODY:
            raise ProtocolError(f"bad HTTP Content-Length {length_text[:20]!r}")
        start, length = end + 4, int(length_text)
        if len(self.buffer) < start + length:
            return None
        body = bytes(self.buffer[start : start + length])
        del self.buffer[: start + length]
        return Request(parts[0], parts[1], headers, body, parts[2])


def response(status: int, body: bytes, content_type: str, keep_alive: bool) -> bytes:
    """The bytes of an HTTP/1.1 response."""
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    return head.encode("latin-1") + body
