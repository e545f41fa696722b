"""The analysis step: a stored scan's rows in, the finished report out.

:func:`analyse` is the only place that runs the site-level checks, groups elements into
issues and places them (template or content), judges the success criteria, counts
coverage and sampling, and (through :mod:`a11y.analysis.load`) places the elements and
counts the statement draft. :mod:`a11y.store` only reads the rows; the renderers only
format what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from a11y import criteria, grouping, settings
from a11y.analysis.load import report_from_dict
from a11y.analysis.model import Report, impact_rank
from a11y.checks import pdf as pdf_checks
from a11y.checks import registry as own_rules
from a11y.checks import site as site_checks
from a11y.store import ScanRows

#: Example URLs per grouped issue.
MAX_EXAMPLES = 5


def _findings(rows: ScanRows) -> dict[int, dict[str, list]]:
    """{page_id: {'violation': [...], 'needs-review': [...]}} in the contract's shape."""
    nodes: dict[int, list[dict]] = {}
    for n in rows.nodes:
        nodes.setdefault(n["violation_id"], []).append(n)
    by_page: dict[int, dict[str, list]] = {}
    for v in rows.findings:
        details = nodes.get(v["id"], [])
        item = {
            "rule": v["rule"],
            "impact": v["impact"],
            "wcag": v["wcag"],
            "en301549": v["en301549"],
            "help": v["help"],
            "help_url": v["help_url"],
            "targets": [n["target"] for n in details],
            "nodes": len(details),
            "node_details": [
                {"target": n["target"], "html": n["html"], "failure_summary": n["failure_summary"]}
                for n in details
            ],
        }
        slot = by_page.setdefault(v["page_id"], {"violation": [], "needs-review": []})
        slot[v["outcome"]].append(item)
    return by_page


@dataclass(frozen=True)
class _Hit:
    """One failing element (or one site-level finding on one page), ready to be grouped."""

    fingerprint: str
    rule: str
    impact: str | None
    wcag: list[str]
    en301549: list[str]
    help: str
    help_url: str
    target: str
    html: str
    summary: str
    page: int  # page id
    page_url: str
    template: str | None
    outcome: str  # 'violation', or 'needs-review' for site-level findings
    scope: str  # 'page' (axe and own page checks) or 'site' (a11y.checks.site)


def _hit(
    fingerprint: str,
    item: dict[str, Any],
    node: dict[str, Any],
    page_id: int,
    page: dict[str, Any],
    outcome: str,
    scope: str,
) -> _Hit:
    """One element of a rule result (``item``: a violations row or a site-check result)."""
    return _Hit(
        fingerprint=fingerprint,
        rule=item["rule"],
        impact=item["impact"],
        wcag=list(item["wcag"]),
        en301549=list(item["en301549"]),
        help=item["help"],
        help_url=item["help_url"],
        target=node["target"] or "",
        html=node["html"] or "",
        summary=node["failure_summary"] or "",
        page=page_id,
        page_url=page["final_url"] or page["url"],
        template=page["template"],
        outcome=outcome,
        scope=scope,
    )


def _violation_hits(rows: ScanRows) -> list[_Hit]:
    """Every element of a certain violation, in the order it was stored."""
    findings = {v["id"]: v for v in rows.findings}
    pages = {p["id"]: p for p in rows.pages}
    return [
        _hit(n["fingerprint"], v, n, n["page_id"], pages[n["page_id"]], "violation", "page")
        for n in rows.nodes
        if (v := findings[n["violation_id"]])["outcome"] == "violation"
    ]


def _site_hits(
    pages: list[dict[str, Any]],
    page_ids: list[int],
    site_items: list[list[tuple[str, dict[str, Any]]]],
) -> list[_Hit]:
    """Site-level findings (computed when the report is built, never stored) as hits;
    ``site_items`` holds per page (outcome, item) pairs."""
    return [
        _hit(
            grouping.site_fingerprint(item["rule"], node["target"], node["html"]),
            item,
            node,
            page_id,
            page,
            outcome,
            "site",
        )
        for page, page_id, items in zip(pages, page_ids, site_items, strict=True)
        for outcome, item in items
        for node in item.get("node_details") or []
    ]


