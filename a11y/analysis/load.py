"""A JSON-shaped report made typed and finished: elements placed, the draft counted.

:func:`report_from_dict` is the last step of every analysis (``a11y.analysis.build``
builds the JSON shape from the stored rows) and also reads back a report written as
JSON or made by hand (the renderer tests do). Missing keys get the value a reader of
the JSON would assume; values are taken as they are, never trusted to be well formed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from a11y import grouping
from a11y.analysis import draft as statement_draft
from a11y.analysis.model import (
    Coverage,
    Criterion,
    Document,
    DocumentCheck,
    Element,
    Issue,
    Page,
    Report,
    RuleResult,
    SampledPage,
    Sampling,
    Scan,
    SiteChecks,
    Statement,
    TemplateSample,
)


def _t(value: Any) -> tuple:
    """A JSON list as a tuple; None (or a missing key) as an empty one."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else ()


def _d(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [_d(v) for v in _t(value)]


def _result(v: dict[str, Any], regions: dict[str, str] | None) -> RuleResult:
    """One rule's result; ``regions`` (issue fingerprint -> region) places its elements."""
    elements = tuple(
        Element(
            n.get("target"),
            n.get("html"),
            n.get("failure_summary"),
            ""
            if regions is None
            else _region(regions, v.get("rule"), n.get("target"), n.get("html")),
        )
        for n in _items(v.get("node_details"))
    )
    return RuleResult(
        rule=v.get("rule"),
        impact=v.get("impact"),
        wcag=_t(v.get("wcag")),
        en301549=_t(v.get("en301549")),
        help=v.get("help"),
        help_url=v.get("help_url"),
        targets=_t(v.get("targets")),
        nodes=v.get("nodes"),
        elements=elements,
    )


def _region(regions: dict[str, str], rule: Any, target: Any, html: Any) -> str:
    """Where an element sits, so a tracker can file template fixes once.

    The element's fingerprint finds its grouped issue; a report without one (an older
    or hand-made report) falls back to the landmark in the element's selector.
    """
    found = regions.get(grouping.fingerprint(str(rule or ""), str(target or ""), str(html or "")))
    if found:
        return found
    return "template" if grouping.landmark(str(target or ""), str(html or "")) else ""


def _page(p: dict[str, Any], regions: dict[str, str]) -> Page:
    return Page(
        url=p.get("url"),
        final_url=p.get("final_url"),
        status=p.get("status"),
        title=p.get("title"),
        error=p.get("error"),
        redirects=_t(p.get("redirects")),
        violations=tuple(_result(v, regions) for v in _items(p.get("violations"))),
        needs_review=tuple(_result(v, None) for v in _items(p.get("needs_review"))),
        template=p.get("template"),
        sample=p.get("sample"),
    )


def _issue(i: dict[str, Any]) -> Issue:
    return Issue(
        rule=i.get("rule"),
        impact=i.get("impact"),
        wcag=_t(i.get("wcag")),
        en301549=_t(i.get("en301549")),
        fingerprint=i.get("fingerprint"),
        pages=i.get("pages"),
        nodes=i.get("nodes"),
        example_urls=_t(i.get("example_urls")),
        help=i.get("help"),
        help_url=i.get("help_url"),
        target=i.get("target"),
        html=i.get("html"),
        summary=i.get("summary"),
        # reports of older versions carry no outcome and hold violations only
        outcome=i.get("outcome", "violation"),
        scope=i.get("scope"),
        region=i.get("region"),
        region_reason=i.get("region_reason"),
        landmark=i.get("landmark"),
    )


def _document(d: dict[str, Any]) -> Document:
    return Document(
        url=d.get("url"),
        type=d.get("type"),
        bytes=d.get("bytes"),
        found_on=d.get("found_on"),
        checked=bool(d.get("checked")),
        problems=tuple(
            DocumentCheck(
                rule=p.get("rule"),
                outcome=p.get("outcome"),
                wcag=_t(p.get("wcag")),
                en301549=_t(p.get("en301549")),
                help=p.get("help"),
                summary=p.get("summary"),
            )
            for p in _items(d.get("problems"))
        ),
    )


def _sampling(s: Any) -> Sampling | None:
    if not isinstance(s, dict):
        return None
    templates = tuple(
        TemplateSample(
            template=t.get("template"),
            pages=t.get("pages"),
            checked=tuple(
                SampledPage(c.get("url"), c.get("sample")) for c in _items(t.get("checked"))
            ),
            not_checked=t.get("not_checked"),
            checked_template=t.get("checked_template"),
            checked_random=t.get("checked_random"),
            example_title=t.get("example_title"),
            number=t.get("number"),
        )
        for t in _items(s.get("templates"))
    )
    return Sampling(
        mode=s.get("mode"),
        per_template=s.get("per_template"),
        random_share=s.get("random_share"),
        note=s.get("note"),
        templates=templates,
        template_count=s.get("template_count"),
        checked_template=s.get("checked_template"),
        checked_random=s.get("checked_random"),
        not_checked=s.get("not_checked"),
    )


def _coverage(c: Any) -> Coverage | None:
    if not isinstance(c, dict):
        return None
    return Coverage(
        mode=c.get("mode"),
        pages_found=c.get("pages_found"),
        pages_visited=c.get("pages_visited"),
        pages_checked=c.get("pages_checked"),
        pages_failed=c.get("pages_failed"),
        pages_not_checked_sample=c.get("pages_not_checked_sample"),
        pages_not_visited=c.get("pages_not_visited"),
        limit_reached=c.get("limit_reached"),
        max_pages=c.get("max_pages"),
        max_depth=c.get("max_depth"),
    )


def report_from_dict(data: dict[str, Any]) -> Report:
    """The typed, finished report of a JSON-shaped one (see the module docstring)."""
    s = _d(data.get("scan"))
    scan = Scan(
        id=s.get("id"),
        started_at=s.get("started_at"),
        finished_at=s.get("finished_at"),
        start_urls=_t(s.get("start_urls")),
        axe_version=s.get("axe_version"),
        level=s.get("level"),
        pages_checked=s.get("pages_checked"),
        pages_failed=s.get("pages_failed"),
        pages_discovered=s.get("pages_discovered"),
        tool_version=s.get("tool_version"),
    )
    issues = tuple(_issue(i) for i in _items(data.get("issues")))
    regions = {str(i.fingerprint): str(i.region) for i in issues if i.region}
    pages = tuple(_page(p, regions) for p in _items(data.get("pages")))
    criteria = tuple(
        Criterion(
            number=c.get("number"),
            name_nl=c.get("name_nl"),
            name_en=c.get("name_en"),
            level=c.get("level"),
            en301549=c.get("en301549"),
            result=c.get("result"),
            rules=_t(c.get("rules")),
            tested_by=c.get("tested_by"),
        )
        for c in _items(data.get("criteria"))
    )
    st = _d(data.get("statement"))
    documents = tuple(_document(d) for d in _items(data.get("documents")))
    site = data.get("site_checks")
    return Report(
        scan=scan,
        pages=pages,
        issues=issues,
        criteria=criteria,
        statement=Statement(
            found=bool(st.get("found")), url=st.get("url"), status=st.get("status")
        ),
        documents=documents,
        site_checks=SiteChecks(ran=bool(site.get("ran")), pages=site.get("pages") or 0)
        if isinstance(site, dict)
        else None,
        sampling=_sampling(data.get("sampling")),
        coverage=_coverage(data.get("coverage")),
        draft=statement_draft.draft(scan, pages, criteria, statement_draft.documents(documents)),
    )
