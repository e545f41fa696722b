"""A realistic report dictionary (the `a11y.build_report` shape) for renderer tests;
the renderer tests make it typed with `a11y.report_from_dict`.

It mirrors a small scan of a municipal site: a header logo without alt text on every
page (one grouped issue), a page with several barriers, a page that failed to load,
documents, and one hostile page whose title, URL, snippets, selectors and help text
carry script, attribute-breaking and CSV formula payloads. Renderers must show all of
it as text and never run it.
"""

from __future__ import annotations

import copy
from typing import Any

from a11y.criteria import criteria

BASE = "https://www.voorbeeldrecht.nl"
SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
ATTR = '"><img src=x onerror="window.__pwned=2;alert(2)">'
JS_URL = "javascript:window.__pwned=3;alert(3)"
FORMULAS = ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)")
HOSTILE_URL = f'{BASE}/zoeken?q=%3Cscript%3Ealert(1)%3C/script%3E&x="><b>'

# Criteria axe-core cannot decide on its own; a hand-picked realistic subset.
_NOT_AUTOMATIC = {
    "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.2", "1.3.3", "1.4.1", "1.4.5",
    "1.4.10", "1.4.11", "1.4.13", "2.1.1", "2.1.2", "2.1.4", "2.2.1", "2.2.2", "2.3.1",
    "2.4.3", "2.4.5", "2.4.6", "2.4.7", "2.5.1", "2.5.2", "2.5.3", "2.5.4", "3.1.2",
    "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.3.1", "3.3.3", "3.3.4", "4.1.3",
}  # fmt: skip


def _violation(
    rule: str,
    impact: str,
    wcag: list[str],
    help_text: str,
    nodes: list[tuple[str, str, str]],
) -> dict[str, Any]:
    from a11y.criteria import criteria_by_number

    by_number = criteria_by_number()
    return {
        "rule": rule,
        "impact": impact,
        "wcag": wcag,
        "en301549": [by_number[n].en301549 for n in wcag],
        "help": help_text,
        "help_url": f"https://dequeuniversity.com/rules/axe/4.9/{rule}?application=axeAPI",
        "targets": [t for t, _, _ in nodes],
        "nodes": len(nodes),
        "node_details": [{"target": t, "html": h, "failure_summary": s} for t, h, s in nodes],
    }


def _logo() -> dict[str, Any]:
    return _violation(
        "image-alt",
        "critical",
        ["1.1.1"],
        "Images must have alternate text",
        [
            (
                ".site-header > a > img",
                '<img src="/img/logo-voorbeeldrecht.svg" class="logo">',
                "Fix any of the following:\n  Element does not have an alt attribute",
            )
        ],
    )


def _contrast() -> dict[str, Any]:
    return _violation(
        "color-contrast",
        "serious",
        ["1.4.3"],
        "Elements must meet minimum color contrast ratio thresholds",
        [
            (
                ".footer-note",
                '<p class="footer-note">© Gemeente Voorbeeldrecht</p>',
                "Fix any of the following:\n  Element has insufficient color contrast of 2.3",
            )
        ],
    )


