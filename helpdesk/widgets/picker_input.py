"""The text box inside a CodePicker.

A plain Input would move its cursor on up/down and do nothing on Backspace when empty;
in a picker those keys mean 'move the highlight' and 'remove the last chosen code', so
this subclass turns them into messages for the picker.

It handles every key in the order it was typed (``InOrderKeys``): a fast typist's
"d ⏎ d" would otherwise put both letters in this box before Enter moves on.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from helpdesk.widgets.in_order_keys import InOrderKeys


class PickerInput(InOrderKeys, Input):
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
