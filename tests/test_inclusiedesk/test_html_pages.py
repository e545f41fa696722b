"""Every HTML page the products write stands on one base template (inclusiedesk.html).

The scan report, the council report, the resident's handout and the follow-up
checklist must each have the skeleton the base promises (lang, viewport, a
Content-Security-Policy without scripts, no referrer, a skip link to <main>), and each
must show hostile input data as text: a script tag, an attribute break-out and a
``javascript:`` URL never become markup or a link. One Chromium then opens all four
pages built from that hostile data: no script runs and axe-core finds nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_check import WCAG_AA_TAGS, chromium, describe, run_axe, script_evidence, to_url
from bs4 import BeautifulSoup
from jinja2 import UndefinedError
from sample_report import sample_report

from a11y import report_from_dict
from a11y.report.html import render_html
from helpdesk.checklist import slip_html
from helpdesk.guides.handout import render_handout
from helpdesk.guides.library import Step, parse_guide
from helpdesk.records import DeskRequest, FollowUp
from helpdesk.settings import Settings
from helpdesk.stats import counting, periods
from helpdesk.stats.council_report import render_report
from helpdesk.store import open_store
from inclusiedesk.html import GUIDE_SCHEMES, environment, safe_href

SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
ATTR = '"><img src=x onerror="window.__pwned=2;alert(2)">'
JS_URL = "javascript:window.__pwned=3;alert(3)"
GUIDE = (
    Path(__file__).parent.parent / "fixtures" / "guides" / "sample" / "nl" / "toeslag-aanvragen.md"
)


def scan_report(lang: str) -> str:
    report = sample_report()  # already carries SCRIPT, ATTR and a javascript: URL
    report["pages"][0]["title"] = SCRIPT + ATTR
    report["pages"][0]["url"] = JS_URL
    report["statement"] = {"found": True, "url": JS_URL, "status": ATTR}
    return render_html(report_from_dict(report), lang)


def council_report(lang: str) -> str:
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:  # empty: see conftest.py
        dash = counting.dashboard(store, periods.parse_period("2026-Q3"))
    hostile = dataclasses.replace(
        dash,
        location=SCRIPT,
        total=19,
        by_location={SCRIPT: 12, ATTR: 7},
        by_org={JS_URL: 6},
        per_month=(("2026-07", 19),),
    )
    return render_report(hostile, lang, a11y_db=Path("/nonexistent/a11y.db"))


def handout(lang: str) -> str:
    step = Step(1, SCRIPT, f"Klik [hier]({JS_URL}) of [daar](https://x.nl/{ATTR}).", ATTR, SCRIPT, ATTR, 5)  # fmt: skip
    guide = dataclasses.replace(
        parse_guide(GUIDE),
        title=SCRIPT,
        summary=f"**{ATTR}** [link]({JS_URL})",
        audience=ATTR,
        bring=(SCRIPT,),
        sources=(JS_URL, f"https://x.nl/{ATTR}"),
        steps=(step,),
    )
    return render_handout(guide, lang)


def checklist(lang: str) -> str:
    req = DeskRequest(
        organisations=(SCRIPT,),
        subjects=(ATTR,),
        help_type="information",
        outcome="follow-up",
        location="x",
        staff="m01",
        followup=FollowUp(dt.datetime(2026, 12, 1, 10, 30), (SCRIPT, ATTR, JS_URL)),
    )
    desk = Settings(desk_name=SCRIPT, desk_address=ATTR, desk_hours=JS_URL, desk_phone=SCRIPT)
    return slip_html(req, desk, lang)


PAGES: dict[str, Callable[[str], str]] = {
    "scan-report": scan_report,
    "council-report": council_report,
    "handout": handout,
    "checklist": checklist,
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_has_the_base_skeleton(name: str, lang: str) -> None:
    html = PAGES[name](lang)
    assert html.startswith("<!DOCTYPE html>\n")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] in ("nl", "en")
    assert soup.find("meta", charset="utf-8")
    viewport = soup.find("meta", attrs={"name": "viewport"})
    assert viewport["content"] == "width=device-width, initial-scale=1"
    assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert soup.title.get_text().strip()
    [main] = soup.find_all("main")
    skip = soup.body.find("a")  # the first thing a keyboard reaches
    assert skip["href"] == f"#{main['id']}" and "skip" in skip["class"]
    assert skip.get_text() == ("Skip to content" if soup.html["lang"] == "en" else "Naar de inhoud")
    assert len(soup.find_all("h1")) == 1
    assert len(soup.find_all("style")) == 1


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_data_stays_text(name: str) -> None:
    html = PAGES[name]("nl")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all(["script", "img", "iframe", "object", "embed"]) == []
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    hrefs = [a["href"] for a in soup.find_all(href=True)]
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    text = soup.get_text()
    assert SCRIPT in text and ATTR in text and JS_URL in text  # shown, as text


def test_safe_href_allows_only_web_and_given_schemes() -> None:
    assert safe_href("https://example.nl/a?b=1") == "https://example.nl/a?b=1"
    assert safe_href(" http://example.nl ") == "http://example.nl"
    for bad in (JS_URL, "JavaScript:alert(1)", "data:text/html,x", "/relative", "https:no-host",
                "https://example.nl/a b", "https://example.nl/\x00", None, 42, "mailto:a@b.nl"):  # fmt: skip
        assert safe_href(bad) is None, bad
    assert safe_href("mailto:a@b.nl", GUIDE_SCHEMES) == "mailto:a@b.nl"
    assert safe_href("tel:+31201234567", GUIDE_SCHEMES) == "tel:+31201234567"
    assert safe_href(JS_URL, GUIDE_SCHEMES) is None


def test_control_characters_are_replaced_not_written() -> None:
    report = sample_report()
    report["pages"][0]["title"] = "a\x00b\x1bc"
    soup = BeautifulSoup(render_html(report_from_dict(report)), "html.parser")
    assert (
        soup.find("article", attrs={"aria-labelledby": "page-1"}).h3.get_text() == "a\ufffdb\ufffdc"
    )


def test_every_hostile_page_runs_no_script_and_passes_axe(tmp_path: Path) -> None:
    failures = {}
    with chromium() as driver:
        for name, build in PAGES.items():
            path = tmp_path / f"{name}.html"
            path.write_text(build("nl"), encoding="utf-8")
            driver.get(to_url(path))
            assert not script_evidence(driver).script_ran, name
            violations = run_axe(driver, (*WCAG_AA_TAGS, "best-practice"))["violations"]
            if violations:
                failures[name] = describe(violations)
    assert failures == {}


def test_the_environment_escapes_and_refuses_missing_values() -> None:
    env = environment("helpdesk", "html_templates")
    assert env.from_string("<p>{{ x }}</p>").render(x=SCRIPT) == (
        "<p>&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;</p>"
    )
    with pytest.raises(UndefinedError):  # a misspelt value is an error, not an empty string
        env.from_string("<p>{{ missing }}</p>").render()