def _page(path: str, title: str, violations: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    url = path if path.startswith("http") else BASE + path
    page = {
        "url": url,
        "final_url": url,
        "status": 200,
        "title": title,
        "error": None,
        "redirects": [],
        "violations": violations,
        "needs_review": [],
    }
    page.update(extra)
    return page


def _hostile_page() -> dict[str, Any]:
    """Every field a crawled page controls, filled with payloads."""
    label = _violation(
        "label",
        "critical",
        ["4.1.2", "1.3.1"],
        f"Form elements must have labels {SCRIPT}",
        [
            (f'input[name="{ATTR}"]', f'<input name="q" value="{ATTR}">', SCRIPT),
            (FORMULAS[0], FORMULAS[0], 'Fix this:\n  "quoted", with commas, and\r\nnewlines'),
            (FORMULAS[1], FORMULAS[2], FORMULAS[3]),
            ("\tinput.tab", "\rcarriage", "plain"),
        ],
    )
    label["help_url"] = JS_URL
    link = _violation(
        "link-name",
        "serious",
        ["2.4.4", "4.1.2"],
        "Links must have discernible text",
        [(f"a[href='{JS_URL}']", f'<a href="{JS_URL}"><img src=x></a>', ATTR)],
    )
    review = copy.deepcopy(_contrast())
    review["help"] = ATTR
    return _page(
        HOSTILE_URL,
        f"Zoeken {SCRIPT}{ATTR}",
        [_logo(), label, link],
        final_url=JS_URL,
        redirects=[JS_URL, f"{BASE}/omleiding?{ATTR}"],
        needs_review=[review],
    )


# PDF check hits as a11y.checks.pdf stores them: (rule, outcome, summary).
UNTAGGED = ("idesk-pdf-tagged", "failed", "The PDF is not tagged.")
NO_LANG = ("idesk-pdf-language", "failed", "The PDF does not state its language (/Lang).")
SCANNED = ("idesk-pdf-scanned", "needs-review", "Probably a scan without a text layer.")


def _checked(*hits: tuple[str, str, str]) -> dict[str, Any]:
    """A checked document's fields, built the way build_report builds them."""
    import json

    from a11y.checks.pdf import problems

    return {"checked": True, "problems": problems(json.dumps(hits))}


def sample_report() -> dict[str, Any]:
    """A fresh copy each call, so a test that mutates it cannot affect another."""
    pages = [
        _page("/", "Home - Gemeente Voorbeeldrecht", [_logo(), _contrast()]),
        _page(
            "/producten/paspoort-aanvragen.html",
            "Paspoort aanvragen - Gemeente Voorbeeldrecht",
            [
                _logo(),
                _contrast(),
                _violation(
                    "heading-order",
                    "moderate",
                    [],
                    "Heading levels should only increase by one",
                    [("main > h4", "<h4>Kosten</h4>", "Heading order invalid")],
                ),
            ],
        ),
        _page(
            "/contact.html",
            "Contact - Gemeente Voorbeeldrecht",
            [
                _logo(),
                _contrast(),
                _violation(
                    "button-name",
                    "critical",
                    ["4.1.2"],
                    "Buttons must have discernible text",
                    [("#verstuur", '<button id="verstuur"><svg></svg></button>', "No text")],
                ),
            ],
        ),
        _page("/nieuws/", "Nieuws - Gemeente Voorbeeldrecht", []),
        _page(
            "/oud/verhuizen.php",
            "",
            [],
            status=500,
            error="HTTP 500 Internal Server Error",
            final_url=None,
        ),
        _page(
            "/traag.html",
            "",
            [],
            status=None,
            error="Timeout after 30 s",
            final_url=None,
        ),
        _hostile_page(),
    ]
    issues = [
        {
            "rule": "image-alt",
            "impact": "critical",
            "wcag": ["1.1.1"],
            "en301549": ["9.1.1.1"],
            "fingerprint": "image-alt:.site-header > a > img",
            "outcome": "violation",
            "scope": "page",
            "region": "template",
            "region_reason": "landmark",
            "landmark": "header",
            "pages": 4,
            "nodes": 4,
            "example_urls": [p["url"] for p in pages[:3]] + [HOSTILE_URL],
            "help": "Images must have alternate text",
            "help_url": "https://dequeuniversity.com/rules/axe/4.9/image-alt",
            "target": ".site-header > a > img",
            "html": '<img src="/img/logo-voorbeeldrecht.svg" class="logo">',
        },
        {
            "rule": "color-contrast",
            "impact": "serious",
            "wcag": ["1.4.3"],
            "en301549": ["9.1.4.3"],
            "fingerprint": "color-contrast:.footer-note",
            "outcome": "violation",
            "scope": "page",
            "region": "template",
            "region_reason": "landmark",
            "landmark": "footer",
            "pages": 3,
            "nodes": 3,
            "example_urls": [p["url"] for p in pages[:3]],
            "help": "Elements must meet minimum color contrast ratio thresholds",
            "help_url": "https://dequeuniversity.com/rules/axe/4.9/color-contrast",
            "target": ".footer-note",
            "html": '<p class="footer-note">© Gemeente Voorbeeldrecht</p>',
        },
        {
            "rule": "label",
            "impact": "critical",
            "wcag": ["4.1.2", "1.3.1"],
            "en301549": ["9.4.1.2", "9.1.3.1"],
            "fingerprint": f"label:{ATTR}",
            "outcome": "violation",
            "scope": "page",
            "region": "content",
            "region_reason": "page-content",
            "landmark": None,
            "pages": 1,
            "nodes": 4,
            "example_urls": [HOSTILE_URL, JS_URL],
            "help": f"Form elements must have labels {SCRIPT}",
            "help_url": JS_URL,
            "target": f'input[name="{ATTR}"]',
            "html": f'<input name="q" value="{ATTR}">{SCRIPT}',
        },
        {
            "rule": "button-name",
            "impact": "critical",
            "wcag": ["4.1.2"],
            "en301549": ["9.4.1.2"],
            "fingerprint": "button-name:#verstuur",
            "outcome": "violation",
            "scope": "page",
            "region": "content",
            "region_reason": "page-content",
            "landmark": None,
            "pages": 1,
            "nodes": 1,
            "example_urls": [pages[2]["url"]],
            "help": "Buttons must have discernible text",
            "help_url": "https://dequeuniversity.com/rules/axe/4.9/button-name",
            "target": "#verstuur",
            "html": '<button id="verstuur"><svg></svg></button>',
        },
        {
            "rule": "link-name",
            "impact": "serious",
            "wcag": ["2.4.4", "4.1.2"],
            "en301549": ["9.2.4.4", "9.4.1.2"],
            "fingerprint": f"link-name:{JS_URL}",
            "outcome": "violation",
            "scope": "page",
            "region": "content",
            "region_reason": "page-content",
            "landmark": None,
            "pages": 1,
            "nodes": 1,
            "example_urls": [HOSTILE_URL],
            "help": "Links must have discernible text",
            "help_url": "https://dequeuniversity.com/rules/axe/4.9/link-name",
            "target": f"a[href='{JS_URL}']",
            "html": f'<a href="{JS_URL}"><img src=x></a>',
        },
        {
            "rule": "heading-order",
            "impact": "moderate",
            "wcag": [],
            "en301549": [],
            "fingerprint": "heading-order:main > h4",
            "outcome": "violation",
            "scope": "page",
            "region": "content",
            "region_reason": "page-content",
            "landmark": None,
            "pages": 1,
            "nodes": 1,
            "example_urls": [pages[1]["url"]],
            "help": "Heading levels should only increase by one",
            "help_url": "https://dequeuniversity.com/rules/axe/4.9/heading-order",
            "target": "main > h4",
            "html": "<h4>Kosten</h4>",
        },
        {
            "rule": "idesk-statement-link",
            "impact": "moderate",
            "wcag": [],
            "en301549": [],
            "fingerprint": "3f0c2a9b1d4e5f60",
            "outcome": "needs-review",
            "scope": "site",
            "region": "template",
            "region_reason": "site-check",
            "landmark": None,
            "pages": 2,
            "nodes": 2,
            "example_urls": [pages[3]["url"], HOSTILE_URL],
            "help": "Every page links to the accessibility statement",
            "help_url": "",
            "target": "body",
            "html": "",
            "summary": f"This page has no link to the accessibility statement. {SCRIPT}",
        },
    ]
    failed_rules: dict[str, list[str]] = {}
    for issue in issues:
        for number in issue["wcag"]:
            failed_rules.setdefault(number, []).append(issue["rule"])
    crit = []
    for c in criteria():
        if c.number in failed_rules:
            result = "failed"
        elif c.number in _NOT_AUTOMATIC:
            result = "not-tested-automatically"
        else:
            result = "no-violations-found"
        crit.append(
            {
                "number": c.number,
                "name_nl": c.name_nl,
                "name_en": c.name_en,
                "level": c.level,
                "en301549": c.en301549,
                "result": result,
                "rules": sorted(set(failed_rules.get(c.number, []))),
            }
        )
    return {
        "scan": {
            "id": "01JDEMO0000000000000000000",
            "started_at": "2026-11-28T14:02:11+00:00",
            "finished_at": "2026-11-28T14:04:53+00:00",
            "start_urls": [BASE + "/", JS_URL],
            "axe_version": "4.9.1",
            "level": "AA",
            "pages_checked": 5,
            "pages_failed": 2,
            "pages_discovered": 9,
            "tool_version": "0.1.0",
        },
        "pages": pages,
        "issues": issues,
        "criteria": crit,
        "statement": {
            "found": True,
            "url": BASE + "/toegankelijkheid.html",
            "status": "B",
        },
        "documents": [
            {
                "url": BASE + "/documenten/afvalkalender-2027.pdf",
                "type": "application/pdf",
                "bytes": 48213,
                "found_on": BASE + "/producten/afvalkalender.html",
                **_checked(UNTAGGED, NO_LANG),
            },
            {
                "url": JS_URL,
                "type": f"application/pdf{SCRIPT}",
                "bytes": None,
                "found_on": HOSTILE_URL,
            },
            {
                "url": BASE + "/documenten/jaarverslag-2025.pdf",
                "type": "application/pdf",
                "bytes": 1_250_000,
                "found_on": BASE + "/over-ons.html",
                **_checked(),
            },
            {
                "url": BASE + "/documenten/verordening-1998.pdf",
                "type": "application/pdf",
                "bytes": 3_400_000,
                "found_on": BASE + "/regels.html",
                **_checked(UNTAGGED, SCANNED),
            },
            {
                "url": BASE + "/documenten/aanvraagformulier.docx",
                "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "bytes": 31_000,
                "found_on": BASE + "/producten/paspoort-aanvragen.html",
                "checked": False,
                "problems": [],
            },
        ],
        "sampling": None,
        "coverage": {
            "mode": "all",
            "pages_found": 9,
            "pages_visited": 7,
            "pages_checked": 5,
            "pages_failed": 2,
            "pages_not_checked_sample": 0,
            "pages_not_visited": 2,
            "limit_reached": True,
            "max_pages": 7,
            "max_depth": 10,
        },
    }


def empty_report() -> dict[str, Any]:
    """A clean scan: no violations, no statement found, no documents."""
    report = sample_report()
    report["pages"] = [_page("/", "Home", [])]
    report["issues"] = []
    report["documents"] = []
    report["statement"] = {"found": False, "url": None, "status": None}
    for c in report["criteria"]:
        if c["result"] == "failed":
            c["result"] = "no-violations-found"
            c["rules"] = []
    report["scan"].update(pages_checked=1, pages_failed=0, pages_discovered=1)
    return report


def sampled_report() -> dict[str, Any]:
    """The sample report as a `--sample` scan stores it: two templates, one page skipped."""
    report = sample_report()
    urls = [p["url"] for p in report["pages"]]
    report["sampling"] = {
        "mode": "sample",
        "per_template": 3,
        "random_share": 0.1,
        "note": "Structured sample: the first pages of every template; random sample: a fixed"
        " share of the rest. Pages not checked are represented by their template's sample.",
        "templates": [
            {
                "template": "a1b2c3d4e5f6",
                "number": 1,
                "pages": 5,
                "checked": [
                    {"url": urls[1], "sample": "template"},
                    {"url": urls[2], "sample": "template"},
                    {"url": HOSTILE_URL, "sample": "template"},
                    {"url": JS_URL, "sample": "random"},
                ],
                "not_checked": 1,
                "checked_template": 3,
                "checked_random": 1,
                "example_title": f"Paspoort {SCRIPT}",
            },
            {
                "template": "0f9e8d7c6b5a",
                "number": 2,
                "pages": 1,
                "checked": [{"url": urls[0], "sample": "template"}],
                "not_checked": 0,
                "checked_template": 1,
                "checked_random": 0,
                "example_title": "Home - Gemeente Voorbeeldrecht",
            },
        ],
        "template_count": 2,
        "checked_template": 4,
        "checked_random": 1,
        "not_checked": 1,
    }
    report["coverage"].update(mode="sample", pages_not_checked_sample=1)
    return report
