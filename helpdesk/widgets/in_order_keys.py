"""Keys handled in the order they were typed, by every focusable widget of the desk.

Textual hands each key to the focused widget's queue when the key arrives, but runs a
key binding (Enter, arrows, ctrl+n, the list's 'd') only when the key has travelled back
up to the App. A fast typist's "ctrl+n d ⏎" typed while today's list has focus then puts
'd' and Enter in the list's queue before ctrl+n has moved focus to the form: the letters
are lost, or worse, 'd' asks to delete a request.

So a widget with this mixin runs the binding of a key itself, at that key's turn in its
queue, and a key still queued at it after focus moved on is handed to the widget that has
focus now. Text boxes keep inserting printable characters themselves.

That alone is not enough when keys arrive from a real terminal a few at a time: the App
hands a key to the widget focused *when the key arrives*, so keys arriving while an
earlier one is still on its way to the next field overtake it ("ctrl+r ctrl+n d ⏎ act ⏎"
in one burst let the list's Enter open the last request for editing). ``KeyGate`` makes
the App hand a key to such a widget only when the previous one has been handled there.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

# A plain class at run time: Textual takes a widget's styles and component classes from
# its first widget base, which must stay the Input or DataTable it is mixed into.
_Base = Widget if TYPE_CHECKING else object


class InOrderKeys(_Base):
    """Mixin for focusable widgets: bindings run in typing order; stray keys move on."""

    #: True for text boxes: a printable key is text, not a binding.
    TYPES_TEXT = True

    async def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused  # has_focus lags: it changes when Blur is handled
        if focused is not self:
            # Typed before the previous key moved focus on: it belongs to the new field.
            event.prevent_default()
            event.stop()
            if isinstance(focused, InOrderKeys):
                focused.post_message(_passed_on(event))
                return  # still on its way: that field says when it is done
            if focused is not None:
                focused.post_message(_passed_on(event))
            _done(self, event)
            return
        try:
            if event.is_printable and self.TYPES_TEXT:
                return  # the text box inserts it, now
            active = self.screen.active_bindings.get(event.key)
            if active is None or not active.enabled or active.binding.priority:
                return  # not ours to run here: it travels up as usual
            event.prevent_default()
            event.stop()
            await self.app.run_action(active.binding.action, active.node)
        finally:
            _done(self, event)


def _passed_on(event: events.Key) -> events.Key:
    """The same key for another widget (a message is delivered once), gate mark kept."""
    moved = events.Key(event.key, event.character)
    moved.gated = getattr(event, "gated", False)  # type: ignore[attr-defined]
    return moved


def _done(widget: Widget, event: events.Key) -> None:
    """Tell the App's gate that this key has been handled: the next one may come."""
    gate = getattr(widget.app, "key_gate", None)
    if gate is not None and getattr(event, "gated", False):
        gate.done()
        widget.app.call_later(widget.app.release_keys)  # type: ignore[attr-defined]


class KeyGate:
    """One key at a time to the desk's fields, so no key overtakes an earlier one.

    The App asks ``hold`` for each key from the terminal; a key arriving while an earlier
    one is still being handled by an in-order widget waits here, in order. The widget
    calls ``done`` when it has handled the key (its binding ran, its focus move
    happened), and the App then hands over the next one. A slow key (a save on a loaded
    machine) is waited for; a key whose widget went away with its screen is let go at
    once, and any key after ``STUCK_AFTER`` seconds, so the keyboard never stays blocked.
    """

    STUCK_AFTER = 2.0

    def __init__(self) -> None:
        self.waiting: deque[events.Key] = deque()
        self.busy_since: float | None = None  # when the key in flight was handed over
        self.target: Widget | None = None  # the widget handling it

    def _in_flight(self) -> bool:
        if self.busy_since is None:
            return False
        gone = self.target is not None and not self.target.is_attached
        if gone or time.monotonic() - self.busy_since > self.STUCK_AFTER:
            self.done()
            return False
        return True

    def hold(self, event: events.Key) -> bool:
        """True when ``event`` must wait for the key in flight (it is queued)."""
        if not self._in_flight() and not self.waiting:
            return False
        self.waiting.append(event)
        return True

    def handed_over(self, event: events.Key, target: Widget) -> None:
        """``event`` went to an in-order widget: later keys wait until it says done."""
        event.gated = True  # type: ignore[attr-defined]
        self.busy_since = time.monotonic()
        self.target = target

    def done(self) -> None:
        self.busy_since = None
        self.target = None

    def next_key(self) -> events.Key | None:
        """The next waiting key when nothing is in flight (or the key in flight is stuck)."""
        if self._in_flight():
            return None
        return self.waiting.popleft() if self.waiting else None


class OrderedInput(InOrderKeys, Input):
    """A plain text box of the form (minutes, note, follow-up date and time)."""


class OrderedTextArea(InOrderKeys, TextArea):
    """A multi-line box of the form (what to bring)."""
