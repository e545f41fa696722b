"""One chart of the statistics screen and the table behind it.

The chart is drawn by textual-plotext (bars for a breakdown, a line for a series); the
table holds the same cells for people who prefer numbers or use a screen reader. The
``table-view`` class on the widget shows the table instead of the chart (styles in
``styles/desk.tcss``). Suppressed cells (``<5``) are in the table but left out of the
chart; the note under the chart names them.
"""

from __future__ import annotations

from math import ceil

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from helpdesk.i18n import t
from helpdesk.stats.council_report import cell_text
from helpdesk.stats.figures import Chart


class StatChart(Vertical):
    """A titled chart that can turn into a table of the same numbers."""

    def __init__(self, key: str, line: bool = False) -> None:
        super().__init__(id=f"chart-{key}", classes="stat-chart")
        self.key = key
        self.line = line  # a time series: a line over the weeks instead of bars
        self.chart: Chart | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="chart-title")
        yield PlotextPlot(id=f"plot-{self.key}", classes="chart-plot")
        yield DataTable(
            id=f"table-{self.key}", classes="chart-table", zebra_stripes=True, cursor_type="row"
        )
        yield Static("", classes="chart-note")

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    @property
    def plot(self) -> PlotextPlot:
        return self.query_one(PlotextPlot)

    def show(self, chart: Chart, lang: str) -> None:
        """Draw ``chart`` and fill its table; words in ``lang``."""
        self.chart = chart
        self.query_one(".chart-title", Static).update(chart.title)
        self._draw(chart, lang)
        self._fill(chart, lang)
        note = ""
        if not chart.rows:
            note = t("stats_no_data", lang)
        elif chart.left_out:
            note = t("stats_left_out", lang, names=", ".join(chart.left_out))
        self.query_one(".chart-note", Static).update(note)

    def _draw(self, chart: Chart, lang: str) -> None:
        plt = self.plot.plt
        plt.clear_data()
        plt.clear_figure()
        drawn = chart.drawn
        if self.line:
            positions = [i for i, (_, v) in enumerate(chart.rows) if isinstance(v, int)]
            if positions:
                plt.plot(positions, [v for _, v in drawn], marker="braille")
                step = max(1, len(chart.rows) // 8)
                ticks = list(range(0, len(chart.rows), step))
                plt.xticks(ticks, [chart.rows[i][0][-3:] for i in ticks])  # 'W40'
                plt.yticks(*_count_ticks(max(v for _, v in drawn)))
        elif drawn:
            plt.bar(
                [name[:24] for name, _ in drawn],
                [v for _, v in drawn],
                orientation="horizontal",
                width=3 / 5,
            )
            plt.xticks(*_count_ticks(max(v for _, v in drawn)))
        plt.xlabel("" if not self.line else t("stats_week", lang))
        self.plot.refresh()

    def _fill(self, chart: Chart, lang: str) -> None:
        table = self.table
        table.clear(columns=True)
        first = t("stats_week", lang) if self.line else chart.title
        table.add_columns(first, t("stats_count", lang))
        for name, value in chart.rows:
            table.add_row(name, cell_text(value, lang))

    def set_table_view(self, on: bool) -> None:
        self.set_class(on, "table-view")

    def cells(self) -> list[tuple[str, str]]:
        """The table's rows as shown (read by tests and by 'copy' features alike)."""
        table = self.table
        return [
            (str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1]))
            for i in range(table.row_count)
        ]


def _count_ticks(top: int) -> tuple[list[int], list[str]]:
    """Whole-number ticks from 0 to ``top`` (people are counted, not measured)."""
    step = max(1, ceil(top / 5))
    ticks = list(range(0, top + step, step))
    return ticks, [str(n) for n in ticks]
