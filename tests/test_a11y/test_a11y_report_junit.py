"""JUnit XML: one test case per page, well-formed whatever the pages contained."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from sample_report import BASE, HOSTILE_URL, SCRIPT, sample_report

from a11y import report_from_dict
from a11y.report.junit import render_junit


def test_one_testcase_per_page_with_failures_and_errors() -> None:
    report = sample_report()
    root = ET.fromstring(render_junit(report_from_dict(report)))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [p["url"] for p in report["pages"]]
    assert {c.get("classname") for c in cases} == {"www.voorbeeldrecht.nl"}
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("7", "4", "2")
    home = cases[0].find("failure")
    assert home.get("message").endswith("color-contrast, image-alt")
    assert "WCAG 1.4.3" in home.text
    news = cases[3]
    assert news.find("failure") is None and news.find("error") is None
    error = cases[4].find("error")
    assert error.get("message") == "HTTP 500 Internal Server Error"
    assert error.get("type") == "HTTP 500"
    assert cases[5].find("error").get("type") == "load"


def test_documents_are_a_suite_of_their_own_red_on_a_certain_problem() -> None:
    report = sample_report()
    root = ET.fromstring(render_junit(report_from_dict(report)))
    pages, documents = root.findall("testsuite")
    cases = {c.get("name"): c for c in documents.findall("testcase")}
    assert list(cases) == [d["url"] for d in report["documents"]]
    calendar = cases[BASE + "/documenten/afvalkalender-2027.pdf"].find("failure")
    assert calendar.get("message").endswith("idesk-pdf-language, idesk-pdf-tagged")
    assert "not tagged" in calendar.text
    assert "EN 301 549 10." in calendar.text
    assert not list(cases[BASE + "/documenten/jaarverslag-2025.pdf"])  # passes
    old = cases[BASE + "/documenten/verordening-1998.pdf"]
    assert "idesk-pdf-scanned" in old.find("system-out").text  # likely, so not red
    assert old.find("failure").get("message").endswith("idesk-pdf-tagged")
    assert cases[BASE + "/documenten/aanvraagformulier.docx"].find("skipped") is not None
    assert (documents.get("tests"), documents.get("failures"), documents.get("skipped")) == (
        "5",
        "2",
        "2",
    )
    # The totals a CI server shows first add up both suites.
    assert root.get("tests") == str(int(pages.get("tests")) + 5)
    assert root.get("failures") == str(int(pages.get("failures")) + 2)


def test_hostile_text_stays_text() -> None:
    root = ET.fromstring(render_junit(report_from_dict(sample_report())))
    hostile = root.find("testsuite").findall("testcase")[-1]
    assert hostile.get("name") == HOSTILE_URL
    failure = hostile.find("failure")
    assert SCRIPT in failure.text
    assert failure.get("message").endswith("image-alt, label, link-name")
    assert "color-contrast" in hostile.find("system-out").text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_well_formed_for_any_text(text: str) -> None:
    report = {
        "scan": {"id": text, "started_at": text},
        "pages": [
            {"url": text, "error": text or "x", "status": None, "violations": []},
            {
                "url": f"http://{text}/",
                "error": None,
                "violations": [
                    {"rule": text, "impact": "minor", "help": text, "nodes": 1,
                     "node_details": [{"target": text, "html": text}]}
                ],
            },
        ],
    }  # fmt: skip
    root = ET.fromstring(render_junit(report_from_dict(report)))
    assert len(root.find("testsuite").findall("testcase")) == 2
