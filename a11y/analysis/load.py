"""A JSON-shaped report made typed and finished: elements placed, the draft counted.

:func:`report_from_dict` is the last step of every analysis (``a11y.analysis.build``
builds the JSON shape from the stored rows) and also reads back a report written as
JSON or made by hand (the renderer tests do). Missing keys get the value a reader of
the JSON would assume; values are taken as they are, never trusted to be well formed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any, TypeVar

from a11y import grouping
from a11y.analysis import draft as statement_draft
from a11y.analysis.model import (
    Acceptance,
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

T = TypeVar("T")


def _t(value: Any) -> tuple:
    """A JSON list as a tuple; None (or a missing key) as an empty one."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else ()


def _d(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [_d(v) for v in _t(value)]


def _load(cls: type[T], data: dict[str, Any], **given: Any) -> T:
    """A dataclass from its JSON object: every JSON field by its key, lists as tuples;
    ``given`` supplies what needs more than that (nested objects, defaults)."""
    values = dict(given)
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in values or not f.metadata.get("json", True):
            continue
        value = data.get(f.metadata.get("key", f.name))
        values[f.name] = _t(value) if str(f.type).startswith("tuple") else value
    return cls(**values)


def _region(regions: dict[str, str], rule: Any, target: Any, html: Any) -> str:
    """Where an element sits, so a tracker can file template fixes once.

    The element's fingerprint finds its grouped issue; a report without one (an older
    or hand-made report) falls back to the landmark in the element's selector.
    """
    found = regions.get(grouping.fingerprint(str(rule or ""), str(target or ""), str(html or "")))
    if found:
        return found
    return "template" if grouping.landmark(str(target or ""), str(html or "")) else ""


def _result(v: dict[str, Any], regions: dict[str, str] | None) -> RuleResult:
    """One rule's result; ``regions`` (issue fingerprint -> region) places its elements."""
    elements = tuple(
        _load(
            Element,
            n,
            region=""
            if regions is None
            else _region(regions, v.get("rule"), n.get("target"), n.get("html")),
        )
        for n in _items(v.get("node_details"))
    )
    return _load(RuleResult, v, elements=elements)


def _page(p: dict[str, Any], regions: dict[str, str]) -> Page:
    return _load(
        Page,
        p,
        violations=tuple(_result(v, regions) for v in _items(p.get("violations"))),
        needs_review=tuple(_result(v, None) for v in _items(p.get("needs_review"))),
    )


def _document(d: dict[str, Any]) -> Document:
    problems = tuple(_load(DocumentCheck, p) for p in _items(d.get("problems")))
    return _load(Document, d, checked=bool(d.get("checked")), problems=problems)


def _sampling(s: Any) -> Sampling | None:
    if not isinstance(s, dict):
        return None
    templates = tuple(
        _load(
            TemplateSample,
            t,
            checked=tuple(_load(SampledPage, c) for c in _items(t.get("checked"))),
        )
        for t in _items(s.get("templates"))
    )
    return _load(Sampling, s, templates=templates)


def report_from_dict(data: dict[str, Any]) -> Report:
    """The typed, finished report of a JSON-shaped one (see the module docstring)."""
    scan = _load(Scan, _d(data.get("scan")))
    # reports of older versions carry no outcome and hold violations only
    issues = tuple(
        _load(
            Issue,
            i,
            outcome=i.get("outcome", "violation"),
            accepted=_load(Acceptance, i["accepted"])
            if isinstance(i.get("accepted"), dict)
            else None,
        )
        for i in _items(data.get("issues"))
    )
    regions = {str(i.fingerprint): str(i.region) for i in issues if i.region}
    pages = tuple(_page(p, regions) for p in _items(data.get("pages")))
    criteria = tuple(_load(Criterion, c) for c in _items(data.get("criteria")))
    st = _d(data.get("statement"))
    documents = tuple(_document(d) for d in _items(data.get("documents")))
    site = data.get("site_checks")
    coverage = data.get("coverage")
    return Report(
        scan=scan,
        pages=pages,
        issues=issues,
        criteria=criteria,
        statement=_load(Statement, st, found=bool(st.get("found"))),
        documents=documents,
        site_checks=_load(SiteChecks, site, ran=bool(site.get("ran")), pages=site.get("pages") or 0)
        if isinstance(site, dict)
        else None,
        sampling=_sampling(data.get("sampling")),
        coverage=_load(Coverage, coverage) if isinstance(coverage, dict) else None,
        draft=statement_draft.draft(scan, pages, criteria, statement_draft.documents(documents)),
    )
