"""One guide, one step at a time, for the resident to follow at the desk.

Large, calm steps: a big 'Stap 3 van 9' header, the instruction in bold with room
around it, the warning in a bordered high-contrast box, then tip and check. A column on
the right lists every step with its tick, so staff see at a glance where the resident
got stuck. The place in the guide (step and ticks) and the attached guides live in the
app's DeskState, so leaving and coming back during the same request keeps them; a new
request starts over. This screen never looks at the desk's form.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Static

from helpdesk.desk_state import GuideProgress
from helpdesk.guides.handout import render_handout
from helpdesk.guides.library import Guide, Step
from helpdesk.i18n import t
from helpdesk.widgets.desk_footer import DeskFooter

if TYPE_CHECKING:
    from helpdesk.app import DeskApp

_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")


def terminal_text(markdown: str) -> str:
    """Guide Markdown for the terminal: links as 'text (address)', no emphasis marks.

    Addresses stay visible because staff type them into the resident's browser.
    """
    text = _MD_LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[1] != m[2] else m[2], markdown)
    return text.replace("**", "").replace("__", "")


def handout_path(folder: Path, guide: Guide) -> Path:
    """One file per guide and language: printing again replaces the earlier copy."""
    return folder / f"handout-{guide.id}-{guide.lang}.html"


class GuideViewScreen(Screen):
    """Step through a guide; attach it to the request; write its handout."""

    BINDINGS = [
        Binding("right,pagedown", "move(1)", "Next", priority=True, id="guide.next"),
        Binding("left,pageup", "move(-1)", "Previous", priority=True, id="guide.previous"),
        Binding("space", "toggle_done", "Done", priority=True, id="guide.done"),
        Binding("a", "attach", "Attach to request", id="guide.attach"),
        Binding("p", "handout", "Handout", id="guide.handout"),
        Binding("escape", "back", "Back", id="guide.back"),
    ]

    def __init__(self, guide_id: str) -> None:
        super().__init__()
        self.guide_id = guide_id
        self.last_handout: Path | None = None  # shown to staff, and read by tests

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    @property
    def guide(self) -> Guide:
        found = self.desk.guide(self.guide_id)
        assert found is not None, "opened through DeskApp.open_guide, which checks"
        return found

    @property
    def progress(self) -> GuideProgress:
        """The request's progress in this guide (created at step 1 on first opening)."""
        return self.desk.desk_state.guide_progress(self.guide_id, len(self.guide.steps))

    @property
    def step(self) -> Step:
        return self.guide.steps[self.progress.current - 1]

    def compose(self) -> ComposeResult:
        yield Static("", id="guide-title")
        yield Static("", id="step-counter")
        with Horizontal(id="guide-body"):
            with VerticalScroll(id="step-pane"):
                yield Static("", id="step-title")
                yield Static("", id="step-text")
                yield Static("", id="step-warning", classes="step-note")
                yield Static("", id="step-tip", classes="step-note")
                yield Static("", id="step-check", classes="step-note")
                done = Checkbox("", id="step-done")
                done.can_focus = False  # space is the screen's key; a click still ticks
                yield done
            yield Static("", id="step-overview")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.language_changed.subscribe(self, self.apply_language, immediate=True)
        self.render_step()
        self.query_one("#step-pane").focus()

    # ------------------------------------------------------------ showing

    def render_step(self) -> None:
        guide, progress, lang = self.guide, self.progress, self.desk.lang
        step = self.step
        title = Text(guide.title, style="bold")
        if self.guide_id in self.desk.desk_state.guides.attached:
            title.append(f"   ✓ {t('attached_mark', lang)}", style="italic")
        self.query_one("#guide-title", Static).update(title)
        self.query_one("#step-counter", Static).update(
            t("step_of", lang, n=progress.current, total=progress.total)
        )
        self.query_one("#step-title", Static).update(Text(terminal_text(step.title)))
        self.query_one("#step-text", Static).update(Text(terminal_text(step.text)))
        for kind, text in (("warning", step.warning), ("tip", step.tip), ("check", step.check)):
            note = self.query_one(f"#step-{kind}", Static)
            note.border_title = t(kind, lang)
            note.update(Text(terminal_text(text or "")))
            note.display = bool(text)
        done = self.query_one("#step-done", Checkbox)
        done.label = t("step_done", lang)
        with done.prevent(Checkbox.Changed):
            done.value = progress.current in progress.done
        self._render_overview()
        self.query_one("#step-pane", VerticalScroll).scroll_home(animate=False)

    def _render_overview(self) -> None:
        progress, lang = self.progress, self.desk.lang
        text = Text(t("steps_overview", lang), style="bold")
        for step in self.guide.steps:
            tick = "☑" if step.number in progress.done else "☐"
            here = step.number == progress.current
            line = f"\n{'▶' if here else ' '} {tick} {step.number}. {terminal_text(step.title)}"
            text.append(line, style="bold reverse" if here else "")
        self.query_one("#step-overview", Static).update(text)

    def apply_language(self, lang: str) -> None:
        # The guide itself follows the language too where it has a translation.
        self.render_step()

    # ------------------------------------------------------------ actions

    def action_move(self, delta: int) -> None:
        if not self.progress.move(delta):
            self.notify(t("last_step" if delta > 0 else "first_step", self.desk.lang))
            return
        self.render_step()

    def action_toggle_done(self) -> None:
        self.progress.toggle()
        self.render_step()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """A mouse click on the checkbox: tick or untick the step on screen."""
        progress = self.progress
        if event.value:
            progress.done.add(progress.current)
        else:
            progress.done.discard(progress.current)
        self._render_overview()

    def action_attach(self) -> None:
        lang, title = self.desk.lang, self.guide.title
        state = self.desk.desk_state
        if state.attach_guide(self.guide_id):
            self.notify(t("attached", lang, title=title), markup=False)
            if state.fill_from_guide(self.guide.organisations, self.guide.subjects):
                self.notify(t("words.guide_filled", lang), markup=False)
        else:
            self.notify(t("already_attached", lang, title=title), markup=False)
        self.render_step()

    def action_handout(self) -> None:
        lang, guide = self.desk.lang, self.guide
        path = handout_path(self.desk.print_dir, guide)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the steps ticked here are printed as done, with 'ga verder bij stap N'
            html = render_handout(guide, lang, done=self.progress.done, desk=self.desk.settings)
            path.write_text(html, encoding="utf-8")
        except OSError as exc:
            message = t("handout_failed", lang, error=exc.strerror or exc)
            self.notify(message, severity="error", markup=False)
            return
        self.last_handout = path
        self.desk.print_page(path, "handout")

    def action_back(self) -> None:
        self.dismiss()
