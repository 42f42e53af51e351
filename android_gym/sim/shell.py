"""The simulated phone's shell: what `adb shell CMD` runs, as Android's `sh` and toybox print it.

One interpreter serves both ways in: `SimDevice.shell` in-process, and the adb device the phone
is served as (`android_gym.adbd`), so task families set up and read a phone through the same
commands on the simulator and on a real device. It understands quoting, `;`, `&&`, `||`, pipes
into `grep`, `head` and `tail`, `$?`, `>&2` (a command's output to stderr), and the commands of
`phone_commands.py` (input, screencap, uiautomator, am, pm, wm, getprop, date, ime) and
`system_commands.py` (dumpsys, settings, svc, cmd, appops) besides the file commands here,
over an in-memory file system (`files`, `dirs`) that adb sync shares. An unknown command
exits 127 with Android's message; nothing a client sends raises.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from android_gym.devices.sim import SimDevice

_OPERATORS = (";", "&&", "||", "&")
DIRECTORIES = (
    "/",
    "/data",
    "/data/local",
    "/data/local/tmp",
    "/sdcard",
    "/sdcard/Download",
    "/system",
)
"""Directories every phone has, empty or not."""
MAX_SLEEP = 10.0
"""The longest `sleep` runs (seconds): a client cannot park a phone's shell for longer."""
_REDIRECT = re.compile(r"\s(2>&1|2>\s*/dev/null|>\s*/dev/null)(?=\s|$)")
_TO_STDERR = re.compile(r"(\s1)?>&2(?=[\s;|&]|$)")
_STDERR_WORD = "\x1eto-stderr"
"""The word a `>&2` becomes before tokenizing (its `&` is not an operator)."""


@dataclass
class ShellResult:
    """What one command line printed and its exit status."""

    stdout: bytes = b""
    stderr: bytes = b""
    code: int = 0

    @property
    def text(self) -> str:
        """stdout then stderr as text (what `adb shell` shows)."""
        return (self.stdout + self.stderr).decode("utf-8", errors="replace")


def ok(text: str | bytes = "") -> ShellResult:
    """A successful result printing `text` (a line end added to non-empty text)."""
    data = text.encode() if isinstance(text, str) else text
    if isinstance(text, str) and text and not text.endswith("\n"):
        data += b"\n"
    return ShellResult(data)


def fail(message: str, code: int = 1) -> ShellResult:
    """A failed result with `message` on stderr."""
    return ShellResult(b"", (message.rstrip("\n") + "\n").encode(), code)


Command = Callable[[list[str], bytes], ShellResult]


