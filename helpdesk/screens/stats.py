"""The statistics screen (F3 at the desk): figures per period and location, and the
accessibility of the municipality's websites.

Managers may put this screen on a beamer, so it shows protected figures (see
``stats_figures``): small counts as ``<5``, totals as they are. The dashboard is
computed in a thread worker with its own database connection and posted back as a
message, so the screen stays responsive on a year of a million requests; a newer
request for figures makes older results stale (``seq``), they are then dropped. The app
composes this screen once and keeps it (composing is most of the time to open it); F3
again recounts the chosen period and redraws only when the figures changed.

Keys: p period, l location, t charts/tables, 1 figures tab, 2 accessibility tab, i (or
Enter on a site) the latest scan's issues, Escape back to the desk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from helpdesk import clock
from helpdesk.i18n import t
from helpdesk.screens import stats_a11y
from helpdesk.screens.stats_a11y import SiteRow
from helpdesk.stats import figures
from helpdesk.stats.counting import Dashboard
from helpdesk.stats.figures import CHARTS, PRESETS, SERIES
from helpdesk.stats.periods import Period, PeriodError, parse_period
from helpdesk.stats.suppression import DEFAULT_THRESHOLD
from helpdesk.store import StoreError, open_store
from helpdesk.taxonomy import taxonomy
from helpdesk.widgets.desk_footer import DeskFooter
from helpdesk.widgets.stat_chart import StatChart
from inclusiedesk.i18n import number

if TYPE_CHECKING:
    from helpdesk.app import DeskApp

ALL = "*"  # location picker value for every location
DEFAULT_CHOICE = "this_year"
A11Y_COLUMNS = (
    "a11y_site",
    "a11y_scanned",
    "a11y_pages_checked",
    "a11y_criteria",
    "a11y_by_impact",
    "a11y_statement",
    "a11y_trend",
)


class StatsScreen(Screen):
    """Headline figures, charts (or tables) and the accessibility tab."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back"),
        Binding("t", "toggle_table", "Table view", id="stats.table_view"),
        Binding("p", "focus_period", "Period", id="stats.period"),
        Binding("l", "focus_location", "Location", id="stats.location"),
        Binding("1", "show_tab('figures')", "Figures", id="stats.figures"),
        Binding("2", "show_tab('a11y')", "Accessibility", id="stats.a11y"),
        Binding("i", "open_site", "Issues", id="stats.issues"),
    ]

    class Computed(Message):
        """A worker finished the figures of request ``seq``."""

        def __init__(self, seq: int, dash: Dashboard, locations: list[str]) -> None:
            super().__init__()
            self.seq, self.dash, self.locations = seq, dash, locations

    class Failed(Message):
        def __init__(self, seq: int, error: str) -> None:
            super().__init__()
            self.seq, self.error = seq, error

    class SitesLoaded(Message):
        def __init__(self, sites: list[SiteRow], error: str | None = None) -> None:
            super().__init__()
            self.sites, self.error = sites, error

    class IssuesLoaded(Message):
        def __init__(self, site: SiteRow, issues: list[dict[str, Any]] | None, error: str) -> None:
            super().__init__()
            self.site, self.issues, self.error = site, issues, error

    def __init__(self) -> None:
        super().__init__()
        self.choice = DEFAULT_CHOICE
        self.period: Period = figures.preset_period(DEFAULT_CHOICE, clock.local_today())
        self.location: str | None = None
        self.locations: list[str] = []
        self.table_view = False
        self.seq = 0
        self.shown_seq = 0  # the request whose figures are on the screen
        self.dash: Dashboard | None = None  # real counts; shown only through protect()
        self.figures: dict[str, Any] | None = None  # protected, as shown (read by tests)
        self.sites: list[SiteRow] = []
        self.sites_error: str | None = None

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        lang = self.desk.lang
        yield Static(t("stats_title", lang), id="stats-title")
        with TabbedContent(id="stats-tabs", initial="figures"):
            with TabPane(t("stats_tab_figures", lang), id="figures"):
                with Horizontal(id="stats-pickers"):
                    yield Label(
                        t("stats_period_label", lang), classes="i18n", name="stats_period_label"
                    )
                    yield Select(
                        self._period_options(lang),
                        value=self.choice,
                        allow_blank=False,
                        id="period-choice",
                    )
                    yield Input(placeholder=t("stats_period_placeholder", lang), id="period-typed")
                    yield Label(
                        t("stats_location_label", lang), classes="i18n", name="stats_location_label"
                    )
                    yield Select(
                        self._location_options(lang),
                        value=ALL,
                        allow_blank=False,
                        id="location-choice",
                    )
                with VerticalScroll(id="stats-body", can_focus=True):
                    yield Static("", id="stats-headline")
                    yield Static("", id="stats-rule")
                    with Grid(id="charts"):
                        for key in CHARTS:
                            yield StatChart(key, line=key == SERIES)
            with TabPane(t("stats_tab_a11y", lang), id="a11y"):
                yield Static("", id="a11y-status")
                yield DataTable(id="a11y-sites", zebra_stripes=True, cursor_type="row")
        yield DeskFooter()

    def _period_options(self, lang: str) -> list[tuple[str, str]]:
        return [(t(choice, lang), choice) for choice in (*PRESETS, "typed")]

    def _location_options(self, lang: str) -> list[tuple[str, str]]:
        return [(t("stats_all_locations", lang), ALL), *((loc, loc) for loc in self.locations)]

    def on_mount(self) -> None:
        self.desk.language_changed.subscribe(self, self.apply_language, immediate=True)
        self.query_one("#stats-rule", Static).update(
            t("stats_rule", self.desk.lang, n=DEFAULT_THRESHOLD)
        )
        self.recompute()
        self.load_sites()

    def on_screen_resume(self) -> None:
        """Opened again (the app keeps this screen): fresh figures for the same choice."""
        if self.dash is not None:
            self.recompute()

    # ------------------------------------------------------------ figures

    def recompute(self) -> None:
        """Ask a worker for the figures of the chosen period and location."""
        self.seq += 1
        self.query_one("#stats-headline", Static).update(t("stats_busy", self.desk.lang))
        self._compute(self.seq, self.period, self.location, self.desk.db_path)

    @work(thread=True, exclusive=True, group="stats-figures")
    def _compute(self, seq: int, period: Period, location: str | None, db_path: Path) -> None:
        try:
            with open_store(db_path) as store:  # this thread's own connection
                dash = figures.dashboard(store, period, location)
                places = figures.known_locations(store)
        except (StoreError, sqlite3.Error) as exc:
            self.post_message(self.Failed(seq, str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Computed(seq, dash, places))

    def on_stats_screen_computed(self, message: Computed) -> None:
        if message.seq != self.seq:
            return  # a newer period or location was asked for meanwhile
        same = self.dash is not None and message.dash == self.dash
        self.dash = message.dash
        if message.locations != self.locations:
            self.locations = message.locations
            self._reset_location_options(self.desk.lang)
        if same:  # opened again with nothing new: only the 'busy' line goes
            self._show_headline()
        else:
            self.show_figures()
        self.shown_seq = message.seq

    def on_stats_screen_failed(self, message: Failed) -> None:
        if message.seq == self.seq:
            text = t("stats_failed", self.desk.lang, error=message.error)
            self.query_one("#stats-headline", Static).update(text)
            self.notify(text, severity="error", markup=False)

    def show_figures(self) -> None:
        if self.dash is None:
            return
        lang = self.desk.lang
        self.figures = figures.figures(self.dash, DEFAULT_THRESHOLD)
        self._show_headline()
        by_key = {c.key: c for c in figures.charts(self.figures, taxonomy(), lang)}
        for widget in self.query(StatChart):
            widget.show(by_key[widget.key], lang)
            widget.set_table_view(self.table_view)

    def _show_headline(self) -> None:
        if self.figures is not None:
            lines = figures.headline(self.figures, self.desk.lang)
            self.query_one("#stats-headline", Static).update("\n".join(lines))

    def chart(self, key: str) -> StatChart:
        return self.query_one(f"#chart-{key}", StatChart)

    # ------------------------------------------------------------ pickers

    def _reset_location_options(self, lang: str) -> None:
        select = cast(Select, self.query_one("#location-choice", Select))
        with select.prevent(Select.Changed):
            select.set_options(self._location_options(lang))
            select.value = self.location if self.location in self.locations else ALL

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "period-choice":
            value = str(event.value)
            if value == self.choice:
                return
            if value == "typed":
                self.choice = value
                self.query_one("#period-typed", Input).focus()
                return
            self.choice = value
            self.period = figures.preset_period(value, clock.local_today())
            self.recompute()
        elif event.select.id == "location-choice":
            location = None if event.value in (ALL, Select.NULL) else str(event.value)
            if location != self.location:
                self.location = location
                self.recompute()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "period-typed":
            return
        event.stop()
        try:
            period = parse_period(event.value)
        except PeriodError as exc:
            event.input.add_class("-invalid")
            self.notify(exc.text(self.desk.lang), severity="error", markup=False)
            return
        event.input.remove_class("-invalid")
        self.set_period(period)
        self.query_one("#stats-body").focus()  # on to the figures; t, p, l work from there

    def set_period(self, period: Period) -> None:
        """Show ``period`` (as if typed in the period box)."""
        self.choice = "typed"
        select = self.query_one("#period-choice", Select)
        with select.prevent(Select.Changed):
            select.value = "typed"
        self.period = period
        self.recompute()

    # ------------------------------------------------------------ accessibility tab

    @work(thread=True, exclusive=True, group="stats-a11y")
    def load_sites(self) -> None:
        try:
            found = stats_a11y.sites()
        except Exception as exc:  # the a11y package is young; the figures tab must still work
            self.post_message(self.SitesLoaded([], f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.SitesLoaded(found))

    def on_stats_screen_sites_loaded(self, message: SitesLoaded) -> None:
        self.sites, self.sites_error = message.sites, message.error
        self.show_sites()

    def show_sites(self) -> None:
        lang = self.desk.lang
        status = self.query_one("#a11y-status", Static)
        if self.sites_error:
            status.update(t("a11y_failed", lang, error=self.sites_error))
        elif not self.sites:
            status.update(t("a11y_none", lang))
        else:
            status.update(t("a11y_help", lang))
        table = self.query_one("#a11y-sites", DataTable)
        table.clear(columns=True)
        table.add_columns(*(t(c, lang) for c in A11Y_COLUMNS))
        for row in self.sites:
            s = row.summary
            criteria = str(len(s.failing_criteria))
            if s.failing_criteria:
                criteria += f" ({', '.join(s.failing_criteria)})"
            table.add_row(
                s.site,
                s.scanned_at,
                number(s.pages_checked, lang),
                criteria,
                stats_a11y.impacts_text(s, lang),
                t("yes" if s.statement_found else "no", lang),
                stats_a11y.trend_text(s, lang),
                key=s.site,
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "a11y-sites":
            self.action_open_site()

    def action_open_site(self) -> None:
        table = self.query_one("#a11y-sites", DataTable)
        if not self.sites or table.cursor_row is None or table.cursor_row >= len(self.sites):
            self.app.bell()
            return
        self._load_issues(self.sites[table.cursor_row])

    @work(thread=True, exclusive=True, group="stats-issues")
    def _load_issues(self, site: SiteRow) -> None:
        try:
            found = stats_a11y.issues(None, site.scan_id)
        except Exception as exc:  # see load_sites
            self.post_message(self.IssuesLoaded(site, None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.IssuesLoaded(site, found, ""))

    def on_stats_screen_issues_loaded(self, message: IssuesLoaded) -> None:
        from helpdesk.screens.stats_issues import ScanIssuesScreen

        lang = self.desk.lang
        if message.issues is None:
            self.notify(t("a11y_failed", lang, error=message.error), severity="error")
            return
        site = message.site
        self.app.push_screen(
            ScanIssuesScreen(site.summary.site, site.scan_id, message.issues, lang)
        )

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys of one tab are hidden (and off) on the other tab."""
        try:
            active = self.query_one("#stats-tabs", TabbedContent).active
        except Exception:  # not composed yet
            return True
        if action in ("toggle_table", "focus_period", "focus_location"):
            return active == "figures"
        if action == "open_site":
            return active == "a11y"
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#stats-tabs", TabbedContent).active = tab
        if tab == "a11y":
            self.query_one("#a11y-sites", DataTable).focus()
        else:
            self.query_one("#period-choice", Select).focus()
        self.refresh_bindings()

    def action_toggle_table(self) -> None:
        self.table_view = not self.table_view
        for widget in self.query(StatChart):
            widget.set_table_view(self.table_view)
        lang = self.desk.lang
        self.notify(t("stats_table_on" if self.table_view else "stats_table_off", lang))
        if self.table_view:  # straight into the numbers, for keyboard and screen reader
            self.chart(CHARTS[0]).table.focus()

    def action_focus_period(self) -> None:
        self.query_one("#period-typed", Input).focus()

    def action_focus_location(self) -> None:
        self.query_one("#location-choice", Select).focus()

    def action_back(self) -> None:
        self.dismiss()

    # ------------------------------------------------------------ language

    def apply_language(self, lang: str) -> None:
        self.query_one("#stats-title", Static).update(t("stats_title", lang))
        tabs = self.query_one("#stats-tabs", TabbedContent)
        tabs.get_tab("figures").label = t("stats_tab_figures", lang)
        tabs.get_tab("a11y").label = t("stats_tab_a11y", lang)
        for label in self.query(".i18n").results(Label):
            label.update(t(label.name or "", lang))
        self.query_one("#period-typed", Input).placeholder = t("stats_period_placeholder", lang)
        period = self.query_one("#period-choice", Select)
        with period.prevent(Select.Changed):
            period.set_options(self._period_options(lang))
            period.value = self.choice
        self._reset_location_options(lang)
        self.query_one("#stats-rule", Static).update(t("stats_rule", lang, n=DEFAULT_THRESHOLD))
        self.show_figures()
        self.show_sites()
