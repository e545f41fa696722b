"""The self-contained HTML report for web teams and managers.

The report shows markup taken from sites nobody here controls, and is opened in the
browsers of people with access to the desk; so it is the template
``report/templates/report.html``, rendered with autoescaping on, and every link goes
through the shared ``safe_href`` (http/https only; anything else is shown as code). It
must itself pass axe-core, or it would undercut what it reports: landmarks, one h1,
ordered headings, captions and header cells on every table, and no scripts at all.
This module turns the report dictionary into plain values for the template (the view
model below); the template only formats them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from a11y import statement
from a11y.checks.registry import RULES
from a11y.i18n import CATALOG, t
from inclusiedesk.html import render, safe_href
from inclusiedesk.i18n import language

if TYPE_CHECKING:
    from a11y.analysis.model import DocumentSummary, Draft, Report, RuleResult

IMPACTS = ("critical", "serious", "moderate", "minor")  # axe's order, worst first


def labels(lang: str) -> dict[str, str]:
    """The report's plain words in ``lang`` (``report.*`` in a11y/messages.toml), and the
    language itself as ``lang``, for the template and the helpers that take ``lab``."""
    return {**CATALOG.words("report", lang), "lang": language(lang)}


@dataclass(frozen=True)
class Link:
    """A URL from the scan: a link when ``href`` is set, else shown as code."""

    text: Any
    href: str | None


@dataclass(frozen=True)
class Impact:
    """An axe impact as a badge: ``name`` picks the colour, ``label`` is the word."""

    name: str
    label: Any


def _link(url: Any, text: Any = None) -> Link:
    """A link for web URLs; anything else (javascript:, data:, …) becomes code."""
    return Link(text if text is not None else url, safe_href(url))


def _join(values: Any) -> str:
    return ", ".join(str(v) for v in values or [])


def _impact(impact: Any, lab: dict[str, str]) -> Impact:
    name = impact if impact in IMPACTS else "minor"
    return Impact(name, lab.get(str(impact), impact))


def _when(value: Any, lang: str) -> Any:
    """'28-11-2026 14:02 UTC' (nl) or '2026-11-28 14:02 UTC' (en); raw text if unparsable."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return value
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else moment.strftime(" UTC%z")
    return moment.strftime(t("report.datetime_pattern", lang)) + zone


def _site(report: dict[str, Any]) -> str:
    for url in report.get("scan", {}).get("start_urls") or []:
        host = urlsplit(str(url)).hostname
        if host and safe_href(url):
            return host
    return ""


def _summary(report: dict[str, Any], lab: dict[str, str]) -> dict[str, Any]:
    scan = report.get("scan", {})
    issues = Counter(i.get("impact") for i in _violations(report))
    nodes: Counter[str] = Counter()
    for page in report.get("pages", []):
        for v in page.get("violations", []):
            nodes[v.get("impact")] += int(v.get("nodes") or 0)
    return {
        "start_urls": [_link(u) for u in scan.get("start_urls") or []],
        "date": _when(scan.get("started_at"), lab["lang"]),
        "checked": scan.get("pages_checked"),
        "failed": scan.get("pages_failed"),
        "discovered": scan.get("pages_discovered"),
        "level": lab["level_text"].format(level=scan.get("level") or "AA"),
        "axe": scan.get("axe_version"),
        "impacts": [(_impact(i, lab), issues[i], nodes[i]) for i in IMPACTS],
    }


