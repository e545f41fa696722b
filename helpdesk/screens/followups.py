"""Upcoming follow-up appointments with their 'what to bring' checklists.

Staff turn the screen towards the resident or print the checklist for them to take
home; see ``helpdesk.checklist`` for what the printed sheet holds.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from helpdesk.checklist import appointment_heading, write_checklist
from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.store import StoreError
from helpdesk.widgets.desk_footer import DeskFooter

if TYPE_CHECKING:
    from helpdesk.app import DeskApp


class FollowupsScreen(Screen):
    """A read-only list; Escape goes back to the desk."""

    BINDINGS = [
        Binding("escape,ctrl+f", "back", "Back", id="followups.back"),
        Binding("p", "print", "Print checklist", id="followups.print"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.appointments: list[DeskRequest] = []
        self.last_printed: Path | None = None  # shown to staff, and read by tests

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="followups-title")
        yield VerticalScroll(id="followups-list", can_focus=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.language_changed.subscribe(self, self.apply_language, immediate=True)
        self.load()
        self.query_one("#followups-list").focus()

    def load(self) -> None:
        store = self.desk.store
        self.appointments = []
        if store is not None:
            try:
                self.appointments = store.upcoming_followups(
                    datetime.now(), location=self.desk.settings.location or None
                )
            except StoreError as exc:
                self.notify(t("store_error", self.desk.lang, error=exc), severity="error")
        self.render_list()

    def render_list(self) -> None:
        lang = self.desk.lang
        self.query_one("#followups-title", Static).update(t("followups_title", lang))
        box = self.query_one("#followups-list", VerticalScroll)
        box.remove_children()
        if not self.appointments:
            box.mount(Static(t("no_followups", lang), classes="appointment"))
            return
        for req in self.appointments:
            text = Text()
            text.append(appointment_heading(req, lang), style="bold")
            text.append(f"\n{t('bring', lang)}:")
            items = (req.followup.bring if req.followup else ()) or (t("nothing_to_bring", lang),)
            for item in items:
                text.append(f"\n  ☐ {item}")
            box.mount(Static(text, classes="appointment"))

    def apply_language(self, lang: str) -> None:
        self.render_list()

    def action_back(self) -> None:
        self.dismiss()

    def action_print(self) -> None:
        lang = self.desk.lang
        try:
            path = write_checklist(self.appointments, lang, self.desk.print_dir, datetime.now())
        except OSError as exc:
            self.notify(t("print_failed", lang, error=exc.strerror or exc), severity="error")
            return
        self.last_printed = path
        self.notify(t("printed", lang, path=path), timeout=15)