def _issues(hits: list[_Hit]) -> list[dict[str, Any]]:
    """Hits grouped by fingerprint, each group told where it sits (template or content).

    Worst impact first (the order the JSON contract has always had); within one impact
    violations before site-level findings that need review, then the widest first.
    """
    groups: dict[str, dict[str, Any]] = {}
    extra: dict[str, dict[str, Any]] = {}
    for hit in hits:
        group = groups.get(hit.fingerprint)
        if group is None:
            group = groups[hit.fingerprint] = {
                "rule": hit.rule,
                "impact": hit.impact,
                "wcag": hit.wcag,
                "en301549": hit.en301549,
                "fingerprint": hit.fingerprint,
                "pages": 0,
                "nodes": 0,
                "example_urls": [],
                "help": hit.help,
                "help_url": hit.help_url,
                "target": hit.target,
                "html": hit.html,
                "summary": hit.summary,
                "outcome": hit.outcome,
                "scope": hit.scope,
            }
            extra[hit.fingerprint] = {"pages": set(), "templates": set(), "landmark": None}
        seen = extra[hit.fingerprint]
        group["nodes"] += 1
        if seen["landmark"] is None and hit.scope == "page":
            seen["landmark"] = grouping.landmark(hit.target, hit.html)
        if hit.template:
            seen["templates"].add(hit.template)
        if hit.page not in seen["pages"]:
            seen["pages"].add(hit.page)
            group["pages"] += 1
            if len(group["example_urls"]) < MAX_EXAMPLES:
                group["example_urls"].append(hit.page_url)
    for fp, group in groups.items():
        seen = extra[fp]
        group["region"], group["region_reason"] = grouping.region(
            group["rule"],
            seen["landmark"],
            group["pages"],
            len(seen["templates"]),
            site_check=group["scope"] == "site",
        )
        group["landmark"] = seen["landmark"]
    issues = list(groups.values())
    issues.sort(
        key=lambda i: (
            -impact_rank(i["impact"]),
            i["outcome"] != "violation",
            -i["pages"],
            -i["nodes"],
            i["rule"],
        )
    )
    return issues


def _criteria(
    covered: set[str], pages: list[dict[str, Any]], own: dict[str, list[str]] | None = None
) -> list[dict[str, Any]]:
    """Result per criterion; ``tested_by`` says whether axe, our own checks or nobody tested it."""
    own = own or {}
    failing: dict[str, set[str]] = {}
    for page in pages:
        for v in page["violations"]:
            for number in v["wcag"]:
                failing.setdefault(number, set()).add(v["rule"])
    out = []
    for c in criteria.criteria():
        if c.number in failing:
            result = "failed"
        elif c.number in covered or own_rules.decides(own.get(c.number, ())):
            result = "no-violations-found"
        else:
            result = "not-tested-automatically"
        out.append(
            {
                "number": c.number,
                "name_nl": c.name_nl,
                "name_en": c.name_en,
                "level": c.level,
                "en301549": c.en301549,
                "result": result,
                "rules": sorted(failing.get(c.number, ())),
                "tested_by": own_rules.tested_by(c.number in covered, own.get(c.number, ())),
            }
        )
    return out


def analyse(rows: ScanRows) -> Report:
    """The finished report of a stored scan (the JSON contract of issue 3, plus extras)."""
    return report_from_dict(_report_dict(rows))