class SimShell:
    """The shell of one simulated device; `files` survives the phone's resets, like a real
    device's storage."""

    def __init__(self, device: SimDevice) -> None:
        from android_gym.sim.phone_commands import GBOARD, phone_commands

        self.device = device
        self.files: dict[str, bytes] = {}
        self.dirs: set[str] = set(DIRECTORIES)
        """Directories made with `mkdir` or standard; a path some file lies under is one too."""
        self.serial = "android_gym-sim"
        """What `getprop ro.serialno` prints (a served phone sets its adb serial here)."""
        self.settings: dict[str, str] = {"secure default_input_method": GBOARD}
        """Settings-provider values that are not phone state ("secure default_input_method")."""
        self.last_code = 0
        self.commands: dict[str, Command] = {
            "echo": self._echo,
            "cat": self._cat,
            "rm": self._rm,
            "ls": self._ls,
            "mkdir": self._mkdir,
            "exit": lambda args, stdin: ShellResult(code=int(args[0]) if args else 0),
            "sleep": _sleep,
            "md5sum": self._md5sum,
            "toybox": lambda args, stdin: self.call(args, stdin),
            "true": lambda args, stdin: ok(),
            "false": lambda args, stdin: ShellResult(code=1),
            "id": lambda args, stdin: ok("uid=2000(shell) gid=2000(shell) groups=2000(shell)"),
            "whoami": lambda args, stdin: ok("shell"),
            "grep": _grep,
            "head": lambda args, stdin: _lines(args, stdin, head=True),
            "tail": lambda args, stdin: _lines(args, stdin, head=False),
            **phone_commands(self),
        }

    def run(self, command: str) -> ShellResult:
        """Runs one command line; never raises."""
        try:
            pipelines = _parse(command)
        except ValueError as error:
            return self._done(fail(f"/system/bin/sh: syntax error: {error}", 2))
        out, err = b"", b""
        for before, stages in pipelines:
            skip = (before == "&&" and self.last_code != 0) or (
                before == "||" and self.last_code == 0
            )
            if stages and not skip:
                result = self._pipeline(stages)
                out, err = out + result.stdout, err + result.stderr
                self.last_code = result.code
        return ShellResult(out, err, self.last_code)

    def _done(self, result: ShellResult) -> ShellResult:
        self.last_code = result.code
        return result

    def _pipeline(self, stages: tuple[tuple[str, ...], ...]) -> ShellResult:
        stdin, err, result = b"", b"", ShellResult()
        for argv in stages:
            to_stderr = argv[-1] == _STDERR_WORD
            argv = argv[:-1] if to_stderr else argv
            result = self.call([a.replace("$?", str(self.last_code)) for a in argv], stdin)
            if to_stderr:
                result = ShellResult(b"", result.stderr + result.stdout, result.code)
            stdin, err = result.stdout, err + result.stderr
        return ShellResult(result.stdout, err, result.code)

    def call(self, argv: list[str], stdin: bytes) -> ShellResult:
        """Runs one command (its words, `stdin` piped in); never raises."""
        if not argv:
            return ok()
        name = argv[0].rsplit("/", 1)[-1]
        command = self.commands.get(name)
        if command is None:
            return fail(f"/system/bin/sh: {argv[0]}: inaccessible or not found", 127)
        try:
            return command(argv[1:], stdin)
        except (ValueError, IndexError, KeyError) as error:
            return fail(f"{name}: {error or 'bad arguments'}", 1)

    # -- files --------------------------------------------------------------------------------

    def _echo(self, args: list[str], stdin: bytes) -> ShellResult:
        newline = not (args and args[0] == "-n")
        text = " ".join(args[1:] if not newline else args)
        return ShellResult((text + ("\n" if newline else "")).encode())

    def _cat(self, args: list[str], stdin: bytes) -> ShellResult:
        if not args:
            return ShellResult(stdin)
        out = b""
        for path in args:
            if path not in self.files:
                return ShellResult(out, f"cat: {path}: No such file or directory\n".encode(), 1)
            out += self.files[path]
        return ShellResult(out)

    def _rm(self, args: list[str], stdin: bytes) -> ShellResult:
        flags = {a for a in args if a.startswith("-")}
        for path in (a for a in args if not a.startswith("-")):
            inside = [p for p in self.files if p.startswith(path.rstrip("/") + "/")]
            if path in self.files:
                del self.files[path]
            elif inside and any("r" in f for f in flags):
                for p in inside:
                    del self.files[p]
            elif not any("f" in f for f in flags):
                return fail(f"rm: {path}: No such file or directory")
        return ok()

    def _ls(self, args: list[str], stdin: bytes) -> ShellResult:
        paths = [a for a in args if not a.startswith("-")] or ["/sdcard"]
        out = []
        for path in paths:
            if path in self.files:
                out.append(path)
                continue
            if not self.is_dir(path):
                return ShellResult(
                    ok("\n".join(out)).stdout,
                    f"ls: {path}: No such file or directory\n".encode(),
                    1,
                )
            prefix = path.rstrip("/") + "/"
            below = (p for p in (*self.files, *self.dirs) if p.startswith(prefix) and p != prefix)
            out.extend(sorted({p[len(prefix) :].split("/")[0] for p in below}))
        return ok("\n".join(out))

    def is_dir(self, path: str) -> bool:
        """Whether `path` is a directory: a standard or made one, or one a file lies under."""
        path = posixpath.normpath(path) if path != "/" else path
        prefix = path.rstrip("/") + "/"
        return path in self.dirs or any(p.startswith(prefix) for p in self.files)

    def _mkdir(self, args: list[str], stdin: bytes) -> ShellResult:
        parents = "-p" in args
        for path in (posixpath.normpath(a) for a in args if not a.startswith("-")):
            parent = posixpath.dirname(path)
            if not parents and not self.is_dir(parent):
                return fail(f"mkdir: '{path}': No such file or directory")
            while path not in ("/", ""):
                self.dirs.add(path)
                path = posixpath.dirname(path)
        return ok()

    def _md5sum(self, args: list[str], stdin: bytes) -> ShellResult:
        lines = []
        for path in args:
            if path not in self.files:
                return fail(f"md5sum: {path}: No such file or directory")
            lines.append(f"{hashlib.md5(self.files[path]).hexdigest()}  {path}")
        return ok("\n".join(lines))


