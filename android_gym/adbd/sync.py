"""The `sync:` service (version 1): adb push, pull, stat and ls over the phone's files.

Requests are a four-letter id and a little-endian uint32, then that many bytes of path:
STAT (mode, size, mtime back; zeros for a missing path), LIST (a DENT per entry, then DONE),
RECV (DATA chunks of at most 64 KiB, then DONE; FAIL with a message for a missing file),
SEND ("path,mode"; the host then sends DATA chunks and DONE with the mtime, and we answer OKAY)
and QUIT. After a FAIL the stream closes, as adbd does.

The phone's file system is `SimShell.files`, a flat dict of absolute paths, and its
directories `SimShell.dirs` (`SimShell.is_dir`).
"""

from __future__ import annotations

import posixpath
import stat
import struct

from android_gym.adbd.served import ServedPhone
from android_gym.adbd.stream import Output
from android_gym.errors import ProtocolError

_REQUEST = struct.Struct("<4sI")
_STAT = struct.Struct("<4sIII")
_DENT = struct.Struct("<4sIIII")
MAX_PATH = 1024
MAX_CHUNK = 64 * 1024
"""The largest DATA chunk either side may send."""
MAX_FILE = 256 * 1024 * 1024
"""The largest file a push may store (the phone keeps files in memory)."""
FILE_MODE = stat.S_IFREG | 0o660
DIR_MODE = stat.S_IFDIR | 0o771


def _normal(path: str) -> str:
    return posixpath.normpath(path) if path.startswith("/") else "/" + path.lstrip("/")


class SyncService:
    """One `sync:` stream: parses requests as bytes come and answers each."""

    def __init__(self, phone: ServedPhone) -> None:
        self.phone = phone
        self.buffer = bytearray()
        self.upload: tuple[str, int, bytearray] | None = None
        """The file a SEND is receiving: path, mode, data so far."""

    def start(self, out: Output) -> None:
        """The host speaks first."""

    def receive(self, data: bytes, out: Output) -> None:
        self.buffer += data
        while len(self.buffer) >= _REQUEST.size:
            ident, length = _REQUEST.unpack_from(self.buffer)
            body = length if ident != b"DONE" or self.upload is None else 0
            if ident == b"DATA" and self.upload is not None:
                if length > MAX_CHUNK:
                    self._fail(out, f"oversize DATA chunk of {length} bytes")
                    return
            elif body > MAX_PATH:
                raise ProtocolError(f"sync {ident!r} with a path of {length} bytes")
            if len(self.buffer) < _REQUEST.size + body:
                return
            payload = bytes(self.buffer[_REQUEST.size : _REQUEST.size + body])
            del self.buffer[: _REQUEST.size + body]
            if not self._handle(ident, length, payload, out):
                return

    def _handle(self, ident: bytes, length: int, payload: bytes, out: Output) -> bool:
        """Answers one request; False when the stream ends."""
        if self.upload is not None:
            return self._upload(ident, length, payload, out)
        path = payload.decode("utf-8", errors="replace")
        if ident == b"STAT":
            out.write(_STAT.pack(b"STAT", *self._stat(_normal(path))))
        elif ident == b"LIST":
            self._list(_normal(path), out)
        elif ident == b"RECV":
            return self._send_file(_normal(path), out)
        elif ident == b"SEND":
            name, _, mode = path.rpartition(",")
            if not name or not mode.isdigit():
                return self._fail(out, f"bad SEND target {path!r}")
            self.upload = (_normal(name), int(mode), bytearray())
        elif ident == b"QUIT":
            out.close()
            return False
        else:
            raise ProtocolError(f"unknown sync request {ident!r}")
        return True

    def _stat(self, path: str) -> tuple[int, int, int]:
        """(mode, size, mtime), zeros when nothing is at `path`."""
        with self.phone.lock:
            data = self.phone.files.get(path)
            if data is not None:
                return FILE_MODE, len(data), self.phone.mtimes.get(path, self.phone.started)
            if self._is_dir(path):
                return DIR_MODE, 4096, self.phone.started
        return 0, 0, 0

    def _is_dir(self, path: str) -> bool:
        return self.phone.device.sh.is_dir(path)

    def _list(self, path: str, out: Output) -> None:
        prefix = path.rstrip("/") + "/"
        with self.phone.lock:
            entries: dict[str, tuple[int, int, int]] = {}
            dirs = self.phone.device.sh.dirs
            for name in (*self.phone.files, *dirs):
                if name.startswith(prefix) and name != prefix:
                    child, _, below = name[len(prefix) :].partition("/")
                    if below or name in dirs:
                        entries[child] = (DIR_MODE, 4096, self.phone.started)
                    else:
                        mtime = self.phone.mtimes.get(name, self.phone.started)
                        entries[child] = (FILE_MODE, len(self.phone.files[name]), mtime)
        for child, (mode, size, mtime) in sorted(entries.items()):
            encoded = child.encode()
            out.write(_DENT.pack(b"DENT", mode, size, mtime, len(encoded)) + encoded)
        out.write(_DENT.pack(b"DONE", 0, 0, 0, 0))

    def _send_file(self, path: str, out: Output) -> bool:
        """RECV: the file in DATA chunks, then DONE."""
        with self.phone.lock:
            data = self.phone.files.get(path)
            is_dir = data is None and self._is_dir(path)
        if data is None:
            reason = "Is a directory" if is_dir else "No such file or directory"
            return self._fail(out, f"open failed: {reason}")
        for i in range(0, len(data), MAX_CHUNK):
            chunk = data[i : i + MAX_CHUNK]
            out.write(_REQUEST.pack(b"DATA", len(chunk)) + chunk)
        out.write(_REQUEST.pack(b"DONE", 0))
        return True

    def _upload(self, ident: bytes, length: int, payload: bytes, out: Output) -> bool:
        """A chunk of the file a SEND is receiving; DONE stores it."""
        assert self.upload is not None
        path, mode, data = self.upload
        if ident == b"DATA":
            if len(data) + len(payload) > MAX_FILE:
                return self._fail(out, f"file larger than {MAX_FILE} bytes")
            data += payload
            return True
        if ident != b"DONE":
            raise ProtocolError(f"expected DATA or DONE in a SEND, got {ident!r}")
        self.upload = None
        if stat.S_ISDIR(mode):
            return self._fail(out, f"cannot push a directory entry to {path}")
        with self.phone.lock:
            if self._is_dir(path):
                failed = f"{path}: Is a directory"
            else:
                failed = ""
                self.phone.files[path] = bytes(data)
                self.phone.mtimes[path] = length
        if failed:
            return self._fail(out, failed)
        out.write(_REQUEST.pack(b"OKAY", 0))
        return True

    def _fail(self, out: Output, message: str) -> bool:
        encoded = message.encode()
        out.write(_REQUEST.pack(b"FAIL", len(encoded)) + encoded)
        out.close()
        return False
