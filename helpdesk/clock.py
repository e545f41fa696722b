"""Time handling in one place: stored times are UTC, people think in local days.

Requests are stored with UTC timestamps in one fixed-width ISO format so that text
comparison orders them correctly and databases of several locations merge cleanly;
date filters typed by staff are local calendar days of this machine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

STORED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
FOLLOWUP_FORMAT = "%Y-%m-%d %H:%M"  # a follow-up as staff type it
# Every date the desk accepts lies in these years. A desk records this century's
# requests and appointments; year 1 or 9999 is a typo, and outside 1000-9999 Python
# writes years with fewer or more than four digits, so stored text no longer sorts or
# reads back (a follow-up in year 999 crashed every list). The margin stays far from both.
YEAR_MIN = 1900
YEAR_MAX = 2100


class DateFormatError(ValueError):
    """Raised when a date typed by a user is not a valid date between YEAR_MIN and YEAR_MAX.

    The message never repeats the typed text (it may hold anything, even a BSN);
    ``key`` names its sentence in the catalog, so the CLI can say it in the desk's language.
    """

    def __init__(self, key: str = "date") -> None:
        self.key = key
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        from helpdesk.i18n import t  # clock stays importable without the catalog

        return t(f"bad_input.{self.key}", lang, min=YEAR_MIN, max=YEAR_MAX)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_stored(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STORED_FORMAT)


def from_stored(text: str) -> datetime:
    return datetime.strptime(text, STORED_FORMAT).replace(tzinfo=UTC)


def now_stored() -> str:
    return to_stored(utc_now())


def in_range(moment: date) -> bool:
    """Whether a date (or datetime) lies in the years the desk accepts."""
    return YEAR_MIN <= moment.year <= YEAR_MAX


def parse_day(text: str) -> date:
    """A local day typed as YYYY-MM-DD, between YEAR_MIN and YEAR_MAX."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise DateFormatError("date") from None
    if not in_range(day):
        raise DateFormatError("date")
    return day


def parse_followup(text: str) -> datetime:
    """A follow-up appointment typed as 'YYYY-MM-DD HH:MM' (naive local time), in range."""
    try:
        at = datetime.strptime(text.strip(), FOLLOWUP_FORMAT)
    except ValueError:
        raise DateFormatError("followup") from None
    if not in_range(at):
        raise DateFormatError("followup")
    return at


def show_local(stored: str | None, fmt: str, invalid: str = "invalid-date") -> str:
    """A stored UTC time as local text; ``invalid`` for a value that is no valid time.

    A row may hold a bad time (an old merge, a hand-edited file): lists show it as
    invalid instead of crashing for every row after it.
    """
    try:
        return to_local(stored or "").strftime(fmt)
    except (ValueError, OverflowError):
        return invalid


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
