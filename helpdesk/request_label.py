"""One saved request in a few words, so staff know which one they edit or delete.

"10:42" and "Belastingdienst, Toeslagen, opgelost": the local time it was logged, its
organisations, subjects and outcome in the interface language. Coded fields only, never
the note: the words may be read over a colleague's shoulder or by the resident.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk import clock
from helpdesk.records import DeskRequest
from helpdesk.taxonomy import taxonomy


@dataclass(frozen=True)
class RequestLabel:
    """The local time (HH:MM) and what the request was about."""

    time: str
    what: str


def _label(kind: str, code: str, lang: str) -> str:
    # A code from a newer taxonomy (merged databases) shows as itself.
    tax = taxonomy()
    return tax.label(kind, code, lang) if tax.has(kind, code) else code


def label_request(req: DeskRequest, lang: str) -> RequestLabel:
    """Time, organisations, subjects and outcome of ``req`` in ``lang``."""
    when = clock.to_local(req.created_at).strftime("%H:%M") if req.created_at else "--:--"
    parts = [
        " / ".join(_label("organisation", c, lang) for c in req.organisations),
        " / ".join(_label("subject", c, lang) for c in req.subjects),
    ]
    if req.outcome:
        outcome = _label("outcome", req.outcome, lang)
        parts.append(outcome[:1].lower() + outcome[1:])
    return RequestLabel(when, ", ".join(p for p in parts if p))
