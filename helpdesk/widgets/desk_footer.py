"""Textual's Footer, with binding descriptions in the interface language.

Bindings are declared once, in English, on their classes (so keymaps can remap them by
id); this footer shows each description in the language the desk is using.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from helpdesk.i18n import binding_word


class DeskFooter(Footer):
    """Recomposes on binding changes like Footer; the app refreshes bindings on a language switch."""

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "nl")
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = binding_word(widget.description, lang)
            yield widget
