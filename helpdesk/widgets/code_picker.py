"""Choose taxonomy codes by typing a few letters: the desk's main input widget.

Staff have seconds between residents, so a choice must cost a few letters and Enter.
The picker filters its codes by their label in the interface language and the words
staff use for them (``helpdesk.matching``: never the English codes), shows the labels
only, highlights the best match and picks it on Enter. When nothing matches it says so
("Niets gevonden voor ‘…’") and Enter leaves the field as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.i18n import t
from helpdesk.matching import Choice, match_choices
from helpdesk.taxonomy import taxonomy
from helpdesk.widgets.picker_input import PickerInput

__all__ = ["Choice", "ChoiceSource", "CodePicker", "match_choices", "taxonomy_choices"]

ChoiceSource = Callable[[str], Sequence[Choice]]  # language -> choices, in list order


def taxonomy_choices(kind: str) -> ChoiceSource:
    """Choices for one taxonomy list, labelled in whatever language is asked for."""

    def source(lang: str) -> list[Choice]:
        tax = taxonomy()
        items = list(tax.codes(kind))
        if kind == "referral_target":
            # Staff may also refer to one of the organisations themselves.
            own = {item.code for item in items}
            items += [o for o in tax.codes("organisation") if o.code not in own]
        return [Choice(item.code, item.label(lang), item.synonyms(lang)) for item in items]

    return source


class CodePicker(Widget):
    """An input that filters codes as you type, with chosen codes shown as chips.

    Enter picks the highlighted match and moves focus on; Enter on an empty box just
    moves on; up/down move the highlight; Backspace on an empty box removes the last
    chosen code; a mouse click on a match picks it.
    """

    class Changed(Message):
        """The chosen codes changed; ``advanced`` is True when Enter moved focus on."""

        def __init__(self, picker: CodePicker, codes: tuple[str, ...], advanced: bool) -> None:
            self.picker = picker
            self.codes = codes
            self.advanced = advanced
            super().__init__()

        @property
        def control(self) -> CodePicker:
            return self.picker

    def __init__(
        self,
        source: ChoiceSource,
        *,
        multi: bool = False,
        lang: str = "nl",
        value: Sequence[str] = (),
        placeholder: str = "",
        on_pick: Callable[[CodePicker, bool], None] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        # Called at once when codes are picked (before focus moves on), for the form to
        # show or hide fields that depend on the choice before the next key is handled.
        self.on_pick = on_pick
        self.source = source
        self.multi = multi
        self.lang = lang
        self.placeholder = placeholder
        self._selected: list[str] = list(value)
        self._matches: list[Choice] = []
        self._matched_query: str | None = None
        # What the match list and the chips show now, so that a key press that changes
        # neither leaves them alone: rebuilding them costs a layout of the whole screen.
        self._listed: tuple[str, list[Choice]] | None = None
        self._chips: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        # Kept as attributes rather than queried: every key in the box reaches them.
        self._chips_line = Static(classes="chips")
        self._box = PickerInput(placeholder=self.placeholder, classes="picker-input", compact=True)
        self._no_match = Static(classes="no-match")
        self._options = OptionList(classes="matches")
        # The list never takes focus: typing stays in the box, clicks still pick.
        self._options.can_focus = False
        with Horizontal(classes="picker-row"):
            yield self._chips_line
            yield self._box
        yield self._no_match
        yield self._options

    def on_mount(self) -> None:
        self._render_chips()
        self._refilter("")

    # ------------------------------------------------------------ public API

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(self._selected)

    @property
    def input(self) -> PickerInput:
        return self._box

    def set_value(self, codes: Sequence[str]) -> None:
        """Replace the chosen codes (loading a request, resetting the form)."""
        selected = list(codes) if self.multi else list(codes)[:1]
        if not self.is_mounted:
            self._selected = selected
            return
        box = self.input
        if selected == self._selected and not box.value and self._matched_query == "":
            # Already showing this (a new request after a new request): only the
            # highlight goes back to the best match; no chips or list to rebuild.
            options = self._options
            if self._matches and options.highlighted != 0:
                options.highlighted = 0
            return
        self._selected = selected
        box.value = ""
        self._render_chips()
        self._refilter("")

    def set_language(self, lang: str, placeholder: str | None = None) -> None:
        self.lang = lang
        if placeholder is not None:
            self.placeholder = placeholder
            self.input.placeholder = placeholder
        self._render_chips()
        self._refilter(self.input.value)

    def focus_input(self) -> None:
        # At once, not after the next refresh: the next key typed must already land here.
        self.screen.set_focus(self.input)

    def submit_query(self, text: str) -> None:
        """Enter in the box: pick the highlighted match and move on, or just move on."""
        if not text.strip():
            self.screen.focus_next()
            return
        if self._matched_query != text:
            self._refilter(text)
        if not self._matches:  # "Niets gevonden" shows already; the field stays as it was
            self.app.bell()
            return
        highlighted = self._options.highlighted or 0
        code = self._matches[min(highlighted, len(self._matches) - 1)][0]
        self._pick(code, advanced=True)
        if self.screen.focused is self.input:  # on_pick may have sent focus elsewhere
            self.screen.focus_next()

    # ------------------------------------------------------------ internals

    def _labels(self) -> dict[str, str]:
        return {choice.code: choice.label for choice in self.source(self.lang)}

    def _pick(self, code: str, advanced: bool) -> None:
        if self.multi:
            if code not in self._selected:
                self._selected.append(code)
        else:
            self._selected = [code]
        self.input.value = ""
        self._render_chips()
        self._refilter("")
        if self.on_pick is not None:
            self.on_pick(self, advanced)
        self.post_message(self.Changed(self, self.value, advanced))

    def _render_chips(self) -> None:
        shown = (self.lang, *self._selected)
        if shown == self._chips:
            return
        self._chips = shown
        labels = self._labels()
        text = Text()
        for code in self._selected:
            text.append(f" {labels.get(code, code)} ", style="reverse")
            text.append(" ")
        chips = self._chips_line
        chips.update(text)
        chips.display = bool(self._selected)

    def _refilter(self, query: str) -> None:
        choices = [c for c in self.source(self.lang) if not (self.multi and c[0] in self._selected)]
        self._matches = match_choices(query, choices)
        self._matched_query = query
        self._show_no_match(query)
        options = self._options
        if self._listed == (self.lang, self._matches):
            if self._matches:
                options.highlighted = 0
            return
        self._listed = (self.lang, self._matches)
        options.clear_options()
        options.add_options(Option(Text(choice.label), id=choice.code) for choice in self._matches)
        if self._matches:
            options.highlighted = 0

    def _show_no_match(self, query: str) -> None:
        """Say so when typed letters match nothing, rather than an empty list and silence."""
        line = self._no_match
        missing = bool(query.strip()) and not self._matches
        if missing:
            line.update(Text(t("words.nothing_found", self.lang, query=query.strip())))
        if line.display != missing:
            line.display = missing

    def on_descendant_focus(self) -> None:
        # Matches show only while the picker has focus, so the form stays short.
        self._options.display = True

    def on_descendant_blur(self) -> None:
        self._options.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self._matched_query:
            self._refilter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def on_picker_input_move(self, event: PickerInput.Move) -> None:
        event.stop()
        options = self._options
        if not self._matches:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self._matches) - 1, current + event.delta))

    def on_picker_input_remove_last(self, event: PickerInput.RemoveLast) -> None:
        event.stop()
        if self._selected:
            self._selected.pop()
            self._render_chips()
            self._refilter("")
            self.post_message(self.Changed(self, self.value, False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._pick(event.option.id, advanced=False)
            self.focus_input()
