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
from inclusiedesk.html import render, safe_href

if TYPE_CHECKING:
    from a11y.analysis.model import DocumentSummary, Draft, Report

IMPACTS = ("critical", "serious", "moderate", "minor")  # axe's order, worst first

_L: dict[str, dict[str, str]] = {
    "nl": {
        "lang": "nl",
        "title": "Toegankelijkheidsrapport",
        "toc": "Onderdelen van dit rapport",
        "summary": "Samenvatting",
        "site": "Website",
        "date": "Datum scan",
        "checked": "Pagina's gecontroleerd",
        "failed_pages": "Pagina's niet te laden",
        "discovered": "Pagina's gevonden",
        "axe": "axe-core-versie",
        "level": "Niveau",
        "level_text": "WCAG 2.1 {level} (EN 301 549, Bdto)",
        "impacts": "Gevonden problemen per ernst",
        "impact": "Ernst",
        "problems": "Problemen (gegroepeerd)",
        "elements": "Elementen",
        "critical": "kritiek",
        "serious": "ernstig",
        "moderate": "matig",
        "minor": "klein",
        "note": (
            "Let op: dit rapport is het resultaat van automatisch testen. Automatische "
            "tests vinden maar een deel van de toegankelijkheidsproblemen: veel "
            "succescriteria zijn niet of maar gedeeltelijk automatisch te beoordelen. "
            "'Geen fouten gevonden' betekent dus niet dat een criterium voldoet; een "
            "onderzoek door een deskundige (WCAG-EM) blijft nodig."
        ),
        "statement": "Toegankelijkheidsverklaring",
        "st_found": "Er is een link naar een toegankelijkheidsverklaring gevonden:",
        "st_missing": (
            "Er is geen link naar een toegankelijkheidsverklaring gevonden op de "
            "startpagina of in de footer. De Bdto verplicht een verklaring."
        ),
        "st_status": "Nalevingsstatus volgens de verklaring: {status}",
        "st_nostatus": "De nalevingsstatus (A tot en met E) is niet op de pagina gevonden.",
        "criteria": "Per succescriterium",
        "crit_caption": "Resultaat per succescriterium (WCAG 2.1 A en AA, {n} criteria)",
        "number": "Nummer",
        "name": "Succescriterium",
        "en": "EN 301 549",
        "result": "Resultaat",
        "rules": "Regels (axe-core)",
        "tested_by": "Getest door",
        "by-axe": "axe-core",
        "by-own": "eigen controles",
        "by-axe+own": "axe-core en eigen controles",
        "by-partly": "deels (eigen controles wijzen mogelijke problemen aan)",
        "by-none": "niet: handmatig beoordelen",
        "failed": "Fout gevonden",
        "no-violations-found": "Geen fouten gevonden",
        "not-tested-automatically": "Niet automatisch te testen",
        "crit_counts": "{failed} met fouten, {ok} zonder gevonden fouten, {manual} niet automatisch te testen.",  # noqa: E501
        "issues": "Problemen om één keer op te lossen",
        "issues_intro": (
            "Hetzelfde probleem op hetzelfde element op veel pagina's komt meestal uit een "
            "sjabloon: één keer oplossen verhelpt het overal."
        ),
        "no_issues": "Geen problemen gevonden.",
        "rule": "Regel",
        "wcag": "WCAG",
        "pages_n": "Pagina's",
        "target": "Element (CSS-selector)",
        "snippet": "Voorbeeld van de HTML",
        "examples": "Voorbeeldpagina's",
        "help": "Uitleg",
        "pages": "Per pagina",
        "status": "HTTP-status",
        "final_url": "Uiteindelijke URL",
        "redirects": "Omleidingen",
        "error": "Fout bij laden",
        "untitled": "(zonder titel)",
        "page_ok": "Geen fouten gevonden op deze pagina.",
        "violations_caption": "Fouten op deze pagina",
        "review_caption": "Handmatig nakijken (axe kon het niet beslissen)",
        "nodes": "Elementen in detail ({n})",
        "failure": "Wat er mis is",
        "documents": "Documenten",
        "doc_intro": "Documenten vallen ook onder de Bdto (EN 301 549 hoofdstuk 10).",
        "doc_problems": "Problemen",
        "doc_counts": "Problemen in documenten",
        "not_checked": "niet getest",
        "no_documents": "Geen documenten gevonden.",
        "doc_caption": "Gevonden documenten",
        "url": "URL",
        "type": "Type",
        "size": "Grootte",
        "found_on": "Gevonden op",
        "unknown": "onbekend",
        "generated": "Gemaakt met inclusiedesk a11y {version}; scan {id}.",
        "none": "geen",
        "coverage": "Welke pagina's zijn gecontroleerd",
        "cov_all": (
            "Elke gevonden pagina is gecontroleerd, binnen de grenzen van de scan"
            " (maximaal {max_pages} pagina's, {max_depth} klikken vanaf de start)."
        ),
        "cov_limit": (
            "{n} gevonden pagina's zijn niet bezocht, omdat de grens van {max_pages} pagina's"
            " bereikt was."
        ),
        "cov_limit_one": (
            "1 gevonden pagina is niet bezocht, omdat de grens van {max_pages} pagina's bereikt"
            " was."
        ),
        "cov_not_visited": (
            "{n} gevonden pagina's zijn niet bezocht (bijvoorbeeld door robots.txt, --exclude of"
            " een omleiding buiten de site)."
        ),
        "cov_not_visited_one": (
            "1 gevonden pagina is niet bezocht (bijvoorbeeld door robots.txt, --exclude of een"
            " omleiding buiten de site)."
        ),
        "cov_failed": "{n} pagina's konden niet worden geladen en zijn dus niet gecontroleerd.",
        "cov_failed_one": "1 pagina kon niet worden geladen en is dus niet gecontroleerd.",
        "cov_skipped": (
            "{n} gevonden pagina's zijn niet gecontroleerd; de gecontroleerde pagina's van hun"
            " sjabloon staan voor hen."
        ),
        "cov_skipped_one": (
            "1 gevonden pagina is niet gecontroleerd; de gecontroleerde pagina's van haar"
            " sjabloon staan ervoor."
        ),
        "cov_sample": (
            "Deze scan controleerde een steekproef (optie --sample, zoals in WCAG-EM): van elk"
            " sjabloon de eerste {per} pagina's (gestructureerde steekproef) en van de overige"
            " pagina's willekeurig {share}%."
        ),
        "cov_sample_counts": (
            "Gevonden: {templates} sjablonen en {visited} pagina's. Gecontroleerd: {structured}"
            " pagina's in de gestructureerde steekproef en {random} willekeurig gekozen."
        ),
        "cov_caption": "Sjablonen en de pagina's die ervoor staan",
        "tpl": "Sjabloon",
        "tpl_name": "Sjabloon {n}",
        "tpl_example": "Voorbeeld (titel)",
        "tpl_pages": "Pagina's gevonden",
        "tpl_structured": "Gestructureerd gecontroleerd",
        "tpl_random": "Willekeurig gecontroleerd",
        "tpl_skipped": "Niet gecontroleerd",
        "tpl_list": "Gecontroleerde pagina's per sjabloon",
        "s_template": "gestructureerd",
        "s_random": "willekeurig",
        "outcome": "Uitkomst",
        "violation": "Fout",
        "needs-review": "Nakijken (sitebrede controle)",
        "where": "Waar oplossen",
        "region_counts": (
            "{template} van de {total} problemen zitten in een gedeeld deel van de pagina's"
            " (sjabloon), {content} in de inhoud van losse pagina's."
        ),
        "region-landmark": "In het sjabloon ({landmark}): één keer oplossen verhelpt het overal.",
        "region-repeated": (
            "In het sjabloon: hetzelfde element staat op {pages} pagina's; één keer oplossen"
            " verhelpt het overal."
        ),
        "region-site-check-template": (
            "In het sjabloon (sitebrede controle): één keer oplossen verhelpt het overal."
        ),
        "region-site-check-content": "In de inhoud van elke genoemde pagina (sitebrede controle).",
        "region-page-content": "In de inhoud van de pagina: per pagina oplossen.",
        "lm-header": "kop van de pagina",
        "lm-nav": "navigatie",
        "lm-footer": "voettekst",
        "lm-aside": "zijbalk",
        "lm-search": "zoekfunctie",
    },
    "en": {
        "lang": "en",
        "title": "Accessibility report",
        "toc": "Sections of this report",
        "summary": "Summary",
        "site": "Website",
        "date": "Scan date",
        "checked": "Pages checked",
        "failed_pages": "Pages that failed to load",
        "discovered": "Pages discovered",
        "axe": "axe-core version",
        "level": "Level",
        "level_text": "WCAG 2.1 {level} (EN 301 549, Bdto)",
        "impacts": "Problems found by impact",
        "impact": "Impact",
        "problems": "Problems (grouped)",
        "elements": "Elements",
        "critical": "critical",
        "serious": "serious",
        "moderate": "moderate",
        "minor": "minor",
        "note": (
            "Note: this report is the result of automated testing. Automated tests find "
            "only part of the accessibility problems: many success criteria cannot be "
            "judged automatically, or only partly. 'No violations found' therefore does "
            "not mean a criterion is met; an expert evaluation (WCAG-EM) is still needed."
        ),
        "statement": "Accessibility statement",
        "st_found": "A link to an accessibility statement was found:",
        "st_missing": (
            "No link to an accessibility statement was found on the start page or in the "
            "footer. The Bdto requires a statement."
        ),
        "st_status": "Compliance status stated: {status}",
        "st_nostatus": "No compliance status (A to E) was found on the page.",
        "criteria": "Per success criterion",
        "crit_caption": "Result per success criterion (WCAG 2.1 A and AA, {n} criteria)",
        "number": "Number",
        "name": "Success criterion",
        "en": "EN 301 549",
        "result": "Result",
        "rules": "Rules (axe-core)",
        "tested_by": "Tested by",
        "by-axe": "axe-core",
        "by-own": "own checks",
        "by-axe+own": "axe-core and own checks",
        "by-partly": "partly (own checks point at likely problems)",
        "by-none": "not at all: manual audit",
        "failed": "Failed",
        "no-violations-found": "No violations found",
        "not-tested-automatically": "Not testable automatically",
        "crit_counts": "{failed} failed, {ok} without violations found, {manual} not testable automatically.",  # noqa: E501
        "issues": "Problems to fix once",
        "issues_intro": (
            "The same problem on the same element on many pages usually comes from a "
            "template: fixing it once fixes it everywhere."
        ),
        "no_issues": "No problems found.",
        "rule": "Rule",
        "wcag": "WCAG",
        "pages_n": "Pages",
        "target": "Element (CSS selector)",
        "snippet": "Example HTML",
        "examples": "Example pages",
        "help": "Help",
        "pages": "Per page",
        "status": "HTTP status",
        "final_url": "Final URL",
        "redirects": "Redirects",
        "error": "Error while loading",
        "untitled": "(untitled)",
        "page_ok": "No violations found on this page.",
        "violations_caption": "Violations on this page",
        "review_caption": "Needs review (axe could not decide)",
        "nodes": "Elements in detail ({n})",
        "failure": "What is wrong",
        "documents": "Documents",
        "doc_intro": "Documents fall under the Bdto too (EN 301 549 chapter 10).",
        "doc_problems": "Problems",
        "doc_counts": "Problems in documents",
        "not_checked": "not checked",
        "no_documents": "No documents found.",
        "doc_caption": "Documents found",
        "url": "URL",
        "type": "Type",
        "size": "Size",
        "found_on": "Found on",
        "unknown": "unknown",
        "generated": "Made with inclusiedesk a11y {version}; scan {id}.",
        "none": "none",
        "coverage": "Which pages were checked",
        "cov_all": (
            "Every page found was checked, within the scan's limits (at most {max_pages}"
            " pages, {max_depth} clicks from the start)."
        ),
        "cov_limit": (
            "{n} pages found were not visited because the limit of {max_pages} pages was reached."
        ),
        "cov_limit_one": (
            "1 page found was not visited because the limit of {max_pages} pages was reached."
        ),
        "cov_not_visited": (
            "{n} pages found were not visited (for example because of robots.txt, --exclude or"
            " a redirect off the site)."
        ),
        "cov_not_visited_one": (
            "1 page found was not visited (for example because of robots.txt, --exclude or a"
            " redirect off the site)."
        ),
        "cov_failed": "{n} pages could not be loaded and so were not checked.",
        "cov_failed_one": "1 page could not be loaded and so was not checked.",
        "cov_skipped": (
            "{n} pages found were not checked; the checked pages of their template stand for them."
        ),
        "cov_skipped_one": (
            "1 page found was not checked; the checked pages of its template stand for it."
        ),
        "cov_sample": (
            "This scan checked a sample (option --sample, as in WCAG-EM): the first {per}"
            " pages of every template (structured sample) and {share}% of the other pages at"
            " random."
        ),
        "cov_sample_counts": (
            "Found: {templates} templates and {visited} pages. Checked: {structured} pages in"
            " the structured sample and {random} at random."
        ),
        "cov_caption": "Templates and the pages that stand for them",
        "tpl": "Template",
        "tpl_name": "Template {n}",
        "tpl_example": "Example (title)",
        "tpl_pages": "Pages found",
        "tpl_structured": "Checked (structured)",
        "tpl_random": "Checked (random)",
        "tpl_skipped": "Not checked",
        "tpl_list": "Checked pages per template",
        "s_template": "structured",
        "s_random": "random",
        "outcome": "Outcome",
        "violation": "Violation",
        "needs-review": "Needs review (site-level check)",
        "where": "Where to fix",
        "region_counts": (
            "{template} of the {total} problems sit in a part the pages share (template),"
            " {content} in the content of single pages."
        ),
        "region-landmark": "In the template ({landmark}): fixing it once fixes it everywhere.",
        "region-repeated": (
            "In the template: the same element is on {pages} pages; fixing it once fixes it"
            " everywhere."
        ),
        "region-site-check-template": (
            "In the template (site-level check): fixing it once fixes it everywhere."
        ),
        "region-site-check-content": "In the content of each page listed (site-level check).",
        "region-page-content": "In the page's content: fix it per page.",
        "lm-header": "page header",
        "lm-nav": "navigation",
        "lm-footer": "footer",
        "lm-aside": "sidebar",
        "lm-search": "search",
    },
}


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
    pattern = "%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M"
    return moment.strftime(pattern) + zone


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
            structured=sum(_sampled(t, "template") for t in found),
            random=sum(_sampled(t, "random") for t in found),
        )
        skipped = _count(lab, "cov_skipped", sum(int(t.get("not_checked") or 0) for t in found))
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
    """The sentence for ``n`` things: its ``_one`` form when there is exactly one."""
    form = lab.get(key + "_one", lab[key]) if n == 1 else lab[key]
    return form.format(n=n, **values)


