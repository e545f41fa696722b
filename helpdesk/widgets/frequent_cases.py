"""The line that shows what F5 to F9 fill in: the desk's most frequent cases.

Short on purpose (the subject, and the outcome where two cases share a subject), so the
five keys fit on one or two lines at 80 columns; the command palette lists each case in
full.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from helpdesk.frequent import CASE_KEYS, FrequentCase
from helpdesk.i18n import t
from helpdesk.taxonomy import taxonomy


def short_label(case: FrequentCase, cases: Sequence[FrequentCase], lang: str) -> str:
    """The subject; with the outcome when another case has the same subjects."""
    tax = taxonomy()
    text = " + ".join(tax.label("subject", s, lang) for s in case.subjects)
    if sum(1 for other in cases if other.subjects == case.subjects) > 1:
        text += " · " + tax.label("outcome", case.outcome, lang)
    return text


class FrequentCasesBar(Static):
    """'Vaak: F5 DigiD activeringscode …  F6 Inloggen lukt niet …'."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: tuple[str, tuple[FrequentCase, ...]] | None = None

    def show_cases(self, cases: Sequence[FrequentCase], lang: str) -> None:
        shown = (lang, tuple(cases))
        if shown == self._shown:  # an update costs a layout of the whole screen
            return
        self._shown = shown
        text = Text(t("words.cases_title", lang) + " ", style="bold")
        for key, case in zip(CASE_KEYS, cases, strict=False):
            text.append(key.upper(), style="reverse")
            text.append(f" {short_label(case, cases, lang)}  ")
        self.update(text)
