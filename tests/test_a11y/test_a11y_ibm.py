"""IBM's Equal Access engine as the second engine (a11y.browser.ibm), in real Chromium.

The engine is the one scripts/setup.sh installs (pinned version, checked hash); these
tests load it into real pages served on 127.0.0.1 through the same BrowserSession a scan
uses, and run the ``a11y`` command for the missing-engine refusal and the report.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sample_report import sample_report
from sites import Response, Site

from a11y import report_from_dict, settings
from a11y.browser import ibm, ibm_rules
from a11y.browser.axe import AxeRun, Finding, Node
from a11y.browser.session import BrowserError, BrowserSession
from a11y.cli import main
from a11y.demo import serve_demo
from a11y.report.html import render_html
from helpdesk.guides.handout import render_handout
from helpdesk.guides.library import load_guides

_FRAME = (
    "<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{title} - Gemeente"
    "</title></head><body><header><p>Gemeente Voorbeeldrecht</p></header><main>"
    "<h1>{title}</h1>{body}</main><footer><p>Contact: 14 0123</p></footer></body></html>"
)
PAGES = {
    "/table.html": (
        "Afvalkalender",
        "<table><tr><td>Wijk</td><td>Dag</td></tr><tr><td>Noord</td><td>maandag</td></tr>"
        "<tr><td>Zuid</td><td>dinsdag</td></tr></table>",
    ),
    "/radios.html": (
        "Betalen",
        "<form action='/betaal'><p>Hoe wilt u betalen?</p>"
        "<input type='radio' id='r1' name='b'><label for='r1'>iDEAL</label> "
        "<input type='radio' id='r2' name='b'><label for='r2'>Acceptgiro</label>"
        "<button>Verder</button></form>",
    ),
    "/clean.html": (
        "Openingstijden",
        "<p>De bibliotheek is open van maandag tot en met zaterdag.</p>"
        "<table><caption>Openingstijden</caption><tr><th scope='col'>Dag</th>"
        "<th scope='col'>Open</th></tr><tr><td>maandag</td><td>9 tot 18 uur</td></tr></table>"
        "<form action='/zoek'><fieldset><legend>Hoe wilt u betalen?</legend>"
        "<input type='radio' id='c1' name='b'><label for='c1'>iDEAL</label> "
        "<input type='radio' id='c2' name='b'><label for='c2'>Acceptgiro</label></fieldset>"
        "<button>Verder</button></form>"
        "<p><a href='/adres.html'>Adres en route naar de bibliotheek</a></p>",
    ),
    "/img.html": ("Markt", "<p>De weekmarkt.</p><img src='/markt.png' id='foto'>"),
}


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    routes = {p: Response(body=_FRAME.format(title=t, body=b)) for p, (t, b) in PAGES.items()}
    s = Site(routes=routes).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def sessions(needs_browser: None) -> Iterator[dict[str, BrowserSession]]:
    """One session per check set: the default (standard) and --checks axe."""
    made = {c: BrowserSession(settings.TIMEOUT, "AA", checks=c) for c in ("standard", "axe")}
    try:
        for s in made.values():
            s.start()
        yield made
    finally:
        for s in made.values():
            s.close()


def _rules(findings: tuple[Finding, ...]) -> set[str]:
    return {f.rule for f in findings}


def _ibm(findings: tuple[Finding, ...]) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith(ibm.PREFIX)}


def test_table_without_headers_is_a_violation_only_with_the_second_engine(
    sessions: dict[str, BrowserSession], site: Site
) -> None:
    run = sessions["standard"].check(site.url + "/table.html").axe
    assert "ibm:table_headers_exists" in _rules(run.violations)
    found = next(f for f in run.violations if f.rule == "ibm:table_headers_exists")
    assert (found.wcag, found.en301549) == (("1.3.1",), ("9.1.3.1",))
    assert [n.target for n in found.nodes] == ["body > main > table"]
    axe_only = sessions["axe"].check(site.url + "/table.html").axe
    assert _ibm(axe_only.violations) == set() and _ibm(axe_only.incomplete) == set()


def test_radio_group_without_fieldset(sessions: dict[str, BrowserSession], site: Site) -> None:
    run = sessions["standard"].check(site.url + "/radios.html").axe
    found = next(f for f in run.violations if f.rule == "ibm:input_checkboxes_grouped")
    assert {n.target for n in found.nodes} == {"#r1", "#r2"}
    assert found.wcag == ("1.3.1",) and found.impact == "serious"
    axe_only = sessions["axe"].check(site.url + "/radios.html").axe
    assert _ibm(axe_only.violations) == set() and _ibm(axe_only.incomplete) == set()


def test_clean_page_gets_no_violation_from_the_engine(
    sessions: dict[str, BrowserSession], site: Site
) -> None:
    run = sessions["standard"].check(site.url + "/clean.html").axe
    assert _ibm(run.violations) == set(), [f.nodes for f in run.violations]


def test_one_barrier_is_one_finding(sessions: dict[str, BrowserSession], site: Site) -> None:
    """An image without alt: axe's image-alt keeps it, noted as also found by IBM."""
    run = sessions["standard"].check(site.url + "/img.html").axe
    on_img = [
        (f.rule, n)
        for f in (*run.violations, *run.incomplete)
        if "1.1.1" in f.wcag
        for n in f.nodes
        if n.target in ("#foto", "img")
    ]
    assert [rule for rule, _ in on_img] == ["image-alt"]
    assert "Also found by IBM Equal Access (ibm:img_alt_valid)" in on_img[0][1].failure_summary


