"""The analysis step: a typed report from stored rows, facts in their own column, and the
cheap per-site summaries; all against a real SQLite file, no browser needed."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest

import a11y
from a11y.analysis import SCHEMA_VERSION, Report, report_from_dict, scan_report
from a11y.analysis.model import Element, Issue, Page
from a11y.browser.axe import AxeRun, Finding, Node
from a11y.report.csv import ENCODING, write_csv
from a11y.store import MIGRATIONS, PageResult, ScanWriter, open_db

LOGO = ("header > a > img", '<img src="/logo.png">', "Fix any of the following: no alt")
KEYS = [
    "schema_version",
    "scan",
    "pages",
    "issues",
    "criteria",
    "statement",
    "documents",
    "site_checks",
    "sampling",
    "coverage",
]


def _finding(rule: str, impact: str, wcag: str, *nodes: tuple[str, str, str]) -> Finding:
    return Finding(
        rule=rule,
        impact=impact,
        wcag=(wcag,),
        en301549=(f"9.{wcag}",),
        help=f"{rule} help",
        help_url=f"https://dequeuniversity.com/rules/axe/4.10/{rule}",
        tags=("wcag2a",),
        nodes=tuple(Node(*n) for n in nodes),
    )


def _facts(title_link: bool = True) -> dict:
    return {
        "nav": ["home", "afval", "paspoort"],
        "home": "gemeente voorbeeld",
        "search": "zoeken",
        "ways": ["search", "navigation"],
        "statement_link": "https://www.voorbeeld.example/toegankelijkheid" if title_link else None,
    }


def _scan(db: object, site: str, pages: list[tuple[Finding, ...]], statement: bool) -> int:
    """One finished scan of ``site``: a page per entry, each with its violations and facts."""
    start = f"https://{site}/"
    writer = ScanWriter.start(db, [start], "AA", {"max_pages": 50, "max_depth": 5})
    for i, found in enumerate(pages):
        url = f"{start}pagina-{i}"
        raw = {"testEngine": {"version": "4.10.2"}, "violations": [], "url": url}
        writer.page(
            PageResult(
                url=url,
                depth=1,
                final_url=url,
                status=200,
                title=f"Pagina {i}",
                axe=AxeRun(found, (), raw, facts=_facts(title_link=i != 1)),
                compliance_status="B" if i == 0 else None,
            )
        )
    writer.finish(
        pages_checked=len(pages),
        pages_discovered=len(pages),
        axe_version="4.10.2",
        covered_criteria=["1.1.1", "1.4.3"],
        statement_url=f"{start}pagina-0" if statement else None,
    )
    return writer.scan_id


@pytest.fixture
def db(tmp_path: Path):
    database = open_db(tmp_path / "a11y.db")
    yield database
    database.conn.close()


def _three_pages() -> list[tuple[Finding, ...]]:
    photo = ("main > img", '<img src="/foto-1234567.jpg">', "Fix: no alt")
    contrast = ("main p", '<p class="tip">Tip</p>', "Fix: contrast 2.1")
    return [
        (_finding("image-alt", "critical", "1.1.1", LOGO, photo),),
        (_finding("image-alt", "critical", "1.1.1", LOGO),),
        (
            _finding("image-alt", "critical", "1.1.1", LOGO),
            _finding("color-contrast", "serious", "1.4.3", contrast),
        ),
    ]


def test_report_is_typed_and_its_json_is_the_contract_plus_schema_version(db) -> None:
    scan_id = _scan(db, "www.voorbeeld.example", _three_pages(), statement=True)
    report = scan_report(db, scan_id)
    assert isinstance(report, Report) and all(isinstance(p, Page) for p in report.pages)
    assert all(isinstance(i, Issue) for i in report.issues)
    data = report.as_dict()
    assert list(data) == KEYS and data["schema_version"] == SCHEMA_VERSION == 1
    assert json.loads(report.to_json()) == data == a11y.build_report(db, scan_id)
    # Typed back from its own JSON, the report is the same report.
    assert report_from_dict(data) == report
    logo = next(i for i in report.issues if "logo" in (i.html or ""))
    assert (logo.pages, logo.nodes, logo.region, logo.landmark) == (3, 3, "template", "header")
    assert data["issues"][0]["fingerprint"] == logo.fingerprint
    # Tuples in the model, lists in the JSON; elements are the JSON's node_details.
    first = data["pages"][0]["violations"][0]
    assert first["node_details"][0] == {
        "target": LOGO[0],
        "html": LOGO[1],
        "failure_summary": LOGO[2],
    }
    assert "region" not in first["node_details"][0] and "draft" not in data
    assert report.statement.found and report.statement.status == "B"
    assert report.site_checks is not None and report.site_checks.ran


def test_the_analysis_places_elements_and_counts_the_draft(db, tmp_path: Path) -> None:
    report = scan_report(db, _scan(db, "www.voorbeeld.example", _three_pages(), statement=True))
    regions = {e.html: e.region for p in report.pages for v in p.violations for e in v.elements}
    assert regions[LOGO[1]] == "template"  # in the header, and on every page
    assert regions['<img src="/foto-1234567.jpg">'] == "content"
    by_number = {item.number: item for item in report.draft.items}
    assert set(by_number) == {"1.1.1", "1.4.3"}
    assert (by_number["1.1.1"].pages, by_number["1.1.1"].elements) == (3, 4)
    assert by_number["1.1.1"].name("nl") == "Niet-tekstuele content"
    assert report.draft.axe_version == "4.10.2" and report.draft.pages_checked == 3
    # The CSV writes the region the analysis put in the report; it computes nothing.
    photo = report.pages[0].violations[0].elements[1]
    moved = dataclasses.replace(photo, region="template")
    page = report.pages[0]
    result = dataclasses.replace(
        page.violations[0], elements=(page.violations[0].elements[0], moved)
    )
    edited = dataclasses.replace(
        report, pages=(dataclasses.replace(page, violations=(result,)), *report.pages[1:])
    )
    path = tmp_path / "r.csv"
    write_csv(edited, path)
    with path.open(encoding=ENCODING, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["region"] for r in rows if "foto" in r["html"]} == {"template"}
    assert isinstance(moved, Element)


def test_facts_have_their_own_column_and_raw_axe_is_as_axe_returned(db) -> None:
    scan_id = _scan(db, "www.voorbeeld.example", _three_pages(), statement=False)
    rows = list(db.query("select raw_axe, facts from pages where scan_id = ?", [scan_id]))
    assert all("idesk" not in json.loads(r["raw_axe"]) for r in rows)
    assert json.loads(rows[0]["raw_axe"])["testEngine"] == {"version": "4.10.2"}
    assert json.loads(rows[0]["facts"]) == _facts()
    # Site-level checks ran on those facts: page 1 has no statement link.
    report = scan_report(db, scan_id)
    assert [v.rule for v in report.pages[1].needs_review] == ["idesk-statement-link"]


def test_an_old_row_with_spliced_facts_reports_the_same(db) -> None:
    scan_id = _scan(db, "www.voorbeeld.example", _three_pages(), statement=True)
    before = scan_report(db, scan_id).as_dict()
    originals = {
        r["id"]: r["raw_axe"]
        for r in db.query("select id, raw_axe from pages where scan_id = ?", [scan_id])
    }
    # Back to the format before the facts column: facts spliced into the raw axe JSON
    # (with our own checks' hits), and no facts column at all.
    with db.conn:
        for r in db.query("select id, raw_axe, facts from pages where scan_id = ?", [scan_id]):
            raw = json.loads(r["raw_axe"])
            raw["idesk"] = {"facts": json.loads(r["facts"]), "hits": [["x", "failed", "", "", ""]]}
            db.execute("update pages set raw_axe = ? where id = ?", [json.dumps(raw), r["id"]])
        db.execute("alter table pages drop column facts")
    assert all('"idesk"' in r["raw_axe"] for r in db.query("select raw_axe from pages"))
    page_facts = MIGRATIONS[4]  # migration 5: facts move to their own column
    with db.conn:
        page_facts(db)
    after = {r["id"]: r for r in db.query("select id, raw_axe, facts from pages")}
    assert {i: r["raw_axe"] for i, r in after.items()} == originals
    assert all(json.loads(r["facts"]) for r in after.values())
    assert scan_report(db, scan_id).as_dict() == before


def test_site_summaries_from_sql_for_two_sites(tmp_path: Path) -> None:
    path = tmp_path / "scans.db"
    db = open_db(path)
    photo = ("main > img", '<img src="/foto.jpg">', "no alt")
    older = _scan(
        db,
        "www.voorbeeld.example",
        [(_finding("image-alt", "critical", "1.1.1", LOGO, photo),), ()],
        statement=False,
    )
    latest = _scan(db, "www.voorbeeld.example", _three_pages(), statement=True)
    other = _scan(
        db,
        "loket.andere.example",
        [(_finding("link-name", "serious", "2.4.4", ("a", "<a href='/x'></a>", "no name")),)],
        statement=False,
    )
    db.conn.close()
    summaries = a11y.site_summaries(path)
    assert [s.site for s in summaries] == ["loket.andere.example", "www.voorbeeld.example"]
    andere, voorbeeld = summaries
    assert (andere.scan_id, andere.pages_checked, andere.statement_found) == (other, 1, False)
    assert andere.violations_by_impact == {"serious": 1}
    assert andere.failing_criteria == ("2.4.4",)
    assert (voorbeeld.scan_id, voorbeeld.pages_checked, voorbeeld.statement_found) == (
        latest,
        3,
        True,
    )
    # Grouped as the report groups them: the header logo on three pages is one issue.
    assert voorbeeld.violations_by_impact == {"critical": 2, "serious": 1}
    assert voorbeeld.failing_criteria == ("1.1.1", "1.4.3")
    assert [n for _, n in voorbeeld.history] == [4, 1]  # violation rows, newest first
    assert voorbeeld.started_at.startswith("20")
    # The same counts as the full report, without building one.
    report = a11y.build_report(path, latest)
    assert voorbeeld.violations_by_impact == dict(
        Counter(i["impact"] for i in a11y.violations(report))
    )
    assert older < latest
