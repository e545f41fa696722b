"""Dates spelled out with the month's name, in Dutch or English.

'3-4-2026' reads as 3 April to a Dutch resident and as 4 March to many others, so the
handout and the council report write '3 april 2026' / '3 April 2026'.
"""

from __future__ import annotations

import datetime as dt

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
