"""CSV export: one row per failing element, for spreadsheets and issue trackers.

Web teams open this file in Excel or LibreOffice; the ``region`` column says whether
the element sits in a shared template part (fix once) or in one page's content, as
:mod:`a11y.analysis` placed it. Text in it comes from crawled pages,
and a spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV injection), so such cells get a leading apostrophe. Quoting follows RFC 4180
through the csv module, so commas, quotes and newlines in snippets survive.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from a11y.analysis.model import Element, Report

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


def rows(report: Report) -> Iterator[dict[str, str]]:
    """One dict per violation node, cells already neutralised; ``region`` is where the
    analysis placed the element's grouped issue (empty when it is not known)."""
    for page in report.pages:
        for v in page.violations:
            # A hand-made report may list targets without node details.
            nodes = v.elements or tuple(Element(t, "", None) for t in v.targets or ("",))
            for node in nodes:
                raw = {
                    "page_url": page.url,
                    "rule": v.rule,
                    "impact": v.impact,
                    "wcag": v.wcag,
                    "en301549": v.en301549,
                    "target": node.target,
                    "html": node.html,
                    "help": v.help,
                    "help_url": v.help_url,
                    "region": node.region,
                }
                yield {key: neutralise(raw[key]) for key in COLUMNS}


def write_csv(report: Report, path: str | Path) -> int:
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
