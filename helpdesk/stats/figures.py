"""What the statistics screen shows, as plain data: no Textual, no SQL.

The screen may be put on a beamer in front of a board, so it shows the figures the way
they leave the desk: through ``helpdesk.stats.suppression.protect`` (counts of 1 to 4 as
``<5``, totals unchanged, medians left out for fewer than 5 recorded minutes). Words,
labels and number formats are those of the council report (``helpdesk.stats.council_report``),
so the screen and the report never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from helpdesk.i18n import t
from helpdesk.stats import council_report, counting, periods
from helpdesk.stats.council_report import NOT_SHOWN, cell_text, share_text
from helpdesk.stats.counting import UNKNOWN, Dashboard
from helpdesk.stats.periods import Period
from helpdesk.stats.suppression import DEFAULT_THRESHOLD, is_suppressed, protect
from helpdesk.store import Store
from helpdesk.taxonomy import Taxonomy, taxonomy
from inclusiedesk.i18n import number

# Period picker choices, in picker order; "typed" is whatever is in the period box.
PRESETS = ("this_month", "last_month", "this_quarter", "this_year", "last_12_months")
# Breakdowns drawn as bar charts, then the weekly series (key of ``protect``'s figures).
BAR_CHARTS = ("by_org", "by_subject", "by_help_type", "by_outcome", "by_age_band")
SERIES = "per_week"
CHARTS = (*BAR_CHARTS, SERIES)


@dataclass(frozen=True)
class Chart:
    """One chart and the table behind it: labelled cells, some of them ``<5``."""

    key: str
    title: str
    rows: tuple[tuple[str, int | str], ...]
    codes: tuple[str, ...] = ()  # the code of each row, for charts in code order

    @property
    def drawn(self) -> tuple[tuple[str, int], ...]:
        """The bars that are drawn: suppressed cells are left out of the picture."""
        return tuple((name, v) for name, v in self.rows if isinstance(v, int))

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(name for name, v in self.rows if is_suppressed(v))


# Breakdowns whose bars keep the order of their categories instead of biggest first.
ORDERED_BY_CODE = {"by_age_band": "age_band"}
MIN_ROOM = 2  # one bar and the 'other' bar


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart exactly as the widget draws it: plain data a test compares.

    ``value`` is the count as it may be shown: an exact count, or the suppressed text
    (``<5``) of a protected cell, which gets no bar length. A grouped 'other' bar lists the
    labels it stands for in ``members``; its ``value`` is the sum of the members' shown
    counts, and ``suppressed`` says how many members are suppressed: those are left out of
    the sum and written after it (``1.234 + 2× <5``), so no suppressed cell can be worked
    out from the 'other' bar and the cells in the table (see ``bars``).
    """

    label: str
    value: int | str
    text: str  # the count as drawn, numbers in the screen's language
    members: tuple[str, ...] = ()
    suppressed: int = 0

    @property
    def is_other(self) -> bool:
        return bool(self.members)

    @property
    def length(self) -> int:
        """What the bar's length stands for (0 for a suppressed cell: never its value)."""
        return self.value if isinstance(self.value, int) else 0


def bars(chart: Chart, room: int, lang: str, tax: Taxonomy | None = None) -> list[Bar]:
    """The bars of ``chart`` for ``room`` lines: every category its own labelled bar with
    its count, biggest first (age bands in age order); when there are more categories
    than lines, the smallest go into one last 'other' bar (``Overig (n)``).

    Suppression is kept: a suppressed cell shows its ``<5``, never a number. The 'other'
    bar adds up only the shown counts of its members and names the number of suppressed
    members beside it. Adding a suppressed member's real count would let anyone who reads
    the table (where every member is listed) subtract the shown members from the 'other'
    bar and find that cell exactly. What the total minus every shown cell gives (the sum
    of all suppressed cells together) is the same with or without an 'other' bar.
    """
    cells = ordered(chart, tax)
    room = max(room, MIN_ROOM)
    if len(cells) <= room:
        return [Bar(name, value, _count_text(value, lang)) for name, value in cells]
    shown, rest = cells[: room - 1], cells[room - 1 :]
    known = sum(v for _, v in rest if isinstance(v, int))
    hidden = [v for _, v in rest if not isinstance(v, int)]
    text = number(known, lang)
    if hidden:
        text += f" + {len(hidden)}× {hidden[0]}" if len(hidden) > 1 else f" + {hidden[0]}"
    other = Bar(
        t("charts.other", lang, n=len(rest)),
        known,
        text,
        members=tuple(name for name, _ in rest),
        suppressed=len(hidden),
    )
    return [*(Bar(name, value, _count_text(value, lang)) for name, value in shown), other]


