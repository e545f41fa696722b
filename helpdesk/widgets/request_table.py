"""Today's requests at this desk, newest first, as a keyboard-driven table.

The table only shows and selects; editing and deleting are asked for with messages so
the screen, which owns the database, does the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from helpdesk import clock
from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.taxonomy import taxonomy

COLUMNS = ("time", "organisations", "subjects", "help_type", "outcome", "minutes")


class RequestTable(DataTable):
    """One row per request; the row key is the request id."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="list.edit"),
        Binding("delete,d", "delete", "Delete", id="list.delete"),
    ]

    class EditRequested(Message):
        def __init__(self, request_id: str) -> None:
            self.request_id = request_id
            super().__init__()

    class DeleteRequested(Message):
        def __init__(self, request_id: str) -> None:
            self.request_id = request_id
            super().__init__()

    def __init__(self, lang: str = "nl", id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.lang = lang
        self._requests: list[DeskRequest] = []

    def on_mount(self) -> None:
        self._rebuild()

    def show(self, requests: Sequence[DeskRequest]) -> None:
        self._requests = list(requests)
        self._rebuild()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._rebuild()

    @property
    def selected_id(self) -> str | None:
        if not self._requests or self.cursor_row < 0:
            return None
        try:
            key = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key
        except CellDoesNotExist:
            return None
        return key.value

    def _rebuild(self) -> None:
        keep = self.selected_id
        self.clear(columns=True)
        for name in COLUMNS:
            self.add_column(t(f"col_{name}", self.lang), key=name)
        for req in self._requests:
            when = clock.to_local(req.created_at).strftime("%H:%M") if req.created_at else ""
            self.add_row(
                when,
                ", ".join(self._label("organisation", c) for c in req.organisations),
                ", ".join(self._label("subject", c) for c in req.subjects),
                self._label("help_type", req.help_type),
                self._label("outcome", req.outcome),
                "" if req.minutes is None else str(req.minutes),
                key=req.id,
            )
        if keep:
            with suppress(RowDoesNotExist):  # the row was deleted
                self.move_cursor(row=self.get_row_index(keep))

    def _label(self, kind: str, code: str) -> str:
        # A code from a newer taxonomy (merged databases) shows as itself, never crashes.
        tax = taxonomy()
        return tax.label(kind, code, self.lang) if tax.has(kind, code) else code

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter (or a click) on a row opens it for editing.
        event.stop()
        if event.row_key.value:
            self.post_message(self.EditRequested(event.row_key.value))

    def action_edit(self) -> None:
        if (rid := self.selected_id) is not None:
            self.post_message(self.EditRequested(rid))

    def action_delete(self) -> None:
        if (rid := self.selected_id) is not None:
            self.post_message(self.DeleteRequested(rid))
