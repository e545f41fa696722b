"""The line that shows what F5 to F9 fill in: the desk's most frequent cases.

Short on purpose (the subject, and the outcome where two cases share a subject), so the
five keys fit on one or two lines at 80 columns; the command palette lists each case in
full. Lines break between cases, never inside one, so a key stays next to its words.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from helpdesk.frequent import CASE_KEYS, FrequentCase
from helpdesk.i18n import t
from helpdesk.taxonomy import taxonomy

GAP = "  "  # between two cases on a line


def short_label(case: FrequentCase, cases: Sequence[FrequentCase], lang: str) -> str:
    """The subject; with the outcome when another case has the same subjects."""
    tax = taxonomy()
    text = " + ".join(tax.label("subject", s, lang) for s in case.subjects)
    if sum(1 for other in cases if other.subjects == case.subjects) > 1:
        text += " · " + tax.label("outcome", case.outcome, lang)
    return text


class FrequentCasesBar(Widget):
    """'Vaak: F5 DigiD activeringscode …  F6 Inloggen lukt niet …'."""

    DEFAULT_CSS = """
    FrequentCasesBar {
        height: auto;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, tuple[FrequentCase, ...]] | None = None
        self._items: list[Text] = []

    def show_cases(self, cases: Sequence[FrequentCase], lang: str) -> None:
        shown = (lang, tuple(cases))
        if shown == self._shown:  # an update costs a layout of the whole screen
            return
        self._shown = shown
        title = Text()
        title.append(t("words.cases_title", lang), style="bold")
        self._items = [title]
        for key, case in zip(CASE_KEYS, cases, strict=False):
            item = Text()
            item.append(key.upper(), style="reverse")
            item.append(" " + short_label(case, cases, lang))
            self._items.append(item)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        lines: list[Text] = []
        for item in self._items:
            if lines and lines[-1].cell_len + len(GAP) + item.cell_len <= max(width, 1):
                lines[-1].append(GAP)
                lines[-1].append_text(item)
            else:
                lines.append(item.copy())
        return lines

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(
            1, sum(max(1, -(-line.cell_len // max(width, 1))) for line in self._lines(width))
        )
