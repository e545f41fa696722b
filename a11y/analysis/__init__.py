"""The one analysis step between storage and the renderers (issue 12).

``store.read_scan`` reads a scan's rows; :func:`scan_report` turns them into the typed
:class:`Report` (site-level checks, grouping and regions, criteria, coverage and
sampling, the statement draft), and :func:`diff_scans` compares two. The HTML, CSV
and JUnit renderers and the Markdown statement draft only format a :class:`Report`;
the JSON report is :meth:`Report.as_dict`.

- ``model``: the report's frozen dataclasses and its JSON form.
- ``build``: from stored rows to the report.
- ``load``: the typed report of a JSON-shaped one, its elements placed, its draft counted.
- ``draft``: what the statement draft counts.
- ``diff``: two scans compared by fingerprint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlite_utils

from a11y import store
from a11y.analysis.build import analyse
from a11y.analysis.diff import diff_scans
from a11y.analysis.load import report_from_dict
from a11y.analysis.model import (
    SCHEMA_VERSION,
    Report,
    impact_rank,
    violations,
    worst_impact,
)

__all__ = [
    "SCHEMA_VERSION",
    "Report",
    "analyse",
    "build_report",
    "diff_scans",
    "impact_rank",
    "report_from_dict",
    "scan_report",
    "violations",
    "worst_impact",
]


def scan_report(db: str | Path | sqlite_utils.Database | None, scan_id: int) -> Report:
    """The finished, typed report of a stored scan (raises ``store.ScanNotFound``)."""
    return analyse(store.read_scan(db, scan_id))


def build_report(db: str | Path | sqlite_utils.Database | None, scan_id: int) -> dict[str, Any]:
    """The report of a stored scan as the JSON contract has it (a plain dict)."""
    return scan_report(db, scan_id).as_dict()
