"""The scan report as frozen dataclasses: what the analysis step hands every renderer.

The JSON contract (issue 3 and later) is :meth:`Report.as_dict`: the same keys in the
same order with the same values as before the report was typed, plus
``schema_version``. Fields marked ``json=False`` are worked out by the analysis for the
renderers (an element's region, the statement draft) and are not part of the JSON.
Field names follow the JSON keys, in axe's vocabulary (rule, impact, target, html).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from a11y import settings

#: Bumped when a key of the JSON report changes meaning or disappears.
SCHEMA_VERSION = 1
_IMPACT_RANK = {impact: rank for rank, impact in enumerate(settings.IMPACTS)}


def impact_rank(impact: str | None) -> int:
    """Position on axe's impact scale (minor=0 … critical=3); unknown impact ranks lowest."""
    return _IMPACT_RANK.get(impact or "", -1)


def _extra() -> Any:
    """A field the renderers read that the JSON does not carry."""
    return field(default=None, metadata={"json": False})


def plain(value: Any) -> Any:
    """Dataclasses to dicts (JSON keys from field metadata), tuples to lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.metadata.get("key", f.name): plain(getattr(value, f.name))
            for f in fields(value)
            if f.metadata.get("json", True)
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Scan:
    """When, how and with what the scan ran, and its page totals."""

    id: Any
    started_at: str | None
    finished_at: str | None
    start_urls: tuple[str, ...]
    axe_version: str | None
    level: str | None
    pages_checked: int
    pages_failed: int
    pages_discovered: int
    tool_version: str | None


@dataclass(frozen=True)
class Element:
    """One failing element (axe's node): its selector, snippet and why it fails."""

    target: str | None
    html: str | None
    failure_summary: str | None
    #: Where it sits, from its grouped issue: 'template', 'content' or '' (not known).
    region: str = field(default="", metadata={"json": False})


@dataclass(frozen=True)
class RuleResult:
    """One rule's result on one page (a violation or a needs-review finding)."""

    rule: str | None
    impact: str | None
    wcag: tuple[str, ...]
    en301549: tuple[str, ...]
    help: str | None
    help_url: str | None
    targets: tuple[str, ...]
    nodes: int | None
    elements: tuple[Element, ...] = field(default=(), metadata={"key": "node_details"})


@dataclass(frozen=True)
class Page:
    """One visited page: where it led, whether it loaded, and what failed on it."""

    url: str | None
    final_url: str | None
    status: int | None
    title: str | None
    error: str | None
    redirects: tuple[str, ...]
    violations: tuple[RuleResult, ...]
    needs_review: tuple[RuleResult, ...]
    template: str | None
    sample: str | None


@dataclass(frozen=True)
class Acceptance:
    """A finding the team accepted in its configuration (``[[accepted]]``), and why.

    The issue stays in every report with this reason; it only stops failing the scan
    until ``until``. After that date ``expired`` is true and the issue fails again, so
    an acceptance cannot quietly outlive the plan it was made for.
    """

    rule: str | None
    url: str | None
    selector: str | None
    reason: str
    until: str | None  # ISO date, or None for no end date
    expired: bool


@dataclass(frozen=True)
class Issue:
    """Elements with one fingerprint over all pages: one barrier to fix once."""

    rule: str | None
    impact: str | None
    wcag: tuple[str, ...]
    en301549: tuple[str, ...]
    fingerprint: str | None
    pages: int | None
    nodes: int | None
    example_urls: tuple[str, ...]
    help: str | None
    help_url: str | None
    target: str | None
    html: str | None
    summary: str | None
    outcome: str  # 'violation' or 'needs-review' (site-level findings)
    scope: str | None  # 'page' or 'site'
    region: str | None  # 'template' or 'content'
    region_reason: str | None
    landmark: str | None
    #: Set when an ``[[accepted]]`` entry of the configuration matches (a11y.accepted).
    accepted: Acceptance | None = None

    @property
    def is_accepted(self) -> bool:
        """Accepted and not expired: shown in the report, but not failing the scan."""
        return self.accepted is not None and not self.accepted.expired


@dataclass(frozen=True)
class Criterion:
    """One success criterion's result: failed, no violations found, or not tested."""

    number: str | None
    name_nl: str | None
    name_en: str | None
    level: str | None
    en301549: str | None
    result: str | None
    rules: tuple[str, ...]
    tested_by: str | None


@dataclass(frozen=True)
class Statement:
    """The accessibility statement link found on the site, and the status it states."""

    found: bool
    url: str | None
    status: str | None


@dataclass(frozen=True)
class DocumentCheck:
    """One problem our PDF checks found in one document."""

    rule: str | None
    outcome: str | None  # 'failed' or 'needs-review'
    wcag: tuple[str, ...]
    en301549: tuple[str, ...]
    help: str | None
    summary: str | None


@dataclass(frozen=True)
class Document:
    """A linked non-HTML file; PDFs are checked, other types only listed."""

    url: str | None
    type: str | None
    bytes: int | None
    found_on: str | None
    checked: bool
    problems: tuple[DocumentCheck, ...]


@dataclass(frozen=True)
class SiteChecks:
    """Whether the site-level checks ran (they compare at least two pages' facts)."""

    ran: bool
    pages: int


@dataclass(frozen=True)
class SampledPage:
    url: str | None
    sample: str | None  # 'template' or 'random'


@dataclass(frozen=True)
class TemplateSample:
    """One layout found with --sample and the checked pages that stand for it."""

    template: str | None
    pages: int | None
    checked: tuple[SampledPage, ...]
    not_checked: int | None
    checked_template: int | None
    checked_random: int | None
    example_title: str | None
    number: int | None


@dataclass(frozen=True)
class Sampling:
    """--sample: which pages stand for which template."""

    mode: str | None
    per_template: int | None
    random_share: float | None
    note: str | None
    templates: tuple[TemplateSample, ...]
    template_count: int | None
    checked_template: int | None
    checked_random: int | None
    not_checked: int | None


@dataclass(frozen=True)
class Coverage:
    """Which of the pages found were checked, and why the others were not."""

    mode: str | None
    pages_found: int | None
    pages_visited: int | None
    pages_checked: int | None
    pages_failed: int | None
    pages_not_checked_sample: int | None
    pages_not_visited: int | None
    limit_reached: bool | None
    max_pages: int | None
    max_depth: int | None


# --- the statement draft: counted by the analysis, worded by a11y.statement ---------------


@dataclass(frozen=True)
class Nonconformity:
    """One failing success criterion as the statement's 'what does not comply' lists it."""

    number: str
    name_nl: str
    name_en: str
    level: str
    en301549: str
    pages: int
    elements: int
    example_urls: tuple[str, ...]
    rules: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@dataclass(frozen=True)
class DocumentProblem:
    """One PDF problem, counted per document over the PDFs that were checked."""

    rule: str
    outcome: str  # 'failed' or 'needs-review'
    count: int
    of: int
    wcag: tuple[str, ...]
    en301549: tuple[str, ...]


@dataclass(frozen=True)
class DocumentSummary:
    """The documents part of the draft: problems per PDF rule and what was not checked."""

    problems: tuple[DocumentProblem, ...]
    #: PDFs checked, and documents only listed (other types, or PDFs over the cap).
    checked: int
    unchecked: int


@dataclass(frozen=True)
class Draft:
    """Everything the statement draft says, so Markdown and HTML show the same content."""

    items: tuple[Nonconformity, ...]
    pages_checked: int
    axe_version: str
    date: str
    not_automatic: int
    documents: DocumentSummary


@dataclass(frozen=True)
class Report:
    """The finished report of one scan; renderers only format it."""

    scan: Scan
    pages: tuple[Page, ...]
    issues: tuple[Issue, ...]
    criteria: tuple[Criterion, ...]
    statement: Statement
    documents: tuple[Document, ...]
    site_checks: SiteChecks | None
    sampling: Sampling | None
    coverage: Coverage | None
    draft: Draft = _extra()
    schema_version: int = field(default=SCHEMA_VERSION, metadata={"json": False})

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract: ``schema_version`` first, then the report's keys."""
        return {"schema_version": self.schema_version, **plain(self)}

    def violations(self) -> tuple[Issue, ...]:
        """The grouped issues that are certain violations (not site-level review findings)."""
        return tuple(i for i in self.issues if i.outcome == "violation")

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON report as the CLI writes it (UTF-8 text, not ASCII escapes)."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=indent)


# --- over the JSON-shaped report (the desk and the CLI read it) -------------------------


def violations(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The grouped issues that are certain violations (not site-level review findings);
    reports of older versions carry no ``outcome`` and hold violations only."""
    return [i for i in report["issues"] if i.get("outcome", "violation") == "violation"]


def worst_impact(report: dict[str, Any]) -> str | None:
    """Highest impact among the report's violations, None when there are none."""
    ranks = [impact_rank(i["impact"]) for i in violations(report)]
    return settings.IMPACTS[max(ranks)] if ranks and max(ranks) >= 0 else None
