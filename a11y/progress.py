"""Live scan progress on stderr: a redrawn bar on a terminal, a line every 10 s otherwise.

Logs and CI output should not fill with carriage returns, so the live bar is only
drawn when stderr is a terminal. Without one (a CI job) a plain line every
``settings.PROGRESS_EVERY`` seconds says how far the scan is (pages checked, queue,
pages/s, time left), so a long scan in a pipeline is visibly alive; and one summary
line at the end.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TextIO

from a11y import settings
from a11y.i18n import cli_lang, t
from inclusiedesk.i18n import number

#: Width of the terminal bar in characters.
BAR_WIDTH = 20


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

    def line(self, lang: str | None = None) -> str:
        """The counters in one line (the bar's text and the summary at the end)."""
        lang = lang or cli_lang()
        return t(
            "progress.line",
            lang,
            discovered=self.discovered,
            checked=self.checked,
            failed=self.failed,
            violations=self.violations,
            documents=self.documents,
            rate=number(self.rate, lang, 2),
        )

    def queue(self, limit: int | None = None) -> int:
        """Pages found but not yet done, never more than the page limit still allows."""
        done = self.checked + self.failed
        waiting = max(0, self.discovered - done)
        return min(waiting, max(0, limit - done)) if limit else waiting

    def eta(self, limit: int | None = None) -> float | None:
        """Seconds left at the current rate; None before the first page is done."""
        return self.queue(limit) / self.rate if self.rate > 0 else None

    def status(self, limit: int | None = None, lang: str | None = None) -> str:
        """The CI line: pages checked, queue, pages/s and estimated time left."""
        lang = lang or cli_lang()
        eta = self.eta(limit)
        left = t("progress.unknown", lang) if eta is None else _duration(eta, lang)
        return t(
            "progress.status",
            lang,
            n=self.checked,
            failed=self.failed,
            queue=self.queue(limit),
            rate=number(self.rate, lang, 2),
            left=left,
        )

    def bar(self, limit: int | None = None, lang: str | None = None) -> str:
        """The terminal's live bar, filled by pages done out of pages known (or the limit)."""
        done = self.checked + self.failed
        total = max(done + self.queue(limit), 1)
        filled = round(BAR_WIDTH * done / total)
        return f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} · " + self.line(lang)


def _duration(seconds: float, lang: str) -> str:
    """'45 s', '12 min', '2 h 05 min' ('2 u 05 min' in Dutch): precise enough for a guess."""
    if seconds < 90:
        return t("progress.seconds", lang, n=f"{seconds:.0f}")
    minutes = round(seconds / 60)
    if minutes < 90:
        return t("progress.minutes", lang, n=minutes)
    return t("progress.hours", lang, h=minutes // 60, m=f"{minutes % 60:02d}")


class ProgressPrinter:
    """Callable given to the crawler; draws at most a few times per second."""

    def __init__(
        self,
        stream: TextIO | None = None,
        interval: float = 0.2,
        every: float | None = None,
        limit: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        lang: str | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        #: The language of the lines; None follows the command's --lang (a11y.i18n.cli_lang).
        self.lang = lang
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        #: Seconds between two status lines without a terminal (tests pass a short one).
        self.every = settings.PROGRESS_EVERY if every is None else every
        self.limit = limit
        self.clock = clock
        self._last_draw = 0.0
        self._last: Progress | None = None
        self._last_at = 0.0
        #: Notes come from worker threads while the main thread draws.
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, progress: Progress) -> None:
        self._last = progress
        self._last_at = self.clock()
        if not self.live:
            self._start_ticker()
            return
        now = time.monotonic()
        if now - self._last_draw >= self.interval:
            self._last_draw = now
            with self._lock:
                self.stream.write("\r\x1b[K" + progress.bar(self.limit, self.lang))
                self.stream.flush()

    def note(self, text: str) -> None:
        """One line of its own (a capped Crawl-delay, a retry), above the live line."""
        with self._lock:
            self.stream.write(("\r\x1b[K" if self.live else "") + "a11y: " + text + "\n")
            if self.live and self._last is not None:
                self.stream.write(self._last.bar(self.limit, self.lang))
            self.stream.flush()

    def _start_ticker(self) -> None:
        """The status-line thread, started with the first progress (not for a scan that
        never starts); a daemon, so a crash elsewhere cannot keep the process alive."""
        if self._ticker is not None or self.every <= 0:
            return
        self._ticker = threading.Thread(target=self._tick_loop, name="a11y-progress", daemon=True)
        self._ticker.start()

    def _tick_loop(self) -> None:
        while not self._stop.wait(self.every):
            self.tick()

    def tick(self) -> None:
        """One status line from the latest counters, their time brought up to now so a
        scan stuck on one slow page shows its rate dropping rather than frozen."""
        last = self._last
        if last is None:
            return
        now = replace(last, elapsed=last.elapsed + max(0.0, self.clock() - self._last_at))
        with self._lock:
            self.stream.write("a11y: " + now.status(self.limit, self.lang) + "\n")
            self.stream.flush()

    def finish(self) -> None:
        """End the live line, or print the only line when not on a terminal."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=5)
        if self._last is None:
            return
        if self.live:
            self.stream.write("\r\x1b[K")
        self.stream.write("a11y: " + self._last.line(self.lang) + "\n")
        self.stream.flush()
