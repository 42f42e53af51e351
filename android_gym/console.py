"""What the `android-gym` and `distrl` command lines share: quiet ends of piped output."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Iterator

BROKEN_PIPE_STATUS = 141
"""The status a shell reports for a command that SIGPIPE ended (128 + 13)."""


@contextlib.contextmanager
def quiet_broken_pipe() -> Iterator[None]:
    """A reader that stops early (`| head`) ends the command quietly with status 141, as Unix
    tools end, instead of a `BrokenPipeError` traceback; output still buffered is flushed
    inside, so the interpreter's last flush cannot fail either."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # later writes and the final flush go nowhere
        os.close(devnull)
        raise SystemExit(BROKEN_PIPE_STATUS) from None


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help ends with its default (none for those that have none)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default in (None, False, [], argparse.SUPPRESS) or "%(default)" in text:
            return action.help
        return super()._get_help_string(action)


SubParser = functools.partial(argparse.ArgumentParser, formatter_class=HelpFormatter)
"""`add_subparsers(parser_class=SubParser)`: subcommands show their defaults too."""
