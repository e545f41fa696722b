"""The self-contained HTML report for web teams and managers.

The report shows markup taken from sites nobody here controls, and is opened in the
browsers of people with access to the desk; so every string from a scan goes through
`_t` (escaped text) and every link through `_href` (http/https only). It must itself
pass axe-core, or it would undercut what it reports: landmarks, one h1, ordered
headings, captions and header cells on every table, and no scripts at all.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from a11y import statement

if TYPE_CHECKING:
    from a11y.analysis.model import DocumentSummary, Draft, Report

CSS_FILE = Path(__file__).with_name("report.css")
IMPACTS = ("critical", "serious", "moderate", "minor")  # axe's order, worst first
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_L: dict[str, dict[str, str]] = {
    "nl": {
        "lang": "nl",
        "title": "Toegankelijkheidsrapport",
        "skip": "Naar de inhoud",
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
        "skip": "Skip to content",
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


def _t(value: Any) -> str:
    """Escaped text for element content and attribute values; None becomes ''."""
    if value is None:
        return ""
    return html.escape(_CONTROL.sub("\ufffd", str(value)), quote=True)


def _href(url: Any) -> str | None:
    """The URL if it is safe to link (http or https with a host), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    return url


def _link(url: Any, text: Any = None) -> str:
    """A link for web URLs; anything else (javascript:, data:, …) is shown as code."""
    label = _t(text if text is not None else url)
    safe = _href(url)
    if safe is None:
        return f"<code>{label}</code>"
    return f'<a href="{_t(safe)}">{label}</a>'


def _join(values: Any) -> str:
    return _t(", ".join(str(v) for v in values or []))


def _impact(impact: Any, lab: dict[str, str]) -> str:
    name = impact if impact in IMPACTS else "minor"
    return f'<span class="impact impact-{name}">{_t(lab.get(str(impact), impact))}</span>'


def _when(value: Any, lang: str) -> str:
    """'28-11-2026 14:02 UTC' (nl) or '2026-11-28 14:02 UTC' (en); raw text if unparsable."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return _t(value)
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else moment.strftime(" UTC%z")
    pattern = "%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M"
    return _t(moment.strftime(pattern) + zone)


def _site(report: dict[str, Any]) -> str:
    for url in report.get("scan", {}).get("start_urls") or []:
        host = urlsplit(str(url)).hostname
        if host and _href(url):
            return host
    return ""


def _summary(report: dict[str, Any], lab: dict[str, str]) -> list[str]:
    scan = report.get("scan", {})
    facts = [
        (lab["site"], ", ".join(_link(u) for u in scan.get("start_urls") or [])),
        (lab["date"], _when(scan.get("started_at"), lab["lang"])),
        (lab["checked"], _t(scan.get("pages_checked"))),
        (lab["failed_pages"], _t(scan.get("pages_failed"))),
        (lab["discovered"], _t(scan.get("pages_discovered"))),
        (lab["level"], _t(lab["level_text"].format(level=scan.get("level") or "AA"))),
        (lab["axe"], _t(scan.get("axe_version"))),
    ]
    out = ['<section aria-labelledby="summary"><h2 id="summary">' + lab["summary"] + "</h2>"]
    out.append('<dl class="facts">')
    out += [f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts]
    out.append("</dl>")
    issues = Counter(i.get("impact") for i in _violations(report))
    nodes: Counter[str] = Counter()
    for page in report.get("pages", []):
        for v in page.get("violations", []):
            nodes[v.get("impact")] += int(v.get("nodes") or 0)
    out.append(f"<table><caption>{lab['impacts']}</caption><thead><tr>")
    out.append(f'<th scope="col">{lab["impact"]}</th><th scope="col">{lab["problems"]}</th>')
    out.append(f'<th scope="col">{lab["elements"]}</th></tr></thead><tbody>')
    for impact in IMPACTS:
        out.append(
            f'<tr><th scope="row">{_impact(impact, lab)}</th>'
            f"<td>{issues[impact]}</td><td>{nodes[impact]}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(f'<p class="note">{lab["note"]}</p></section>')
    return out


def _violations(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Grouped issues that are violations; site-level review findings are not counted."""
    return [i for i in report.get("issues", []) if i.get("outcome", "violation") == "violation"]


