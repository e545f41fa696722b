"""Live scan progress on stderr: a redrawn line on a terminal, one summary line otherwise.

Logs and CI output should not fill with carriage returns, so the live line is only
drawn when stderr is a terminal.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Progress:
    """Counters of a running scan; ``elapsed`` in seconds."""

    discovered: int = 0
    checked: int = 0
    failed: int = 0
    violations: int = 0
    documents: int = 0
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        """Pages (checked or failed) per second."""
        done = self.checked + self.failed
        return done / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        return (
            f"discovered {self.discovered} · checked {self.checked} · failed {self.failed}"
            f" · violations {self.violations} · documents {self.documents}"
            f" · {self.rate:.2f} pages/s"
        )


class ProgressPrinter:
    """Callable given to the crawler; draws at most a few times per second."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self._last_draw = 0.0
        self._last: Progress | None = None
        #: Notes come from worker threads while the main thread draws.
        self._lock = threading.Lock()

    def __call__(self, progress: Progress) -> None:
        self._last = progress
        if not self.live:
            return
        now = time.monotonic()
        if now - self._last_draw >= self.interval:
            self._last_draw = now
            with self._lock:
                self.stream.write("\r\x1b[K" + progress.line())
                self.stream.flush()

    def note(self, text: str) -> None:
        """One line of its own (a capped Crawl-delay, a retry), above the live line."""
        with self._lock:
            self.stream.write(("\r\x1b[K" if self.live else "") + "a11y: " + text + "\n")
            if self.live and self._last is not None:
                self.stream.write(self._last.line())
            self.stream.flush()

    def finish(self) -> None:
        """End the live line, or print the only line when not on a terminal."""
        if self._last is None:
            return
        if self.live:
            self.stream.write("\r\x1b[K")
        self.stream.write("a11y: " + self._last.line() + "\n")
        self.stream.flush()
