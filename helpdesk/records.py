"""What one assisted request records, and the rules a request must meet before saving.

The same validation serves the CLI and the app, so a request refused in one is refused
in the other with the same message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from helpdesk import clock
from helpdesk.i18n import CATALOG, t
from helpdesk.privacy import PersonalDataError, check_free_text
from helpdesk.taxonomy import Taxonomy

NOTE_MAX_CHARS = 280  # a short note, not a case file
MINUTES_MAX = 8 * 60  # one working day
# The visitor's background: optional, and switched off where a location does not ask it.
PROFILE_FIELDS = ("age_band", "first_visit", "barriers")
# Where saved minutes come from: the desk's timer, or typed by staff (the app's minutes
# box, `helpdesk log --minutes`). None: no minutes, or saved before this was recorded.
MINUTES_SOURCES = ("measured", "typed")
BRING_MAX_ITEMS = 12
BRING_MAX_CHARS = 120  # one line of a printed slip ("Paspoort of ID-kaart en de brief")
# Location and staff codes are short pseudonymous codes, never names.
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
GUIDE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
GUIDE_STEP_MAX = 999  # guides have a handful of steps; the bound keeps SQLite's integer safe
# A code is never a person's number. Separators removed, a run of 9 or more digits is a
# BSN (9) or a phone number (10 or more); two letters, two digits and ten or more letters
# or digits is an IBAN. Codes are short words ('bieb-centrum', 'k12'): none look like this.
_LONG_DIGITS = re.compile(r"\d{9,}")
_IBAN_SHAPE = re.compile(r"[a-z]{2}\d{2}[a-z0-9]{10,30}")


def looks_personal(code: str) -> bool:
    """Whether a code has the shape of a BSN, phone number or IBAN (so it is refused)."""
    folded = re.sub(r"[\s\-./()+]", "", code.lower())
    return bool(_LONG_DIGITS.search(folded) or _IBAN_SHAPE.search(folded))


def code_error(name: str, value: str, pattern: re.Pattern[str] = CODE_PATTERN) -> FieldError | None:
    """What is wrong with a typed code field, without repeating what was typed; None if fine."""
    limit = 64 if pattern is GUIDE_ID_PATTERN else 32
    if looks_personal(value or ""):
        key = "code_personal"
    elif not pattern.match(value or ""):
        key = "code_pattern"
    else:
        return None
    return FieldError(
        name,
        t(f"bad_input.{key}", "en", field=_field_word(name, "en"), max=limit),
        t(f"bad_input.{key}", "nl", field=_field_word(name, "nl"), max=limit),
    )


def _field_word(name: str, lang: str) -> str:
    """The field as staff know it; an option name (``--staff``) stays as typed."""
    key = f"bad_input.field.{name}"
    return t(key, lang) if not name.startswith("-") and CATALOG.has(key) else name


@dataclass(frozen=True)
class GuideUse:
    """A guide used for a request and the step the resident reached (None: not stepped)."""

    guide_id: str
    step_reached: int | None = None


@dataclass(frozen=True)
class FollowUp:
    """A follow-up appointment: local date and time, and the checklist of what to bring."""

    at: datetime  # naive local time, as staff agreed it with the resident
    bring: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeskRequest:
    organisations: tuple[str, ...]
    subjects: tuple[str, ...]
    help_type: str
    outcome: str
    location: str
    staff: str
    referred_to: str | None = None
    channel: str = "walk-in"
    visitor_type: str = "resident"
    age_band: str | None = None
    first_visit: bool | None = None
    barriers: tuple[str, ...] = ()
    minutes: int | None = None
    minutes_source: str | None = None  # one of MINUTES_SOURCES, or None (see there)
    note: str = ""
    guides: tuple[GuideUse, ...] = ()
    followup: FollowUp | None = None
    # Set by the store.
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    note_expires_at: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def with_changes(self, **changes: object) -> DeskRequest:
        return replace(self, **changes)


@dataclass(frozen=True)
class FieldError:
    field: str  # the DeskRequest field the message belongs next to
    message: str  # one line, English
    message_nl: str = ""

    def text(self, lang: str) -> str:
        return self.message_nl if lang == "nl" and self.message_nl else self.message


class ValidationError(ValueError):
    """Raised by validate_request; holds one error per offending field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(errors[0].message if errors else "invalid request")

    def text(self, lang: str = "en") -> str:
        return "; ".join(e.text(lang) for e in self.errors)


def _check_codes(
    errors: list[FieldError], tax: Taxonomy, kind: str, name: str, codes: tuple[str, ...]
) -> None:
    for code in codes:
        if looks_personal(code):  # a number typed into a code box: never echo it
            found = code_error(name, code)
            assert found is not None
            errors.append(found)
            return
        if code not in tax.valid_codes(kind):
            errors.append(
                FieldError(
                    name,
                    tax.unknown_message(kind, code, "en"),
                    tax.unknown_message(kind, code, "nl"),
                )
            )
            return


