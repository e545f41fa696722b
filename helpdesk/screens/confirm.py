"""A yes/no question before anything that cannot be undone (deleting a request)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from helpdesk.i18n import t
from helpdesk.widgets.desk_footer import DeskFooter


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only on an explicit yes; Escape and 'n' mean no."""

    BINDINGS = [
        Binding("y,j", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__()
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(t("confirm_yes", self.lang), variant="error", id="confirm-yes")
                yield Button(t("confirm_no", self.lang), variant="primary", id="confirm-no")
        yield DeskFooter()

    def on_mount(self) -> None:
        # The safe answer has focus, so a stray Enter keeps the request.
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