def _sampled(template: dict[str, Any], reason: str) -> int:
    return sum(1 for c in template.get("checked") or [] if c.get("sample") == reason)


def _templates(templates: list[dict[str, Any]], lab: dict[str, str]) -> list[dict[str, Any]]:
    """One row per template, with the checked pages that stand for it."""
    rows = []
    for n, t in enumerate(templates, 1):
        first = (t.get("checked") or [{}])[0].get("url")
        rows.append(
            {
                "name": lab["tpl_name"].format(n=t.get("number") or n),
                "template": t.get("template"),
                "example": _link(first, t.get("example_title") or first) if first else None,
                "pages": t.get("pages"),
                "structured": _sampled(t, "template"),
                "random": _sampled(t, "random"),
                "not_checked": t.get("not_checked"),
                "checked": [
                    (_link(c.get("url")), lab.get("s_" + str(c.get("sample")), c.get("sample")))
                    for c in t.get("checked") or []
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
                "help": issue.get("help"),
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
            }
        )
    return {"region_counts": counts, "articles": articles}


def _violation_table(
    items: list[dict[str, Any]], caption: str, lab: dict[str, str]
) -> dict[str, Any]:
    details = [
        {
            "rule": v.get("rule"),
            "target": d.get("target"),
            "html": d.get("html"),
            "failure": d.get("failure_summary"),
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
                "help": v.get("help"),
                "help_link": _link(v.get("help_url")),
            }
            for v in items
        ],
        "details": details,
        "details_label": lab["nodes"].format(n=len(details)),
    }


