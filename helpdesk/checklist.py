"""The follow-up slip: one resident's next appointment, to take home.

One request, one slip: the desk (name, address, opening hours, phone from the settings),
the date in words ('woensdag 9 december 2026'), the time, what it is about (taxonomy
labels) and what to bring. Never notes, ids, staff codes or anyone else's appointment,
so a slip left on the counter or in a bag tells nobody anything about another resident.
The page itself is ``html_templates/checklist.html``; this module only picks the words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.settings import Settings
from helpdesk.taxonomy import taxonomy
from inclusiedesk.html import render
from inclusiedesk.i18n import format_date


class NoFollowUpError(ValueError):
    """Raised for a slip of a request without a follow-up appointment."""


@dataclass(frozen=True)
class DeskDetails:
    """The desk as residents find it, from the settings, with the words printed beside it.

    One value for every page a resident takes home (this slip, a guide's handout), so
    the desk reads the same on both; ``html_templates/_desk.html`` prints it.
    """

    name: str
    address: str
    hours: str
    phone: str
    hours_label: str
    phone_label: str

    def __bool__(self) -> bool:
        """False when the settings name no detail: pages then leave the desk out."""
        return any((self.name, self.address, self.hours, self.phone))


def desk_details(settings: Settings, lang: str) -> DeskDetails:
    """The desk's name, address, opening hours and phone number as set in the settings."""
    return DeskDetails(
        settings.desk_name,
        settings.desk_address,
        settings.desk_hours,
        settings.desk_phone,
        t("slip.hours", lang),
        t("slip.phone", lang),
    )


def _label(kind: str, code: str, lang: str) -> str:
    tax = taxonomy()
    return tax.label(kind, code, lang) if tax.has(kind, code) else code


def about(req: DeskRequest, lang: str) -> str:
    """'DigiD (Logius), DigiD aanvragen': what the appointment is about, in words."""
    words = [_label("organisation", c, lang) for c in req.organisations]
    words += [_label("subject", c, lang) for c in req.subjects]
    return ", ".join(words)


def appointment_heading(req: DeskRequest, lang: str) -> str:
    """'2026-12-01 10:30 · DigiD (Logius) · DigiD aanvragen' for one appointment."""
    assert req.followup is not None
    return f"{req.followup.at:%Y-%m-%d %H:%M} · " + about(req, lang)


def date_in_words(day: dt.date, lang: str) -> str:
    """'woensdag 9 december 2026' / 'Wednesday 9 December 2026'."""
    return f"{t(f'slip.weekday.{day.isoweekday()}', lang)} {format_date(day, lang)}"


def time_of_day(at: dt.datetime, lang: str) -> str:
    """'10.30' as Dutch writes it ('om 10.30 uur'), '10:30' in English."""
    return f"{at:%H.%M}" if lang == "nl" else f"{at:%H:%M}"


def slip_html(req: DeskRequest, settings: Settings, lang: str) -> str:
    """The slip page for the follow-up appointment of ``req`` alone."""
    if req.followup is None:
        raise NoFollowUpError("this request has no follow-up appointment")
    at = req.followup.at
    return render(
        "helpdesk",
        "html_templates",
        "checklist.html",
        lang=lang,
        title=t("slip.title", lang),
        labels={
            key: t(f"slip.{key}", lang)
            for key in ("when", "where", "cannot_come", "about", "bring")
        },
        when=t(
            "slip.at_time", lang, date=date_in_words(at.date(), lang), time=time_of_day(at, lang)
        ),
        desk=desk_details(settings, lang),
        about=about(req, lang),
        bring=req.followup.bring,
        nothing=t("slip.nothing", lang),
    )


def slip_path(req: DeskRequest, folder: Path) -> Path:
    """One file per request: printing the same slip again replaces the earlier copy.

    Named by the appointment and the end of the request id (a random ULID part), never
    by anything about the resident.
    """
    assert req.followup is not None
    tail = (req.id or "new")[-6:].lower()
    return folder / f"afspraak-{req.followup.at:%Y%m%d-%H%M}-{tail}.html"


def write_slip(req: DeskRequest, settings: Settings, lang: str, folder: Path) -> Path:
    """Write the slip of ``req`` into ``folder`` and return its path."""
    html = slip_html(req, settings, lang)
    path = slip_path(req, folder)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
