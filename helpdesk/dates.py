"""Follow-up dates and times as Dutch counter staff write them, and what was understood.

Staff write `9-12-2026`, `9 dec`, `morgen`, `dinsdag`, `10.30` or `10 uur`, not ISO
dates; the desk used to refuse all of those. ``parse_date`` and ``parse_time`` accept
the forms below and raise ``DateError`` (a message key with its fields, so the error
reads in both languages) for anything else; ``describe`` says the result back in words
("dinsdag 9 december 2026 10:30"), which the form shows next to the boxes so a wrong
guess is seen before it is saved.

Dates: `2026-12-09`; day-month(-year) with `-`, `/` or `.` (`9-12-2026`, `9/12/26`,
`9-12`); a day and a month name or its start (`9 dec`, `9 december 2026`, in English
also `December 9`); `vandaag`, `morgen`, `overmorgen`; a weekday (`dinsdag`, `di`,
`volgende dinsdag`: the next Tuesday after today); a weekday before a date must agree
with it. The words are the interface language's (English ones in English); numbers
work in both. Day and month always go in that order, as in the Netherlands. A date
without a year is the next one from today on: follow-ups lie ahead.

Times: `10:30`, `10.30`, `1030`, `930`, `10u30`, `10u`, `10 uur`, `10`, `half 11`
(10:30, the Dutch way), and in English also `10am`, `2:30 pm`, `10 o'clock`.

Plain functions with ``today`` passed in, so tests fix the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from helpdesk import clock
from helpdesk.i18n import t
from helpdesk.matching import fold
from inclusiedesk.i18n import format_date, month_name

RELATIVE = {
    "nl": {"vandaag": 0, "morgen": 1, "overmorgen": 2},
    "en": {"today": 0, "tomorrow": 1, "day after tomorrow": 2, "the day after tomorrow": 2},
}
NEXT = {"nl": ("volgende", "aanstaande", "komende"), "en": ("next", "this", "coming")}
EXTRA_MONTHS = {"nl": {"mrt": 3, "sept": 9}, "en": {"sept": 9}}
MIN_WEEKDAY, MIN_MONTH = 2, 3  # letters needed: "di", "dec"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|e|ste|de)?$")


@dataclass
class DateError(ValueError):
    """Typed text that is not a date or time: a message key and its fields."""

    key: str
    fields: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(f"words.{self.key}", lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")


def weekday_name(day: int, lang: str) -> str:
    """Monday = 0, as ``date.weekday``: 'maandag' / 'Monday'."""
    return t(f"words.weekday.{day}", lang)


def _unique_prefix(word: str, names: dict[str, int], minimum: int) -> int | None:
    """The value of the only name ``word`` starts (at least ``minimum`` letters)."""
    if word in names:
        return names[word]
    if len(word) < minimum:
        return None
    found = {value for name, value in names.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _weekday(word: str, lang: str) -> int | None:
    names = {fold(weekday_name(n, lang)): n for n in range(7)}
    return _unique_prefix(word, names, MIN_WEEKDAY)


def _month(word: str, lang: str) -> int | None:
    names = {fold(month_name(m, lang)): m for m in range(1, 13)} | EXTRA_MONTHS[lang]
    return _unique_prefix(word, names, MIN_MONTH)


def _make(year: int, month: int, day: int, typed: str) -> date:
    if not clock.YEAR_MIN <= year <= clock.YEAR_MAX:
        raise DateError("date_range")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("date_invalid", {"text": typed}) from None


def _ahead(month: int, day: int, today: date, typed: str) -> date:
    """Day and month without a year: this year's, or next year's when that has passed."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise DateError("date_invalid", {"text": typed})
    for year in (today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4):
        try:
            found = date(year, month, day)
        except ValueError:
            continue  # 29 February: the next leap year
        if found >= today:
            return found
    raise DateError("date_invalid", {"text": typed})


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _with_words(words: list[str], today: date, lang: str, typed: str) -> date | None:
    """A day number and a month name in either order, with an optional year."""
    day = month = year = None
    for word in words:
        number = _ORDINAL.match(word)
        if word.isdigit() and len(word) == 4 and year is None:
            year = int(word)
        elif number and day is None:
            day = int(number.group(1))
        elif month is None and (found := _month(word, lang)) is not None:
            month = found
        else:
            return None
    if day is None or month is None:
        return None
    return _make(year, month, day, typed) if year else _ahead(month, day, today, typed)


