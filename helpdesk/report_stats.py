"""The council report in HTML, and the words and numbers it shares with ``helpdesk stats``.

Managers read the figures aloud to a council, so numbers follow the language's own
conventions (1.234 and 68% in Dutch, 1,234 and 68% in English) and every code is shown
with its label from the taxonomy.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from helpdesk.html_page import format_date, month_name, page
from helpdesk.periods import Period
from helpdesk.settings import APP_NAME
from helpdesk.stats import Dashboard
from helpdesk.suppression import DEFAULT_THRESHOLD, protect
from helpdesk.taxonomy import Taxonomy, UnknownCodeError, taxonomy

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
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;
background:#fff;line-height:1.5;margin:0}
main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.8rem;margin:.5rem 0}h2{margin-top:2.5rem;border-bottom:2px solid #1c5a87}
h3{margin-top:2rem}.lead{font-size:1.25rem}
dl.figures{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.figures dt{font-weight:600}dl.figures dd{margin:0}
figure{margin:1rem 0 .5rem}svg{max-width:100%;height:auto}figcaption{font-size:.95rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;min-width:20rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.25rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}thead th{background:#e8eef4}
@media print{h2{break-before:auto}figure,table{break-inside:avoid}}
"""
_BAR = "#1c5a87"  # contrast 7.6:1 on white
_INK = "#1a1a1a"


