"""The desk's use cases, shared by the CLI and the app: validate, then store.

Keeping these here means a rule (privacy guard, take-over off at libraries, note
retention) holds whichever way a request comes in.
"""

from __future__ import annotations

from datetime import date

from helpdesk import clock
from helpdesk.records import DeskRequest, validate_request
from helpdesk.settings import Settings
from helpdesk.store import Store
from helpdesk.taxonomy import Taxonomy, taxonomy


def take_over_allowed(settings: Settings) -> bool:
    return settings.location_kind == "municipal"


def log_request(
    store: Store, req: DeskRequest, settings: Settings, tax: Taxonomy | None = None
) -> DeskRequest:
    """Validate and save a new request; raises ValidationError and saves nothing if invalid."""
    validate_request(req, tax or taxonomy(), allow_take_over=take_over_allowed(settings))
    return store.add_request(req, note_retention_days=settings.note_retention_days)


def edit_request(
    store: Store, req: DeskRequest, settings: Settings, tax: Taxonomy | None = None
) -> DeskRequest:
    """Validate and save changes to an existing request."""
    validate_request(req, tax or taxonomy(), allow_take_over=take_over_allowed(settings))
    return store.update_request(req)


def requests_on_day(store: Store, day: date, location: str | None) -> list[DeskRequest]:
    """A local calendar day's requests at one location, newest first (the desk list)."""
    since, until = clock.day_range(day, day)
    return store.list_requests(since=since, until=until, location=location or None)


def request_versions_on_day(store: Store, day: date, location: str | None) -> dict[str, str]:
    """Id -> updated_at of what ``requests_on_day`` would return, without loading it.

    The desk compares this with the list it shows and loads only what changed.
    """
    since, until = clock.day_range(day, day)
    return store.request_versions(since=since, until=until, location=location or None)
