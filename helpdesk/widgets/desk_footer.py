"""Textual's Footer, with binding descriptions in the interface language.

Bindings are declared once, in English, on their classes (so keymaps can remap them by
id); this footer shows each description in the language the desk is using, and asks its
screen to refresh the keys when the app publishes a language change.

Textual's Footer rebuilds all its keys whenever the screen's bindings may have changed,
which is on every focus move; in the desk form that is every Enter, and a rebuild costs a
layout of the whole screen. This footer rebuilds only when what it shows would change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from helpdesk.i18n import binding_word

Shown = tuple[object, ...]
# Keys the footer leaves out at 80 columns, where they would push F3 and the palette off
# the line: the timer names its own key when it waits or is paused.
NARROW_HIDDEN = frozenset({"resident_arrived", "pause_timer"})


class DeskFooter(Footer):
    """Recomposes on binding changes like Footer; the app refreshes bindings on a language switch."""

    _composed: Shown | None = None  # what the keys show now; None: not composed yet

    def on_mount(self) -> None:
        # Footer's own on_mount (binding changes) runs too: Textual calls the handlers of
        # every class in the MRO. The app's signal: a Textual Signal published with the
        # new language (absent in an app that is not the desk, e.g. a widget test).
        changed = getattr(self.app, "language_changed", None)
        if changed is not None:
            changed.subscribe(self, self._language_changed, immediate=True)

    def _language_changed(self, lang: str) -> None:
        self.screen.refresh_bindings()

    def _shown(self, screen: Screen) -> Shown:
        """Everything the footer's keys depend on, in order."""
        lang = getattr(self.app, "lang", "nl")
        palette = self.app.COMMAND_PALETTE_BINDING
        keys = tuple(
            (
                key,
                binding.action,
                binding.description,
                binding.tooltip,
                binding.group,
                enabled,
                tooltip,
            )
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        )
        return (lang, self.compact, self.show_command_palette, keys)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed = self._shown(self.screen)
        lang = getattr(self.app, "lang", "nl")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if widget.description:
                    widget.description = binding_word(widget.description, lang)
                if widget.action in NARROW_HIDDEN:
                    widget.add_class("-wide-only")
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if (
            self._composed is not None
            and screen is self.screen
            and self._shown(screen) == self._composed
        ):
            return  # the same keys: keep the widgets (and the layout) as they are
        super().bindings_changed(screen)
