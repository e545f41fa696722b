"""CSV export: one row per failing element, for spreadsheets and issue trackers.

Web teams open this file in Excel or LibreOffice; the ``region`` column says whether
the element sits in a shared template part (fix once) or in one page's content. Text in it comes from crawled pages,
and a spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV injection), so such cells get a leading apostrophe. Quoting follows RFC 4180
through the csv module, so commas, quotes and newlines in snippets survive.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from a11y import grouping

COLUMNS = (
    "page_url",
    "rule",
    "impact",
    "wcag",
    "en301549",
    "target",
    "html",
    "help",
    "help_url",
    "region",
)
# Characters that make a spreadsheet start a formula or a DDE call (OWASP's list plus
# the full-width forms some spreadsheet programs also accept).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Excel only reads UTF-8 correctly with a byte order mark, so files get one; the csv
# module and LibreOffice read them with encoding="utf-8-sig". Streams such as
# /dev/stdout get plain UTF-8, so a pipe into another tool sees no stray BOM.
ENCODING = "utf-8-sig"


def neutralise(value: Any) -> str:
    """The cell text, with a leading apostrophe if a spreadsheet would run it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ";".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _regions(report: dict[str, Any]) -> dict[str, str]:
    """Grouped issue fingerprint -> 'template' or 'content'."""
    return {
        str(i.get("fingerprint")): str(i.get("region"))
        for i in report.get("issues", [])
        if i.get("region")
    }


def _region(regions: dict[str, str], rule: Any, target: Any, html: Any) -> str:
    """Where a row's element sits, so a tracker can file template fixes once.

    The element's fingerprint finds its grouped issue; a report without one (an older
    or hand-made report) falls back to the landmark in the element's selector.
    """
    found = regions.get(grouping.fingerprint(str(rule or ""), str(target or ""), str(html or "")))
    if found:
        return found
    return "template" if grouping.landmark(str(target or ""), str(html or "")) else ""


def rows(report: dict[str, Any]) -> Iterator[dict[str, str]]:
    """One dict per violation node, cells already neutralised."""
    regions = _regions(report)
    for page in report.get("pages", []):
        for v in page.get("violations", []):
            nodes = v.get("node_details") or [
                {"target": t, "html": ""} for t in v.get("targets") or [""]
            ]
            for node in nodes:
                raw = {
                    "page_url": page.get("url"),
                    "rule": v.get("rule"),
                    "impact": v.get("impact"),
                    "wcag": v.get("wcag") or [],
                    "en301549": v.get("en301549") or [],
                    "target": node.get("target"),
                    "html": node.get("html"),
                    "help": v.get("help"),
                    "help_url": v.get("help_url"),
                    "region": _region(regions, v.get("rule"), node.get("target"), node.get("html")),
                }
                yield {key: neutralise(raw[key]) for key in COLUMNS}


def write_csv(report: dict[str, Any], path: str | Path) -> int:
    """Write the CSV file and return the number of data rows."""
    count = 0
    target = Path(path)
    is_stream = target.exists() and not target.is_file()
    with target.open("w", encoding="utf-8" if is_stream else ENCODING, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in rows(report):
            writer.writerow(row)
            count += 1
    return count
