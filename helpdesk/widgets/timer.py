"""The visible mm:ss timer of the request being logged.

Minutes spent are what the national registration asks for and what staff forget to
estimate; a clock that starts with each new request fills them in at save time.
"""

from __future__ import annotations

import math
import time

from textual.widgets import Static


class RequestTimer(Static):
    """Counts up from the moment a new request is started (monotonic clock)."""

    def __init__(self, label: str = "", id: str | None = None) -> None:
        super().__init__("", id=id)
        self.label = label
        self._started: float | None = None
        self._shown = ""

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self._tick()

    def start(self) -> None:
        self._started = time.monotonic()
        self._tick()

    def stop(self) -> None:
        self._started = None
        self._tick()

    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def elapsed_seconds(self) -> float:
        return 0.0 if self._started is None else time.monotonic() - self._started

    def minutes(self) -> int:
        """Whole minutes spent, rounded up: a request always took at least a minute."""
        return max(1, math.ceil(self.elapsed_seconds / 60))

    def set_label(self, label: str) -> None:
        self.label = label
        self._tick()

    def _tick(self) -> None:
        seconds = int(self.elapsed_seconds)
        clock = f"{seconds // 60:02d}:{seconds % 60:02d}" if self.running else "--:--"
        text = f"{self.label} {clock}".strip()
        if text == self._shown:
            return
        # The timer is as wide as its text: the screen's layout (costly with a long list
        # of today's requests) is redone only when the width changes, not every second.
        self.update(text, layout=len(text) != len(self._shown))
        self._shown = text
