"""The desk's use cases, shared by the CLI and the app: validate, then store.

Keeping these here means a rule (privacy guard, take-over off at libraries, note
retention) holds whichever way a request comes in. A save runs one way: the request
(from the CLI's arguments, or built by the app's ``DeskState``) is validated once here,
privacy check included, and then stored; nothing validates it before or after.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from helpdesk import clock
from helpdesk.i18n import t
from helpdesk.records import (
    PROFILE_FIELDS,
    DeskRequest,
    FieldError,
    ValidationError,
    validate_request,
)
from helpdesk.settings import Settings
from helpdesk.store import Store
from helpdesk.taxonomy import Taxonomy, taxonomy


def take_over_allowed(settings: Settings) -> bool:
    return settings.location_kind == "municipal"


def profile_problems(req: DeskRequest, settings: Settings) -> list[FieldError]:
    """A new request may not carry visitor-profile fields where the location switched
    them off: what is not asked is not stored. Edits keep what was stored before."""
    if settings.profile_fields:
        return []
    given = {
        "age_band": req.age_band is not None,
        "first_visit": req.first_visit is not None,
        "barriers": bool(req.barriers),
    }
    return [
        FieldError(
            name,
            t("monitor.profile_off", "en", field=t(name, "en")),
            t("monitor.profile_off", "nl", field=t(name, "nl")),
        )
        for name in PROFILE_FIELDS
        if given[name]
    ]


def check_request(
    req: DeskRequest,
    settings: Settings,
    tax: Taxonomy | None = None,
    problems: Sequence[FieldError] = (),
) -> None:
    """The one validation before a save; raises ValidationError listing every problem.

    ``problems`` are errors found before there was a request to validate (the app's
    parsing of typed text); they come first, and a field they name gets no second
    message from the rules.
    """
    errors = list(problems)
    try:
        validate_request(req, tax or taxonomy(), allow_take_over=take_over_allowed(settings))
    except ValidationError as exc:
        named = {e.field for e in errors}
        errors += [e for e in exc.errors if e.field not in named]
    if errors:
        raise ValidationError(errors)


def log_request(
    store: Store,
    req: DeskRequest,
    settings: Settings,
    tax: Taxonomy | None = None,
    problems: Sequence[FieldError] = (),
) -> DeskRequest:
    """Validate and save a new request; raises ValidationError and saves nothing if invalid."""
    check_request(req, settings, tax, [*problems, *profile_problems(req, settings)])
    return store.add_request(req, note_retention_days=settings.note_retention_days)


def edit_request(
    store: Store,
    req: DeskRequest,
    settings: Settings,
    tax: Taxonomy | None = None,
    problems: Sequence[FieldError] = (),
    expected_updated_at: str | None = None,
) -> DeskRequest:
    """Validate and save changes to an existing request.

    ``expected_updated_at`` is the version the edit started from: when another desk saved
    the request since, the store raises ``ConflictError`` and writes nothing.
    """
    check_request(req, settings, tax, problems)
    return store.update_request(
        req,
        expected_updated_at=expected_updated_at,
        note_retention_days=settings.note_retention_days,
    )


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