def _coverage(report: dict[str, Any], lab: dict[str, str]) -> list[str]:
    """Whether the report speaks for every page found or for a sample, and which."""
    scan = report.get("scan", {})
    cov = report.get("coverage") or {}
    sampling = report.get("sampling")
    out = [f'<section aria-labelledby="coverage"><h2 id="coverage">{lab["coverage"]}</h2>']
    limits = {
        "max_pages": cov.get("max_pages") or "?",
        "max_depth": cov.get("max_depth") if cov.get("max_depth") is not None else "?",
    }
    if not sampling:
        out.append(f"<p>{_t(lab['cov_all'].format(**limits))}</p>")
    else:
        out.append(
            "<p>"
            + _t(
                lab["cov_sample"].format(
                    per=sampling.get("per_template"),
                    share=f"{float(sampling.get('random_share') or 0) * 100:g}",
                )
            )
            + "</p>"
        )
        templates = sampling.get("templates") or []
        out.append(
            "<p>"
            + _t(
                lab["cov_sample_counts"].format(
                    templates=len(templates),
                    visited=cov.get("pages_visited", len(report.get("pages", []))),
                    structured=sum(_sampled(t, "template") for t in templates),
                    random=sum(_sampled(t, "random") for t in templates),
                )
            )
            + " "
            + _t(_count(lab, "cov_skipped", sum(int(t.get("not_checked") or 0) for t in templates)))
            + "</p>"
        )
        out += _templates(templates, lab)
    if cov.get("pages_not_visited"):
        key = "cov_limit" if cov.get("limit_reached") else "cov_not_visited"
        text = _count(lab, key, cov["pages_not_visited"], **limits)
        out.append(f"<p>{_t(text)}</p>")
    failed = cov.get("pages_failed", scan.get("pages_failed"))
    if failed:
        out.append(f"<p>{_t(_count(lab, 'cov_failed', failed))}</p>")
    out.append("</section>")
    return out


def _count(lab: dict[str, str], key: str, n: Any, **values: Any) -> str:
    """The sentence for ``n`` things: its ``_one`` form when there is exactly one."""
    form = lab.get(key + "_one", lab[key]) if n == 1 else lab[key]
    return form.format(n=n, **values)


def _sampled(template: dict[str, Any], reason: str) -> int:
    return sum(1 for c in template.get("checked") or [] if c.get("sample") == reason)


