"""Reporting periods: what a manager types (``2026-Q3``) turned into local calendar days.

Managers report per quarter, month, year or ISO week, and compare with the period
before; a period is therefore a span of local days with a kind that knows its
predecessor. Without a period the default is the current year to date, compared with
the same days of the year before, because that is what a board asks for mid-year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from helpdesk import clock
from helpdesk.i18n import t

# Kinds of period; "range" is --since/--until, "ytd" the default current year to date.
KINDS = ("year", "quarter", "month", "week", "range", "ytd")

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)


class PeriodError(ValueError):
    """Raised by the parsers for a period or day the user typed that makes no sense.

    The exception text is English (CLI, logs); ``text(lang)`` is the sentence for the
    screen, in the desk's language, when the error has a message key.
    """

    def __init__(self, message: str, key: str = "", **fields: str) -> None:
        super().__init__(message)
        self.key = key
        self.fields = fields

    def text(self, lang: str) -> str:
        return t(f"words.{self.key}", lang, **self.fields) if self.key else str(self)


@dataclass(frozen=True)
class Period:
    """Local days ``start`` through ``end`` (both inclusive)."""

    start: date
    end: date
    kind: str
    label: str  # what the user typed, normalised ("2026-Q3"), or "2026-01-01..2026-03-31"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[str, str]:
        """Stored-format UTC bounds [since, until) of the local days of this period."""
        since, until = clock.day_range(self.start, self.end)
        assert since is not None and until is not None
        return since, until

    def previous(self) -> Period:
        """The previous equal period: the quarter before a quarter, the same days last year
        for year-to-date, as many whole months (or days) just before for a range."""
        if self.kind == "year":
            return year(self.start.year - 1)
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return quarter(self.start.year - (q == 1), 4 if q == 1 else q - 1)
        if self.kind == "month":
            first = self.start - timedelta(days=1)
            return month(first.year, first.month)
        if self.kind == "week":
            iso = (self.start - timedelta(days=7)).isocalendar()
            return week(iso.year, iso.week)
        if self.kind == "ytd":
            start = date(self.start.year - 1, 1, 1)
            end = _same_day_in_year(self.end, self.start.year - 1)
            return Period(start, end, "ytd", f"{start.isoformat()}..{end.isoformat()}")
        end = self.start - timedelta(days=1)
        if self.start.day == 1 and self.end == _month_end(self.end):  # whole months
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
            first = end.replace(day=1)
            for _ in range(months):
                first = (first - timedelta(days=1)).replace(day=1)
            return day_range(first, end)
        return day_range(end - timedelta(days=self.days - 1), end)

    def to_dict(self) -> dict[str, str]:
        return {
            "label": self.label,
            "kind": self.kind,
            "since": self.start.isoformat(),
            "until": self.end.isoformat(),
        }


def _same_day_in_year(day: date, year_: int) -> date:
    try:
        return day.replace(year=year_)
    except ValueError:  # 29 February
        return date(year_, 2, 28)


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


def quarter(y: int, q: int) -> Period:
    start = date(y, 3 * q - 2, 1)
    end = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
    return Period(start, end - timedelta(days=1), "quarter", f"{y:04d}-Q{q}")


def month(y: int, m: int) -> Period:
    start = date(y, m, 1)
    end = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return Period(start, end - timedelta(days=1), "month", f"{y:04d}-{m:02d}")


def week(y: int, w: int) -> Period:
    start = date.fromisocalendar(y, w, 1)
    return Period(start, start + timedelta(days=6), "week", f"{y:04d}-W{w:02d}")


def last_whole_months(today: date, count: int) -> Period:
    """The ``count`` whole months before the month of ``today``."""
    end = today.replace(day=1) - timedelta(days=1)
    first = end.replace(day=1)
    for _ in range(count - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return Period(first, end, "range", f"{first.isoformat()}..{end.isoformat()}")


def day_range(since: date, until: date) -> Period:
    if since > until:
        raise PeriodError("--since is after --until")
    return Period(since, until, "range", f"{since.isoformat()}..{until.isoformat()}")


def year_to_date(today: date) -> Period:
    start = date(today.year, 1, 1)
    return Period(start, today, "ytd", f"{start.isoformat()}..{today.isoformat()}")


def parse_period(text: str) -> Period:
    """``2026``, ``2026-Q3``, ``2026-10`` or ``2026-W40`` → Period; PeriodError otherwise."""
    text = text.strip()
    try:
        found = _YEAR.match(text) or _QUARTER.match(text) or _MONTH.match(text)
        found = found or _WEEK.match(text)
        if found and not clock.YEAR_MIN <= int(found[1]) <= clock.YEAR_MAX:
            raise ValueError("year out of range")  # refused below, like month 13
        if m := _YEAR.match(text):
            return year(int(m[1]))
        if m := _QUARTER.match(text):
            return quarter(int(m[1]), int(m[2]))
        if m := _MONTH.match(text):
            return month(int(m[1]), int(m[2]))
        if m := _WEEK.match(text):
            return week(int(m[1]), int(m[2]))
    except ValueError:
        pass  # month 13, week 54 of a 52-week year, year 0
    # never the typed text: it may hold anything
    raise PeriodError(
        "not a period: use e.g. 2026, 2026-Q3, 2026-10 or 2026-W40, "
        f"a year from {clock.YEAR_MIN} to {clock.YEAR_MAX}",
        "period_unknown",
    )


def choose_period(
    period: str | None = None,
    since: str | None = None,
    until: str | None = None,
    today: date | None = None,
) -> Period:
    """The period a command asked for; the current year to date when none was given."""
    today = today or clock.local_today()
    if period and (since or until):
        raise PeriodError("use --period or --since/--until, not both")
    if period:
        return parse_period(period)
    if since or until:
        try:
            start = clock.parse_day(since) if since else date(today.year, 1, 1)
            end = clock.parse_day(until) if until else today
        except clock.DateFormatError as exc:
            raise PeriodError(str(exc)) from None
        found = day_range(start, end)
        if not is_whole(found):
            raise PeriodError(
                "figures that leave the desk cover whole periods: --since must be the "
                "first day of a month or a Monday, --until the last day of a month or a "
                "Sunday (or use --period)",
                "period_not_whole",
            )
        return found
    return year_to_date(today)


def _month_end(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)


def is_whole(period: Period) -> bool:
    """Whether a period is made of whole weeks, months, quarters or years.

    Statistics that leave the desk cover whole periods only: two free ranges that
    differ by one day would otherwise tell that day's figures (with the cell-key noise
    of ``cell_key.py`` only roughly, but a whole period gives nothing to aim at). The
    current year so far (``ytd``) is the year in progress.
    """
    if period.kind != "range":
        return True
    months = period.start.day == 1 and period.end == _month_end(period.end)
    weeks = period.start.weekday() == 0 and period.end.weekday() == 6
    return months or weeks


def check_whole_months(start: date | None, end: date | None) -> None:
    """Refuse a range of months that does not start on a first or end on a last day."""
    if (start and start.day != 1) or (end and end != _month_end(end)):
        raise PeriodError(
            "monthly figures cover whole months: --since must be the first day of a "
            "month and --until the last day of a month",
            "months_not_whole",
        )


def iso_week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"
