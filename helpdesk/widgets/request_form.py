"""The form for one desk request: fields in the order staff fill them in.

The form renders the app's ``DeskState`` and hands what was typed back to it; it never
saves and holds no request of its own. ``show_state`` fills the boxes from the state (a
new request, a request to edit); ``commit`` writes what the boxes hold into the state,
which the desk screen asks for just before it builds the request to save. Validation
stays in ``helpdesk.records`` so the app refuses exactly what the CLI refuses; the form
puts each FieldError next to the widget it belongs to.

Guides are attached from the guide screen (F2, then 'a' in a guide), which changes the
state's guides directly; the form lists them with the step reached. Typing guide ids,
comma separated, still works for guides used without the app; Backspace in the empty
box detaches the last attached guide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from helpdesk import clock
from helpdesk.dates import echo
from helpdesk.desk_state import FIRST_VISIT, PICKED, DeskState, RequestFields
from helpdesk.i18n import t
from helpdesk.records import PROFILE_FIELDS, FieldError
from helpdesk.widgets.code_picker import Choice, CodePicker, taxonomy_choices
from helpdesk.widgets.in_order_keys import OrderedInput, OrderedTextArea
from helpdesk.widgets.picker_input import PickerInput

# Text boxes: widget id -> RequestFields field.
TEXT_BOXES = {
    "minutes": "minutes",
    "note": "note",
    "guides": "typed_guides",
    "followup-date": "followup_date",
    "followup-time": "followup_time",
}
# Every field an error can be shown next to, in form order.
FIELDS = tuple(name for name, _, _ in PICKED) + ("minutes", "note", "guides", "followup")


def first_visit_choices(lang: str) -> list[Choice]:
    return [Choice(code, t(code, lang)) for code in FIRST_VISIT]


class RequestForm(Widget):
    """All fields of a request, each with its label and a line for its error."""

    def __init__(
        self,
        state: DeskState,
        id: str | None = None,
        guide_title: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.state = state  # the app's: the request being edited and the language
        # guide id -> title in the interface language (the app's guide library)
        self.guide_title = guide_title or (lambda guide_id: guide_id)
        self._guide_lines: list[str] | None = None  # what the attached-guides box shows
        # Widgets looked up once: a save fills the whole form, and a CSS query per box
        # per save adds up (the form never recomposes, so the references stay valid).
        self._found: dict[str, Widget] = {}
        self._errors_shown: set[str] = set()  # fields whose error line shows
        self._echo_text: str | None = None  # what the follow-up echo line shows

    @property
    def lang(self) -> str:
        return self.state.lang

    def compose(self) -> ComposeResult:
        typed = self.state.fields
        for name, kind, multi in PICKED:
            source = first_visit_choices if name == "first_visit" else taxonomy_choices(kind)
            picker = CodePicker(
                source,
                multi=multi,
                lang=self.lang,
                value=getattr(typed, name),
                placeholder=t("picker_placeholder", self.lang),
                on_pick=self._show_referral if name == "outcome" else None,
                id=name,
            )
            yield from self._row(name, picker)
        yield from self._row(
            "minutes",
            OrderedInput(
                type="integer",
                id="minutes",
                placeholder=t("minutes_placeholder", self.lang),
                compact=True,
            ),
        )
        yield from self._row(
            "note",
            OrderedInput(id="note", placeholder=t("note_placeholder", self.lang), compact=True),
        )
        guides = Vertical(
            Static("", id="guides-attached"),
            PickerInput(id="guides", placeholder=t("guides_placeholder", self.lang), compact=True),
            classes="guides-box",
        )
        yield from self._row("guides", guides)
        when = Vertical(
            Horizontal(
                OrderedInput(
                    id="followup-date", placeholder=t("followup_date", self.lang), compact=True
                ),
                OrderedInput(
                    id="followup-time", placeholder=t("followup_time", self.lang), compact=True
                ),
                classes="followup-when",
            ),
            Static("", id="followup-echo"),  # what was understood: '= dinsdag 8 december ...'
            classes="followup-box",
        )
        yield from self._row("followup", when)
        with Horizontal(classes="field-row", id="row-bring"):
            yield Label(t("bring", self.lang), classes="field-label i18n", name="bring")
            yield OrderedTextArea(id="bring", soft_wrap=True, show_line_numbers=False, compact=True)

    def _row(self, name: str, widget: Widget) -> ComposeResult:
        with Vertical(classes="field", id=f"field-{name}"):
            with Horizontal(classes="field-row"):
                yield Label(t(name, self.lang), classes="field-label i18n", name=name)
                yield widget
            yield Static("", classes="field-error", id=f"error-{name}")

    def _one(self, selector: str) -> Widget:
        """The form's widget for ``selector`` (an ``#id``), looked up once."""
        found = self._found.get(selector)
        if found is None:
            found = self._found[selector] = self.query_one(selector)
        return found

    def on_mount(self) -> None:
        self._one("#field-referred_to").display = False
        for name in PROFILE_FIELDS:  # switched off at this location: not asked, not stored
            self._one(f"#field-{name}").display = self.state.profile_fields
        for error in self.query(".field-error").results(Static):  # none shows yet
            error.display = False
        # The help time starts at the first letter typed anywhere in the form: a watcher
        # runs at the key itself, also in the pickers' boxes (whose Changed messages stay
        # inside the picker). Boxes emptied or filled for a new request are not typing:
        # only text counts, and a request being edited has no timer.
        for box in self.query(Input):
            self.watch(box, "value", self._typed, init=False)

    def _typed(self, value: str) -> None:
        if value:
            self.state.note_activity()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text:
            self.state.note_activity()

    # ------------------------------------------------------------ state

    def picker(self, name: str) -> CodePicker:
        picker = self._one(f"#{name}")
        assert isinstance(picker, CodePicker)
        return picker

    def _input(self, input_id: str) -> Input:
        box = self._one(f"#{input_id}")
        assert isinstance(box, Input)
        return box

    def show_state(self) -> None:
        """Fill every box from the desk state: a new request, or a saved one to edit.

        Boxes that already hold the right value are left alone (see ``CodePicker.set_value``),
        and the changes are painted in one screen update.
        """
        typed = self.state.fields
        with self.app.batch_update():
            for name, _, _ in PICKED:
                self.picker(name).set_value(getattr(typed, name))
            for input_id, name in TEXT_BOXES.items():
                self._input(input_id).value = getattr(typed, name)
            bring = self._one("#bring")
            assert isinstance(bring, TextArea)
            if bring.text != typed.bring:  # replacing the text, even with itself, redoes the layout
                bring.text = typed.bring
            self._one("#field-referred_to").display = typed.outcome == ("referred",)
            self.render_guides()
            self.show_date_echo()
            self.clear_errors()

    def commit(self) -> None:
        """Hand what the boxes hold to the desk state (before the request is built).

        Read from the widgets at that moment rather than from their Changed messages,
        so a save typed right after the last key still sees every key.
        """
        picked = {name: self.picker(name).value for name, _, _ in PICKED}
        typed = {name: self._input(input_id).value for input_id, name in TEXT_BOXES.items()}
        bring = self._one("#bring")
        assert isinstance(bring, TextArea)
        bring = bring.text
        self.state.set_fields(RequestFields(**picked, **typed, bring=bring))

    # ------------------------------------------------------------ guides

    def render_guides(self) -> None:
        """One line per attached guide: its title and the step reached so far."""
        lines = []
        for use in self.state.guides.uses():
            title = self.guide_title(use.guide_id)
            if use.step_reached is None:
                lines.append(t("guide_attached_nostep", self.lang, title=title))
            else:
                lines.append(t("guide_attached", self.lang, title=title, step=use.step_reached))
        if lines == self._guide_lines:  # unchanged
            return
        found = self.query("#guides-attached").results(Static)
        box = next(iter(found), None)
        if box is None:  # not composed yet
            return
        self._guide_lines = lines
        box.update(Text("\n".join(lines)))
        box.display = bool(lines)

    def on_picker_input_remove_last(self, event: PickerInput.RemoveLast) -> None:
        """Backspace in the empty guides box detaches the last attached guide."""
        event.stop()
        if self.state.detach_last_guide():
            self.render_guides()

    def on_picker_input_move(self, event: PickerInput.Move) -> None:
        event.stop()

    # ------------------------------------------------------------ errors

    def clear_errors(self) -> None:
        # Only lines that show an error are touched (each update costs a screen layout),
        # and the form remembers which those are rather than querying for them.
        for name in self._errors_shown:
            line = self._one(f"#error-{name}")
            assert isinstance(line, Static)
            line.update("")
            line.display = False
            self._one(f"#field-{name}").remove_class("-invalid")
        self._errors_shown.clear()

    def show_errors(self, errors: Sequence[FieldError]) -> list[FieldError]:
        """Show each error next to its field; return those with no field in the form."""
        self.clear_errors()
        elsewhere = []
        for error in errors:
            name = "followup" if error.field == "followup_bring" else error.field
            if name not in FIELDS:
                elsewhere.append(error)
                continue
            if name == "referred_to":
                self._one("#field-referred_to").display = True
            line = self._one(f"#error-{name}")
            assert isinstance(line, Static)
            line.update(error.text(self.lang))
            line.display = True
            self._one(f"#field-{name}").add_class("-invalid")
            self._errors_shown.add(name)
        return elsewhere

    def focus_field(self, name: str) -> None:
        if name in {n for n, _, _ in PICKED}:
            self.picker(name).focus_input()
        elif name == "followup":
            self.query_one("#followup-date", Input).focus()
        elif name in FIELDS:
            self.query_one(f"#{name}", Input).focus()

    # ------------------------------------------------------------ language

    def set_language(self, lang: str) -> None:
        """Labels, placeholders, chips and guide titles in ``lang`` (the state's language)."""
        for label in self.query(".i18n").results(Label):
            label.update(t(label.name or "", lang))
        for name, _, _ in PICKED:
            self.picker(name).set_language(lang, t("picker_placeholder", lang))
        self.render_guides()
        placeholders = {
            "minutes": "minutes_placeholder",
            "note": "note_placeholder",
            "guides": "guides_placeholder",
            "followup-date": "followup_date",
            "followup-time": "followup_time",
        }
        for input_id, key in placeholders.items():
            self.query_one(f"#{input_id}", Input).placeholder = t(key, lang)
        self.show_date_echo()

    # ------------------------------------------------------------ reactions

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("followup-date", "followup-time"):
            self.show_date_echo()

    def show_date_echo(self) -> None:
        """Say the follow-up date back in words, or why it is not understood."""
        text = echo(
            self._input("followup-date").value,
            self._input("followup-time").value,
            clock.local_today(),
            self.lang,
        )
        if text == self._echo_text:  # each update costs a layout: only real changes
            return
        self._echo_text = text
        line = self._one("#followup-echo")
        assert isinstance(line, Static)
        line.update(Text(text))
        line.display = bool(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a plain box moves on, like Enter in a picker."""
        event.stop()
        self.screen.focus_next()

    def on_code_picker_changed(self, event: CodePicker.Changed) -> None:
        self.state.note_activity()  # a code picked (Enter or a click) starts the help time
        if event.picker.id == "outcome":  # also when a code was removed or clicked
            self._show_referral(event.picker, advanced=False)

    def _show_referral(self, outcome: CodePicker, advanced: bool) -> None:
        """Outcome 'referred' reveals the referral target, and Enter goes there next.

        Runs at once when the outcome is picked, so that the letters typed after Enter
        land in the referral target and not in the field after it.
        """
        referred = "referred" in outcome.value
        self._one("#field-referred_to").display = referred
        if referred and advanced:
            self.picker("referred_to").focus_input()
        if not referred:
            self.picker("referred_to").set_value(())
