"""Accessibility checker for the Bdto (WCAG 2.1 AA through EN 301 549).

The names below are the public API other packages (the desk app) may use; everything
else is internal. They load lazily, so importing a small module such as
``a11y.criteria`` does not pull in Selenium.
"""

from __future__ import annotations

import importlib
from typing import Any

from inclusiedesk import __version__

_EXPORTS = {
    "CrawlConfig": "a11y.crawl.engine",
    "StartError": "a11y.crawl.engine",
    "scan": "a11y.crawl.engine",
    "Progress": "a11y.progress",
    "Report": "a11y.analysis",
    "ScanNotFound": "a11y.store",
    "SiteSummary": "a11y.store",
    "build_report": "a11y.analysis",
    "diff_scans": "a11y.analysis",
    "list_scans": "a11y.store",
    "open_db": "a11y.store",
    "report_from_dict": "a11y.analysis",
    "scan_report": "a11y.analysis",
    "site_summaries": "a11y.store",
    "violations": "a11y.analysis",
    "worst_impact": "a11y.analysis",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'a11y' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
