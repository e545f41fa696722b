"""A printable 'what to bring' checklist for upcoming follow-up appointments.

Plain HTML that any browser prints. It holds the appointment time, what it is about
(taxonomy labels) and the things to bring; never notes, ids or staff codes, so a sheet
left on the counter gives nothing away about a resident. The page itself is the
template ``html_templates/checklist.html``; this module only picks the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.taxonomy import taxonomy
from inclusiedesk.html import render


def _label(kind: str, code: str, lang: str) -> str:
    tax = taxonomy()
    return tax.label(kind, code, lang) if tax.has(kind, code) else code


def appointment_heading(req: DeskRequest, lang: str) -> str:
    """'2026-12-01 10:30 · DigiD (Logius) · DigiD aanvragen' for one appointment."""
    assert req.followup is not None
    about = [_label("organisation", c, lang) for c in req.organisations]
    about += [_label("subject", c, lang) for c in req.subjects]
    return f"{req.followup.at:%Y-%m-%d %H:%M} · " + ", ".join(about)


def checklist_html(requests: Sequence[DeskRequest], lang: str) -> str:
    """The checklist page for the appointments among ``requests``."""
    appointments = [
        {
            "heading": appointment_heading(req, lang),
            "items": req.followup.bring or (t("nothing_to_bring", lang),),
        }
        for req in requests
        if req.followup is not None
    ]
    return render(
        "helpdesk",
        "html_templates",
        "checklist.html",
        lang=lang,
        title=t("followups_title", lang),
        bring=t("bring", lang),
        # Said only when there were no requests at all, as before.
        empty=t("no_followups", lang) if not requests else None,
        appointments=appointments,
    )


def write_checklist(
    requests: Sequence[DeskRequest], lang: str, folder: Path, now: datetime
) -> Path:
    """Write the checklist file into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"checklist-{now:%Y%m%d-%H%M%S}.html"
    path.write_text(checklist_html(requests, lang), encoding="utf-8")
    return path
