"""What every self-contained HTML page of the desk shares: the skeleton and spelled-out dates.

The resident's handout (``handout.py``) and the council report (``report_stats.py``) are
both single files that must open, print and pass axe-core on any computer: no scripts,
no external files, a ``lang`` attribute, a viewport for phones, a title. Keeping that
skeleton in one place means a fix to it (say, a new meta element) reaches both pages.
Dates are spelled out with the month's name because '3-4-2026' reads as 3 April to a
Dutch resident and as 4 March to many others.
"""

from __future__ import annotations

import datetime as dt
from html import escape

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def month_name(month: int, lang: str) -> str:
    """The name of month 1-12 in ``lang`` (Dutch for any language other than English)."""
    return MONTHS["en" if lang == "en" else "nl"][month - 1]


def format_date(day: dt.date, lang: str) -> str:
    """'3 april 2026' / '3 April 2026': a date nobody can read the wrong way round."""
    return f"{day.day} {month_name(day.month, lang)} {day.year}"


def page(*, lang: str, title: str, css: str, body: str) -> str:
    """A complete HTML document around ``body`` (HTML, not escaped) with inline ``css``.

    ``title`` is plain text and is escaped here, so callers cannot forget it.
    """
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
