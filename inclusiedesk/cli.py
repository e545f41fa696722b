"""The shell around both products' commands: refused input is one line and an exit code.

Scripts, cron jobs and CI pipelines read the exit code; staff read one line on stderr,
never a traceback. Each product raises its own subclass of :class:`CliError` for input
its commands refuse, and hands its entry point's body to :func:`run` together with the
domain errors (validation, store, settings, ...) that end a command the same way.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable

EXIT_OK = 0
EXIT_USAGE = 2  # bad input: an argument, a file or a database the command refuses
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT


class CliError(Exception):
    """Raised by a command for input it refuses; :func:`run` prints it and exits ``exit_code``."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def run(
    body: Callable[[], int],
    *,
    prog: str,
    errors: tuple[type[Exception], ...] = (),
    text: Callable[[Exception], str] = str,
    interrupt: bool = True,
    interrupted: Callable[[], str] = lambda: "interrupted",
) -> int:
    """Run ``body`` and return its exit code, or end it with one line ``"{prog}: {text}"``.

    A :class:`CliError` exits with its own code; ``errors`` (the product's domain
    errors) exit with :data:`EXIT_USAGE`; ``text`` words the line for either. A broken
    pipe (output piped into ``head``) ends quietly with :data:`EXIT_OK`, unless
    ``errors`` lists it (``OSError`` does). Ctrl-C ends with :data:`EXIT_INTERRUPTED`,
    unless ``interrupt`` is off because an outer ``run`` reports it; ``interrupted``
    words that line (called then, so it speaks the language the command chose).
    """
    try:
        return body()
    except CliError as exc:
        _say(prog, text(exc))
        return exc.exit_code
    except errors as exc:
        _say(prog, text(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        return quiet_broken_pipe()
    except KeyboardInterrupt:
        if not interrupt:
            raise
        _say(prog, interrupted())
        return EXIT_INTERRUPTED


def quiet_broken_pipe() -> int:
    """The reader of our output left (``helpdesk list | head -1``): end quietly, exit 0.

    Python's recipe: point stdout at /dev/null, so the flush at interpreter exit cannot
    fail again and print "Exception ignored ... BrokenPipeError". Exit 0 rather than
    141 (the shell's code for SIGPIPE): the reader chose to stop reading, which is no
    failure of the command, and ``set -o pipefail`` scripts keep working.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is no real file (a test captures it): nothing is flushed at exit
    return EXIT_OK


def _say(prog: str, message: str) -> None:
    print(f"{prog}: {message}", file=sys.stderr)