def _templates(templates: list[dict[str, Any]], lab: dict[str, str]) -> list[str]:
    """One row per template, then per template the checked pages that stand for it."""
    out = [f"<table><caption>{lab['cov_caption']}</caption><thead><tr>"]
    for key in ("tpl", "tpl_example", "tpl_pages", "tpl_structured", "tpl_random", "tpl_skipped"):
        out.append(f'<th scope="col">{lab[key]}</th>')
    out.append("</tr></thead><tbody>")
    for n, t in enumerate(templates, 1):
        name = lab["tpl_name"].format(n=t.get("number") or n)
        first = (t.get("checked") or [{}])[0].get("url")
        example = _link(first, t.get("example_title") or first) if first else lab["none"]
        out.append(
            f'<tr><th scope="row">{_t(name)} <code>{_t(t.get("template"))}</code></th>'
            f"<td>{example}</td><td>{_t(t.get('pages'))}</td>"
            f"<td>{_sampled(t, 'template')}</td><td>{_sampled(t, 'random')}</td>"
            f"<td>{_t(t.get('not_checked'))}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(f"<details><summary>{lab['tpl_list']}</summary><ul>")
    for n, t in enumerate(templates, 1):
        name = lab["tpl_name"].format(n=t.get("number") or n)
        out.append(f"<li>{_t(name)}<ul>")
        for c in t.get("checked") or []:
            why = lab.get("s_" + str(c.get("sample")), c.get("sample"))
            out.append(f"<li>{_link(c.get('url'))} ({_t(why)})</li>")
        out.append("</ul></li>")
    out.append("</ul></details>")
    return out


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


def _statement(report: dict[str, Any], lab: dict[str, str]) -> list[str]:
    st = report.get("statement") or {}
    out = [f'<section aria-labelledby="statement"><h2 id="statement">{lab["statement"]}</h2>']
    if st.get("found"):
        out.append(f"<p>{lab['st_found']} {_link(st.get('url'))}</p>")
        status = st.get("status")
        if status:
            out.append(f"<p>{_t(lab['st_status'].format(status=status))}</p>")
        else:
            out.append(f"<p>{lab['st_nostatus']}</p>")
    else:
        out.append(f'<p class="bad">{lab["st_missing"]}</p>')
    out.append("</section>")
    return out


def _criteria(report: dict[str, Any], lab: dict[str, str], lang: str) -> list[str]:
    rows = report.get("criteria", [])
    counts = Counter(c.get("result") for c in rows)
    out = [f'<section aria-labelledby="criteria"><h2 id="criteria">{lab["criteria"]}</h2>']
    out.append(
        "<p>"
        + _t(
            lab["crit_counts"].format(
                failed=counts["failed"],
                ok=counts["no-violations-found"],
                manual=counts["not-tested-automatically"],
            )
        )
        + "</p>"
    )
    out.append(f"<table><caption>{_t(lab['crit_caption'].format(n=len(rows)))}</caption>")
    out.append("<thead><tr>")
    for key in ("number", "name", "level", "en", "result", "tested_by", "rules"):
        out.append(f'<th scope="col">{lab[key]}</th>')
    out.append("</tr></thead><tbody>")
    css = {"failed": "bad", "no-violations-found": "ok", "not-tested-automatically": "muted"}
    for c in rows:
        result = c.get("result")
        name = c.get("name_nl") if lang == "nl" else c.get("name_en") or c.get("name_nl")
        out.append(
            f'<tr><th scope="row">{_t(c.get("number"))}</th><td>{_t(name)}</td>'
            f"<td>{_t(c.get('level'))}</td><td>{_t(c.get('en301549'))}</td>"
            f'<td class="{css.get(result, "")}">{_t(lab.get(str(result), result))}</td>'
            f"<td>{_t(lab.get('by-' + str(c.get('tested_by')), ''))}</td>"
            f"<td>{_join(c.get('rules'))}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return out


def _issues(report: dict[str, Any], lab: dict[str, str]) -> list[str]:
    out = [f'<section aria-labelledby="issues"><h2 id="issues">{lab["issues"]}</h2>']
    issues = sorted(
        report.get("issues", []),
        key=lambda i: (
            i.get("outcome", "violation") != "violation",
            IMPACTS.index(i["impact"]) if i.get("impact") in IMPACTS else 9,
            -int(i.get("pages") or 0),
        ),
    )
    if not issues:
        return [*out, f"<p>{lab['no_issues']}</p></section>"]
    out.append(f"<p>{lab['issues_intro']}</p>")
    regions = Counter(i.get("region") for i in issues)
    if regions["template"] or regions["content"]:
        counts = lab["region_counts"].format(
            template=regions["template"], content=regions["content"], total=len(issues)
        )
        out.append(f"<p>{_t(counts)}</p>")
    for n, issue in enumerate(issues, 1):
        outcome = issue.get("outcome", "violation")
        out.append(f'<article class="issue" aria-labelledby="issue-{n}">')
        out.append(
            f'<h3 id="issue-{n}">{_t(issue.get("rule"))}: {_t(issue.get("help"))}</h3>'
            f'<dl class="facts"><dt>{lab["outcome"]}</dt><dd>{_t(lab.get(outcome, outcome))}</dd>'
            f"<dt>{lab['impact']}</dt><dd>{_impact(issue.get('impact'), lab)}</dd>"
            + (
                f"<dt>{lab['where']}</dt><dd>{_t(_where(issue, lab))}</dd>"
                if issue.get("region")
                else ""
            )
            + f"<dt>{lab['wcag']}</dt><dd>{_join(issue.get('wcag')) or lab['none']}</dd>"
            f"<dt>{lab['en']}</dt><dd>{_join(issue.get('en301549')) or lab['none']}</dd>"
            f"<dt>{lab['pages_n']}</dt><dd>{_t(issue.get('pages'))}</dd>"
            f"<dt>{lab['elements']}</dt><dd>{_t(issue.get('nodes'))}</dd>"
            f"<dt>{lab['target']}</dt><dd><code>{_t(issue.get('target'))}</code></dd>"
            f"<dt>{lab['help']}</dt><dd>{_link(issue.get('help_url'))}</dd></dl>"
        )
        if issue.get("html"):
            out.append(f"<p>{lab['snippet']}:</p><pre><code>{_t(issue.get('html'))}</code></pre>")
        if issue.get("summary"):
            out.append(f"<p>{lab['failure']}:</p><pre>{_t(issue.get('summary'))}</pre>")
        out.append(f"<p>{lab['examples']}:</p><ul>")
        out += [f"<li>{_link(u)}</li>" for u in issue.get("example_urls") or []]
        out.append("</ul></article>")
    out.append("</section>")
    return out


def _violation_table(items: list[dict[str, Any]], caption: str, lab: dict[str, str]) -> list[str]:
    out = [f"<table><caption>{caption}</caption><thead><tr>"]
    for key in ("rule", "impact", "wcag", "elements", "help"):
        out.append(f'<th scope="col">{lab[key]}</th>')
    out.append("</tr></thead><tbody>")
    for v in items:
        out.append(
            f'<tr><th scope="row">{_t(v.get("rule"))}</th><td>{_impact(v.get("impact"), lab)}</td>'
            f"<td>{_join(v.get('wcag')) or lab['none']}</td><td>{_t(v.get('nodes'))}</td>"
            f"<td>{_t(v.get('help'))}<br>{_link(v.get('help_url'))}</td></tr>"
        )
    out.append("</tbody></table>")
    details = [(v, d) for v in items for d in v.get("node_details") or []]
    if details:
        out.append(f"<details><summary>{_t(lab['nodes'].format(n=len(details)))}</summary><ul>")
        for v, d in details:
            out.append(
                f"<li><strong>{_t(v.get('rule'))}</strong>: <code>{_t(d.get('target'))}</code>"
                f"<pre><code>{_t(d.get('html'))}</code></pre>"
                f"<p>{lab['failure']}:</p><pre>{_t(d.get('failure_summary'))}</pre></li>"
            )
        out.append("</ul></details>")
    return out


def _pages(report: dict[str, Any], lab: dict[str, str]) -> list[str]:
    out = [f'<section aria-labelledby="pages"><h2 id="pages">{lab["pages"]}</h2>']
    for n, page in enumerate(report.get("pages", []), 1):
        title = page.get("title") or lab["untitled"]
        out.append(f'<article class="page" aria-labelledby="page-{n}">')
        out.append(f'<h3 id="page-{n}">{_t(title)}</h3><dl class="facts">')
        out.append(f"<dt>{lab['url']}</dt><dd>{_link(page.get('url'))}</dd>")
        if page.get("final_url") and page.get("final_url") != page.get("url"):
            out.append(f"<dt>{lab['final_url']}</dt><dd>{_link(page.get('final_url'))}</dd>")
        if page.get("redirects"):
            links = ", ".join(_link(u) for u in page["redirects"])
            out.append(f"<dt>{lab['redirects']}</dt><dd>{links}</dd>")
        status = page.get("status")
        out.append(f"<dt>{lab['status']}</dt><dd>{_t(status if status else lab['unknown'])}</dd>")
        if page.get("error"):
            out.append(f'<dt>{lab["error"]}</dt><dd class="bad">{_t(page["error"])}</dd>')
        out.append("</dl>")
        if page.get("violations"):
            out += _violation_table(page["violations"], lab["violations_caption"], lab)
        elif not page.get("error"):
            out.append(f'<p class="ok">{lab["page_ok"]}</p>')
        if page.get("needs_review"):
            out += _violation_table(page["needs_review"], lab["review_caption"], lab)
        out.append("</article>")
    out.append("</section>")
    return out


def _size(value: Any, lab: dict[str, str]) -> str:
    if not isinstance(value, int):
        return lab["unknown"]
    if value < 1024:
        return f"{value} B"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} kB"
    return f"{value / 1024 / 1024:.1f} MB"


def _documents(report: dict[str, Any], part: DocumentSummary, lab: dict[str, str]) -> list[str]:
    docs = report.get("documents") or []
    out = [f'<section aria-labelledby="documents"><h2 id="documents">{lab["documents"]}</h2>']
    if not docs:
        return [*out, f"<p>{lab['no_documents']}</p></section>"]
    out.append(f"<p>{lab['doc_intro']}</p>")
    if part.checked or part.unchecked:
        out.append(f"<p>{_t(' '.join(statement.documents_intro(part, lab['lang'])))}</p>")
    if part.problems:
        out.append(f"<p>{lab['doc_counts']}:</p><ul>")
        for problem in part.problems:
            text = statement.problem_text(problem, lab["lang"])
            out.append(f"<li>{_t(text)} <code>{_t(problem.rule)}</code></li>")
        out.append("</ul>")
    out.append(f"<table><caption>{lab['doc_caption']}</caption><thead><tr>")
    for key in ("url", "type", "size", "found_on", "doc_problems"):
        out.append(f'<th scope="col">{lab[key]}</th>')
    out.append("</tr></thead><tbody>")
    for d in docs:
        out.append(
            f'<tr><th scope="row">{_link(d.get("url"))}</th><td>{_t(d.get("type"))}</td>'
            f"<td>{_size(d.get('bytes'), lab)}</td><td>{_link(d.get('found_on'))}</td>"
            f"<td>{_doc_problems(d, lab)}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return out


def _doc_problems(doc: dict[str, Any], lab: dict[str, str]) -> str:
    if not doc.get("checked"):
        return _t(lab["not_checked"])
    items = [_t(p.get("summary")) for p in doc.get("problems") or []]
    return "<br>".join(items) if items else _t(lab["no-violations-found"])


def _draft(draft: Draft, lang: str) -> list[str]:
    """The same content as statement.draft_nonconformities, as HTML."""
    lab = statement.labels(lang)
    caveat = lab["caveat"].format(
        axe=draft.axe_version,
        pages=draft.pages_checked,
        date=draft.date,
        manual=draft.not_automatic,
    )
    out = [f'<section aria-labelledby="draft"><h2 id="draft">{_t(lab["title"])}</h2>']
    out.append(f'<p class="note">{_t(caveat)}</p>')
    if not draft.items:
        out.append(f"<p>{_t(lab['none'])}</p>")
    for item in draft.items:
        where = f"{lab['level']} {item.level}, EN 301 549 {item.en301549}"
        out.append(f"<h3>{_t(item.number)} {_t(item.name(lang))} ({_t(where)})</h3><ul>")
        out.append(f"<li>{_t(statement.found_text(item, lab))}</li>")
        rules = ", ".join(f"<code>{_t(r)}</code>" for r in item.rules)
        out.append(f"<li>{_t(lab['rules'])}: {rules}</li>")
        out.append(f"<li>{_t(lab['examples'])}:<ul>")
        out += [f"<li>{_link(u)}</li>" for u in item.example_urls]
        out.append("</ul></li></ul>")
    docs = draft.documents
    if docs and (docs.checked or docs.unchecked):
        out.append(f"<h3>{_t(lab['docs_title'])}</h3>")
        out.append(f"<p>{_t(' '.join(statement.documents_intro(docs, lang)))}</p>")
        if docs.problems:
            texts = [statement.problem_text(p, lang) for p in docs.problems]
            out.append("<ul>" + "".join(f"<li>{_t(text)}</li>" for text in texts) + "</ul>")
    out.append("</section>")
    return out


def render_html(typed: Report, lang: str = "nl") -> str:
    """The whole report as one HTML document with inline CSS and no scripts.

    Takes the finished report of :mod:`a11y.analysis`; the sections read its JSON form,
    the documents summary and the statement draft come as the analysis counted them.
    """
    report = typed.as_dict()
    lang = lang if lang in _L else "nl"
    lab = _L[lang]
    site = _site(report)
    title = f"{lab['title']} {site}".strip()
    sections = [
        ("summary", lab["summary"]),
        ("coverage", lab["coverage"]),
        ("statement", lab["statement"]),
        ("criteria", lab["criteria"]),
        ("issues", lab["issues"]),
        ("pages", lab["pages"]),
        ("documents", lab["documents"]),
        ("draft", statement.labels(lang)["title"]),
    ]
    toc = "".join(f'<li><a href="#{key}">{_t(text)}</a></li>' for key, text in sections)
    scan = report.get("scan", {})
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src 'none'\">",
        f"<title>{_t(title)}</title>",
        f"<style>{CSS_FILE.read_text(encoding='utf-8')}</style></head>",
        "<body>",
        f'<header><a class="skip" href="#main">{lab["skip"]}</a>',
        '<p class="brand">inclusiedesk a11y</p>',
        f'<nav aria-label="{lab["toc"]}"><ul>{toc}</ul></nav></header>',
        '<main id="main" tabindex="-1">',
        f"<h1>{_t(title)}</h1>",
        *_summary(report, lab),
        *_coverage(report, lab),
        *_statement(report, lab),
        *_criteria(report, lab, lang),
        *_issues(report, lab),
        *_pages(report, lab),
        *_documents(report, typed.draft.documents, lab),
        *_draft(typed.draft, lang),
        "</main>",
        "<footer><p>"
        + _t(lab["generated"].format(version=scan.get("tool_version") or "", id=scan.get("id")))
        + "</p></footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