def ordered(chart: Chart, tax: Taxonomy | None = None) -> list[tuple[str, int | str]]:
    """The cells of a breakdown in drawing order: biggest first, suppressed cells last
    (they are 1 to N-1); age bands from young to old with 'unknown' last."""
    cells = list(chart.rows)
    order = ORDERED_BY_CODE.get(chart.key)
    if order is None:  # stable: the engine's order (count, then code) breaks ties
        cells.sort(key=lambda cell: -_size(cell[1]))
    elif chart.codes:
        rank = {c.code: i for i, c in enumerate((tax or taxonomy()).codes(order))}
        pairs = sorted(zip(chart.codes, cells, strict=True), key=lambda p: _code_rank(p[0], rank))
        cells = [cell for _, cell in pairs]
    return cells


def _size(value: int | str) -> int:
    """Sort key: a suppressed cell is smaller than every shown cell (it is 1 to N-1)."""
    return value if isinstance(value, int) else 0


def _code_rank(code: str, rank: dict[str, int]) -> int:
    return len(rank) + 1 if code == UNKNOWN else rank.get(code, len(rank))


def _count_text(value: int | str, lang: str) -> str:
    return value if isinstance(value, str) else number(value, lang)


def preset_period(choice: str, today: date) -> Period:
    """The period a picker choice stands for on ``today`` (a local day)."""
    if choice == "this_month":
        return periods.month(today.year, today.month)
    if choice == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return periods.month(last.year, last.month)
    if choice == "this_quarter":
        return periods.quarter(today.year, (today.month - 1) // 3 + 1)
    if choice == "this_year":
        return periods.year_to_date(today)  # compared with the same days a year before
    if choice == "last_12_months":  # whole months only: statistics never cover free ranges
        return periods.last_whole_months(today, 12)
    raise ValueError(f"unknown period choice {choice!r}")


# Bounds wide enough for every stored request (stored UTC format), to list locations.
_EVER = ("2000-01-01T00:00:00.000000Z", "2200-01-01T00:00:00.000000Z")


def dashboard(store: Store, period: Period, location: str | None) -> Dashboard:
    """The engine's figures (real counts); call in a worker with the worker's own store."""
    return counting.dashboard(store, period, location)


def known_locations(store: Store) -> list[str]:
    """Every location with stored requests, for the location picker (from the summaries)."""
    counts = counting.counts_between(store, *_EVER, dims=("location",))
    return sorted(code for (dim, code), n in counts.items() if dim == "location" and n > 0)


def figures(dash: Dashboard, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The dashboard as it may be shown outside the desk screen (``protect``)."""
    return protect(dash, threshold)


def charts(figs: dict[str, Any], tax: Taxonomy, lang: str) -> list[Chart]:
    """Every chart of the screen, labelled in ``lang``, biggest first as the engine sorts."""
    out = []
    for key in BAR_CHARTS:
        rows = tuple(
            (council_report.label(tax, key, code, lang), value) for code, value in figs[key].items()
        )
        out.append(Chart(key, t(f"report.breakdown.{key}", lang), rows, tuple(figs[key])))
    weeks = tuple((w["week"], w["count"]) for w in figs[SERIES])
    out.append(Chart(SERIES, t(f"report.breakdown.{SERIES}", lang), weeks))
    return out


def headline(figs: dict[str, Any], lang: str) -> list[str]:
    """The headline lines: requests, solved at the desk, minutes, change."""
    period = figs["period"]
    prev = figs["previous"]
    minutes = figs["minutes"]
    lines = [
        t(
            "stats_period",
            lang,
            label=period["label"],
            since=period["since"],
            until=period["until"],
        ),
        t("stats_total", lang, n=cell_text(figs["total"], lang)),
    ]
    if is_suppressed(figs["total"]):  # a few residents: their figures are not shown
        lines.append(t("stats_few", lang, n=figs["suppression_threshold"]))
    else:
        lines.append(t("stats_solved", lang, pct=share_text(figs["solved_at_desk_share"], lang)))
        lines.append(_minutes_line(minutes, lang))
    change = prev["change"]
    pct = prev["change_pct"]
    lines.append(
        t(
            "stats_change",
            lang,
            change=NOT_SHOWN
            if change is None
            else f"{'+' if change > 0 else ''}{number(change, lang)}",
            pct="" if pct is None else f" ({'+' if pct > 0 else ''}{number(pct, lang, 1)}%)",
            prev=prev["period"]["label"],
            prev_total=cell_text(prev["total"], lang),
        )
    )
    return lines


def _minutes_line(minutes: dict[str, Any], lang: str) -> str:
    if minutes["median"] is None:
        return t("stats_minutes_few", lang, total=cell_text(minutes["total"], lang))
    return t(
        "stats_minutes",
        lang,
        total=cell_text(minutes["total"], lang),
        median=number(minutes["median"], lang),
        p90=number(minutes["p90"], lang),
    )
