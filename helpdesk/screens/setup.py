"""First run: ask this desk's location code, staff code and kind of location, once.

Codes, not names: the database is merged across locations and must not identify staff
by name. The answers go to the settings file through ``update_settings``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from helpdesk.i18n import t
from helpdesk.records import CODE_PATTERN, code_error
from helpdesk.settings import (
    LOCATION_KINDS,
    Settings,
    SettingsError,
    save_settings,
    update_settings,
)
from helpdesk.widgets.code_picker import Choice, CodePicker
from helpdesk.widgets.desk_footer import DeskFooter

if TYPE_CHECKING:
    from helpdesk.app import DeskApp


class SetupScreen(Screen[Settings | None]):
    """Dismisses with the saved settings, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="setup.save"),
        Binding("escape", "cancel", "Cancel", id="setup.cancel"),
    ]

    def __init__(self, settings: Settings, settings_path: Path | None, lang: str) -> None:
        super().__init__()
        self.settings = settings
        self.settings_path = settings_path
        self.lang = lang

    def _kinds(self, lang: str) -> list[Choice]:
        return [Choice(kind, t(kind, lang)) for kind in LOCATION_KINDS]

    def compose(self) -> ComposeResult:
        with Vertical(id="setup-box"):
            yield Static(
                t("setup_title", self.lang), id="setup-title", classes="i18n", name="setup_title"
            )
            yield Static(
                t("setup_help", self.lang), id="setup-help", classes="i18n", name="setup_help"
            )
            for name, value in (
                ("location", self.settings.location),
                ("staff", self.settings.staff),
            ):
                with Vertical(classes="field", id=f"field-{name}"):
                    with Horizontal(classes="field-row"):
                        yield Label(t(name, self.lang), classes="field-label i18n", name=name)
                        yield Input(value, id=name, max_length=32)
                    yield Static("", classes="field-error", id=f"error-{name}")
            with Horizontal(classes="field-row", id="field-location_kind"):
                yield Label(
                    t("location_kind", self.lang), classes="field-label i18n", name="location_kind"
                )
                yield CodePicker(
                    self._kinds,
                    lang=self.lang,
                    value=(self.settings.location_kind,),
                    placeholder=t("picker_placeholder", self.lang),
                    id="location_kind",
                )
        yield DeskFooter()

    def on_mount(self) -> None:
        app = cast("DeskApp", self.app)
        app.language_changed.subscribe(self, self.apply_language, immediate=True)
        for error in self.query(".field-error").results(Static):
            error.display = False
        self.query_one("#location", Input).focus()

    def apply_language(self, lang: str) -> None:
        self.lang = lang
        for widget in self.query(".i18n").results(Static):
            widget.update(t(widget.name or "", lang))
        self.query_one("#location_kind", CodePicker).set_language(
            lang, t("picker_placeholder", lang)
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on; Enter in the last box saves.
        event.stop()
        self.focus_next()

    def on_code_picker_changed(self, event: CodePicker.Changed) -> None:
        if event.advanced:
            self.action_save()

    def action_save(self) -> None:
        values = {
            name: self.query_one(f"#{name}", Input).value.strip() for name in ("location", "staff")
        }
        ok = True
        for name, value in values.items():
            error = self.query_one(f"#error-{name}", Static)
            problem = code_error(name, value)  # also refuses a BSN, phone number or IBAN
            bad = problem is not None
            shown = t("err_code", self.lang) if CODE_PATTERN.match(value) is None else ""
            error.update((shown or problem.text(self.lang)) if problem else "")
            error.display = bad
            if bad and ok:
                self.query_one(f"#{name}", Input).focus()
            ok = ok and not bad
        if not ok:
            return
        kind = (self.query_one("#location_kind", CodePicker).value or ("library",))[0]
        changes = {"location_kind": kind, **values}
        try:
            try:
                saved = update_settings(self.settings_path, **changes)
            except SettingsError:
                # An unreadable settings file must not lock staff out: replace it.
                saved = replace(self.settings, **changes)
                save_settings(saved, self.settings_path)
        except (OSError, SettingsError) as exc:
            self.notify(t("settings_error", self.lang, error=exc), severity="error")
            return
        self.dismiss(saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Cancelling is only possible once the desk has codes (re-opened from the palette).
        if action == "cancel":
            return bool(self.settings.location and self.settings.staff)
        return True

    def action_cancel(self) -> None:
        if self.settings.location and self.settings.staff:
            self.dismiss(None)