def test_certain_ibm_replaces_a_review_of_the_same_element() -> None:
    """axe asked for review where IBM is certain: one finding, IBM's violation; an IBM
    review on an element axe already flags adds nothing."""
    review = Finding(
        "color-contrast",
        "serious",
        ("1.4.3",),
        ("9.1.4.3",),
        "",
        "",
        (),
        (Node("main > p", "<p>", "check the colours"),),
    )
    run = AxeRun(violations=(), incomplete=(review,), raw={})
    rule = next(r for r, s in ibm_rules.VALIDATION.items() if s == ibm_rules.FAILED)
    certain = ibm.Hit(rule, "FAIL", "main > p", "<p>", "too little contrast", ("1.4.3",))
    merged = ibm.merge(run, [certain], {})
    assert _rules(merged.violations) == {ibm.PREFIX + rule} and merged.incomplete == ()
    unsure = ibm.Hit("style_color_misuse", "POTENTIAL", "main > p", "<p>", "colour", ("1.4.3",))
    assert ibm.merge(run, [unsure], {}) == run


def test_unvalidated_rule_reports_review_only() -> None:
    """A certain failure of a rule that did not earn violations on ACT is needs review."""
    assert not ibm.Hit("no_such_rule", "FAIL", "html", "", "", ("1.3.1",)).certain
    merged = ibm.merge(
        AxeRun((), (), {}), [ibm.Hit("no_such_rule", "FAIL", "html", "", "", ("1.3.1",))], {}
    )
    assert merged.violations == () and _rules(merged.incomplete) == {"ibm:no_such_rule"}


def test_missing_engine_refuses_the_default_scan(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("A11Y_IBM_SCRIPT", str(tmp_path / "nowhere" / "ace.js"))
    assert main(["scan", site.url + "/table.html", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "scripts/setup.sh install" in err and "A11Y_IBM_SCRIPT" in err
    assert "--checks axe" in err and settings.IBM_ENGINE_VERSION in err
    with pytest.raises(BrowserError, match="niet geïnstalleerd"):
        BrowserSession(settings.TIMEOUT, "AA").start()


@pytest.mark.browser
def test_missing_engine_leaves_checks_axe_alone(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("A11Y_IBM_SCRIPT", str(tmp_path / "nowhere" / "ace.js"))
    out = tmp_path / "r.json"
    args = ["scan", site.url + "/table.html", "--workers", "1", "--checks", "axe"]
    assert main([*args, "--json", str(out), "--fail-on", "none"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert not [i for i in report["issues"] if i["rule"].startswith(ibm.PREFIX)]


@pytest.mark.browser
def test_report_names_the_engine(site: Site, tmp_path: Path) -> None:
    html, data = tmp_path / "r.html", tmp_path / "r.json"
    args = ["scan", site.url + "/radios.html", "--workers", "1", "--fail-on", "none"]
    assert main([*args, "--html", str(html), "--json", str(data)]) == 0
    issues = json.loads(data.read_text(encoding="utf-8"))["issues"]
    assert "ibm:input_checkboxes_grouped" in {i["rule"] for i in issues}
    text = html.read_text(encoding="utf-8")
    assert "<h3" in text and "ibm:input_checkboxes_grouped" in text
    assert "<dt>Gevonden door</dt><dd>IBM Equal Access</dd>" in text


def _own_pages() -> dict[str, Response]:
    """The guides' handouts and our own reports, as the content rules' tests serve them."""
    routes = {}
    for guide in load_guides():
        routes[f"/handout/{guide.id}-{guide.lang}.html"] = Response(body=render_handout(guide))
    for lang in ("nl", "en"):
        routes[f"/report-{lang}.html"] = Response(
            body=render_html(report_from_dict(sample_report()), lang)
        )
    return routes


def test_no_new_violations_on_the_demo_site_handouts_and_reports(
    sessions: dict[str, BrowserSession],
) -> None:
    """The demo site's documented barriers are axe's; IBM's engine adds none of its own
    (what it finds there is merged into axe's findings), nor on handouts and reports."""
    own = Site(routes=_own_pages()).start()
    server, demo = serve_demo()
    try:
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        xml = requests.get(demo + "sitemap.xml", timeout=10).content
        urls = [e.text for e in ET.fromstring(xml).findall("s:url/s:loc", ns)]
        urls += [own.url + r for r in _own_pages()]
        wrong = {}
        for url in urls:
            run = sessions["standard"].check(url).axe
            found = [(f.rule, [n.target for n in f.nodes]) for f in run.violations]
            if any(rule.startswith(ibm.PREFIX) for rule, _ in found):
                wrong[url] = found
    finally:
        server.shutdown()
        own.stop()
    assert len(urls) > 10
    assert wrong == {}