def _violations(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Grouped issues that are violations; site-level review findings are not counted."""
    return [i for i in report.get("issues", []) if i.get("outcome", "violation") == "violation"]


def _coverage(report: dict[str, Any], lab: dict[str, str]) -> dict[str, Any]:
    """Whether the report speaks for every page found or for a sample, and which."""
    scan = report.get("scan", {})
    cov = report.get("coverage") or {}
    sampling = report.get("sampling")
    limits = {
        "max_pages": cov.get("max_pages") or "?",
        "max_depth": cov.get("max_depth") if cov.get("max_depth") is not None else "?",
    }
    intro: list[str] = []
    templates = None
    if not sampling:
        intro.append(lab["cov_all"].format(**limits))
    else:
        share = f"{float(sampling.get('random_share') or 0) * 100:g}"
        intro.append(lab["cov_sample"].format(per=sampling.get("per_template"), share=share))
        found = sampling.get("templates") or []
        counts = lab["cov_sample_counts"].format(
            templates=len(found),
            visited=cov.get("pages_visited", len(report.get("pages", []))),
            structured=sum(_sampled(tpl, "template") for tpl in found),
            random=sum(_sampled(tpl, "random") for tpl in found),
        )
        skipped = _count(lab, "cov_skipped", sum(int(tpl.get("not_checked") or 0) for tpl in found))
        intro.append(f"{counts} {skipped}")
        templates = _templates(found, lab)
    notes = []
    if cov.get("pages_not_visited"):
        key = "cov_limit" if cov.get("limit_reached") else "cov_not_visited"
        notes.append(_count(lab, key, cov["pages_not_visited"], **limits))
    failed = cov.get("pages_failed", scan.get("pages_failed"))
    if failed:
        notes.append(_count(lab, "cov_failed", failed))
    return {"intro": intro, "templates": templates, "notes": notes}


def _count(lab: dict[str, str], key: str, n: Any, **values: Any) -> str:
    """The sentence for ``n`` things, singular when there is exactly one."""
    return t(f"report.{key}", lab["lang"], n=n, **values)


def _sampled(template: dict[str, Any], reason: str) -> int:
    return sum(1 for c in template.get("checked") or [] if c.get("sample") == reason)


def _templates(templates: list[dict[str, Any]], lab: dict[str, str]) -> list[dict[str, Any]]:
    """One row per template, with the checked pages that stand for it."""
    rows = []
    for n, tpl in enumerate(templates, 1):
        first = (tpl.get("checked") or [{}])[0].get("url")
        rows.append(
            {
                "name": lab["tpl_name"].format(n=tpl.get("number") or n),
                "template": tpl.get("template"),
                "example": _link(first, tpl.get("example_title") or first) if first else None,
                "pages": tpl.get("pages"),
                "structured": _sampled(tpl, "template"),
                "random": _sampled(tpl, "random"),
                "not_checked": tpl.get("not_checked"),
                "checked": [
                    (_link(c.get("url")), lab.get("s_" + str(c.get("sample")), c.get("sample")))
                    for c in tpl.get("checked") or []
                ],
            }
        )
    return rows


def _where(issue: dict[str, Any], lab: dict[str, str]) -> str:
    """Where the fix goes, in words: once in the template, or per page."""
    reason = issue.get("region_reason")
    if reason == "site-check":
        return lab[
            "region-site-check-" + ("content" if issue.get("region") == "content" else "template")
        ]
    if reason == "landmark":
        name = lab.get("lm-" + str(issue.get("landmark")), str(issue.get("landmark")))
        return lab["region-landmark"].format(landmark=name)
    if reason == "repeated":
        return lab["region-repeated"].format(pages=issue.get("pages"))
    return lab["region-page-content"]


def _statement(report: dict[str, Any], lab: dict[str, str]) -> dict[str, Any]:
    st = report.get("statement") or {}
    status = st.get("status")
    return {
        "found": bool(st.get("found")),
        "link": _link(st.get("url")),
        "status": lab["st_status"].format(status=status) if status else None,
    }


_RESULT_CLASS = {"failed": "bad", "no-violations-found": "ok", "not-tested-automatically": "muted"}


def _criteria(report: dict[str, Any], lab: dict[str, str], lang: str) -> dict[str, Any]:
    rows = report.get("criteria", [])
    counts = Counter(c.get("result") for c in rows)
    return {
        "counts": lab["crit_counts"].format(
            failed=counts["failed"],
            ok=counts["no-violations-found"],
            manual=counts["not-tested-automatically"],
        ),
        "caption": lab["crit_caption"].format(n=len(rows)),
        "rows": [
            {
                "number": c.get("number"),
                "name": c.get("name_nl") if lang == "nl" else c.get("name_en") or c.get("name_nl"),
                "level": c.get("level"),
                "en": c.get("en301549"),
                "class": _RESULT_CLASS.get(c.get("result"), ""),
                "result": lab.get(str(c.get("result")), c.get("result")),
                "tested_by": lab.get("by-" + str(c.get("tested_by")), ""),
                "rules": _join(c.get("rules")),
            }
            for c in rows
        ],
    }


def _issues(report: dict[str, Any], lab: dict[str, str]) -> dict[str, Any]:
    issues = sorted(
        report.get("issues", []),
        key=lambda i: (
            i.get("outcome", "violation") != "violation",
            IMPACTS.index(i["impact"]) if i.get("impact") in IMPACTS else 9,
            -int(i.get("pages") or 0),
        ),
    )
    regions = Counter(i.get("region") for i in issues)
    counts = None
    if regions["template"] or regions["content"]:
        counts = lab["region_counts"].format(
            template=regions["template"], content=regions["content"], total=len(issues)
        )
    articles = []
    for issue in issues:
        outcome = issue.get("outcome", "violation")
        articles.append(
            {
                "rule": issue.get("rule"),
                "engine": engine(issue.get("rule"), lab["lang"]),
                "engine_label": t("engine.found_by", lab["lang"]),
                "help": _help(issue.get("rule"), issue.get("help"), lab["lang"]),
                "outcome": lab.get(outcome, outcome),
                "impact": _impact(issue.get("impact"), lab),
                "where": _where(issue, lab) if issue.get("region") else None,
                "wcag": _join(issue.get("wcag")) or lab["none"],
                "en": _join(issue.get("en301549")) or lab["none"],
                "pages": issue.get("pages"),
                "nodes": issue.get("nodes"),
                "target": issue.get("target"),
                "help_link": _link(issue.get("help_url")),
                "html": issue.get("html"),
                "summary": issue.get("summary"),
                "examples": [_link(u) for u in issue.get("example_urls") or []],
                "accepted": accepted_text(issue.get("accepted"), lab["lang"]),
            }
        )
    return {"region_counts": counts, "articles": articles}


def engine(rule: Any, lang: str) -> str:
    """Which engine found a rule's problems, named after its id: ``ibm:…`` IBM's Equal
    Access engine, ``idesk-…`` our own checks, anything else axe-core."""
    rule = str(rule or "")
    key = "ibm" if rule.startswith("ibm:") else "own" if rule.startswith("idesk-") else "axe"
    return t(f"engine.{key}", lang)


def _help(rule: Any, stored: Any, lang: str) -> Any:
    """A rule's help in the report's language: ours from the registry; axe's as the scan
    stored it (from axe-core's own locale), except in Dutch, where that locale has no rule
    texts and our one-sentence fix (``fix.*``) stands in."""
    own = RULES.get(str(rule))
    if own is not None:
        return own.help_nl if lang == "nl" else own.help_en
    if lang == "nl" and CATALOG.has(f"fix.{rule}"):
        return t(f"fix.{rule}", lang)
    return stored


def _fix(rule: Any, stored: Any, lang: str) -> Any:
    """The fix in one sentence: ours for axe's WCAG rules, else the rule's help."""
    if str(rule) not in RULES and CATALOG.has(f"fix.{rule}"):
        return t(f"fix.{rule}", lang)
    return _help(rule, stored, lang)


#: How much worse each impact weighs when issues are ranked by reach (pages x impact).
_WEIGHT = {"critical": 4, "serious": 3, "moderate": 2, "minor": 1}


def reach_order(issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Certain violations ranked by reach: template issues first (one fix mends every page
    they are on), then by pages x impact weight, then the worst impact, then by rule."""
    found = [i for i in issues if i.get("outcome", "violation") == "violation"]
    return sorted(
        found,
        key=lambda i: (
            i.get("region") != "template",
            -int(i.get("pages") or 0) * _WEIGHT.get(str(i.get("impact")), 1),
            -_WEIGHT.get(str(i.get("impact")), 0),
            str(i.get("rule")),
            str(i.get("target")),
        ),
    )


def _first(report: dict[str, Any], lab: dict[str, str]) -> list[dict[str, Any]]:
    """The opening list: what to fix first, each issue once with the pages it touches."""
    lang = lab["lang"]
    items = []
    for issue in reach_order(report.get("issues", [])):
        pages = int(issue.get("pages") or 0)
        examples = [_link(u) for u in issue.get("example_urls") or []]
        kind = "template_pages" if issue.get("region") == "template" else "content_pages"
        items.append(
            {
                "rule": issue.get("rule"),
                "help": _fix(issue.get("rule"), issue.get("help"), lang),
                "impact": _impact(issue.get("impact"), lab),
                "reach": t(f"first.{kind}", lang, n=pages),
                "fix": _where(issue, lab) if issue.get("region") else None,
                "target": issue.get("target"),
                "pages": examples,
                "more": t("first.more_pages", lang, n=pages - len(examples))
                if pages > len(examples)
                else None,
            }
        )
    return items


def _without_template(
    violations: list[dict[str, Any]], typed: tuple[RuleResult, ...]
) -> tuple[list[dict[str, Any]], int]:
    """A page's violations without the elements that sit in the template, and how many
    such elements the page has: the report describes each template issue once, with its
    page count, under 'what to fix first' and in the grouped issues."""
    kept = []
    hidden = 0
    for v, result in zip(violations, typed, strict=True):
        details = v.get("node_details") or []
        regions = [e.region for e in result.elements]
        own = [d for d, region in zip(details, regions, strict=True) if region != "template"]
        hidden += len(details) - len(own)
        if own or not details:
            kept.append(
                {**v, "node_details": own, "nodes": len(own) if details else v.get("nodes")}
            )
    return kept, hidden


def accepted_text(acceptance: Any, lang: str) -> str | None:
    """An accepted issue stays in the report with the team's reason (a11y.accepted)."""
    if not isinstance(acceptance, dict):
        return None
    fields = {"reason": acceptance.get("reason") or "", "until": acceptance.get("until") or ""}
    if acceptance.get("expired"):
        return t("ciconfig.accepted_expired", lang, **fields)
    key = "ciconfig.accepted_until" if acceptance.get("until") else "ciconfig.accepted"
    return t(key, lang, **fields)


def _fence_note(v: dict[str, Any], d: dict[str, Any], lab: dict[str, str]) -> str | None:
    """A request the fence refused, said in the report's language (a11y.browser.fence)."""
    key = {"idesk-blocked-navigation": "fence.tried", "idesk-blocked-request": "fence.tried_load"}
    if v.get("rule") not in key:
        return None
    return t(key[v["rule"]], lab["lang"], url=d.get("html") or "")


def _violation_table(
    items: list[dict[str, Any]], caption: str, lab: dict[str, str]
) -> dict[str, Any]:
    details = [
        {
            "rule": v.get("rule"),
            "target": d.get("target"),
            "html": d.get("html"),
            "failure": _fence_note(v, d, lab) or d.get("failure_summary"),
        }
        for v in items
        for d in v.get("node_details") or []
    ]
    return {
        "caption": caption,
        "rows": [
            {
                "rule": v.get("rule"),
                "impact": _impact(v.get("impact"), lab),
                "wcag": _join(v.get("wcag")) or lab["none"],
                "nodes": v.get("nodes"),
                "help": _help(v.get("rule"), v.get("help"), lab["lang"]),
                "help_link": _link(v.get("help_url")),
            }
            for v in items
        ],
        "details": details,
        "details_label": lab["nodes"].format(n=len(details)),
    }


def _pages(report: dict[str, Any], lab: dict[str, str], typed: Report) -> list[dict[str, Any]]:
    out = []
    for page, typed_page in zip(report.get("pages", []), typed.pages, strict=True):
        final = page.get("final_url")
        status = page.get("status")
        violations, hidden = _without_template(page.get("violations") or [], typed_page.violations)
        review = page.get("needs_review")
        out.append(
            {
                "title": page.get("title") or lab["untitled"],
                "url": _link(page.get("url")),
                "final_url": _link(final) if final and final != page.get("url") else None,
                "redirects": [_link(u) for u in page.get("redirects") or []],
                "status": status if status else lab["unknown"],
                "error": page.get("error"),
                "violations": (
                    _violation_table(violations, lab["violations_caption"], lab)
                    if violations
                    else None
                ),
                "review": _violation_table(review, lab["review_caption"], lab) if review else None,
                "template_note": t("first.template_note", lab["lang"], n=hidden)
                if hidden
                else None,
            }
        )
    return out


def _size(value: Any, lab: dict[str, str]) -> str:
    if not isinstance(value, int):
        return lab["unknown"]
    if value < 1024:
        return f"{value} B"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} kB"
    return f"{value / 1024 / 1024:.1f} MB"


def _documents(
    report: dict[str, Any], part: DocumentSummary, lab: dict[str, str]
) -> dict[str, Any] | None:
    docs = report.get("documents") or []
    if not docs:
        return None
    return {
        "intro": (
            " ".join(statement.documents_intro(part, lab["lang"]))
            if part.checked or part.unchecked
            else None
        ),
        "problems": [(statement.problem_text(p, lab["lang"]), p.rule) for p in part.problems],
        "rows": [
            {
                "url": _link(d.get("url")),
                "type": d.get("type"),
                "size": _size(d.get("bytes"), lab),
                "found_on": _link(d.get("found_on")),
                "problems": _doc_problems(d, lab),
            }
            for d in docs
        ],
    }


def _doc_problems(doc: dict[str, Any], lab: dict[str, str]) -> list[Any]:
    """One line per problem of a document, or the one word for none or not checked."""
    if not doc.get("checked"):
        return [lab["not_checked"]]
    return [p.get("summary") for p in doc.get("problems") or []] or [lab["no-violations-found"]]


def _draft(draft: Draft, lang: str) -> dict[str, Any]:
    """The same content as statement.draft_nonconformities, for the template."""
    lab = statement.labels(lang)
    docs = draft.documents
    return {
        "title": lab["title"],
        "caveat": lab["caveat"].format(
            axe=draft.axe_version,
            pages=draft.pages_checked,
            date=draft.date,
            manual=draft.not_automatic,
        ),
        "none": lab["none"],
        "rules_label": lab["rules"],
        "examples_label": lab["examples"],
        "items": [
            {
                "heading": (
                    f"{item.number} {item.name(lang)}"
                    f" ({lab['level']} {item.level}, EN 301 549 {item.en301549})"
                ),
                "found": statement.found_text(item, lang),
                "rules": item.rules,
                "examples": [_link(u) for u in item.example_urls],
            }
            for item in draft.items
        ],
        "documents": (
            {
                "title": lab["docs_title"],
                "intro": " ".join(statement.documents_intro(docs, lang)),
                "problems": [statement.problem_text(p, lang) for p in docs.problems],
            }
            if docs and (docs.checked or docs.unchecked)
            else None
        ),
    }


# The report's sections in order: the id of each heading and its label (the table of contents).
_SECTIONS = (
    "summary",
    "coverage",
    "statement",
    "criteria",
    "draft",
    "issues",
    "pages",
    "documents",
)


def render_html(typed: Report, lang: str = "nl") -> str:
    """The whole report as one HTML document with inline CSS and no scripts.

    Takes the finished report of :mod:`a11y.analysis`; the sections read its JSON form,
    the documents summary and the statement draft come as the analysis counted them.
    """
    report = typed.as_dict()
    lang = language(lang)
    lab = labels(lang)
    scan = report.get("scan", {})
    draft = _draft(typed.draft, lang)
    return render(
        "a11y",
        "report/templates",
        "report.html",
        lang=lang,
        lab=lab,
        title=f"{lab['title']} {_site(report)}".strip(),
        toc=[("first", t("first.title", lang))]
        + [(key, draft["title"] if key == "draft" else lab[key]) for key in _SECTIONS],
        first=_first(report, lab),
        first_lab=CATALOG.words("first", lang),
        summary=_summary(report, lab),
        coverage=_coverage(report, lab),
        statement=_statement(report, lab),
        criteria=_criteria(report, lab, lang),
        issues=_issues(report, lab),
        accepted_label=t("ciconfig.accepted_label", lang),
        pages=_pages(report, lab, typed),
        documents=_documents(report, typed.draft.documents, lab),
        draft=draft,
        generated=lab["generated"].format(
            version=scan.get("tool_version") or "", id=scan.get("id")
        ),
    )