def _w(key: str, lang: str, **params: object) -> str:
    return t(_W[key], lang).format(**params)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _bar_svg(chart_id: str, title: str, rows: list[tuple[str, int | str]], lang: str) -> str:
    """Horizontal bars; a suppressed cell gets no bar (its length would tell the count)."""
    label_w, bar_w, value_w, row_h = 230, 380, 70, 26
    shown = [v for _, v in rows if isinstance(v, int)]
    top = max(shown, default=0) or 1
    height = row_h * len(rows) + 8
    parts = [
        f'<svg role="img" aria-labelledby="{chart_id}-title" viewBox="0 0 '
        f'{label_w + bar_w + value_w} {height}" width="{label_w + bar_w + value_w}" '
        f'height="{height}">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
    ]
    for i, (name, value) in enumerate(rows):
        y = 4 + i * row_h
        short = name if len(name) <= 30 else name[:29] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="14" '
            f'fill="{_INK}">{_e(short)}</text>'
        )
        if isinstance(value, int):
            width = max(1, round(bar_w * value / top))
            parts.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 8}" '
                f'fill="{_BAR}"/>'
            )
            end = label_w + width
        else:
            end = label_w
        parts.append(
            f'<text x="{end + 6}" y="{y + 17}" font-size="14" fill="{_INK}">'
            f"{_e(cell_text(value, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _column_svg(chart_id: str, title: str, rows: list[tuple[str, int | str]], lang: str) -> str:
    """Vertical bars over time, a label under every fourth bar."""
    chart_h, base, col_w = 200, 230, max(8, min(40, 660 // max(1, len(rows))))
    width = 60 + col_w * len(rows) + 10
    shown = [v for _, v in rows if isinstance(v, int)]
    top = max(shown, default=0) or 1
    parts = [
        f'<svg role="img" aria-labelledby="{chart_id}-title" viewBox="0 0 {width} {base + 30}" '
        f'width="{width}" height="{base + 30}">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
        f'<text x="4" y="{base - chart_h + 4}" font-size="12" fill="{_INK}">'
        f"{_e(number(top, lang))}</text>",
        f'<line x1="56" y1="{base}" x2="{width - 6}" y2="{base}" stroke="{_INK}"/>',
    ]
    for i, (name, value) in enumerate(rows):
        x = 60 + i * col_w
        if isinstance(value, int) and value:
            h = max(1, round(chart_h * value / top))
            parts.append(
                f'<rect x="{x}" y="{base - h}" width="{col_w - 2}" height="{h}" fill="{_BAR}"/>'
            )
        if i % 4 == 0:
            parts.append(
                f'<text x="{x}" y="{base + 18}" font-size="11" fill="{_INK}">{_e(name[-3:])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _table(table_id: str, caption: str, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = [f'<table id="{table_id}"><caption>{_e(caption)}</caption><thead><tr>']
    out += [f'<th scope="col">{_e(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(f'<tr><th scope="row">{_e(row[0])}</th>')
        out += [f'<td class="n">{_e(v)}</td>' for v in row[1:]]
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _breakdown(key: str, values: dict[str, int | str], total: int, tax: Taxonomy, lang: str) -> str:
    title = t(TITLES[key], lang)
    parts = [f'<section id="{key}" aria-labelledby="{key}-h"><h3 id="{key}-h">{_e(title)}</h3>']
    if not values:
        return "".join(parts) + f"<p>{_w('empty', lang)}</p></section>"
    named = [(label(tax, key, code, lang), v) for code, v in values.items()]
    parts.append(f"<figure>{_bar_svg(f'chart-{key}', title, named, lang)}")
    parts.append(f"<figcaption>{_e(_w('chart_note', lang, title=title))}</figcaption></figure>")
    if key in MULTI_VALUED:
        what = t(MULTI_VALUED[key], lang)
        parts.append(f"<p>{_e(_w('multi', lang, what=what))}</p>")
    rows = [
        (
            name,
            cell_text(v, lang),
            percent(v / total, lang) if isinstance(v, int) and total else "–",
        )
        for name, v in named
    ]
    head = (_w("code", lang), _w("count", lang), _w("share", lang))
    caption = _w("table_caption", lang, title=title)
    parts.append(_table(f"table-{key}", caption, head, rows))
    return "".join(parts) + "</section>"


def _series_section(key: str, rows: list[dict], unit: str, lang: str) -> str:
    title = t(TITLES[key], lang)
    values = [(r[unit], r["count"]) for r in rows]
    chart = (
        _column_svg(f"chart-{key}", title, values, lang)
        if unit == "week"
        else _bar_svg(f"chart-{key}", title, values, lang)
    )
    head = (_w(unit, lang), _w("count", lang))
    table = _table(
        f"table-{key}",
        _w("table_caption", lang, title=title),
        head,
        [(name, cell_text(v, lang)) for name, v in values],
    )
    return (
        f'<section id="{key}" aria-labelledby="{key}-h"><h3 id="{key}-h">{_e(title)}</h3>'
        f"<figure>{chart}<figcaption>{_e(_w('chart_note', lang, title=title))}</figcaption>"
        f"</figure>{table}</section>"
    )


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
    override = os.environ.get("A11Y_DB")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME)) / "a11y.db"


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


def _a11y_section(path: Path | None, lang: str) -> str:
    head = f'<section id="accessibility" aria-labelledby="accessibility-h"><h2 id="accessibility-h">{_w("accessibility", lang)}</h2>'
    try:
        sites = site_summaries(path)
    except Exception as exc:  # the a11y package is young; the report must still appear
        return head + f"<p>{_e(_w('a11y_error', lang, error=type(exc).__name__))}</p></section>"
    if not sites:
        return head + f"<p>{_w('no_scans', lang)}</p></section>"
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
    return (
        head
        + f"<p>{_e(_w('a11y_note', lang))}</p>"
        + _table("table-accessibility", _w("a11y_caption", lang), head_cells, rows)
        + "</section>"
    )


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
    body = [
        f"<h1>{_e(title)}: {_e(dash.period.label)}</h1>",
        '<section id="headline" aria-labelledby="headline-h">',
        f'<h2 id="headline-h">{_w("headline", lang)}</h2>',
        f'<p class="lead">{_e(headline_sentence(dash.period, dash.total, dash.solved_at_desk_share, lang))}</p>',
        f"<p>{_e(change_sentence(dash.change, dash.change_pct, prev['period']['label'], lang))}</p>",
        '<dl class="figures">',
        *(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts),
        "</dl></section>",
        '<section id="breakdowns" aria-labelledby="breakdowns-h">',
        f'<h2 id="breakdowns-h">{_w("breakdowns", lang)}</h2>',
        *(_breakdown(k, figures[k], dash.total, tax, lang) for k in REPORT_SECTIONS),
        "</section>",
        '<section id="over-time" aria-labelledby="over-time-h">',
        f'<h2 id="over-time-h">{_w("over_time", lang)}</h2>',
        _series_section("per_month", figures["per_month"], "month", lang),
        _series_section("per_week", figures["per_week"], "week", lang),
        "</section>",
        _a11y_section(a11y_db, lang),
        '<section id="privacy" aria-labelledby="privacy-h">',
        f'<h2 id="privacy-h">{_w("privacy", lang)}</h2><ul>',
        *(f"<li>{_e(t(item, lang).format(n=threshold))}</li>" for item in SUPPRESSION_RULE),
        "</ul></section>",
        '<section id="about" aria-labelledby="about-h">',
        f'<h2 id="about-h">{_w("about", lang)}</h2>',
        f"<p>{_e(_w('about_text', lang, when=when, since=dash.period.start, until=dash.period.end))}</p>",
        "</section>",
    ]
    return page(
        lang=lang,
        title=f"{title}: {dash.period.label} ({place})",
        css=_CSS,
        body="<main>\n" + "\n".join(body) + "\n</main>",
    )
