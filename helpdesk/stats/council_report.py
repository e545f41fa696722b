"""The council report in HTML, and the words and numbers it shares with ``helpdesk stats``.

Managers read the figures aloud to a council, so numbers follow the language's own
conventions (1.234 and 68% in Dutch, 1,234 and 68% in English) and every code is shown
with its label from the taxonomy. This module prepares those words and numbers, chart
geometry included; ``html_templates/stats.html`` formats them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from helpdesk.i18n import t
from helpdesk.stats.counting import Dashboard
from helpdesk.stats.periods import Period
from helpdesk.stats.suppression import DEFAULT_THRESHOLD, protect
from helpdesk.taxonomy import Taxonomy, UnknownCodeError, taxonomy
from inclusiedesk import paths
from inclusiedesk.html import render
from inclusiedesk.i18n import format_date, month_name, number, percent

# breakdown key of the protected figures -> taxonomy kind of its codes (None: plain codes)
BREAKDOWNS: dict[str, str | None] = {
    "by_org": "organisation",
    "by_government_level": "government_level",
    "by_subject": "subject",
    "by_help_type": "help_type",
    "by_channel": "channel",
    "by_outcome": "outcome",
    "referrals": "referral_target",
    "by_age_band": "age_band",
    "by_first_visit": None,
    "by_barrier": "barrier",
    "by_visitor_type": "visitor_type",
    "by_location": None,
    "by_staff": None,
}

# codes of a breakdown that are not in the taxonomy (their labels: report.fixed)
FIXED_CODES = ("unknown", "first", "returning")
# the items of the suppression rule in words (report.privacy_rule.N)
PRIVACY_RULES = range(1, 6)
NOT_SHOWN = "–"  # a figure left out to protect residents (a share of a '<5', a hidden median)


def cell_text(value: int | str | None, lang: str) -> str:
    """A published figure: a number in ``lang``; '<5' as it is; left out as '–'."""
    if value is None:
        return NOT_SHOWN
    return value if isinstance(value, str) else number(value, lang)


def share_text(share: float | None, lang: str) -> str:
    return NOT_SHOWN if share is None else percent(share, lang)


def label(tax: Taxonomy, key: str, code: str, lang: str) -> str:
    """The label of a code in a breakdown; the code itself when the taxonomy lacks it."""
    if code in FIXED_CODES:
        return t(f"report.fixed.{code}", lang)
    kind = BREAKDOWNS.get(key)
    if kind is None:
        return code
    try:
        if kind == "referral_target":
            return tax.referral_label(code, lang)
        return tax.label(kind, code, lang)
    except UnknownCodeError:
        return code


def period_phrase(period: Period, lang: str) -> str:
    """'In het derde kwartaal van 2026' / 'In the third quarter of 2026' etc."""
    start = period.start
    if period.kind == "year":
        return t("report.period.year", lang, year=start.year)
    if period.kind == "quarter":
        ordinal = t(f"report.quarter.{(start.month - 1) // 3 + 1}", lang)
        return t("report.period.quarter", lang, ordinal=ordinal, year=start.year)
    if period.kind == "month":
        return t("report.period.month", lang, month=month_name(start.month, lang), year=start.year)
    if period.kind == "week":
        iso = start.isocalendar()
        return t("report.period.week", lang, week=iso.week, year=iso.year)
    return t(
        "report.period.range",
        lang,
        start=format_date(start, lang),
        end=format_date(period.end, lang),
    )


def headline_sentence(period: Period, figures: dict, lang: str) -> str:
    """The sentence a manager reads out first, from the published figures."""
    total = figures["total"]
    if isinstance(total, str):
        n = figures["suppression_threshold"]
        return t("report.sentence.headline_small", lang, phrase=period_phrase(period, lang), n=n)
    return t(
        "report.sentence.headline",
        lang,
        n=total,
        phrase=period_phrase(period, lang),
        total=number(total, lang),
        pct=share_text(figures["solved_at_desk_share"], lang),
    )


def change_sentence(figures: dict, lang: str) -> str:
    prev = figures["previous"]
    change, change_pct, prev_label = prev["change"], prev["change_pct"], prev["period"]["label"]
    if change is None:
        n = figures["suppression_threshold"]
        return t("report.sentence.previous_small", lang, prev=prev_label, n=n)
    if change_pct is None:
        return t("report.sentence.no_previous", lang, prev=prev_label)
    sign = "+" if change > 0 else ""
    return t(
        "report.sentence.change",
        lang,
        prev=prev_label,
        change=f"{sign}{number(change, lang)}",
        pct=f"{sign}{number(change_pct, lang, 1)}%",
    )


# ------------------------------------------------------------------ the HTML report

REPORT_SECTIONS = (  # breakdowns shown in the council report, in this order
    "by_subject",
    "by_org",
    "by_government_level",
    "by_help_type",
    "by_outcome",
    "referrals",
    "by_channel",
    "by_age_band",
    "by_first_visit",
    "by_visitor_type",
    "by_barrier",
    "by_location",
)
# breakdowns where one request can count in several rows (their noun: report.multi_noun)
MULTI_VALUED = ("by_subject", "by_org", "by_government_level", "by_barrier")
IMPACT_ORDER = ("critical", "serious", "moderate", "minor")
# Chart geometry in SVG user units: room for the labels, the longest bar, the value.
_BAR_LABEL_W, _BAR_W, _BAR_VALUE_W, _BAR_ROW_H = 230, 380, 70, 26
_COL_CHART_H, _COL_BASE = 200, 230


def _w(key: str, lang: str, **fields: object) -> str:
    return t(f"report.{key}", lang, **fields)


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart; ``width`` None: suppressed, so no bar at all."""

    label: str
    value: str
    text_y: int  # baseline of the label and the value
    bar_y: int
    width: int | None
    value_x: int


