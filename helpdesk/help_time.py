"""How long staff helped with one request: the time between the resident's arrival and
the save, without pauses and without the wait for the next resident.

Minutes are a headline figure for funders, so idle time at the desk must not count. The
timer of a new request is therefore only *armed* when the form is emptied (after a save,
after ctrl+n): it waits for the resident. It runs from the first letter typed or code
picked, or from the moment staff say the resident arrived; staff can pause it (the
resident fetches a phone, a colleague asks something) and paused time is not counted.

Plain Python with the clock reading passed in, so the rules are tested without waiting;
``helpdesk.desk_state.DeskState`` owns one and reads its own (injectable) clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Phase = Literal["off", "waiting", "running", "paused"]


@dataclass
class HelpTime:
    """The help time of the request being logged.

    ``off``: no timer (a saved request is being edited); ``waiting``: armed, nothing
    counted yet; ``running``: counting since ``since``; ``paused``: stopped, with the
    seconds counted so far kept in ``banked``.
    """

    phase: Phase = "off"
    banked: float = 0.0  # seconds counted in earlier running stretches
    since: float | None = None  # clock reading when the current running stretch began

    def arm(self) -> None:
        """A new, empty request: wait for the resident, nothing counted."""
        self.phase, self.banked, self.since = "waiting", 0.0, None

    def switch_off(self) -> None:
        """No timer at all (editing a saved request keeps its own minutes)."""
        self.phase, self.banked, self.since = "off", 0.0, None

    def start(self, now: float) -> bool:
        """Start counting when armed; True when it started now (a pause stays a pause)."""
        if self.phase != "waiting":
            return False
        self.phase, self.since = "running", now
        return True

    def resume(self, now: float) -> bool:
        """Start when armed, go on when paused; True when the timer now runs and did not."""
        if self.phase == "paused":
            self.phase, self.since = "running", now
            return True
        return self.start(now)

    def pause(self, now: float) -> bool:
        """Stop counting, keeping what was counted; True when it was running."""
        if self.phase != "running" or self.since is None:
            return False
        self.banked += max(0.0, now - self.since)
        self.phase, self.since = "paused", None
        return True

    def toggle_pause(self, now: float) -> bool:
        """Pause a running timer or resume a paused one; False when neither (waiting, off)."""
        if self.phase == "running":
            return self.pause(now)
        if self.phase == "paused":
            return self.resume(now)
        return False

    def seconds(self, now: float) -> float | None:
        """Seconds counted so far; 0 while waiting, None when there is no timer."""
        if self.phase == "off":
            return None
        if self.phase == "running" and self.since is not None:
            return self.banked + max(0.0, now - self.since)
        return self.banked

    def minutes(self, now: float) -> int | None:
        """Whole minutes, rounded up: a request always took at least a minute."""
        seconds = self.seconds(now)
        return None if seconds is None else max(1, math.ceil(seconds / 60))
