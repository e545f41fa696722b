"""The form for one desk request: fields in the order staff fill them in.

The form turns widget state into a DeskRequest and puts FieldErrors next to the
widgets they belong to; it never saves. Validation itself stays in
``helpdesk.records`` so the app refuses exactly what the CLI refuses.

Guides are attached from the guide screen (F2, then 'a' in a guide); the form lists
them with the step reached, worked out at save time from the request's GuideSession.
Typing guide ids, comma separated, still works for guides used without the app;
Backspace in the empty box detaches the last attached guide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from helpdesk.i18n import t
from helpdesk.records import GUIDE_ID_PATTERN, DeskRequest, FieldError, FollowUp, GuideUse
from helpdesk.screens.guide_session import GuideSession
from helpdesk.widgets.code_picker import Choice, CodePicker, taxonomy_choices
from helpdesk.widgets.picker_input import PickerInput

# Picker fields: (field name, taxonomy kind, multi-select).
PICKERS: tuple[tuple[str, str, bool], ...] = (
    ("organisations", "organisation", True),
    ("subjects", "subject", True),
    ("help_type", "help_type", False),
    ("outcome", "outcome", False),
    ("referred_to", "referral_target", False),
    ("channel", "channel", False),
    ("visitor_type", "visitor_type", False),
    ("age_band", "age_band", False),
    ("first_visit", "", False),
    ("barriers", "barrier", True),
)
DEFAULTS = {"channel": ("walk-in",), "visitor_type": ("resident",)}
FIRST_VISIT = {"yes": True, "no": False, "unknown": None}
# Every field an error can be shown next to, in form order.
FIELDS = tuple(name for name, _, _ in PICKERS) + ("minutes", "note", "guides", "followup")


def first_visit_choices(lang: str) -> list[Choice]:
    return [(code, t(code, lang)) for code in FIRST_VISIT]


class RequestForm(Widget):
    """All fields of a request, each with its label and a line for its error."""

    def __init__(
        self,
        lang: str = "nl",
        id: str | None = None,
        guide_title: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.lang = lang
        # guide id -> title in the interface language (the app's guide library)
        self.guide_title = guide_title or (lambda guide_id: guide_id)
        self.guides = GuideSession()  # replaced on reset, so a new request starts clean
        self._guide_lines: list[str] | None = None  # what the attached-guides box shows

    def compose(self) -> ComposeResult:
        for name, kind, multi in PICKERS:
            source = first_visit_choices if name == "first_visit" else taxonomy_choices(kind)
            picker = CodePicker(
                source,
                multi=multi,
                lang=self.lang,
                value=DEFAULTS.get(name, ()),
                placeholder=t("picker_placeholder", self.lang),
                id=name,
            )
            yield from self._row(name, picker)
        yield from self._row(
            "minutes",
            Input(
                type="integer",
                id="minutes",
                placeholder=t("minutes_placeholder", self.lang),
                compact=True,
            ),
        )
        yield from self._row(
            "note", Input(id="note", placeholder=t("note_placeholder", self.lang), compact=True)
        )
        guides = Vertical(
            Static("", id="guides-attached"),
            PickerInput(id="guides", placeholder=t("guides_placeholder", self.lang), compact=True),
            classes="guides-box",
        )
        yield from self._row("guides", guides)
        when = Horizontal(
            Input(id="followup-date", placeholder=t("followup_date", self.lang), compact=True),
            Input(id="followup-time", placeholder=t("followup_time", self.lang), compact=True),
            classes="followup-when",
        )
        yield from self._row("followup", when)
        with Horizontal(classes="field-row", id="row-bring"):
            yield Label(t("bring", self.lang), classes="field-label i18n", name="bring")
            yield TextArea(id="bring", soft_wrap=True, show_line_numbers=False, compact=True)

    def _row(self, name: str, widget: Widget) -> ComposeResult:
        with Vertical(classes="field", id=f"field-{name}"):
            with Horizontal(classes="field-row"):
                yield Label(t(name, self.lang), classes="field-label i18n", name=name)
                yield widget
            yield Static("", classes="field-error", id=f"error-{name}")

    def on_mount(self) -> None:
        self.query_one("#field-referred_to").display = False
        self.clear_errors()

    # ------------------------------------------------------------ state

    def picker(self, name: str) -> CodePicker:
        return self.query_one(f"#{name}", CodePicker)

    def reset(self) -> None:
        """An empty request with the usual defaults (walk-in, resident)."""
        for name, _, _ in PICKERS:
            self.picker(name).set_value(DEFAULTS.get(name, ()))
        for input_id in ("minutes", "note", "guides", "followup-date", "followup-time"):
            self.query_one(f"#{input_id}", Input).value = ""
        bring = self.query_one("#bring", TextArea)
        if bring.text:  # replacing the text, even with itself, redoes the layout
            bring.text = ""
        self.query_one("#field-referred_to").display = False
        self.guides = GuideSession()
        self.render_guides()
        self.clear_errors()

    def load(self, req: DeskRequest) -> None:
        """Put a saved request into the fields for editing."""
        self.reset()
        values: dict[str, Sequence[str]] = {
            "organisations": req.organisations,
            "subjects": req.subjects,
            "help_type": (req.help_type,),
            "outcome": (req.outcome,),
            "referred_to": (req.referred_to,) if req.referred_to else (),
            "channel": (req.channel,),
            "visitor_type": (req.visitor_type,),
            "age_band": (req.age_band,) if req.age_band else (),
            "first_visit": [k for k, v in FIRST_VISIT.items() if v is req.first_visit][:1],
            "barriers": req.barriers,
        }
        for name, codes in values.items():
            self.picker(name).set_value(codes)
        self.query_one("#field-referred_to").display = req.outcome == "referred"
        self.query_one("#minutes", Input).value = "" if req.minutes is None else str(req.minutes)
        self.query_one("#note", Input).value = req.note
        self.guides = GuideSession.from_uses(req.guides)
        self.render_guides()
        if req.followup:
            self.query_one("#followup-date", Input).value = req.followup.at.strftime("%Y-%m-%d")
            self.query_one("#followup-time", Input).value = req.followup.at.strftime("%H:%M")
            self.query_one("#bring", TextArea).text = "\n".join(req.followup.bring)

    def build(
        self, location: str, staff: str, timer_minutes: int | None
    ) -> tuple[DeskRequest, list[FieldError]]:
        """The request as typed, and the errors only the form can find (parsing)."""
        errors: list[FieldError] = []

        def one(name: str) -> str | None:
            codes = self.picker(name).value
            return codes[0] if codes else None

        minutes_text = self.query_one("#minutes", Input).value.strip()
        minutes = timer_minutes
        if minutes_text:
            try:
                minutes = int(minutes_text)
            except ValueError:
                errors.append(FieldError("minutes", t("err_minutes", "en"), t("err_minutes", "nl")))
        attached = self.guides.uses()
        typed = tuple(
            GuideUse(part.strip())
            for part in self.query_one("#guides", Input).value.split(",")
            if part.strip() and part.strip() not in self.guides.attached
        )
        guides = attached + tuple(dict.fromkeys(typed))
        if any(not GUIDE_ID_PATTERN.match(g.guide_id) for g in guides):
            errors.append(FieldError("guides", t("err_guides", "en"), t("err_guides", "nl")))
        followup = self._followup(errors)
        first = one("first_visit")
        outcome = one("outcome") or ""
        req = DeskRequest(
            organisations=self.picker("organisations").value,
            subjects=self.picker("subjects").value,
            help_type=one("help_type") or "",
            outcome=outcome,
            location=location,
            staff=staff,
            referred_to=one("referred_to") if outcome == "referred" else None,
            channel=one("channel") or "",
            visitor_type=one("visitor_type") or "",
            age_band=one("age_band"),
            first_visit=FIRST_VISIT.get(first) if first else None,
            barriers=self.picker("barriers").value,
            minutes=minutes,
            note=self.query_one("#note", Input).value.strip(),
            guides=guides,
            followup=followup,
        )
        return req, errors

    def _followup(self, errors: list[FieldError]) -> FollowUp | None:
        day = self.query_one("#followup-date", Input).value.strip()
        at = self.query_one("#followup-time", Input).value.strip()
        bring = tuple(line.strip() for line in self.query_one("#bring", TextArea).text.splitlines())
        bring = tuple(line for line in bring if line)
        if not (day or at or bring):
            return None
        if not (day and at):
            errors.append(
                FieldError(
                    "followup", t("err_followup_missing", "en"), t("err_followup_missing", "nl")
                )
            )
            return None
        try:
            when = datetime.strptime(f"{day} {at}", "%Y-%m-%d %H:%M")
        except ValueError:
            errors.append(
                FieldError("followup", t("err_followup_date", "en"), t("err_followup_date", "nl"))
            )
            return None
        return FollowUp(when, bring)

    # ------------------------------------------------------------ guides

    def attach_guide(self, guide_id: str) -> bool:
        """Attach a guide to this request; False when it was attached already."""
        added = self.guides.attach(guide_id)
        self.render_guides()
        return added

    def render_guides(self) -> None:
        """One line per attached guide: its title and the step reached so far."""
        lines = []
        for use in self.guides.uses():
            title = self.guide_title(use.guide_id)
            if use.step_reached is None:
                lines.append(t("guide_attached_nostep", self.lang, title=title))
            else:
                lines.append(t("guide_attached", self.lang, title=title, step=use.step_reached))
        found = self.query("#guides-attached").results(Static)
        box = next(iter(found), None)
        if box is None or lines == self._guide_lines:  # not composed yet, or unchanged
            return
        self._guide_lines = lines
        box.update(Text("\n".join(lines)))
        box.display = bool(lines)

    def on_picker_input_remove_last(self, event: PickerInput.RemoveLast) -> None:
        """Backspace in the empty guides box detaches the last attached guide."""
        event.stop()
        if self.guides.attached:
            self.guides.detach(list(self.guides.attached)[-1])
            self.render_guides()

    def on_picker_input_move(self, event: PickerInput.Move) -> None:
        event.stop()

    # ------------------------------------------------------------ errors

    def clear_errors(self) -> None:
        # Only lines that show an error are touched: each update costs a screen layout.
        for error in self.query(".field-error").results(Static):
            if error.display:
                error.update("")
                error.display = False
        for field in self.query(".field.-invalid"):
            field.remove_class("-invalid")

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
                self.query_one("#field-referred_to").display = True
            line = self.query_one(f"#error-{name}", Static)
            line.update(error.text(self.lang))
            line.display = True
            self.query_one(f"#field-{name}").add_class("-invalid")
        return elsewhere

    def focus_field(self, name: str) -> None:
        if name in dict((n, k) for n, k, _ in PICKERS):
            self.picker(name).focus_input()
        elif name == "followup":
            self.query_one("#followup-date", Input).focus()
        elif name in FIELDS:
            self.query_one(f"#{name}", Input).focus()

    # ------------------------------------------------------------ language

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for label in self.query(".i18n").results(Label):
            label.update(t(label.name or "", lang))
        for name, _, _ in PICKERS:
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

    # ------------------------------------------------------------ reactions

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a plain box moves on, like Enter in a picker."""
        event.stop()
        self.screen.focus_next()

    def on_code_picker_changed(self, event: CodePicker.Changed) -> None:
        """Outcome 'referred' reveals the referral target, and takes focus there."""
        if event.picker.id != "outcome":
            return
        referred = "referred" in event.codes
        row = self.query_one("#field-referred_to")
        row.display = referred
        if referred and event.advanced:
            self.picker("referred_to").focus_input()
        if not referred:
            self.picker("referred_to").set_value(())
