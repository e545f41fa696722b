"""The accessibility tab's data: the sites' latest scan figures and a scan's issues.

Plain functions, no Textual. The per-site figures come from the same function the
council report uses (``council_report.site_summaries``), so screen and report agree; the
issues come from ``a11y.build_report`` (the a11y package's public API). Accessibility
figures describe websites, not residents, so no small-number protection applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpdesk.i18n import t
from helpdesk.stats import council_report
from helpdesk.stats.council_report import SiteA11y
from inclusiedesk.i18n import number


@dataclass(frozen=True)
class SiteRow:
    """One scanned site: the report's summary plus the id of its latest scan."""

    summary: SiteA11y
    scan_id: int


def sites(path: Path | None = None) -> list[SiteRow]:
    """Every scanned site, by name; empty when nothing has been scanned yet."""
    path = path or council_report.a11y_db_path()
    summaries = council_report.site_summaries(path)
    if not summaries:
        return []
    import a11y  # loaded only when there are scans to read

    latest = {site.site: site.scan_id for site in a11y.site_summaries(path)}
    return [SiteRow(s, latest[s.site]) for s in summaries if s.site in latest]


def issues(path: Path | None, scan_id: int) -> list[dict[str, Any]]:
    """The grouped violations of one scan, most severe first (rule, impact, pages, nodes,
    ...); site-level review findings are the web team's work list, not a failure count."""
    import a11y

    return a11y.violations(a11y.build_report(path or council_report.a11y_db_path(), scan_id))


def impact_word(impact: str | None, lang: str) -> str:
    if impact in council_report.IMPACT_ORDER:
        return t(f"report.impact.{impact}", lang)
    return impact or "-"


def impacts_text(summary: SiteA11y, lang: str) -> str:
    """'kritiek 1, ernstig 2' in the order of axe's impact scale; '0' for none."""
    parts = [f"{impact_word(i, lang)} {n}" for i, n in summary.issues_by_impact.items()]
    return ", ".join(parts) or "0"


def trend_text(summary: SiteA11y, lang: str) -> str:
    """Violations per scan, oldest to latest: '5 → 3'."""
    return " → ".join(number(n, lang) for _, n in summary.trend)
