"""Upcoming follow-up appointments with their 'what to bring' lists.

Staff turn the screen towards the resident or print the slip of the highlighted
appointment for them to take home: one resident's appointment on one slip, never the
list (see ``helpdesk.checklist`` for what the slip holds).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.checklist import appointment_heading, write_slip
from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.store import StoreError
from helpdesk.widgets.desk_footer import DeskFooter

if TYPE_CHECKING:
    from helpdesk.app import DeskApp


def print_slip(desk: DeskApp, req: DeskRequest) -> Path | None:
    """Write the slip of ``req`` and send it to paper; the path, or None when not written.

    Shared by this screen and the desk (right after saving a request with a follow-up).
    """
    lang = desk.lang
    what = t("printing.slip", lang)
    if req.followup is None:
        desk.notify(t("printing.no_followup", lang), severity="warning")
        return None
    try:
        path = write_slip(req, desk.settings, lang, desk.print_dir)
    except OSError as exc:
        error = exc.strerror or exc
        desk.notify(t("printing.failed", lang, what=what, error=error), severity="error")
        return None
    desk.print_page(path, "slip")
    return path


class FollowupsScreen(Screen):
    """The list of appointments; p prints the highlighted one's slip, Escape goes back."""

    BINDINGS = [
        Binding("escape,ctrl+f", "back", "Back", id="followups.back"),
        Binding("p", "print", "Print slip", id="followups.print"),
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
        yield OptionList(id="followups-list")
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
        box = self.query_one("#followups-list", OptionList)
        highlighted = box.highlighted
        box.clear_options()
        if not self.appointments:
            box.add_option(Option(t("no_followups", lang), disabled=True))
            return
        for req in self.appointments:
            text = Text()
            text.append(appointment_heading(req, lang), style="bold")
            text.append(f"\n{t('bring', lang)}:")
            items = (req.followup.bring if req.followup else ()) or (t("nothing_to_bring", lang),)
            for item in items:
                text.append(f"\n  ☐ {item}")
            text.append("\n")
            box.add_option(Option(text, id=req.id))
        box.highlighted = highlighted if highlighted is not None else 0

    @property
    def selected(self) -> DeskRequest | None:
        """The highlighted appointment's request."""
        index = self.query_one("#followups-list", OptionList).highlighted
        if index is None or not self.appointments or index >= len(self.appointments):
            return None
        return self.appointments[index]

    def apply_language(self, lang: str) -> None:
        self.render_list()

    def action_back(self) -> None:
        self.dismiss()

    def action_print(self) -> None:
        req = self.selected
        if req is None:
            self.notify(t("no_followups", self.desk.lang), severity="warning")
            return
        self.last_printed = print_slip(self.desk, req)