Pipelines = tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
"""A command line as (operator before it, stages of its pipeline, each its words) pairs."""
_MEMO_CHARS = 4096
"""Command lines up to this long have their parse memoised (256 of them at most)."""


def _parse(command: str) -> Pipelines:
    """The pipelines of a command line. Memoised for lines up to `_MEMO_CHARS`: a client
    runs the same lines again and again (a state read runs one line of 14 commands every
    step), and splitting them into words was most of what running them cost."""
    return _parse_memo(command) if len(command) <= _MEMO_CHARS else _split(command)


def _split(command: str) -> Pipelines:
    return tuple(
        (before, tuple(tuple(argv) for argv in stages))
        for before, stages in _pipelines(
            _tokens(_TO_STDERR.sub(f" {_STDERR_WORD} ", _REDIRECT.sub(" ", f" {command} ")))
        )
    )


_parse_memo = lru_cache(maxsize=256)(_split)


def _tokens(command: str) -> list[str]:
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    lexer.commenters = ""
    return list(lexer)


def _pipelines(tokens: list[str]) -> list[tuple[str, list[list[str]]]]:
    """The command line as (operator before it, stages of its pipeline) pairs."""
    out: list[tuple[str, list[list[str]]]] = []
    before, stages, argv = ";", [], []
    for token in tokens:
        if token == "|":
            stages.append(argv)
            argv = []
        elif token in _OPERATORS:
            stages.append(argv)
            out.append((before, [s for s in stages if s]))
            before, stages, argv = token, [], []
        else:
            argv.append(token)
    stages.append(argv)
    out.append((before, [s for s in stages if s]))
    return out


def _sleep(args: list[str], stdin: bytes) -> ShellResult:
    time.sleep(min(float(args[0]) if args else 0.0, MAX_SLEEP))
    return ok()


def _grep(args: list[str], stdin: bytes) -> ShellResult:
    flags = [a for a in args if a.startswith("-")]
    words = [a for a in args if not a.startswith("-")]
    if not words:
        return fail("grep: no pattern", 2)
    pattern = re.compile(words[0], re.IGNORECASE if "-i" in flags else 0)
    invert = "-v" in flags
    lines = [
        line
        for line in stdin.decode("utf-8", errors="replace").splitlines()
        if bool(pattern.search(line)) != invert
    ]
    return ShellResult(("\n".join(lines) + "\n").encode() if lines else b"", code=0 if lines else 1)


def _lines(args: list[str], stdin: bytes, head: bool) -> ShellResult:
    count = 10
    for i, arg in enumerate(args):
        if arg == "-n" and i + 1 < len(args):
            count = int(args[i + 1])
        elif arg.startswith("-") and arg[1:].isdigit():
            count = int(arg[1:])
    lines = stdin.decode("utf-8", errors="replace").splitlines()
    kept = lines[:count] if head else lines[-count:] if count else []
    return ok("\n".join(kept))
