"""The visible timer of the request being logged: waiting, mm:ss running, or paused.

Minutes spent are what the national registration asks for and what staff forget to
estimate; the desk measures them. When the timer waits, runs or is paused is part of
the app's ``DeskState`` (which also turns it into minutes at save time); this widget
only shows it, so staff can see that the wait for the next resident is not counted.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from helpdesk.desk_state import DeskState
from helpdesk.i18n import t


class RequestTimer(Static):
    """Shows the help time of the request in the desk state, once a second."""

    def __init__(
        self,
        state: DeskState,
        label: str = "",
        id: str | None = None,
        key_hint: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__("", id=id)
        self.state = state
        self.label = label
        # phase ('waiting', 'paused') -> the key that sets the timer going, as the footer
        # shows it: at 80 columns the footer has no room left for those keys.
        self.key_hint = key_hint or (lambda phase: "")
        self._shown = ""

    def on_mount(self) -> None:
        self.set_interval(1.0, self.show_time)
        self.show_time()

    def set_label(self, label: str) -> None:
        self.label = label
        self.show_time()

    def show_time(self) -> None:
        """Show the timer now (called every second, and when the request changes)."""
        elapsed = self.state.elapsed_seconds()
        phase = self.state.timer_phase
        if elapsed is None:  # editing a saved request: no clock runs
            clock = "--:--"
        else:
            seconds = int(elapsed)
            clock = f"{seconds // 60:02d}:{seconds % 60:02d}"
        if phase in ("waiting", "paused"):  # say why the clock stands still, and the key
            key = self.key_hint(phase)
            clock = f"{clock} · {t(f'help_time.{phase}', self.state.lang)}"
            clock += f" ({key})" if key else ""
        text = f"{self.label} {clock}".strip()
        if text == self._shown:
            return
        # The timer is as wide as its text: the screen's layout (costly with a long list
        # of today's requests) is redone only when the width changes, not every second.
        self.update(text, layout=len(text) != len(self._shown))
        self._shown = text
        self.set_class(phase == "waiting", "-waiting")
        self.set_class(phase == "paused", "-paused")
