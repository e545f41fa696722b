"""The grouped issues of one site's latest scan, in a table (from the accessibility tab)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from helpdesk.i18n import t
from helpdesk.screens.stats_a11y import impact_word
from helpdesk.widgets.desk_footer import DeskFooter

if TYPE_CHECKING:
    from helpdesk.app import DeskApp

COLUMNS = ("a11y_rule", "a11y_impact", "a11y_pages", "a11y_nodes", "a11y_example")


class ScanIssuesScreen(Screen):
    """Rule, impact, pages, nodes and an example address per grouped issue; Escape back."""

    BINDINGS = [Binding("escape", "back", "Back", id="stats_issues.back")]

    def __init__(self, site: str, scan_id: int, issues: list[dict[str, Any]], lang: str) -> None:
        super().__init__()
        self.site = site
        self.scan_id = scan_id
        self.issues = issues
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static("", id="issues-title")
        yield DataTable(id="issues-table", zebra_stripes=True, cursor_type="row")
        yield DeskFooter()

    def on_mount(self) -> None:
        app = cast("DeskApp", self.app)
        app.language_changed.subscribe(self, self.apply_language, immediate=True)
        self.apply_language(self.lang)
        self.query_one(DataTable).focus()

    def apply_language(self, lang: str) -> None:
        self.lang = lang
        title = t("a11y_issues_title", lang, site=self.site, n=len(self.issues))
        self.query_one("#issues-title", Static).update(title)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(*(t(c, lang) for c in COLUMNS))
        for issue in self.issues:
            examples = issue.get("example_urls") or []
            table.add_row(
                issue["rule"],
                impact_word(issue.get("impact"), lang),
                str(issue["pages"]),
                str(issue["nodes"]),
                examples[0] if examples else "",
            )
        if not self.issues:
            self.query_one("#issues-title", Static).update(
                t("a11y_no_issues", lang, site=self.site)
            )

    def action_back(self) -> None:
        self.dismiss()
