"""Exports of the coded fields: one row per request, for spreadsheets and other systems.

Notes never leave the desk through an export: only codes, counts and times do.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from helpdesk.records import DeskRequest
from helpdesk.taxonomy import Taxonomy

# The stable column layout of `helpdesk export`.
EXPORT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "location",
    "staff",
    "organisations",
    "government_levels",
    "subjects",
    "help_type",
    "outcome",
    "referred_to",
    "channel",
    "visitor_type",
    "age_band",
    "first_visit",
    "barriers",
    "minutes",
    "guides",
    "has_followup",
    "minutes_source",  # added later: at the end, so the earlier columns keep their place
)


def export_record(req: DeskRequest, tax: Taxonomy) -> dict:
    levels = dict.fromkeys(tax.government_level(o) for o in req.organisations)
    return {
        "id": req.id,
        "created_at": req.created_at,
        "updated_at": req.updated_at,
        "location": req.location,
        "staff": req.staff,
        "organisations": list(req.organisations),
        "government_levels": list(levels),
        "subjects": list(req.subjects),
        "help_type": req.help_type,
        "outcome": req.outcome,
        "referred_to": req.referred_to,
        "channel": req.channel,
        "visitor_type": req.visitor_type,
        "age_band": req.age_band,
        "first_visit": req.first_visit,
        "barriers": list(req.barriers),
        "minutes": req.minutes,
        "guides": [g.guide_id for g in req.guides],
        "has_followup": req.followup is not None,
        "minutes_source": req.minutes_source,
    }


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def to_csv(requests: Iterable[DeskRequest], tax: Taxonomy) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for req in requests:
        record = export_record(req, tax)
        writer.writerow([_csv_cell(record[c]) for c in EXPORT_COLUMNS])
    return out.getvalue()


def to_json(requests: Iterable[DeskRequest], tax: Taxonomy) -> str:
    records = [export_record(r, tax) for r in requests]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