@dataclass(frozen=True)
class Column:
    """One column of a chart over time; ``label`` under every fourth column only."""

    x: int
    y: int
    height: int | None
    label: str | None


@dataclass(frozen=True)
class Chart:
    """An SVG chart as numbers and words; ``_charts.html`` draws it.

    Bars start at ``axis_x`` (the labels end just left of it) and are ``bar_height``
    high; columns stand on the line at ``axis_y`` and are ``bar_width`` wide, with the
    top value printed at ``top_y`` and the period labels at ``label_y``.
    """

    id: str
    kind: str  # 'bars' or 'columns'
    title: str
    width: int
    height: int
    axis_x: int = 0
    axis_y: int = 0
    bar_height: int = 0
    bar_width: int = 0
    bars: tuple[Bar, ...] = ()
    columns: tuple[Column, ...] = ()
    top: str = ""  # the value at the top of the column axis
    top_y: int = 0
    label_y: int = 0


@dataclass(frozen=True)
class Table:
    """A table whose first column heads its row; the other cells are numbers."""

    id: str
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _bar_chart(chart_id: str, title: str, rows: list[tuple[str, int | str]], lang: str) -> Chart:
    """Horizontal bars; a suppressed cell gets no bar (its length would tell the count)."""
    top = max((v for _, v in rows if isinstance(v, int)), default=0) or 1
    bars = []
    for i, (name, value) in enumerate(rows):
        width = max(1, round(_BAR_W * value / top)) if isinstance(value, int) else None
        bars.append(
            Bar(
                label=name if len(name) <= 30 else name[:29] + "…",
                value=cell_text(value, lang),
                text_y=4 + i * _BAR_ROW_H + 17,
                bar_y=4 + i * _BAR_ROW_H + 3,
                width=width,
                value_x=_BAR_LABEL_W + (width or 0) + 6,
            )
        )
    return Chart(
        id=chart_id,
        kind="bars",
        title=title,
        width=_BAR_LABEL_W + _BAR_W + _BAR_VALUE_W,
        height=_BAR_ROW_H * len(rows) + 8,
        axis_x=_BAR_LABEL_W,
        bar_height=_BAR_ROW_H - 8,
        bars=tuple(bars),
    )


