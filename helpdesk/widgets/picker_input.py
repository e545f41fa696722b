"""The text box inside a CodePicker.

A plain Input would move its cursor on up/down and do nothing on Backspace when empty;
in a picker those keys mean 'move the highlight' and 'remove the last chosen code', so
this subclass turns them into messages for the picker.

It also handles every key in the order it was typed. Textual hands each key to the
focused widget's queue when the key arrives, but runs a widget's key bindings (Enter,
arrows, Backspace, ctrl+s) only when the key has travelled back up to the App. A fast
typist's "d ⏎ d" then puts both letters in this box before Enter moves on. So the box
runs its bindings itself, at its turn in the queue, and a key still queued here after
focus moved on is handed to the field that has focus now.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class PickerInput(Input):
    """An Input that reports highlight moves, Enter and Backspace-on-empty to its picker."""

    BINDINGS = [
        Binding("up", "move_highlight(-1)", "Previous match", show=False, id="picker.up"),
        Binding("down", "move_highlight(1)", "Next match", show=False, id="picker.down"),
    ]

    class Move(Message):
        """The highlight in the match list should move by ``delta``."""

        def __init__(self, delta: int) -> None:
            self.delta = delta
            super().__init__()

    class RemoveLast(Message):
        """Backspace on an empty box: drop the last chosen code."""

    async def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused  # has_focus lags: it changes when Blur is handled
        if focused is not self:
            # Typed before the previous key moved focus on: it belongs to the new field.
            event.prevent_default()
            event.stop()
            if focused is not None:
                focused.post_message(events.Key(event.key, event.character))
            return
        if event.is_printable:
            return  # the Input inserts it, now
        active = self.screen.active_bindings.get(event.key)
        if active is None or not active.enabled or active.binding.priority:
            return  # not ours to run here: it travels up as usual
        event.prevent_default()
        event.stop()
        await self.app.run_action(active.binding.action, active.node)

    def action_move_highlight(self, delta: int) -> None:
        self.post_message(self.Move(delta))

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.RemoveLast())
            return
        super().action_delete_left()

    async def action_submit(self) -> None:
        # Pick synchronously so that the next key typed lands in the next field even
        # when staff type faster than messages are processed.
        for ancestor in self.ancestors:
            submit = getattr(ancestor, "submit_query", None)
            if submit is not None:
                submit(self.value)
                return
        # No picker around (the form's guide-ids box): an ordinary Input.Submitted.
        await super().action_submit()
