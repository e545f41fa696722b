"""The guide library at the desk: search as you type, or browse by subject and organisation.

The search box has focus when the screen opens: 'toesl' and Enter open the toeslagen
guide. Up/down in the box move through the results, as in the code pickers; Tab goes on
to the subject and organisation filters (code pickers limited to codes that have
guides) and to the result list. Each guide is listed once, in the interface language
where it exists, else in the other language with a note saying so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.guides.library import Guide, plain_text
from helpdesk.i18n import t
from helpdesk.taxonomy import taxonomy
from helpdesk.widgets.code_picker import Choice, ChoiceSource, CodePicker
from helpdesk.widgets.desk_footer import DeskFooter
from helpdesk.widgets.picker_input import PickerInput

if TYPE_CHECKING:
    from helpdesk.app import DeskApp

SEARCH_LIMIT = 50  # more than the desk has guides: the filters then narrow the hits
MARK = ("\x01", "\x02")  # around matched words in snippets; never in guide text


def _highlighted(snippet: str) -> Text:
    """A search snippet with the matched words in bold, as Rich text."""
    text = Text(style="dim")
    plain, bold = MARK
    for n, part in enumerate(snippet.replace(bold, plain).split(plain)):
        text.append(part, style="bold not dim" if n % 2 else "")
    return text


class GuidesScreen(Screen):
    """Find a guide and open it; Escape goes back to the desk."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="guides.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Guide] = []  # the listed guides, in list order (read by tests)

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.desk.lang
        yield Static(t("guides_title", lang), id="guides-title")
        with Vertical(id="guides-filters"):
            with Horizontal(classes="field-row"):
                yield Label(
                    t("guide_search", lang), classes="field-label i18n", name="guide_search"
                )
                yield PickerInput(
                    id="guide-search",
                    placeholder=t("guide_search_placeholder", lang),
                    compact=True,
                )
            for name, kind in (("subjects", "subject"), ("organisations", "organisation")):
                with Horizontal(classes="field-row"):
                    yield Label(t(name, lang), classes="field-label i18n", name=name)
                    yield CodePicker(
                        self._choices(kind),
                        lang=lang,
                        placeholder=t("picker_placeholder", lang),
                        id=f"guide-{kind}",
                    )
        yield Static("", id="guides-count")
        yield OptionList(id="guide-results")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.language_changed.subscribe(self, self.apply_language, immediate=True)
        problems = self.desk.guide_problems
        if problems:
            self.notify(
                t("guides_problems", self.desk.lang, n=len(problems), first=problems[0]),
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.refresh_results()
        self.query_one("#guide-search", Input).focus()

    def _choices(self, kind: str) -> ChoiceSource:
        """Taxonomy codes of ``kind`` that at least one guide covers, in taxonomy order."""

        def source(lang: str) -> list[Choice]:
            guides = self.desk.guide_index.guides
            used = {
                c for g in guides for c in (g.subjects if kind == "subject" else g.organisations)
            }
            return [
                Choice(i.code, i.label(lang), i.synonyms(lang))
                for i in taxonomy().codes(kind)
                if i.code in used
            ]

        return source

    # ------------------------------------------------------------ results

    def _found(self) -> list[tuple[Guide, Text]]:
        """The guides to list with the line under each title: a snippet or the summary."""
        app, lang = self.desk, self.desk.lang
        text = self.query_one("#guide-search", Input).value
        found: list[tuple[Guide, Text]] = []
        if text.strip():
            hits = app.guide_index.search(text, limit=SEARCH_LIMIT, mark=MARK)
            # Hits in the interface language first; each guide once.
            hits.sort(key=lambda h: h.lang != lang)
            seen: set[str] = set()
            for hit in hits:
                guide = app.guide(hit.guide_id)
                if guide is None or hit.guide_id in seen:
                    continue
                seen.add(hit.guide_id)
                line = (
                    _highlighted(hit.snippet)
                    if hit.lang == guide.lang
                    else Text(plain_text(guide.summary), style="dim")
                )
                found.append((guide, line))
        else:
            found = [(g, Text(plain_text(g.summary), style="dim")) for g in app.guide_list()]
        subject = self.query_one("#guide-subject", CodePicker).value
        org = self.query_one("#guide-organisation", CodePicker).value
        return [
            (g, line)
            for g, line in found
            if set(subject) <= set(g.subjects) and set(org) <= set(g.organisations)
        ]

    def refresh_results(self) -> None:
        lang = self.desk.lang
        found = self._found()
        self.shown = [g for g, _ in found]
        options = self.query_one("#guide-results", OptionList)
        options.clear_options()
        for guide, line in found:
            title = Text(guide.title, style="bold")
            if guide.lang != lang:
                title.append(f"  ({t('only_' + guide.lang, lang)})", style="italic")
            options.add_option(Option(Text.assemble(title, "\n", line), id=guide.id))
        if found:
            options.highlighted = 0
        typed = self.query_one("#guide-search", Input).value.strip()
        if found:
            count = t("guides_count", lang, n=len(found))
        elif typed:
            count = t("words.guides_nothing_found", lang, query=typed)
        else:
            count = t("guides_none", lang)
        self.query_one("#guides-count", Static).update(count)

    def open_highlighted(self) -> None:
        options = self.query_one("#guide-results", OptionList)
        if options.highlighted is None or not self.shown:
            self.app.bell()
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id:
            self.desk.open_guide(option.id)

    # ------------------------------------------------------------ reactions

    def submit_query(self, text: str) -> None:
        """Enter in the search box (called by PickerInput) opens the highlighted guide."""
        self.open_highlighted()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "guide-search":
            self.refresh_results()

    def on_code_picker_changed(self, event: CodePicker.Changed) -> None:
        self.refresh_results()

    def on_picker_input_move(self, event: PickerInput.Move) -> None:
        options = self.query_one("#guide-results", OptionList)
        if self.shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown) - 1, current + event.delta))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "guide-results" and event.option.id:
            self.desk.open_guide(event.option.id)

    def apply_language(self, lang: str) -> None:
        self.query_one("#guides-title", Static).update(t("guides_title", lang))
        for label in self.query(".i18n").results(Label):
            label.update(t(label.name or "", lang))
        self.query_one("#guide-search", Input).placeholder = t("guide_search_placeholder", lang)
        for picker in self.query(CodePicker):
            picker.set_language(lang, t("picker_placeholder", lang))
        self.refresh_results()

    def action_back(self) -> None:
        self.dismiss()
