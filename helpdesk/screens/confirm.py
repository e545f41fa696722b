"""A yes/no question before a step staff should not take by accident (deleting a
request, quitting with a half-filled form, choosing which version of a request stays)."""

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

    def __init__(
        self, question: str, lang: str, yes: str | None = None, no: str | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.lang = lang
        # The buttons say what each answer does; the default words are those of a delete.
        self.yes_label = yes or t("confirm_yes", lang)
        self.no_label = no or t("confirm_no", lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes_label, variant="error", id="confirm-yes")
                yield Button(self.no_label, variant="primary", id="confirm-no")
        yield DeskFooter()

    def on_mount(self) -> None:
        # The safe answer has focus, so a stray Enter keeps the request.
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
