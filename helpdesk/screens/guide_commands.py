"""Command-palette provider: ctrl+p, a few letters of a guide's title, Enter opens it.

Titles are matched in the interface language (one entry per guide, falling back to the
other language where a guide has no translation), so staff find a guide the way it
reads on their screen.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider

from helpdesk.i18n import t
from helpdesk.screens.setup import SetupScreen

if TYPE_CHECKING:
    from helpdesk.app import DeskApp


class GuideCommands(Provider):
    """Offers every guide by title; only once the desk is set up (not over the setup form)."""

    def _titles(self) -> list[tuple[str, str]]:
        app = cast("DeskApp", self.app)
        if app.desk_screen is None or isinstance(self.screen, SetupScreen):
            return []
        return [(g.id, g.title) for g in app.guide_list()]

    async def search(self, query: str) -> Hits:
        app = cast("DeskApp", self.app)
        matcher = self.matcher(query)
        for guide_id, title in self._titles():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(app.open_guide, guide_id),
                    text=title,
                    help=t("cmd_open_guide", app.lang),
                )
