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

from helpdesk.dates import format_date, month_name
from helpdesk.periods import Period
from helpdesk.stats import Dashboard
from helpdesk.suppression import DEFAULT_THRESHOLD, protect
from helpdesk.taxonomy import Taxonomy, UnknownCodeError, taxonomy
from inclusiedesk import paths
from inclusiedesk.html import render

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

TITLES: dict[str, tuple[str, str]] = {
    "by_org": ("Organisaties", "Organisations"),
    "by_government_level": ("Bestuurslagen", "Levels of government"),
    "by_subject": ("Onderwerpen", "Subjects"),
    "by_help_type": ("Soort hulp", "Type of help"),
    "by_channel": ("Kanaal", "Channel"),
    "by_outcome": ("Resultaat", "Outcome"),
    "referrals": ("Doorverwezen naar", "Referred to"),
    "by_age_band": ("Leeftijd", "Age band"),
    "by_first_visit": ("Eerste bezoek", "First visit"),
    "by_barrier": ("Drempels", "Barriers"),
    "by_visitor_type": ("Soort bezoeker", "Type of visitor"),
    "by_location": ("Locaties", "Locations"),
    "by_staff": ("Medewerkers (codes)", "Staff (codes)"),
    "per_week": ("Hulpvragen per week", "Requests per week"),
    "per_month": ("Hulpvragen per maand", "Requests per month"),
}

_FIXED = {
    "unknown": ("onbekend", "unknown"),
    "first": ("eerste bezoek", "first visit"),
    "returning": ("eerder geweest", "been before"),
}
_ORDINAL = {
    "nl": ("eerste", "tweede", "derde", "vierde"),
    "en": ("first", "second", "third", "fourth"),
}


def t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def label(tax: Taxonomy, key: str, code: str, lang: str) -> str:
    """The label of a code in a breakdown; the code itself when the taxonomy lacks it."""
    if code in _FIXED:
        return t(_FIXED[code], lang)
    kind = BREAKDOWNS.get(key)
    if kind is None:
        return code
    try:
        if kind == "referral_target":
            return tax.referral_label(code, lang)
        return tax.label(kind, code, lang)
    except UnknownCodeError:
        return code


def number(n: int | float, lang: str, decimals: int = 0) -> str:
    """1234 -> '1.234' (nl) or '1,234' (en); decimals with ',' in Dutch."""
    text = f"{n:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def cell_text(value: int | str, lang: str) -> str:
    return value if isinstance(value, str) else number(value, lang)


def percent(share: float, lang: str) -> str:
    return f"{number(round(100 * share), lang)}%"


