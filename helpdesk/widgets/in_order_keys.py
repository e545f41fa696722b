"""Keys handled in the order they were typed, by every focusable widget of the desk.

Textual hands each key to the focused widget's queue when the key arrives, but runs a
key binding (Enter, arrows, ctrl+n, the list's 'd') only when the key has travelled back
up to the App. A fast typist's "ctrl+n d ⏎" typed while today's list has focus then puts
'd' and Enter in the list's queue before ctrl+n has moved focus to the form: the letters
are lost, or worse, 'd' asks to delete a request.

So a widget with this mixin runs the binding of a key itself, at that key's turn in its
queue, and a key still queued at it after focus moved on is handed to the widget that has
focus now. Text boxes keep inserting printable characters themselves.
"""

from __future__ import annotations

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
            if focused is not None:
                focused.post_message(events.Key(event.key, event.character))
            return
        if event.is_printable and self.TYPES_TEXT:
            return  # the text box inserts it, now
        active = self.screen.active_bindings.get(event.key)
        if active is None or not active.enabled or active.binding.priority:
            return  # not ours to run here: it travels up as usual
        event.prevent_default()
        event.stop()
        await self.app.run_action(active.binding.action, active.node)


class OrderedInput(InOrderKeys, Input):
    """A plain text box of the form (minutes, note, follow-up date and time)."""


class OrderedTextArea(InOrderKeys, TextArea):
    """A multi-line box of the form (what to bring)."""
