"""Own checks end to end: a real scan of a small local site, then the report.

Page checks land in the same ``violations`` / ``needs_review`` lists as axe's, with
their WCAG and EN 301 549 numbers; site-level checks compare the pages; the
per-criterion table says who tested what.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sites import Response, Site
from test_a11y_checks_pdf import build

from a11y import build_report, report_from_dict
from a11y.crawl.engine import CrawlConfig, scan
from a11y.report.html import render_html
from a11y.statement import draft_nonconformities

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

NAV = '<nav aria-label="Menu"><a href="/">Home</a> <a href="/afval">Afval</a> <a href="/paspoort">Paspoort</a></nav>'
SWAPPED = '<nav aria-label="Menu"><a href="/paspoort">Paspoort</a> <a href="/afval">Afval</a> <a href="/">Home</a></nav>'
SEARCH = '<form role="search" action="/zoeken"><label for="q">Zoeken</label> <input id="q" name="q" type="search"></form>'
FOOTER = '<footer><a href="/toegankelijkheid">Toegankelijkheidsverklaring</a></footer>'


def municipal(
    title: str, body: str, nav: str = NAV, footer: str = FOOTER, head: str = ""
) -> Response:
    return Response(
        body=f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body><header>{SEARCH}</header>{nav}<main><h1>{title}</h1>{body}</main>"
        f"{footer}</body></html>"
    )


@pytest.fixture(scope="module")
def report() -> dict:
    site = Site(
        routes={
            "/": municipal(
                "Gemeente Voorbeeld",
                '<p>Welkom bij de gemeente. <a href="/docs/jaarverslag.pdf">Jaarverslag 2025</a></p>',
            ),
            "/docs/jaarverslag.pdf": Response(
                body=build(tagged=False, lang=None), content_type="application/pdf"
            ),
            "/afval": municipal(
                "Afval - Gemeente Voorbeeld",
                "<p>Afval ophalen.</p>",
                head='<meta name="viewport" content="width=device-width, user-scalable=no">',
            ),
            "/paspoort": municipal("Gemeente Voorbeeld", "<p>Paspoort aanvragen.</p>", nav=SWAPPED),
            "/toegankelijkheid": municipal(
                "Toegankelijkheidsverklaring - Gemeente Voorbeeld", "<p>Verklaring.</p>", footer=""
            ),
        }
    ).start()
    try:
        config = CrawlConfig(
            start_urls=(site.url + "/",), workers=1, delay=0, max_pages=10, checks="full"
        )
        scan_id = scan(config)
        yield build_report(None, scan_id)
    finally:
        site.stop()


def page(report: dict, path: str) -> dict:
    return next(p for p in report["pages"] if p["url"].endswith(path))


def test_own_failure_is_a_violation_with_bdto_numbers(report: dict) -> None:
    found = {v["rule"]: v for v in page(report, "/afval")["violations"]}
    assert found["idesk-meta-viewport"]["wcag"] == ["1.4.4"]
    assert found["idesk-meta-viewport"]["en301549"] == ["9.1.4.4"]
    assert any(i["rule"] == "idesk-meta-viewport" for i in report["issues"])
    assert not any(v["rule"].startswith("idesk-") for v in page(report, "/")["violations"])


def test_site_level_checks_need_review(report: dict) -> None:
    review = {
        p["url"].rsplit("/", 1)[-1]: {v["rule"] for v in p["needs_review"]} for p in report["pages"]
    }
    assert "idesk-consistent-navigation" in review["paspoort"]
    assert "idesk-consistent-navigation" not in review["afval"]
    assert "idesk-title-unique" in review["paspoort"] and "idesk-title-unique" in review[""]
    assert "idesk-title-unique" not in review["afval"]
    assert "idesk-statement-link" in review["toegankelijkheid"]
    assert "idesk-statement-link" not in review["afval"]
    assert not any("idesk-multiple-ways" in r for r in review.values())  # search + menu


def test_criteria_say_who_tested(report: dict) -> None:
    by = {c["number"]: c for c in report["criteria"]}
    assert by["1.4.4"]["result"] == "failed" and by["1.4.4"]["tested_by"] == "axe+own"
    assert by["2.4.7"]["tested_by"] == "own"
    assert by["1.4.10"]["tested_by"] == "partly"
    assert by["1.2.2"]["tested_by"] in ("axe", "none")
    assert by["3.3.4"]["tested_by"] == "none"


def test_html_report_shows_own_checks(report: dict) -> None:
    html = render_html(report_from_dict(report))
    assert "idesk-meta-viewport" in html
    assert "Getest door" in html or "Tested by" in html


def test_linked_pdf_is_checked(report: dict) -> None:
    (doc,) = report["documents"]
    assert doc["checked"]
    found = {p["rule"]: p for p in doc["problems"]}
    assert set(found) == {"idesk-pdf-tagged", "idesk-pdf-language"}
    assert found["idesk-pdf-tagged"]["en301549"] == ["10.1.3.1"]
    html = render_html(report_from_dict(report))
    assert "Problemen in documenten" in html and "idesk-pdf-tagged" in html
    # The statement draft lists the documents' problems, counted over the checked PDFs.
    draft = draft_nonconformities(report_from_dict(report))
    assert "### Documenten (EN 301 549 hoofdstuk 10)" in draft
    assert "- 1 van 1 pdf-document heeft geen tags (10.1.3.1 / WCAG 1.3.1)." in draft
    assert "- 1 van 1 pdf-document geeft de taal niet aan (10.3.1.1 / WCAG 3.1.1)." in draft


def test_site_level_findings_are_grouped_issues_to_review(report: dict) -> None:
    issues = {i["rule"]: i for i in report["issues"] if i["scope"] == "site"}
    statement = issues["idesk-statement-link"]
    assert statement["outcome"] == "needs-review"
    assert statement["pages"] == 1 and statement["example_urls"][0].endswith("/toegankelijkheid")
    assert statement["region"] == "template" and statement["region_reason"] == "site-check"
    assert "no link to the accessibility statement" in statement["summary"]
    assert issues["idesk-consistent-navigation"]["example_urls"][0].endswith("/paspoort")
    title = issues["idesk-title-unique"]
    assert title["pages"] == 2 and title["region"] == "content"
    # Worst first, and within one impact the certain violations before review findings.
    order = ["critical", "serious", "moderate", "minor"]
    keys = [(order.index(i["impact"]), i["outcome"] != "violation") for i in report["issues"]]
    assert keys == sorted(keys)
    # --fail-on counts violations only: a review finding alone never fails a CI run.
    from a11y.cli import exit_code

    only_review = {**report, "issues": [i for i in report["issues"] if i["scope"] == "site"]}
    assert only_review["issues"] and exit_code(report_from_dict(only_review), "minor") == 0
    html = render_html(report_from_dict(report))
    assert "idesk-statement-link" in html.split('id="issues"')[1].split("</section>")[0]


def _statement_site(footer_on_afval: bool, swapped_nav: bool) -> dict[str, Response]:
    no_footer = {} if footer_on_afval else {"footer": ""}
    return {
        "/": municipal("Gemeente Voorbeeld", "<p>Welkom.</p>"),
        "/afval": municipal("Afval - Gemeente Voorbeeld", "<p>Afval.</p>", **no_footer),
        "/paspoort": municipal(
            "Paspoort - Gemeente Voorbeeld",
            "<p>Paspoort.</p>",
            nav=SWAPPED if swapped_nav else NAV,
        ),
        "/toegankelijkheid": municipal("Verklaring - Gemeente Voorbeeld", "<p>Verklaring.</p>"),
    }


def test_diff_reports_site_level_findings_new_and_fixed(tmp_path, capsys) -> None:
    from a11y import diff_scans
    from a11y.cli import main

    db = tmp_path / "a11y.db"
    site = Site(routes=_statement_site(footer_on_afval=False, swapped_nav=False)).start()
    try:
        config = CrawlConfig(start_urls=(site.url + "/",), workers=1, delay=0, max_pages=10)
        first = scan(config, db)
        one_page = scan(replace(config, max_pages=1), db)
        site.routes.update(_statement_site(footer_on_afval=True, swapped_nav=True))
        second = scan(config, db)
    finally:
        site.stop()
    # One page cannot be compared with others: its findings are not 'fixed' but unknown.
    unknown = diff_scans(db, first, one_page)
    assert "idesk-statement-link" in {i["rule"] for i in unknown["not_rechecked"]}
    assert not any(i["scope"] == "site" for i in unknown["fixed"])
    diff = diff_scans(db, first, second)
    fixed = {i["rule"]: i for i in diff["fixed"]}
    new = {i["rule"]: i for i in diff["new"]}
    assert fixed["idesk-statement-link"]["example_urls"][0].endswith("/afval")
    assert new["idesk-consistent-navigation"]["example_urls"][0].endswith("/paspoort")
    assert not any(i["scope"] == "site" for i in diff["persisting"])
    assert main(["diff", str(first), str(second), "--db", str(db)]) == 0
    text = capsys.readouterr().out
    fixed_part = text.split("opgelost (")[1].split("blijven (")[0]  # Dutch by default
    assert "idesk-statement-link" in fixed_part and "nakijken" in fixed_part