def period_phrase(period: Period, lang: str) -> str:
    """'In het derde kwartaal van 2026' / 'In the third quarter of 2026' etc."""
    start = period.start
    en = lang == "en"
    if period.kind == "year":
        return f"In {start.year}"
    if period.kind == "quarter":
        ordinal = _ORDINAL["en" if en else "nl"][(start.month - 1) // 3]
        return (
            f"In the {ordinal} quarter of {start.year}"
            if en
            else f"In het {ordinal} kwartaal van {start.year}"
        )
    if period.kind == "month":
        return f"In {month_name(start.month, lang)} {start.year}"
    if period.kind == "week":
        iso = start.isocalendar()
        return f"In week {iso.week} of {iso.year}" if en else f"In week {iso.week} van {iso.year}"
    if en:
        return f"From {format_date(start, lang)} to {format_date(period.end, lang)}"
    return f"Van {format_date(start, lang)} tot en met {format_date(period.end, lang)}"


def headline_sentence(period: Period, total: int, solved_share: float, lang: str) -> str:
    """The sentence a manager reads out first."""
    phrase = period_phrase(period, lang)
    if lang == "en":
        times = "time" if total == 1 else "times"
        return (
            f"{phrase} we helped residents {number(total, lang)} {times}; "
            f"{percent(solved_share, lang)} were helped directly at the desk."
        )
    return (
        f"{phrase} hielpen we inwoners {number(total, lang)} keer; "
        f"{percent(solved_share, lang)} werd direct aan de balie geholpen."
    )


def change_sentence(change: int, change_pct: float | None, prev_label: str, lang: str) -> str:
    if change_pct is None:
        return (
            f"No requests in the previous period ({prev_label}) to compare with."
            if lang == "en"
            else f"Geen hulpvragen in de vorige periode ({prev_label}) om mee te vergelijken."
        )
    sign = "+" if change > 0 else ""
    pct = f"{sign}{number(change_pct, lang, 1)}%"
    if lang == "en":
        return f"Change against the previous period ({prev_label}): {sign}{number(change, lang)} ({pct})."
    return f"Verschil met de vorige periode ({prev_label}): {sign}{number(change, lang)} ({pct})."


STAFF_HIDDEN = (
    "niet getoond: een of meer codes tellen minder dan de drempel",
    "not shown: one or more codes count fewer than the threshold",
)
SUPPRESSION_SHORT = (
    "Aantallen van 1 tot {n} staan als <{n}; totalen zijn de echte aantallen.",
    "Counts from 1 to below {n} are shown as <{n}; totals are the real counts.",
)
# The rule of helpdesk.suppression in words for a board or council, one item a line.
SUPPRESSION_RULE = (
    (
        "Een aantal van 1 tot {n} staat in dit verslag als ‘<{n}’, zodat niemand een "
        "inwoner kan herkennen aan een klein aantal. Vanaf {n} staat het echte aantal er.",
        "A count from 1 to below {n} is shown as ‘<{n}’ in this report, so that nobody "
        "can recognise a resident from a small number. From {n} on the real count is shown.",
    ),
    (
        "Totalen en percentages zijn berekend met de echte aantallen.",
        "Totals and percentages are computed from the real counts.",
    ),
    (
        "Het verslag bevat alleen overzichten naar één kenmerk. Combinaties die een "
        "inwoner kunnen aanwijzen, zoals medewerker met leeftijd, worden niet gepubliceerd; "
        "cijfers per medewerker evenmin. In een verslag over één locatie geldt de regel "
        "hierboven voor elke cel.",
        "The report only contains breakdowns by one characteristic. Combinations that "
        "could single out a resident, such as staff with age band, are not published; "
        "nor are figures per staff member. In a report about one location the rule above "
        "applies to every cell.",
    ),
    (
        "Mediaan en 90e percentiel van de bestede minuten ontbreken als minder dan {n} "
        "hulpvragen een tijd hebben.",
        "The median and 90th percentile of minutes are left out when fewer than {n} "
        "requests have a time recorded.",
    ),
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
# breakdowns where one request can count in several rows -> (nl, en) singular noun
MULTI_VALUED = {
    "by_subject": ("onderwerp", "subject"),
    "by_org": ("organisatie", "organisation"),
    "by_government_level": ("bestuurslaag", "level of government"),
    "by_barrier": ("drempel", "barrier"),
}
IMPACT_ORDER = ("critical", "serious", "moderate", "minor")
_W = {  # words of the report: key -> (nl, en)
    "title": ("Statistieken van de informatiebalie", "Statistics of the information desk"),
    "headline": ("Kerncijfers", "Key figures"),
    "requests": ("Hulpvragen", "Requests"),
    "previous": ("Vorige periode", "Previous period"),
    "solved": ("Direct aan de balie opgelost", "Solved directly at the desk"),
    "minutes": ("Bestede tijd", "Time spent"),
    "minutes_fmt": (
        "{total} minuten; mediaan {median}, 90e percentiel {p90} minuten per hulpvraag",
        "{total} minutes; median {median}, 90th percentile {p90} minutes per request",
    ),
    "location": ("Locatie", "Location"),
    "all_locations": ("alle locaties", "all locations"),
    "breakdowns": ("Waarvoor en voor wie", "What for and for whom"),
    "over_time": ("Door de tijd", "Over time"),
    "code": ("Categorie", "Category"),
    "count": ("Aantal", "Count"),
    "share": ("Aandeel", "Share"),
    "week": ("Week", "Week"),
    "month": ("Maand", "Month"),
    "chart_note": (
        "Grafiek: {title}. De cijfers staan in de tabel hieronder.",
        "Chart: {title}. The figures are in the table below.",
    ),
    "table_caption": ("{title} (aantal hulpvragen)", "{title} (number of requests)"),
    "empty": ("Geen hulpvragen in deze periode.", "No requests in this period."),
    "multi": (
        "Eén hulpvraag kan meer dan één {what} hebben; de aantallen tellen daarom op tot meer "
        "dan het totaal.",
        "One request can have more than one {what}; the counts can therefore add up to more "
        "than the total.",
    ),
    "accessibility": ("Toegankelijkheid van de websites", "Accessibility of the websites"),
    "no_scans": (
        "Nog geen scans: er zijn nog geen websites gecontroleerd.",
        "No scans yet: no websites have been checked.",
    ),
    "a11y_error": (
        "De gegevens van de toegankelijkheidscontrole konden niet worden gelezen ({error}).",
        "The data of the accessibility checks could not be read ({error}).",
    ),
    "site": ("Website", "Website"),
    "scanned": ("Laatste controle", "Latest check"),
    "pages": ("Pagina’s gecontroleerd", "Pages checked"),
    "criteria": ("Succescriteria niet gehaald", "Success criteria failed"),
    "statement": ("Toegankelijkheidsverklaring", "Accessibility statement"),
    "yes": ("gevonden", "found"),
    "no": ("niet gevonden", "not found"),
    "trend": ("Verloop (problemen per controle)", "Trend (issues per check)"),
    "a11y_caption": (
        "Laatste controle per website, met problemen naar ernst",
        "Latest check per website, with issues by impact",
    ),
    "a11y_note": (
        "Automatisch gecontroleerd met axe-core tegen WCAG 2.1 niveau AA; een automatische "
        "controle vindt niet alle problemen.",
        "Checked automatically with axe-core against WCAG 2.1 level AA; an automatic check "
        "does not find every problem.",
    ),
    "privacy": ("Bescherming van kleine aantallen", "Protection of small numbers"),
    "about": ("Over dit verslag", "About this report"),
    "about_text": (
        "Gemaakt met inclusiedesk op {when}. Elke hulpvraag aan de balie telt één keer; "
        "een inwoner die twee keer komt, telt twee keer. Periode: {since} tot en met {until} "
        "(lokale tijd).",
        "Made with inclusiedesk on {when}. Each request at the desk counts once; a resident "
        "who comes twice counts twice. Period: {since} to {until} inclusive (local time).",
    ),
}
IMPACT_WORDS = {
    "critical": ("kritiek", "critical"),
    "serious": ("ernstig", "serious"),
    "moderate": ("matig", "moderate"),
    "minor": ("klein", "minor"),
}
# Chart geometry in SVG user units: room for the labels, the longest bar, the value.
_BAR_LABEL_W, _BAR_W, _BAR_VALUE_W, _BAR_ROW_H = 230, 380, 70, 26
_COL_CHART_H, _COL_BASE = 200, 230


def _w(key: str, lang: str, **params: object) -> str:
    return t(_W[key], lang).format(**params)


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
    key: str, values: dict[str, int | str], total: int, tax: Taxonomy, lang: str
) -> dict[str, object]:
    title = t(TITLES[key], lang)
    section: dict[str, object] = {"id": key, "title": title, "empty": None}
    if not values:
        return {**section, "empty": _w("empty", lang)}
    named = [(label(tax, key, code, lang), v) for code, v in values.items()]
    rows = tuple(
        (
            name,
            cell_text(v, lang),
            percent(v / total, lang) if isinstance(v, int) and total else "–",
        )
        for name, v in named
    )
    return {
        **section,
        "chart": _bar_chart(f"chart-{key}", title, named, lang),
        "chart_note": _w("chart_note", lang, title=title),
        "multi": _w("multi", lang, what=t(MULTI_VALUED[key], lang))
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
    title = t(TITLES[key], lang)
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
            f"{t(IMPACT_WORDS[i], lang)} {n}" for i, n in s.issues_by_impact.items()
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
        "Problemen naar ernst" if lang == "nl" else "Issues by impact",
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
    dash_ = "–"
    facts = [
        (_w("requests", lang), number(dash.total, lang)),
        (
            f"{_w('previous', lang)} ({prev['period']['label']})",
            number(prev["total"], lang),
        ),
        (_w("solved", lang), percent(dash.solved_at_desk_share, lang)),
        (
            _w("minutes", lang),
            _w(
                "minutes_fmt",
                lang,
                total=number(mins["total"], lang),
                median=dash_ if mins["median"] is None else mins["median"],
                p90=dash_ if mins["p90"] is None else mins["p90"],
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
        lead=headline_sentence(dash.period, dash.total, dash.solved_at_desk_share, lang),
        change=change_sentence(dash.change, dash.change_pct, prev["period"]["label"], lang),
        facts=facts,
        breakdowns=[_breakdown(k, figures[k], dash.total, tax, lang) for k in REPORT_SECTIONS],
        series=[
            _series("per_month", figures["per_month"], "month", lang),
            _series("per_week", figures["per_week"], "week", lang),
        ],
        a11y=_a11y_section(a11y_db, lang),
        privacy=[t(item, lang).format(n=threshold) for item in SUPPRESSION_RULE],
        about=_w("about_text", lang, when=when, since=dash.period.start, until=dash.period.end),
    )