def _pages(report: dict[str, Any], lab: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for page in report.get("pages", []):
        final = page.get("final_url")
        status = page.get("status")
        violations = page.get("violations")
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
                "found": statement.found_text(item, lab),
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
_SECTIONS = ("summary", "coverage", "statement", "criteria", "issues", "pages", "documents")


def render_html(typed: Report, lang: str = "nl") -> str:
    """The whole report as one HTML document with inline CSS and no scripts.

    Takes the finished report of :mod:`a11y.analysis`; the sections read its JSON form,
    the documents summary and the statement draft come as the analysis counted them.
    """
    report = typed.as_dict()
    lang = lang if lang in _L else "nl"
    lab = _L[lang]
    scan = report.get("scan", {})
    draft = _draft(typed.draft, lang)
    return render(
        "a11y",
        "report/templates",
        "report.html",
        lang=lang,
        lab=lab,
        title=f"{lab['title']} {_site(report)}".strip(),
        toc=[(key, lab[key]) for key in _SECTIONS] + [("draft", draft["title"])],
        summary=_summary(report, lab),
        coverage=_coverage(report, lab),
        statement=_statement(report, lab),
        criteria=_criteria(report, lab, lang),
        issues=_issues(report, lab),
        pages=_pages(report, lab),
        documents=_documents(report, typed.draft.documents, lab),
        draft=draft,
        generated=lab["generated"].format(
            version=scan.get("tool_version") or "", id=scan.get("id")
        ),
    )
