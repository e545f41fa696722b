"""Time handling in one place: stored times are UTC, people think in local days.

Requests are stored with UTC timestamps in one fixed-width ISO format so that text
comparison orders them correctly and databases of several locations merge cleanly;
date filters typed by staff are local calendar days of this machine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

STORED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class DateFormatError(ValueError):
    """Raised when a date typed by a user is not YYYY-MM-DD."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_stored(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STORED_FORMAT)


def from_stored(text: str) -> datetime:
    return datetime.strptime(text, STORED_FORMAT).replace(tzinfo=UTC)


def now_stored() -> str:
    return to_stored(utc_now())


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DateFormatError(f"not a date: {text!r}; use YYYY-MM-DD") from None


def local_day_start(day: date) -> datetime:
    """The first moment of a local calendar day, as an aware datetime."""
    return datetime.combine(day, time.min).astimezone()


def day_range(since: date | None, until: date | None) -> tuple[str | None, str | None]:
    """Stored-format bounds [start, end) covering the local days since..until inclusive."""
    start = to_stored(local_day_start(since)) if since else None
    end = to_stored(local_day_start(until + timedelta(days=1))) if until else None
    return start, end


def local_today() -> date:
    return datetime.now().astimezone().date()


def to_local(stored: str) -> datetime:
    return from_stored(stored).astimezone()
