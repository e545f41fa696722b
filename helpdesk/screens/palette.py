"""Textual's command palette in the desk's language.

The palette is Textual's own screen; its prompt ("Search for commands…") and its "No
matches found" line are English constants in Textual. Dutch staff should not meet
English in a Dutch desk, so the app opens this subclass, which takes the prompt from the
message catalog and says "Geen opdrachten gevonden" itself.

Textual has no hook for the no-matches line, so ``_start_no_matches_countdown`` is
redone here with the same timing; ``tests/test_helpdesk/test_app_dutch.py`` fails when a
Textual upgrade changes the palette under it.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from helpdesk.i18n import t


class DeskCommandPalette(CommandPalette):
    """The command palette with its prompt and its 'nothing found' line in ``lang``."""

    def __init__(self, lang: str) -> None:
        super().__init__(placeholder=t("words.palette_placeholder", lang), id="--command-palette")
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("words.palette_nothing", self.lang), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