def _report_dict(rows: ScanRows) -> dict[str, Any]:
    """The report in the JSON shape, before it is typed."""
    scan = rows.scan
    findings = _findings(rows)
    redirects = rows.redirects
    pages = []
    page_ids: list[int] = []
    own_facts: list[dict[str, Any] | None] = []
    statuses: dict[str, str | None] = {}
    final_of: dict[str, str] = {}
    for p in rows.pages:
        found = findings.get(p["id"], {"violation": [], "needs-review": []})
        pages.append(
            {
                "url": p["url"],
                "final_url": p["final_url"],
                "status": p["status"],
                "title": p["title"],
                "error": p["error"],
                "redirects": redirects.get(p["id"], []),
                "violations": found["violation"],
                "needs_review": found["needs-review"],
                "template": p["template"],
                "sample": p["sample"],
            }
        )
        page_ids.append(p["id"])
        own_facts.append(p["facts"])
        if p["final_url"]:
            final_of[p["url"]] = p["final_url"]
        statuses[p["url"]] = statuses.get(p["url"]) or p["compliance_status"]
        if p["final_url"]:
            statuses[p["final_url"]] = statuses.get(p["final_url"]) or p["compliance_status"]
    # Whatever the site-level checks add to a page is a site-level finding: today they
    # only add needs-review results, but a certain failure would count as a violation.
    before = [(len(p["violations"]), len(p["needs_review"])) for p in pages]
    site_checks.apply(pages, own_facts)
    site_items = [
        [("violation", v) for v in p["violations"][nv:]]
        + [(own_rules.REVIEW, v) for v in p["needs_review"][nr:]]
        for p, (nv, nr) in zip(pages, before, strict=True)
    ]
    hits = _violation_hits(rows) + _site_hits(pages, page_ids, site_items)
    options = scan["options"]
    checks = options.get("checks", "full")  # older scans ran all
    skip = own_rules.FULL_ONLY_RULES if checks == "standard" else frozenset()
    own = own_rules.covered(skip) if any(f is not None for f in own_facts) else {}
    statement_url = scan["statement_url"]
    covered = set(scan["covered_criteria"])
    documents = [
        {
            "url": d["url"],
            "type": d["type"],
            "bytes": d["bytes"],
            "found_on": d["found_on"],
            "checked": d["checks"] is not None,
            "problems": pdf_checks.problems(d["checks"]),
        }
        for d in rows.documents
    ]
    return {
        "scan": {
            "id": scan["id"],
            "started_at": scan["started_at"],
            "finished_at": scan["finished_at"],
            "start_urls": scan["start_urls"],
            "axe_version": scan["axe_version"],
            "level": scan["level"],
            "pages_checked": scan["pages_checked"] or 0,
            "pages_failed": scan["pages_failed"] or 0,
            "pages_discovered": scan["pages_discovered"] or 0,
            "tool_version": scan["tool_version"],
        },
        "pages": pages,
        "issues": _issues(hits),
        "criteria": _criteria(covered, pages, own),
        "statement": {
            "found": statement_url is not None,
            "url": statement_url,
            "status": (statuses.get(statement_url) or statuses.get(final_of.get(statement_url)))
            if statement_url
            else None,
        },
        "documents": documents,
        "site_checks": {
            # a11y.checks.site compares pages, so it needs at least two with own-check facts;
            # a diff must not call a site-level finding fixed when it was not looked for.
            "ran": sum(f is not None for f in own_facts) >= 2,
            "pages": sum(f is not None for f in own_facts),
        },
        "sampling": _sampling(pages),
        "coverage": _coverage(scan, pages, options),
    }


def _sampling(pages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """--sample: which pages stand for which template; None when every page was checked."""
    if not any(p["sample"] for p in pages):
        return None
    groups: dict[str, dict[str, Any]] = {}
    for p in pages:
        if not p["template"]:
            continue
        g = groups.setdefault(
            p["template"],
            {
                "template": p["template"],
                "pages": 0,
                "checked": [],
                "not_checked": 0,
                "checked_template": 0,
                "checked_random": 0,
                "example_title": p["title"],
            },
        )
        g["pages"] += 1
        if p["sample"] in ("template", "random"):
            g["checked"].append({"url": p["final_url"] or p["url"], "sample": p["sample"]})
            g["checked_" + p["sample"]] += 1
        else:
            g["not_checked"] += 1
    templates = sorted(groups.values(), key=lambda g: -g["pages"])
    for number, g in enumerate(templates, start=1):
        g["number"] = number
    return {
        "mode": "sample",
        "per_template": settings.SAMPLE_PER_TEMPLATE,
        "random_share": settings.SAMPLE_RANDOM_SHARE,
        "note": "Structured sample: the first pages of every template; random sample: a fixed"
        " share of the rest. Pages not checked are represented by their template's sample.",
        "templates": templates,
        "template_count": len(templates),
        "checked_template": sum(g["checked_template"] for g in templates),
        "checked_random": sum(g["checked_random"] for g in templates),
        "not_checked": sum(g["not_checked"] for g in templates),
    }


def _coverage(
    scan: dict[str, Any], pages: list[dict[str, Any]], options: dict[str, Any]
) -> dict[str, Any]:
    """Which of the pages found were checked, and why the others were not.

    A reader of a report (and of the statement draft built on it) must know whether it
    speaks for every page or for a sample, and which limits cut the crawl short.
    """
    found = max(scan["pages_discovered"] or 0, len(pages))
    checked = scan["pages_checked"] or 0
    failed = sum(1 for p in pages if p["error"])
    skipped = sum(1 for p in pages if p["sample"] not in (None, "template", "random"))
    return {
        "mode": "sample" if options.get("sample") else "all",
        "pages_found": found,
        "pages_visited": len(pages),
        "pages_checked": checked,
        "pages_failed": failed,
        "pages_not_checked_sample": skipped,
        "pages_not_visited": max(0, found - len(pages)),
        # The crawl stopped at --max-pages (rather than robots.txt or scope leaving pages out).
        "limit_reached": bool(options.get("max_pages")) and len(pages) >= options["max_pages"],
        "max_pages": options.get("max_pages"),
        "max_depth": options.get("max_depth"),
    }
