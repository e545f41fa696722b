"""The desk screen: today's requests at this location and the form for the next one.

It is the only screen that writes requests. The request being logged is the app's
``DeskState``: this screen starts a new one or loads a saved one into it, and on save
builds the request from it and hands it to ``helpdesk.desk``, which validates it once
(the same rules as the CLI) and stores it. Database trouble becomes a notification; the
form keeps what was typed.

Several desks share one database file. Once a second the screen asks SQLite whether
another connection wrote (``PRAGMA data_version``, no table read) and then patches
today's list and recounts open statistics. An edit carries the version it started from:
a request another desk changed meanwhile is not overwritten (the desk asks which
version stays), one deleted meanwhile is said so and the form starts anew. A save that
finds another program holding the write lock waits in a queue, retried in the
background with "busy" in the title, so the screen never freezes.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from helpdesk import clock
from helpdesk.desk import (
    check_request,
    edit_request,
    log_request,
    request_versions_on_day,
    requests_on_day,
)
from helpdesk.desk_state import DeskState, GuideSession, RequestFields
from helpdesk.frequent import CASE_KEYS, DEFAULT_CASES, FrequentCase, frequent_cases
from helpdesk.i18n import t
from helpdesk.records import DeskRequest, FieldError, ValidationError
from helpdesk.request_label import label_request
from helpdesk.screens.confirm import ConfirmScreen
from helpdesk.stats.counting import summaries_stale
from helpdesk.store import BusyError, ConflictError, NotFoundError, Store, StoreError
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
# How often the desk asks SQLite whether another desk or process wrote (data_version).
POLL_EVERY_S = 1.0
# A save waits this long for another writer's lock before the desk says "busy" and
# retries in the background: a colleague's ordinary save takes milliseconds.
SAVE_WAIT_S = 0.3
RETRY_EVERY_S = 0.2  # then it tries again this often,
RETRY_WAIT_S = 0.02  # each time waiting this long (the screen stays responsive),
GIVE_UP_AFTER_S = 120.0  # and gives up (saying so) after this long.
UNDO_SECONDS = 30  # a delete can be undone with ctrl+z for this long


@dataclass
class _Save:
    """A validated request on its way to the store, with what the form held for it."""

    req: DeskRequest
    editing: DeskRequest | None  # the version the edit started from; None: a new request
    fields: RequestFields
    guides: GuideSession
    started: float  # time.monotonic() at ctrl+s
    deferred: bool = False  # waited for the lock: the form moved on to a new request


class DeskScreen(Screen):
    """Log, edit and delete today's requests."""

    BINDINGS = [
        Binding("ctrl+n", "new_request", "New request", id="desk.new"),
        Binding("ctrl+s", "save", "Save", id="desk.save"),
        Binding("ctrl+r", "focus_list", "List", id="desk.list"),
        Binding("ctrl+f", "followups", "Follow-ups", id="desk.followups"),
        Binding("f2", "guides", "Guides", id="desk.guides"),
        Binding("f4", "resident_arrived", "Resident arrived", id="desk.arrived"),
        Binding("ctrl+o", "pause_timer", "Pause", id="desk.pause"),
        # Not in the footer (room at 80x24): the toast after a save with a follow-up says it.
        Binding("ctrl+y", "print_slip", "Print slip", id="desk.print_slip", show=False),
        Binding("escape", "cancel_edit", "Cancel", id="desk.cancel"),
        Binding("ctrl+z", "undo_delete", "Undo", show=False, id="desk.undo"),
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
        # The last request saved with a follow-up appointment: ctrl+y prints its slip.
        self.slip_request: DeskRequest | None = None
        self._data_version: int | None = None  # SQLite's data_version when last looked
        self._pending: list[_Save] = []  # saves waiting for another writer's lock, in order
        self._undo: tuple[DeskRequest, float] | None = None  # deleted request, undo deadline
        self._warned: tuple[str | None, str] | None = None  # edit changed elsewhere, told once

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
            yield RequestTimer(self.state, t("timer", lang), id="timer", key_hint=self._timer_key)
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
        self._data_version = self._read_data_version()
        self.set_interval(POLL_EVERY_S, self.poll_changes)
        self.refresh_cases()
        self.set_interval(self.CASES_EVERY, self.refresh_cases)

    def on_unmount(self) -> None:
        self.flush_pending()

    def flush_pending(self) -> None:
        """Quitting with saves still waiting for the lock: write them now, waiting as long
        as any write would, rather than lose a resident's request."""
        store = self.desk.store
        while self._pending and store is not None:
            item = self._pending.pop(0)
            try:
                self._store_save(store, item)
            except (StoreError, ValidationError, sqlite3.Error):
                continue

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

    def _timer_key(self, phase: str) -> str:
        """The key that sets a waiting or paused timer going, as the footer shows it."""
        action = "resident_arrived" if phase == "waiting" else "pause_timer"
        for _, binding, _, _ in self.active_bindings.values():
            if binding.action == action:
                return self.app.get_key_display(binding)
        return ""

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
        listed_before = set(self.table.versions)
        try:
            self._update_list(store, day, location, saved)
        except StoreError as exc:
            self._store_failed(exc)
            return
        editing = self.state.editing
        if (
            editing is not None
            and editing.id in listed_before
            and editing.id not in self.table.versions
        ):
            self._deleted_elsewhere(refresh=False)
            return
        stored_version = self.table.versions.get(editing.id or "") if editing else None
        if (
            editing is not None
            and stored_version is not None
            and stored_version != editing.updated_at
            and (saved is None or saved.id != editing.id)
            and self._warned != (editing.id, stored_version)
        ):
            # Say it now rather than only at ctrl+s; the save then asks which version stays.
            self._warned = (editing.id, stored_version)
            self.notify(t("right_request.changed_elsewhere", lang), severity="warning", timeout=15)

    def _update_list(
        self, store: Store, day: date, location: str, saved: DeskRequest | None
    ) -> None:
        """Show the day's list, patched where possible (see ``refresh_list``)."""
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
        self.table.drop(gone)
        self.table.put(found + ([known] if known and known.id in changed else []))

    def _show_list_title(self, title: str) -> None:
        if title != self._list_title:  # an update costs a layout of the whole screen
            self.query_one("#list-title", Static).update(title)
            self._list_title = title

    def apply_language(self, lang: str) -> None:
        self.show_title()
        self.timer.set_label(t("timer", lang))
        self._show_list_title(t("today", lang, location=self.desk.settings.location or "-"))
        self.table.set_language(lang)
        self.form.set_language(lang)
        self.query_one(FrequentCasesBar).show_cases(self.cases, lang)

    def show_title(self) -> None:
        """The form's title: new request, or which request is being edited; "busy" while a
        save waits for another program's write lock."""
        lang, editing = self.desk.lang, self.state.editing
        if self._pending:
            title = t("right_request.busy", lang)
        elif editing is not None:
            label = label_request(editing, lang)
            title = t("right_request.edit_title", lang, time=label.time, what=label.what)
        else:
            title = t("new_request", lang)
        self.query_one("#form-title", Static).update(title)

    # ------------------------------------------------------------ other desks

    def _read_data_version(self) -> int | None:
        store = self.desk.store
        if store is None:
            return None
        try:
            return store.data_version()
        except (StoreError, sqlite3.Error):
            return None

    def poll_changes(self) -> None:
        """Every second: has another desk or process written? Then refresh what is shown.

        ``PRAGMA data_version`` reads no table, so asking costs next to nothing; only a
        change costs a (patched) refresh of today's list and of open statistics.
        """
        version = self._read_data_version()
        if version is None or version == self._data_version:
            return
        self._data_version = version
        self.refresh_list()
        from helpdesk.screens.stats import StatsScreen

        open_stats = [s for s in self.app.screen_stack if isinstance(s, StatsScreen)]
        store = self.desk.store
        try:
            stale = bool(open_stats) and store is not None and summaries_stale(store)
        except sqlite3.Error:
            return
        for screen in open_stats if stale else []:
            screen.recompute()

    def _deleted_elsewhere(self, refresh: bool = True) -> None:
        """The request in the form is gone (another desk deleted it): say so, start anew."""
        self.notify(
            t("right_request.deleted_elsewhere", self.desk.lang), severity="warning", timeout=15
        )
        self.action_new_request()
        if refresh:
            self.refresh_list()

    # ------------------------------------------------------------ actions

    def action_new_request(self) -> None:
        """An empty form, a timer waiting for the resident, the cursor in the organisation picker."""
        self.state.start_new()
        self.form.show_state()
        self.show_title()
        self.timer.show_time()
        self.form.picker("organisations").focus_input()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":  # Escape cancels an edit; with a new request it does nothing
            return self.state.editing is not None
        return True

    def action_cancel_edit(self) -> None:
        """Escape while editing: drop the changes, nothing saved, back to a new request."""
        if self.state.editing is None:
            return
        self.action_new_request()
        self.notify(t("right_request.edit_cancelled", self.desk.lang))

    def has_unsaved_input(self) -> bool:
        """Does the form hold anything a quit would lose? An untouched form does not."""
        self.form.commit()
        editing = self.state.editing
        if editing is None:
            return self.state.fields != RequestFields() or bool(self.state.guides.attached)
        return (
            self.state.fields != RequestFields.from_request(editing)
            or self.state.guides.uses() != editing.guides
        )

    def action_resident_arrived(self) -> None:
        """The resident is at the desk: the help time starts, or goes on after a pause."""
        if not self.state.resident_arrived():
            phase = self.state.timer_phase
            self.notify(
                t("help_time.no_timer" if phase == "off" else "help_time.running", self.desk.lang)
            )
        self.timer.show_time()

    def action_pause_timer(self) -> None:
        """Pause the help time (the resident stepped away), or go on after a pause."""
        if not self.state.toggle_pause():
            phase = self.state.timer_phase
            self.notify(
                t(
                    "help_time.no_timer" if phase == "off" else "help_time.not_running",
                    self.desk.lang,
                )
            )
        self.timer.show_time()

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

    def action_print_slip(self) -> None:
        """The slip of the request just saved with a follow-up (the resident is still here)."""
        from helpdesk.screens.followups import print_slip

        if self.slip_request is None:
            self.notify(t("printing.no_followup", self.desk.lang), severity="warning")
            return
        print_slip(self.desk, self.slip_request)

    # ------------------------------------------------------------ saving

    def action_save(self) -> None:
        """Desk state -> request -> ``helpdesk.desk`` (validated once, privacy included) -> store.

        When another program holds the write lock longer than ``SAVE_WAIT_S`` (a bulk
        import, a merge), the request waits in a queue and is retried in the background:
        the title says "busy", the form is free for the next resident, and the request
        comes back into the form if it cannot be saved after all.
        """
        store = self.desk.store
        if store is None:
            self.notify(t("no_store", self.desk.lang), severity="error")
            return
        self.form.commit()
        settings = self.desk.settings
        req, problems = self.state.build_request(settings.location, settings.staff)
        item = _Save(
            req, self.state.editing, self.state.fields, self.state.guides, time.monotonic()
        )
        if self._pending:  # an earlier save still waits: this one goes after it
            try:
                check_request(req, settings, problems=problems)
            except ValidationError as exc:
                self._refuse(exc.errors)
                return
            self._defer(item)
            return
        try:
            with store.lock_wait(SAVE_WAIT_S):
                saved = self._store_save(store, item, problems)
        except ValidationError as exc:
            self._refuse(exc.errors)
            return
        except BusyError:
            self._defer(item)
            return
        except StoreError as exc:
            self._save_failed(item, exc)
            return
        self._saved(item, saved)

    def _store_save(
        self, store: Store, item: _Save, problems: list[FieldError] | None = None
    ) -> DeskRequest:
        settings = self.desk.settings
        if item.editing is None:
            return log_request(store, item.req, settings, problems=problems or ())
        return edit_request(
            store,
            item.req,
            settings,
            problems=problems or (),
            expected_updated_at=item.editing.updated_at,
        )

    def _saved(self, item: _Save, saved: DeskRequest) -> None:
        """Saved: say so, show it in today's list with the cursor on it, and (unless the
        form already moved on) start the next request."""
        self.slip_request = saved if saved.followup is not None else None
        key = "printing.after_save" if self.slip_request else "updated" if item.editing else "saved"
        self.notify(t(key, self.desk.lang))
        if not item.deferred:
            self.action_new_request()
        # The list follows one frame later: the cleared form, ready for the next
        # resident, is painted first (repainting the whole list takes as long again).
        self.call_after_refresh(self._list_saved, saved)

    def _list_saved(self, saved: DeskRequest) -> None:
        self.refresh_list(saved)
        self.table.select(saved.id)

    def _defer(self, item: _Save) -> None:
        """Queue the request until the lock is free; the form is free for the next one."""
        item.deferred = True
        self._pending.append(item)
        if len(self._pending) == 1:
            self.set_timer(RETRY_EVERY_S, self._retry_pending)
        self.action_new_request()  # shows "busy" in the title while anything waits

    def _retry_pending(self) -> None:
        store = self.desk.store
        while self._pending and store is not None:
            item = self._pending[0]
            try:
                with store.lock_wait(RETRY_WAIT_S):
                    saved = self._store_save(store, item)
            except BusyError as exc:
                if time.monotonic() - item.started < GIVE_UP_AFTER_S:
                    self.set_timer(RETRY_EVERY_S, self._retry_pending)
                    return
                self._pending.pop(0)
                self._save_failed(item, exc)
                continue
            except (StoreError, ValidationError) as exc:
                self._pending.pop(0)
                self._save_failed(item, exc)
                continue
            self._pending.pop(0)
            self._saved(item, saved)
        self.show_title()

    def _save_failed(self, item: _Save, exc: StoreError | ValidationError) -> None:
        """A save the store refused: the request goes back into the form if it can."""
        lang = self.desk.lang
        if item.deferred:
            if self.has_unsaved_input():  # staff are typing the next request: keep it
                self.notify(
                    t("right_request.earlier_not_saved", lang, error=self._why(exc)),
                    severity="error",
                    timeout=30,
                )
                return
            self._put_back(item)
        if isinstance(exc, ValidationError):
            self._refuse(exc.errors)
        elif isinstance(exc, NotFoundError):
            self._deleted_elsewhere()
        elif isinstance(exc, ConflictError):
            self._conflict(exc.current)
        elif isinstance(exc, BusyError):
            self.notify(t("right_request.busy_failed", lang), severity="error", timeout=15)
        else:
            self._store_failed(exc)

    def _why(self, exc: StoreError | ValidationError) -> str:
        """Why a save failed, in the desk's language, for a request no longer in the form."""
        lang = self.desk.lang
        if isinstance(exc, ValidationError):
            return "; ".join(e.text(lang) for e in exc.errors)
        if isinstance(exc, NotFoundError):
            return t("right_request.deleted_elsewhere", lang)
        if isinstance(exc, ConflictError):
            return t("right_request.conflict_question", lang).splitlines()[0]
        if isinstance(exc, BusyError):
            return t("right_request.busy_failed", lang)
        return t("store_error", lang, error=exc)

    def _put_back(self, item: _Save) -> None:
        """The form shows the request of ``item`` again, as it was at ctrl+s."""
        if item.editing is None:
            self.state.start_new()
        else:
            self.state.edit(item.editing)
        self.state.set_fields(item.fields)
        self.state.guides = item.guides
        self.form.show_state()
        self.show_title()
        self.timer.show_time()
        self.refresh_bindings()

    def _conflict(self, current: DeskRequest) -> None:
        """Another desk saved this request since the edit began: nothing was written.

        Ask whether to load that version (yes) or keep this one, which the next ctrl+s
        then saves over it on purpose (no); never overwrite without asking.
        """
        lang = self.desk.lang
        fields, guides = self.state.fields, self.state.guides

        def answered(reload: bool | None) -> None:
            if reload:
                self.state.edit(current)
                self.form.show_state()
                self.notify(t("right_request.reloaded", lang))
            else:
                self.state.edit(current)  # the version the next save is based on
                self.state.set_fields(fields)
                self.state.guides = guides
                self.notify(t("right_request.kept", lang))
            self.show_title()
            self.timer.show_time()
            self.refresh_bindings()
            self.form.picker("organisations").focus_input()

        question = ConfirmScreen(
            t("right_request.conflict_question", lang),
            lang,
            yes=t("right_request.conflict_yes", lang),
            no=t("right_request.conflict_no", lang),
        )
        self.app.push_screen(question, answered)

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
        except NotFoundError:
            self._deleted_elsewhere()
            return
        except StoreError as exc:
            self._store_failed(exc)
            self.refresh_list()
            return
        self.state.edit(req)
        self.form.show_state()
        self.timer.show_time()
        self.show_title()
        self.refresh_bindings()
        self.form.picker("organisations").focus_input()

    def on_request_table_delete_requested(self, event: RequestTable.DeleteRequested) -> None:
        store, lang = self.desk.store, self.desk.lang
        if store is None:
            return
        try:
            req = store.get_request(event.request_id)
        except StoreError:  # gone meanwhile: the list catches up
            self.refresh_list()
            return
        label = label_request(req, lang)

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(req)
            else:
                self.table.focus()

        question = t("right_request.confirm_delete", lang, time=label.time, what=label.what)
        self.app.push_screen(ConfirmScreen(question, lang), answered)

    def _delete(self, req: DeskRequest) -> None:
        store, lang = self.desk.store, self.desk.lang
        if store is None or req.id is None:
            return
        try:
            store.delete_request(req.id)
        except StoreError as exc:
            self._store_failed(exc)
        else:
            self._undo = (req, time.monotonic() + UNDO_SECONDS)
            label = label_request(req, lang)
            text = t("right_request.deleted_undo", lang, time=label.time, seconds=UNDO_SECONDS)
            self.notify(text, timeout=UNDO_SECONDS)
        editing = self.state.editing
        if editing is not None and editing.id == req.id:
            self.action_new_request()
        self.refresh_list()
        self.table.focus()

    def action_undo_delete(self) -> None:
        """ctrl+z within ``UNDO_SECONDS`` of a delete: the request comes back as it was."""
        store, lang = self.desk.store, self.desk.lang
        undo, self._undo = self._undo, None
        if store is None or undo is None or time.monotonic() > undo[1]:
            self.notify(t("right_request.nothing_to_undo", lang))
            return
        try:
            restored = store.restore_request(undo[0])
        except StoreError as exc:
            self._store_failed(exc)
            return
        label = label_request(restored, lang)
        self.notify(t("right_request.restored", lang, time=label.time))
        self.refresh_list(restored)
        self.table.select(restored.id)