def parse_date(text: str, today: date, lang: str = "nl") -> date:
    """The date ``text`` means, counted from ``today``; DateError when it means none."""
    lang = "en" if lang == "en" else "nl"
    typed = text.strip()
    s = " ".join(fold(typed).replace(",", " ").rstrip(".").split())
    if not s:
        raise DateError("date_unknown", {"text": typed})
    if s in RELATIVE[lang]:
        return today + timedelta(days=RELATIVE[lang][s])
    if m := _ISO.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]), typed)
    if m := _NUMERIC.match(s):
        day, month = int(m[1]), int(m[2])
        if m[3]:
            return _make(_year(m[3]), month, day, typed)
        return _ahead(month, day, today, typed)
    words = [w.rstrip(".") for w in s.split()]
    if words[0] in NEXT[lang] and len(words) > 1:
        words = words[1:]
    said = _weekday(words[0], lang)
    if said is not None:
        if len(words) == 1:
            return today + timedelta(days=(said - today.weekday() - 1) % 7 + 1)
        found = parse_date(" ".join(words[1:]), today, lang)
        if found.weekday() != said:
            raise DateError(
                "date_weekday_mismatch",
                {
                    "date": format_date(found, lang),
                    "actual": weekday_name(found.weekday(), lang),
                    "said": weekday_name(said, lang),
                },
            )
        return found
    found = _with_words(words, today, lang, typed)
    if found is not None:
        return found
    if s.isdigit() and len(s) <= 2:
        raise DateError("date_only_day", {"text": typed})
    raise DateError("date_unknown", {"text": typed})


_CLOCK = re.compile(r"^(\d{1,2})\s*(?:[:.hu]|uur)\s*(\d{2})$")
_HOUR = re.compile(r"^(\d{1,2})\s*(?:u|uur|h|o'?clock)?$")
_COMPACT = re.compile(r"^(\d)(\d{2})$|^(\d{2})(\d{2})$")
_HALF = re.compile(r"^half\s*(\d{1,2})$")
_AMPM = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$")


def parse_time(text: str) -> time:
    """The time of day ``text`` means; DateError when it means none."""
    typed = text.strip()
    s = " ".join(fold(typed).split())
    hour = minute = None
    if m := _CLOCK.match(s):
        hour, minute = int(m[1]), int(m[2])
    elif m := _HOUR.match(s):
        hour, minute = int(m[1]), 0
    elif m := _COMPACT.match(s):
        hour, minute = (int(m[1]), int(m[2])) if m[1] else (int(m[3]), int(m[4]))
    elif m := _HALF.match(s):
        hour, minute = int(m[1]) - 1, 30
    elif m := _AMPM.match(s):
        hour, minute = int(m[1]), int(m[2] or 0)
        if not 1 <= hour <= 12:
            raise DateError("time_invalid", {"text": typed})
        hour = hour % 12 + (12 if m[3] == "p" else 0)
    if hour is None or minute is None:
        raise DateError("time_unknown", {"text": typed})
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DateError("time_invalid", {"text": typed})
    return time(hour, minute)


def parse_moment(day_text: str, time_text: str, today: date, lang: str = "nl") -> datetime:
    """A follow-up appointment from the two boxes; DateError for either box."""
    return datetime.combine(parse_date(day_text, today, lang), parse_time(time_text))


def describe(day: date, at: time | None, lang: str) -> str:
    """'dinsdag 9 december 2026 10:30': the date in words, as the form echoes it."""
    words = f"{weekday_name(day.weekday(), lang)} {format_date(day, lang)}"
    return f"{words} {at:%H:%M}" if at is not None else words


def echo(day_text: str, time_text: str, today: date, lang: str) -> str:
    """What the form shows beside the boxes: '= dinsdag 9 december 2026 10:30', or why not.

    Empty when both boxes are empty. A box still empty is left out of the words.
    """
    if not (day_text.strip() or time_text.strip()):
        return ""
    try:
        day = parse_date(day_text, today, lang) if day_text.strip() else None
        at = parse_time(time_text) if time_text.strip() else None
    except DateError as exc:
        return exc.text(lang)
    if day is None:
        return f"= {at:%H:%M}"
    return "= " + describe(day, at, lang)
