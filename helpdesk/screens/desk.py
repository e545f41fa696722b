"""The desk screen: today's requests at this location and the form for the next one.

It is the only screen that writes requests. The request being logged is the app's
``DeskState``: this screen starts a new one or loads a saved one into it, and on save
builds the request from it and hands it to ``helpdesk.desk``, which validates it once
(the same rules as the CLI) and stores it. Database trouble becomes a notification; the
form keeps what was typed.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from helpdesk import clock
from helpdesk.desk import edit_request, log_request, request_versions_on_day, requests_on_day
from helpdesk.desk_state import DeskState
from helpdesk.frequent import CASE_KEYS, DEFAULT_CASES, FrequentCase, frequent_cases
from helpdesk.i18n import t
from helpdesk.records import DeskRequest, FieldError, ValidationError
from helpdesk.screens.confirm import ConfirmScreen
from helpdesk.store import StoreError
from helpdesk.widgets.desk_footer import DeskFooter
from helpdesk.widgets.frequent_cases import FrequentCasesBar
from helpdesk.widgets.request_form import RequestForm
from helpdesk.widgets.request_table import RequestTable
from helpdesk.widgets.timer import RequestTimer

if TYPE_CHECKING:
    from helpdesk.app import DeskApp

# More rows new, changed or gone than this since the list last looked (a merge, a purge,
# a busy colleague at the same location): reload the whole list rather than patch it.
FULL_RELOAD_AT = 200


class DeskScreen(Screen):
    """Log, edit and delete today's requests."""

    BINDINGS = [
        Binding("ctrl+n", "new_request", "New request", id="desk.new"),
        Binding("ctrl+s", "save", "Save", id="desk.save"),
        Binding("ctrl+r", "focus_list", "List", id="desk.list"),
        Binding("ctrl+f", "followups", "Follow-ups", id="desk.followups"),
        Binding("f2", "guides", "Guides", id="desk.guides"),
        # F5 to F9: the desk's most frequent cases, shown with their words above the form
        *(
            Binding(key, f"frequent_case({n})", "Frequent case", show=False, id=f"desk.case{n}")
            for n, key in enumerate(CASE_KEYS)
        ),
    ]
    CASES_EVERY = 600  # seconds between recounts of the frequent cases (idle time only)
    cases: tuple[FrequentCase, ...] = DEFAULT_CASES  # what F5 to F9 fill in, in key order

    def __init__(self) -> None:
        super().__init__()
        # The day and location today's list was loaded for; another one means a reload.
        self._listed: tuple[date, str] | None = None
        self._list_title = ""

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    @property
    def state(self) -> DeskState:
        """The request being logged, owned by the app."""
        return self.desk.desk_state

    def compose(self) -> ComposeResult:
        lang = self.desk.lang
        with Horizontal(id="desk-header"):
            yield Static(t("new_request", lang), id="form-title")
            yield RequestTimer(self.state, t("timer", lang), id="timer")
        with Horizontal(id="desk-body"):
            with VerticalScroll(id="form-pane", can_focus=False):
                yield FrequentCasesBar(id="frequent-cases")
                yield RequestForm(self.state, id="form", guide_title=self.desk.guide_title)
            with Vertical(id="list-pane"):
                yield Static("", id="list-title")
                yield RequestTable(lang, id="requests")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.language_changed.subscribe(self, self.apply_language, immediate=True)
        self.refresh_list()
        self.action_new_request()
        self.refresh_cases()
        self.set_interval(self.CASES_EVERY, self.refresh_cases)

    # ------------------------------------------------------------ helpers

    @property
    def form(self) -> RequestForm:
        return self.query_one(RequestForm)

    @property
    def table(self) -> RequestTable:
        return self.query_one(RequestTable)

    @property
    def timer(self) -> RequestTimer:
        return self.query_one(RequestTimer)

    def _store_failed(self, exc: StoreError) -> None:
        self.notify(t("store_error", self.desk.lang, error=exc), severity="error", timeout=10)

    def refresh_list(self, saved: DeskRequest | None = None) -> None:
        """Bring today's list up to date with the database.

        The list is loaded once; after that only requests that are new, changed or gone
        (here or at another desk at this location) are fetched and their rows patched
        instead of loading and rebuilding the whole day. ``saved`` is the request this
        desk just wrote, which need not be read back.
        """
        lang, settings, store = self.desk.lang, self.desk.settings, self.desk.store
        self._show_list_title(t("today", lang, location=settings.location or "-"))
        if store is None:
            return
        day, location = clock.local_today(), settings.location
        try:
            if self._listed != (day, location):
                self.table.show(requests_on_day(store, day, location))
                self._listed = (day, location)
                return
            current = request_versions_on_day(store, day, location)
            shown = self.table.versions
            gone = [rid for rid in shown if rid not in current]
            changed = [rid for rid, version in current.items() if shown.get(rid) != version]
            if len(gone) + len(changed) > FULL_RELOAD_AT:
                self.table.show(requests_on_day(store, day, location))
                return
            known = saved if saved and current.get(saved.id or "") == saved.updated_at else None
            fetch = [rid for rid in changed if known is None or rid != known.id]
            found = store.get_requests(fetch) if fetch else []
        except StoreError as exc:
            self._store_failed(exc)
            return
        self.table.drop(gone)
        self.table.put(found + ([known] if known and known.id in changed else []))

    def _show_list_title(self, title: str) -> None:
        if title != self._list_title:  # an update costs a layout of the whole screen
            self.query_one("#list-title", Static).update(title)
            self._list_title = title

    def apply_language(self, lang: str) -> None:
        self.query_one("#form-title", Static).update(
            t("editing" if self.state.editing else "new_request", lang)
        )
        self.timer.set_label(t("timer", lang))
        self._show_list_title(t("today", lang, location=self.desk.settings.location or "-"))
        self.table.set_language(lang)
        self.form.set_language(lang)
        self.query_one(FrequentCasesBar).show_cases(self.cases, lang)

    # ------------------------------------------------------------ actions

    def action_new_request(self) -> None:
        """An empty form, a running timer and the cursor in the organisation picker."""
        self.state.start_new()
        self.form.show_state()
        self.query_one("#form-title", Static).update(t("new_request", self.desk.lang))
        self.timer.show_time()
        self.form.picker("organisations").focus_input()

    def refresh_cases(self) -> None:
        """Recount this month's most frequent cases at this location (F5 to F9)."""
        store, location = self.desk.store, self.desk.settings.location
        try:
            found = frequent_cases(store, location) if store and location else None
        except (StoreError, sqlite3.Error):
            found = None  # busy or broken: the keys keep the cases they had
        if found:
            self.cases = tuple(found)
        self.query_one(FrequentCasesBar).show_cases(self.cases, self.desk.lang)

    def action_frequent_case(self, number: int) -> None:
        """Fill organisation, subject, help type and outcome with a frequent case."""
        if number >= len(self.cases):
            return
        self.form.commit()  # what was typed in the other boxes stays
        self.state.apply_case(self.cases[number])
        self.form.show_state()

    def action_guides(self) -> None:
        """The guide library; what happens there belongs to the request in the form."""
        self.desk.open_guides()

    def on_screen_suspend(self) -> None:
        # The state holds what the boxes hold while another screen shows: a chosen guide
        # fills organisation and subject there when they are empty.
        for form in self.query(RequestForm):  # none while the app shuts down
            form.commit()
        self._left_with = self.state.fields

    def on_screen_resume(self) -> None:
        # Back from a guide: show the step reached so far next to each attached guide,
        # and the fields the guide filled.
        for form in self.query(RequestForm):
            if self.state.fields != getattr(self, "_left_with", self.state.fields):
                form.show_state()
            form.render_guides()

    def action_focus_list(self) -> None:
        self.table.focus()

    def action_followups(self) -> None:
        from helpdesk.screens.followups import FollowupsScreen

        self.app.push_screen(FollowupsScreen())

    def action_save(self) -> None:
        """Desk state -> request -> ``helpdesk.desk`` (validated once, privacy included) -> store."""
        lang, settings, store = self.desk.lang, self.desk.settings, self.desk.store
        if store is None:
            self.notify(t("no_store", lang), severity="error")
            return
        self.form.commit()
        editing = self.state.editing is not None
        req, problems = self.state.build_request(settings.location, settings.staff)
        save = edit_request if editing else log_request
        try:
            saved = save(store, req, settings, problems=problems)
        except ValidationError as exc:
            self._refuse(exc.errors)
            return
        except StoreError as exc:
            self._store_failed(exc)
            return
        self.notify(t("updated" if editing else "saved", lang))
        self.refresh_list(saved)
        self.action_new_request()

    def _refuse(self, errors: list[FieldError]) -> None:
        """Show the errors beside their fields, keep the input, focus the first one."""
        lang = self.desk.lang
        elsewhere = self.form.show_errors(errors)
        for error in elsewhere:
            self.notify(error.text(lang), severity="error", timeout=10)
        self.notify(t("not_saved", lang), severity="warning")
        shown = [e for e in errors if e not in elsewhere]
        if shown:
            self.form.focus_field(
                "followup" if shown[0].field == "followup_bring" else shown[0].field
            )

    # ------------------------------------------------------------ list messages

    def on_request_table_edit_requested(self, event: RequestTable.EditRequested) -> None:
        store = self.desk.store
        if store is None:
            return
        try:
            req = store.get_request(event.request_id)
        except StoreError as exc:
            self._store_failed(exc)
            self.refresh_list()
            return
        self.state.edit(req)
        self.form.show_state()
        self.timer.show_time()
        self.query_one("#form-title", Static).update(t("editing", self.desk.lang))
        self.form.picker("organisations").focus_input()

    def on_request_table_delete_requested(self, event: RequestTable.DeleteRequested) -> None:
        request_id = event.request_id

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(request_id)
            else:
                self.table.focus()

        self.app.push_screen(
            ConfirmScreen(t("confirm_delete", self.desk.lang), self.desk.lang), answered
        )

    def _delete(self, request_id: str) -> None:
        store = self.desk.store
        if store is None:
            return
        try:
            store.delete_request(request_id)
        except StoreError as exc:
            self._store_failed(exc)
        else:
            self.notify(t("deleted", self.desk.lang))
        editing = self.state.editing
        if editing is not None and editing.id == request_id:
            self.action_new_request()
        self.refresh_list()
        self.table.focus()
