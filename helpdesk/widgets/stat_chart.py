"""One chart of the statistics screen and the table behind it.

A breakdown is drawn as text bars (``BarRows``): every line one category with its label,
a bar and its exact count written out, from the plain rows of
``helpdesk.stats.figures.bars`` for the lines the widget has; the smallest categories
share one 'other' bar when they do not fit, and the note under the chart names them. A
series (requests per week) is a textual-plotext line. The table holds the same cells for
people who prefer numbers or use a screen reader; the ``table-view`` class on the widget
shows the table instead of the chart (styles in ``styles/stats.tcss``). Suppressed cells
show their ``<5`` and get no bar; in the line they are left out and named in the note.
"""

from __future__ import annotations

from math import ceil

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from helpdesk.i18n import t
from helpdesk.stats.council_report import cell_text
from helpdesk.stats.figures import Bar, Chart, bars, ordered

BAR = "█"
MIN_LABEL = 10  # label columns kept even on a narrow chart


def bar_lines(rows: list[Bar], width: int) -> list[tuple[str, str, str]]:
    """Each bar as (label, bar, count) text for a line ``width`` cells wide.

    The count is written after the bar, so it is read as text, never only as a length;
    a label too long for its column is cut with an ellipsis.
    """
    if not rows:
        return []
    count_width = max(len(r.text) for r in rows)
    label_width = min(max(len(r.label) for r in rows), max(MIN_LABEL, (width - count_width) // 2))
    room = max(1, width - label_width - count_width - 2)
    top = max((r.length for r in rows), default=0)
    out = []
    for row in rows:
        label = row.label
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        size = 0 if top == 0 else max(1 if row.length else 0, round(row.length / top * room))
        out.append((label.ljust(label_width) + " ", BAR * size, " " + row.text))
    return out


class BarRows(Widget):
    """Horizontal bars as text lines: label, bar, exact count (see ``bar_lines``)."""

    COMPONENT_CLASSES = {"bar-rows--bar", "bar-rows--other"}

    class Redrawn(Message):
        """The bars changed with the widget's size (the chart's note follows)."""

    def __init__(self, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.chart: Chart | None = None
        self.lang = "nl"
        self.shown: list[Bar] = []  # the bars of the last drawing (read by tests)

    def show(self, chart: Chart, lang: str) -> None:
        self.chart, self.lang = chart, lang
        self.shown = self._rows()
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line a category; the styles' max-height caps it (the rest share a line)."""
        return max(1, len(self.chart.rows)) if self.chart else 1

    def _rows(self) -> list[Bar]:
        height = self.content_size.height
        if self.chart is None or height <= 0:
            return []
        return bars(self.chart, height, self.lang)

    def on_resize(self) -> None:
        rows = self._rows()
        if rows != self.shown:
            self.shown = rows
            self.post_message(self.Redrawn())
        self.refresh()

    def lines(self) -> list[str]:
        """The lines as drawn, plain text."""
        return ["".join(parts) for parts in bar_lines(self.shown, self.content_size.width)]

    def render(self) -> Text:
        style = self.get_component_rich_style("bar-rows--bar")
        other = self.get_component_rich_style("bar-rows--other")  # not one category
        text = Text(no_wrap=True, overflow="crop")
        lines = bar_lines(self.shown, self.content_size.width)
        for i, (row, (label, bar, count)) in enumerate(zip(self.shown, lines, strict=True)):
            if i:
                text.append("\n")
            text.append(label)
            text.append(bar, other if row.is_other else style)
            text.append(count)
        return text


class StatChart(Vertical):
    """A titled chart that can turn into a table of the same numbers."""

    def __init__(self, key: str, line: bool = False) -> None:
        super().__init__(id=f"chart-{key}", classes="stat-chart")
        self.key = key
        self.line = line  # a time series: a line over the weeks instead of bars
        self.chart: Chart | None = None
        self.lang = "nl"

    def compose(self) -> ComposeResult:
        yield Static("", classes="chart-title")
        if self.line:
            yield PlotextPlot(id=f"plot-{self.key}", classes="chart-plot")
        else:
            yield BarRows(id=f"plot-{self.key}", classes="chart-plot bar-rows")
        yield Static("", classes="chart-note")

    @property
    def table(self) -> DataTable:
        """The numbers as a table, made the first time it is asked for ('t', a test): six
        hidden tables were a fifth of the time it takes to open the screen."""
        found = self.query(DataTable)
        if found:
            return found.first()
        table = DataTable(
            id=f"table-{self.key}", classes="chart-table", zebra_stripes=True, cursor_type="row"
        )
        self.mount(table, after=self.plot)
        if self.chart is not None:
            self._fill(table, self.chart, self.lang)
        return table

    @property
    def plot(self) -> PlotextPlot | BarRows:
        """The drawing: a plotext line for a series, text bars for a breakdown."""
        return self.query_one(".chart-plot", Widget)  # type: ignore[return-value]

    def show(self, chart: Chart, lang: str) -> None:
        """Draw ``chart`` and fill its table; words in ``lang``."""
        self.chart, self.lang = chart, lang
        self.query_one(".chart-title", Static).update(chart.title)
        self._draw(chart, lang)
        if self.query(DataTable):
            self._fill(self.table, chart, lang)
        self._note()

    def _note(self) -> None:
        """Under the chart: no data, the weeks not drawn, or who is in the 'other' bar."""
        chart, lang, note = self.chart, self.lang, ""
        plot = self.plot
        if chart is None:
            return
        if not chart.rows:
            note = t("stats_no_data", lang)
        elif isinstance(plot, BarRows):
            other = [bar for bar in plot.shown if bar.is_other]
            if other:
                note = t("charts.other_members", lang, names=", ".join(other[0].members))
        elif chart.left_out:
            note = t("stats_left_out", lang, names=", ".join(chart.left_out))
        self.query_one(".chart-note", Static).update(note)

    def on_bar_rows_redrawn(self, event: BarRows.Redrawn) -> None:
        event.stop()
        self._note()

    def _draw(self, chart: Chart, lang: str) -> None:
        plot = self.plot
        if isinstance(plot, BarRows):
            plot.show(chart, lang)
            return
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        drawn = chart.drawn
        positions = [i for i, (_, v) in enumerate(chart.rows) if isinstance(v, int)]
        if positions:
            plt.plot(positions, [v for _, v in drawn], marker="braille")
            step = max(1, len(chart.rows) // 8)
            ticks = list(range(0, len(chart.rows), step))
            plt.xticks(ticks, [chart.rows[i][0][-3:] for i in ticks])  # 'W40'
            plt.yticks(*_count_ticks(max(v for _, v in drawn)))
        plt.xlabel(t("stats_week", lang))
        plot.refresh()

    def _fill(self, table: DataTable, chart: Chart, lang: str) -> None:
        table.clear(columns=True)
        first = t("stats_week", lang) if self.line else chart.title
        table.add_columns(first, t("stats_count", lang))
        for name, value in chart.rows if self.line else ordered(chart):
            table.add_row(name, cell_text(value, lang))

    def set_table_view(self, on: bool) -> None:
        if on:
            self.table  # noqa: B018 - made on first use
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
