"""Today's requests at this desk, newest first, as a keyboard-driven table.

The table only shows and selects; editing and deleting are asked for with messages so
the screen, which owns the database, does the work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from operator import attrgetter

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from helpdesk import clock
from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.taxonomy import taxonomy
from helpdesk.widgets.in_order_keys import InOrderKeys

COLUMNS = ("time", "organisations", "subjects", "help_type", "outcome", "minutes")


def _list_order(req: DeskRequest) -> tuple[str, str]:
    """Sort key of a row: the list shows it descending (newest first), as the database does."""
    return (req.created_at or "", req.id or "")


class _Time(str):
    """The local time shown in the first column; it sorts by creation stamp, then id."""

    order: tuple[str, str]

    def __new__(cls, shown: str, order: tuple[str, str]) -> _Time:
        cell = super().__new__(cls, shown)
        cell.order = order
        return cell


class RequestTable(InOrderKeys, DataTable):
    """One row per request; the row key is the request id."""

    TYPES_TEXT = False  # its letters are bindings: e edits, d deletes

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
        # The requests shown, by id; the table's own row order is newest first.
        self._requests: dict[str, DeskRequest] = {}
        self._labels: dict[tuple[str, str], str] = {}  # (kind, code) -> label in self.lang

    def on_mount(self) -> None:
        self._rebuild()

    def show(self, requests: Sequence[DeskRequest]) -> None:
        """Show exactly these requests (given newest first), rebuilding every row."""
        self._requests = {req.id: req for req in requests}
        self._rebuild()

    @property
    def versions(self) -> dict[str, str]:
        """Request id -> ``updated_at`` of every row shown (to find what changed since)."""
        return {rid: req.updated_at or "" for rid, req in self._requests.items()}

    def put(self, requests: Sequence[DeskRequest]) -> None:
        """Add new requests and refresh changed ones without touching the other rows.

        A save at the desk renders one new row, not a rebuild of the whole day's list: new
        rows are appended and the table's row index re-sorted (newest first, as the
        database lists them), and the cursor stays on the request it was on.
        """
        if not requests:
            return
        keep = self.selected_id
        added = False
        for req in requests:
            cells = self._cells(req)
            if req.id in self._requests:
                for name, value in zip(COLUMNS, cells, strict=True):
                    self.update_cell(req.id, name, value, update_width=True)
            else:
                self.add_row(*cells, key=req.id)
                added = True
            self._requests[req.id] = req
        if added:
            self.sort("time", key=attrgetter("order"), reverse=True)
            if keep:
                self.move_cursor(row=self.get_row_index(keep))

    def drop(self, request_ids: Iterable[str]) -> None:
        """Remove the rows of these requests (deleted, here or at another desk)."""
        keep = self.selected_id
        removed = False
        for rid in request_ids:
            if self._requests.pop(rid, None) is not None:
                self.remove_row(rid)
                removed = True
        if not removed:
            return
        # As after a rebuild: the cursor follows its request, or goes back to the top.
        row = self.get_row_index(keep) if keep in self._requests else 0
        self.move_cursor(row=row)

    def select(self, request_id: str | None) -> None:
        """Put the cursor on this request's row (the one just saved); no row: no move."""
        if request_id in self._requests:
            self.move_cursor(row=self.get_row_index(request_id))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._labels.clear()
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
        for req in sorted(self._requests.values(), key=_list_order, reverse=True):
            self.add_row(*self._cells(req), key=req.id)
        if keep:
            with suppress(RowDoesNotExist):  # the row was deleted
                self.move_cursor(row=self.get_row_index(keep))

    def _cells(self, req: DeskRequest) -> tuple[object, ...]:
        when = clock.to_local(req.created_at).strftime("%H:%M") if req.created_at else ""
        return (
            _Time(when, _list_order(req)),
            ", ".join(self._label("organisation", c) for c in req.organisations),
            ", ".join(self._label("subject", c) for c in req.subjects),
            self._label("help_type", req.help_type),
            self._label("outcome", req.outcome),
            "" if req.minutes is None else str(req.minutes),
        )

    def _label(self, kind: str, code: str) -> str:
        # A code from a newer taxonomy (merged databases) shows as itself, never crashes.
        found = self._labels.get((kind, code))
        if found is None:
            tax = taxonomy()
            found = tax.label(kind, code, self.lang) if tax.has(kind, code) else code
            self._labels[(kind, code)] = found
        return found

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