def _column_chart(chart_id: str, title: str, rows: list[tuple[str, int | str]], lang: str) -> Chart:
    """Vertical bars over time, a label under every fourth bar."""
    col_w = max(8, min(40, 660 // max(1, len(rows))))
    top = max((v for _, v in rows if isinstance(v, int)), default=0) or 1
    columns = []
    for i, (name, value) in enumerate(rows):
        height = (
            max(1, round(_COL_CHART_H * value / top)) if isinstance(value, int) and value else None
        )
        columns.append(
            Column(
                x=60 + i * col_w,
                y=_COL_BASE - (height or 0),
                height=height,
                label=name[-3:] if i % 4 == 0 else None,
            )
        )
    return Chart(
        id=chart_id,
        kind="columns",
        title=title,
        width=60 + col_w * len(rows) + 10,
        height=_COL_BASE + 30,
        axis_y=_COL_BASE,
        bar_width=col_w - 2,
        columns=tuple(columns),
        top=number(top, lang),
        top_y=_COL_BASE - _COL_CHART_H + 4,
        label_y=_COL_BASE + 18,
    )


def _breakdown(
    key: str, values: dict[str, int | str], total: int | str, tax: Taxonomy, lang: str
) -> dict[str, object]:
    title = t(f"report.breakdown.{key}", lang)
    section: dict[str, object] = {"id": key, "title": title, "empty": None}
    if not values:
        return {**section, "empty": _w("empty", lang)}
    named = [(label(tax, key, code, lang), v) for code, v in values.items()]
    rows = tuple(
        (
            name,
            cell_text(v, lang),
            percent(min(1.0, v / total), lang)
            if isinstance(v, int) and isinstance(total, int) and total
            else NOT_SHOWN,
        )
        for name, v in named
    )
    return {
        **section,
        "chart": _bar_chart(f"chart-{key}", title, named, lang),
        "chart_note": _w("chart_note", lang, title=title),
        "multi": _w("multi", lang, what=t(f"report.multi_noun.{key}", lang))
        if key in MULTI_VALUED
        else None,
        "table": Table(
            f"table-{key}",
            _w("table_caption", lang, title=title),
            (_w("code", lang), _w("count", lang), _w("share", lang)),
            rows,
        ),
    }


def _series(key: str, rows: list[dict], unit: str, lang: str) -> dict[str, object]:
    title = t(f"report.breakdown.{key}", lang)
    values = [(r[unit], r["count"]) for r in rows]
    chart = _column_chart if unit == "week" else _bar_chart
    return {
        "id": key,
        "title": title,
        "empty": None,
        "chart": chart(f"chart-{key}", title, values, lang),
        "chart_note": _w("chart_note", lang, title=title),
        "multi": None,
        "table": Table(
            f"table-{key}",
            _w("table_caption", lang, title=title),
            (_w(unit, lang), _w("count", lang)),
            tuple((name, cell_text(v, lang)) for name, v in values),
        ),
    }


# ------------------------------------------------------------------ accessibility


@dataclass(frozen=True)
class SiteA11y:
    """The latest scan of one website, and how its issue count went over the scans."""

    site: str
    scanned_at: str
    pages_checked: int
    failing_criteria: tuple[str, ...]
    issues_by_impact: dict[str, int]
    statement_found: bool
    trend: tuple[tuple[str, int], ...]  # (scan date, violations), oldest first


def a11y_db_path() -> Path:
    """Where the a11y package keeps its scans (A11Y_DB, else the user data folder)."""
    return paths.scans_db_path()


def site_summaries(path: Path | None = None) -> list[SiteA11y] | None:
    """Latest figures per scanned site; None when no scans database exists yet."""
    path = path or a11y_db_path()
    if not path.is_file():
        return None
    import a11y  # loaded only when there is something to read

    out = []
    for site in a11y.site_summaries(path):  # SQL aggregates, no report built per site
        impacts: Counter[str] = Counter()
        for impact, count in site.violations_by_impact.items():
            impacts[impact or "minor"] += count
        out.append(
            SiteA11y(
                site=site.site,
                scanned_at=site.started_at[:10],
                pages_checked=site.pages_checked,
                failing_criteria=site.failing_criteria,
                issues_by_impact={i: impacts[i] for i in IMPACT_ORDER if impacts[i]},
                statement_found=site.statement_found,
                trend=tuple((started[:10], n) for started, n in reversed(site.history[:6])),
            )
        )
    return out


def _a11y_section(path: Path | None, lang: str) -> dict[str, object]:
    """The websites' latest checks; a message instead when there are none or they fail."""
    section: dict[str, object] = {"title": _w("accessibility", lang), "message": None}
    try:
        sites = site_summaries(path)
    except Exception as exc:  # the a11y package is young; the report must still appear
        return {**section, "message": _w("a11y_error", lang, error=type(exc).__name__)}
    if not sites:
        return {**section, "message": _w("no_scans", lang)}
    rows = []
    for s in sites:
        impacts = ", ".join(
            f"{t(f'report.impact.{i}', lang)} {n}" for i, n in s.issues_by_impact.items()
        )
        rows.append(
            (
                s.site,
                s.scanned_at,
                number(s.pages_checked, lang),
                f"{len(s.failing_criteria)}"
                + (f" ({', '.join(s.failing_criteria)})" if s.failing_criteria else ""),
                impacts or "0",
                _w("yes" if s.statement_found else "no", lang),
                " → ".join(number(n, lang) for _, n in s.trend),
            )
        )
    cols = ("site", "scanned", "pages", "criteria")
    head_cells = tuple(_w(c, lang) for c in cols) + (
        _w("sentence.impact_column", lang),
        _w("statement", lang),
        _w("trend", lang),
    )
    table = Table("table-accessibility", _w("a11y_caption", lang), head_cells, tuple(rows))
    return {**section, "note": _w("a11y_note", lang), "table": table}


# ------------------------------------------------------------------ assembling


def render_report(
    dash: Dashboard,
    lang: str = "nl",
    threshold: int = DEFAULT_THRESHOLD,
    a11y_db: Path | None = None,
    generated_at: datetime | None = None,
) -> str:
    """The self-contained council report: no scripts, no external files, inline SVG."""
    tax = taxonomy()
    figures = protect(dash, threshold)
    when = (generated_at or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")
    title = _w("title", lang)
    place = dash.location or _w("all_locations", lang)
    prev = figures["previous"]
    mins = figures["minutes"]
    facts = [
        (_w("requests", lang), cell_text(figures["total"], lang)),
        (
            f"{_w('previous', lang)} ({prev['period']['label']})",
            cell_text(prev["total"], lang),
        ),
        (_w("solved", lang), share_text(figures["solved_at_desk_share"], lang)),
        (
            _w("minutes", lang),
            _w(
                "minutes_fmt",
                lang,
                total=cell_text(mins["total"], lang),
                median=cell_text(mins["median"], lang),
                p90=cell_text(mins["p90"], lang),
            ),
        ),
        (_w("location", lang), place),
    ]
    return render(
        "helpdesk",
        "html_templates",
        "stats.html",
        lang=lang,
        title=f"{title}: {dash.period.label} ({place})",
        heading=f"{title}: {dash.period.label}",
        words={k: _w(k, lang) for k in ("headline", "breakdowns", "over_time", "privacy", "about")},
        lead=headline_sentence(dash.period, figures, lang),
        change=change_sentence(figures, lang),
        facts=facts,
        breakdowns=[
            _breakdown(k, figures[k], figures["total"], tax, lang) for k in REPORT_SECTIONS
        ],
        series=[
            _series("per_month", figures["per_month"], "month", lang),
            _series("per_week", figures["per_week"], "week", lang),
        ],
        a11y=_a11y_section(a11y_db, lang),
        privacy=[t(f"report.privacy_rule.{i}", lang, n=threshold) for i in PRIVACY_RULES],
        about=_w("about_text", lang, when=when, since=dash.period.start, until=dash.period.end),
    )
