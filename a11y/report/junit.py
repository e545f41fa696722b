"""JUnit XML so CI systems (GitLab, Jenkins, Azure DevOps) show pages as test results.

One test case per page: a failure lists the rules it breaks, an error means the
page could not be checked. Linked documents form a second suite, so a CI job also
goes red on an untagged PDF: one case per document, failed on a certain problem,
skipped when it was not checked (not a PDF, or not downloaded). Page text may hold
characters XML 1.0 cannot carry at all (control characters, lone surrogates); they
become U+FFFD so the file always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from a11y import grouping
from a11y.analysis.model import Document, Issue, Page, Report

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(value: Any) -> str:
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or "unknown"
    except ValueError:
        return "unknown"


def _details(page: Page) -> str:
    lines = []
    for v in page.violations:
        wcag = ", ".join(v.wcag) or "-"
        lines.append(f"{v.rule} ({v.impact}, WCAG {wcag}): {v.help}")
        lines.append(f"  {v.help_url or ''}")
        for node in v.elements:
            lines.append(f"  - {node.target}: {node.html}")
    return "\n".join(lines)


def _open_only(page: Page, accepted: dict[str, Issue]) -> tuple[Page, list[str]]:
    """The page with the elements of accepted issues (a11y.accepted) taken out of its
    violations, and a note per accepted rule: a page whose only barriers are accepted
    passes, and its test case still says what was accepted and why."""
    if not accepted:
        return page, []
    kept = []
    notes: dict[str, str] = {}
    for v in page.violations:
        elements = []
        for element in v.elements:
            issue = accepted.get(
                grouping.fingerprint(
                    str(v.rule or ""), str(element.target or ""), str(element.html or "")
                )
            )
            if issue is None:
                elements.append(element)
            elif issue.accepted:
                notes[str(v.rule)] = f"accepted: {v.rule} ({issue.accepted.reason})"
        if elements or not v.elements:
            kept.append(replace(v, elements=tuple(elements), nodes=len(elements) or v.nodes))
    return replace(page, violations=tuple(kept)), sorted(notes.values())


def render_junit(report: Report) -> str:
    """The scan as a JUnit XML document (a string with an XML declaration)."""
    scan = report.scan
    accepted = {str(i.fingerprint): i for i in report.issues if i.is_accepted}
    opened = [_open_only(p, accepted) for p in report.pages]
    pages = tuple(p for p, _ in opened)
    notes = {id(p): n for p, n in opened}
    failures = sum(1 for p in pages if p.violations and not p.error)
    errors = sum(1 for p in pages if p.error)
    suites = ET.Element("testsuites", name="a11y")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=_x(f"a11y {scan.level or 'AA'} scan {scan.id or ''}".strip()),
        tests=str(len(pages)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
        timestamp=_x(scan.started_at or ""),
    )
    for page in pages:
        url = str(page.url or "")
        case = ET.SubElement(suite, "testcase", classname=_x(_host(url)), name=_x(url))
        if page.error:
            status = page.status
            error = ET.SubElement(
                case,
                "error",
                message=_x(page.error),
                type=f"HTTP {status}" if status else "load",
            )
            error.text = _x(f"{url}: {page.error}")
        elif page.violations:
            rules = sorted({str(v.rule) for v in page.violations})
            nodes = sum(int(v.nodes or 0) for v in page.violations)
            failure = ET.SubElement(
                case,
                "failure",
                message=_x(
                    f"{len(rules)} axe rule(s) failed on {nodes} element(s): " + ", ".join(rules)
                ),  # noqa: E501
                type="accessibility",
            )
            failure.text = _x(_details(page))
        said = list(notes[id(page)])
        if page.needs_review:
            said.insert(
                0, "needs review: " + ", ".join(sorted({str(v.rule) for v in page.needs_review}))
            )
        if said:
            out = ET.SubElement(case, "system-out")
            out.text = _x("\n".join(said))
    documents = report.documents
    if documents:
        _documents_suite(suites, documents)
    for name in ("tests", "failures", "errors"):
        suites.set(name, str(sum(int(s.get(name, "0")) for s in suites)))
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def _documents_suite(suites: ET.Element, documents: tuple[Document, ...]) -> None:
    suite = ET.SubElement(suites, "testsuite", name="a11y documents")
    failed = skipped = 0
    for doc in documents:
        url = str(doc.url or "")
        case = ET.SubElement(suite, "testcase", classname=_x(_host(url)), name=_x(url))
        if not doc.checked:
            skipped += 1
            ET.SubElement(case, "skipped", message=_x(f"not checked: {doc.type or '?'}"))
            continue
        problems = doc.problems
        certain = [p for p in problems if p.outcome == "failed"]
        if certain:
            failed += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=_x(
                    f"{len(certain)} document check(s) failed: "
                    + ", ".join(sorted({str(p.rule) for p in certain}))
                ),
                type="accessibility",
            )
            failure.text = _x(
                "\n".join(
                    f"{p.rule} (WCAG {', '.join(p.wcag) or '-'}, EN 301 549"
                    f" {', '.join(p.en301549) or '-'}): {p.summary}"
                    for p in certain
                )
            )
        review = [p for p in problems if p.outcome != "failed"]
        if review:
            out = ET.SubElement(case, "system-out")
            out.text = _x("needs review: " + ", ".join(sorted({str(p.rule) for p in review})))
    suite.set("tests", str(len(documents)))
    suite.set("failures", str(failed))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