def validate_request(req: DeskRequest, tax: Taxonomy, *, allow_take_over: bool) -> None:
    """Raise ValidationError listing what is wrong, field by field; return None when valid."""
    errors: list[FieldError] = []
    if not req.organisations:
        errors.append(
            FieldError(
                "organisations", "choose at least one organisation", "kies minstens één organisatie"
            )
        )
    if not req.subjects:
        errors.append(
            FieldError("subjects", "choose at least one subject", "kies minstens één onderwerp")
        )
    _check_codes(errors, tax, "organisation", "organisations", req.organisations)
    _check_codes(errors, tax, "subject", "subjects", req.subjects)
    _check_codes(errors, tax, "barrier", "barriers", req.barriers)
    for kind, name, value, required in (
        ("help_type", "help_type", req.help_type, True),
        ("outcome", "outcome", req.outcome, True),
        ("channel", "channel", req.channel, True),
        ("visitor_type", "visitor_type", req.visitor_type, True),
        ("age_band", "age_band", req.age_band, False),
    ):
        if not value:
            if required:
                errors.append(
                    FieldError(
                        name,
                        f"{t(f'kind.{kind}', 'en')} is required",
                        f"kies een {t(f'kind.{kind}', 'nl')}",
                    )
                )
            continue
        _check_codes(errors, tax, kind, name, (value,))
    if req.help_type == "take-over" and not allow_take_over:
        errors.append(
            FieldError(
                "help_type",
                "help type 'take-over' is off at library locations (set location kind to municipal)",
                "'overnemen' staat uit op bibliotheeklocaties",
            )
        )
    if req.outcome == "referred":
        if not req.referred_to:
            errors.append(
                FieldError(
                    "referred_to",
                    "outcome 'referred' needs a referral target",
                    "kies waarheen is doorverwezen",
                )
            )
        else:
            _check_codes(errors, tax, "referral_target", "referred_to", (req.referred_to,))
    elif req.referred_to:
        errors.append(
            FieldError(
                "referred_to",
                "a referral target needs outcome 'referred'",
                "doorverwijzing hoort bij resultaat 'doorverwezen'",
            )
        )
    for name, value in (("location", req.location), ("staff", req.staff)):
        found = code_error(name, value)
        if found:
            errors.append(found)
    if req.minutes is not None and not 0 <= req.minutes <= MINUTES_MAX:
        errors.append(
            FieldError(
                "minutes",
                f"minutes must be between 0 and {MINUTES_MAX}",
                f"minuten tussen 0 en {MINUTES_MAX}",
            )
        )
    if req.minutes_source is not None and req.minutes_source not in MINUTES_SOURCES:
        errors.append(
            FieldError(
                "minutes",
                f"minutes source must be one of {', '.join(MINUTES_SOURCES)}",
                f"bron van de minuten moet een van {', '.join(MINUTES_SOURCES)} zijn",
            )
        )
    if len(req.note) > NOTE_MAX_CHARS:
        errors.append(
            FieldError(
                "note",
                f"the note is longer than {NOTE_MAX_CHARS} characters",
                f"de notitie is langer dan {NOTE_MAX_CHARS} tekens",
            )
        )
    for use in req.guides:
        found = code_error("guides", use.guide_id, GUIDE_ID_PATTERN)
        step = use.step_reached
        if found is None and step is not None and not 1 <= step <= GUIDE_STEP_MAX:
            found = FieldError(
                "guides",
                t("bad_input.guide_ref", "en", max=GUIDE_STEP_MAX),
                t("bad_input.guide_ref", "nl", max=GUIDE_STEP_MAX),
            )
        if found:
            errors.append(found)
            break
    if req.followup and not clock.in_range(req.followup.at):
        errors.append(
            FieldError(
                "followup",
                t("bad_input.followup_year", "en", min=clock.YEAR_MIN, max=clock.YEAR_MAX),
                t("bad_input.followup_year", "nl", min=clock.YEAR_MIN, max=clock.YEAR_MAX),
            )
        )
    if req.followup and len(req.followup.bring) > BRING_MAX_ITEMS:
        errors.append(
            FieldError(
                "followup",
                f"at most {BRING_MAX_ITEMS} things to bring",
                f"hoogstens {BRING_MAX_ITEMS} punten",
            )
        )
    if req.followup and any(len(item) > BRING_MAX_CHARS for item in req.followup.bring):
        errors.append(
            FieldError(
                "followup",
                f"each thing to bring is at most {BRING_MAX_CHARS} characters",
                f"elk punt om mee te nemen is hoogstens {BRING_MAX_CHARS} tekens",
            )
        )
    texts = [("note", req.note)]
    if req.followup:
        texts += [("followup_bring", item) for item in req.followup.bring]
    for name, text in texts:
        try:
            check_free_text(name, text)
        except PersonalDataError as exc:
            errors.append(
                FieldError(name if name == "note" else "followup", str(exc), exc.message("nl"))
            )
    if errors:
        raise ValidationError(errors)
