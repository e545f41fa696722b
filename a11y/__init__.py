"""Accessibility checker for the Bdto (WCAG 2.1 AA through EN 301 549).

The public API other packages (the desk app) may use; everything else is internal.
"""

from __future__ import annotations

__version__ = "0.1.0"

from a11y.crawl import CrawlConfig, StartError, scan  # noqa: E402
from a11y.progress import Progress  # noqa: E402
from a11y.store import (  # noqa: E402
    ScanNotFound,
    build_report,
    diff_scans,
    list_scans,
    open_db,
    worst_impact,
)

__all__ = [
    "CrawlConfig",
    "Progress",
    "ScanNotFound",
    "StartError",
    "__version__",
    "build_report",
    "diff_scans",
    "list_scans",
    "open_db",
    "scan",
    "worst_impact",
]
