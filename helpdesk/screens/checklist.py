"""A printable 'what to bring' checklist for upcoming follow-up appointments.

Plain HTML that any browser prints. It holds the appointment time, what it is about
(taxonomy labels) and the things to bring; never notes, ids or staff codes, so a sheet
left on the counter gives nothing away about a resident.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from helpdesk.i18n import t
from helpdesk.records import DeskRequest
from helpdesk.taxonomy import taxonomy


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
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(t('followups_title', lang))}</title>",
        "<style>body{font:16pt sans-serif;margin:2em} li{list-style:none;margin:.3em 0}"
        " h2{font-size:1.2em;margin-top:1.5em}</style>",
        f"</head><body><h1>{html.escape(t('followups_title', lang))}</h1>",
    ]
    if not requests:
        parts.append(f"<p>{html.escape(t('no_followups', lang))}</p>")
    for req in requests:
        if req.followup is None:
            continue
        parts.append(f"<h2>{html.escape(appointment_heading(req, lang))}</h2>")
        parts.append(f"<p>{html.escape(t('bring', lang))}:</p><ul>")
        items = req.followup.bring or (t("nothing_to_bring", lang),)
        parts.extend(f"<li>&#9744; {html.escape(item)}</li>" for item in items)
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_checklist(
    requests: Sequence[DeskRequest], lang: str, folder: Path, now: datetime
) -> Path:
    """Write the checklist file into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"checklist-{now:%Y%m%d-%H%M%S}.html"
    path.write_text(checklist_html(requests, lang), encoding="utf-8")
    return path
