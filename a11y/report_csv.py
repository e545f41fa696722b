"""CSV export: one row per failing element, for spreadsheets and issue trackers.

Web teams open this file in Excel or LibreOffice. Text in it comes from crawled pages,
and a spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV injection), so such cells get a leading apostrophe. Quoting follows RFC 4180
through the csv module, so commas, quotes and newlines in snippets survive.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

COLUMNS = ("page_url", "rule", "impact", "wcag", "en301549", "target", "html", "help", "help_url")
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


def rows(report: dict[str, Any]) -> Iterator[dict[str, str]]:
    """One dict per violation node, cells already neutralised."""
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
