"""Where a resident is in each guide during one request, and which guides are attached.

Plain Python, no Textual: the guide screens read and change it, the request form turns
it into ``GuideUse`` records at save time, and a new request (ctrl+n, or a save) throws it
away. Kept per guide id rather than per language so switching the interface language
in the middle of a guide keeps the resident's place.

Step reached, as stored with the request: the highest step ticked 'done'; when no step
is ticked, the step on screen. Ticks say where the resident really got to; the step on
screen is the best guess when staff did not tick anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpdesk.records import GuideUse


@dataclass
class GuideProgress:
    """The step on screen (1-based) and the steps ticked done, for one guide."""

    total: int
    current: int = 1
    done: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.resize(self.total)

    def resize(self, total: int) -> None:
        """Another language version may have a different number of steps: stay inside."""
        self.total = max(1, total)
        self.current = min(max(1, self.current), self.total)
        self.done = {n for n in self.done if 1 <= n <= self.total}

    def move(self, delta: int) -> bool:
        """Go ``delta`` steps on or back; False (and no change) at either end."""
        target = self.current + delta
        if not 1 <= target <= self.total:
            return False
        self.current = target
        return True

    def toggle(self, number: int | None = None) -> bool:
        """Tick or untick a step (default: the one on screen); returns the new state."""
        n = self.current if number is None else number
        if n in self.done:
            self.done.discard(n)
            return False
        self.done.add(n)
        return True

    @property
    def step_reached(self) -> int:
        return max(self.done) if self.done else self.current


@dataclass
class GuideSession:
    """The guides of the request being logged: progress per guide, attached ones in order."""

    progress: dict[str, GuideProgress] = field(default_factory=dict)
    # guide id -> step stored with a request being edited (None: typed, never stepped)
    attached: dict[str, int | None] = field(default_factory=dict)

    def progress_for(self, guide_id: str, total: int) -> GuideProgress:
        """The kept progress, or a fresh one (at the stored step when editing a request)."""
        found = self.progress.get(guide_id)
        if found is None:
            found = GuideProgress(total, current=self.attached.get(guide_id) or 1)
            self.progress[guide_id] = found
        else:
            found.resize(total)
        return found

    def attach(self, guide_id: str) -> bool:
        """Attach a guide to the request; False when it was attached already."""
        if guide_id in self.attached:
            return False
        self.attached[guide_id] = None
        return True

    def detach(self, guide_id: str) -> None:
        self.attached.pop(guide_id, None)

    def step_reached(self, guide_id: str) -> int | None:
        progress = self.progress.get(guide_id)
        return progress.step_reached if progress else self.attached.get(guide_id)

    def uses(self) -> tuple[GuideUse, ...]:
        return tuple(GuideUse(gid, self.step_reached(gid)) for gid in self.attached)

    @classmethod
    def from_uses(cls, uses: tuple[GuideUse, ...]) -> GuideSession:
        """A session for editing a saved request: its guides attached at their steps."""
        return cls(attached={u.guide_id: u.step_reached for u in uses})
