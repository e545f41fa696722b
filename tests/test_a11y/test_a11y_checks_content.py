"""The own content rules (a11y.checks.content and link purpose) in real headless Chromium.

Each failing page in ``tests/check_pages`` carries barriers of one rule beside look-alikes
that are fine (element ids ``ok…``); the clean pages of the demo site, the guides'
handouts and our own HTML reports must get no violation from these rules.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sample_report import sample_report
from sites import Response, Site

from a11y import report_from_dict, settings
from a11y.browser.session import BrowserSession
from a11y.checks import collect, content, registry
from a11y.demo import serve_demo
from a11y.report.html import render_html
from helpdesk.guides.handout import render_handout
from helpdesk.guides.library import load_guides

PAGES = Path(__file__).parent.parent / "check_pages"
#: The rules of this part; the other own rules have their own tests.
RULES = frozenset(registry.VALIDATION)


def _routes() -> dict[str, Response]:
    routes = {f"/{p.name}": Response(body=p.read_bytes()) for p in PAGES.glob("*.html")}
    for guide in load_guides():
        html = render_handout(guide).encode()
        routes[f"/handout/{guide.id}-{guide.lang}.html"] = Response(body=html)
    for lang in ("nl", "en"):
        html = render_html(report_from_dict(sample_report()), lang).encode()
        routes[f"/report-{lang}.html"] = Response(body=html)
    return routes


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    s = Site(routes=_routes()).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser(needs_browser: None) -> Iterator[BrowserSession]:
    session = BrowserSession(settings.TIMEOUT, "AA")
    session.start()
    yield session
    session.close()


def standard(browser: BrowserSession, url: str) -> list[list[str]]:
    """The hits of the default (standard) set on one page."""
    browser.driver.get(url)
    found, _ = collect(browser.driver, full=False)
    return found


def own(found: list[list[str]], rule: str) -> dict[str, str]:
    return {h[2]: h[1] for h in found if h[0] == rule}


def outcome(rule: str) -> str:
    """What a planted barrier of the rule must give after validation grading."""
    return registry.VALIDATION[rule]


def test_alt_texts_that_say_nothing(browser: BrowserSession, site: Site) -> None:
    found = standard(browser, f"{site.url}/alt_texts.html")
    fail = outcome("idesk-alt-text")
    assert own(found, "idesk-alt-text") == {
        "#a1": fail,  # a file name
        "#a2": fail,  # 'afbeelding'
        "#a3": fail,  # empty alt, informative title
        "#a5": "needs-review",  # 'Logo' alone
    }
    assert own(found, "idesk-decorative-alt") == {"#a4": "needs-review"}


def test_empty_headings(browser: BrowserSession, site: Site) -> None:
    found = standard(browser, f"{site.url}/empty_headings.html")
    fail = outcome("idesk-empty-heading")
    assert own(found, "idesk-empty-heading") == {"#e1": fail, "#e2": fail, "#e3": fail, "#e4": fail}


def test_duplicate_ids_that_matter(browser: BrowserSession, site: Site) -> None:
    """Ids a label, aria-describedby or the keyboard use; not two plain blocks."""
    found = standard(browser, f"{site.url}/duplicate_ids.html")
    hits = [h for h in found if h[0] == "idesk-duplicate-id"]
    said = sorted(h[4].split('"')[1] for h in hits)
    assert said == ["hint", "naam", "verstuur"]
    assert {h[1] for h in hits} == {outcome("idesk-duplicate-id")}


def test_orientation_locked_in_css(browser: BrowserSession, site: Site) -> None:
    found = standard(browser, f"{site.url}/orientation_css.html")
    assert own(found, "idesk-orientation-css") == {"html": outcome("idesk-orientation-css")}
    ok = standard(browser, f"{site.url}/orientation_css_ok.html")
    assert own(ok, "idesk-orientation-css") == {}
    # with --checks full the browser check finds the same lock: reported once, by it
    browser.driver.get(f"{site.url}/orientation_css.html")
    full, _ = collect(browser.driver, full=True)
    assert {h[0] for h in full if "orientation" in h[0]} == {"idesk-orientation"}


def test_page_language_against_long_text(browser: BrowserSession, site: Site) -> None:
    found = standard(browser, f"{site.url}/wrong_language.html")
    assert own(found, "idesk-page-language") == {"html": outcome("idesk-page-language")}
    assert "'en'" in next(h[4] for h in found if h[0] == "idesk-page-language")
    ok = standard(browser, f"{site.url}/right_language.html")
    assert own(ok, "idesk-page-language") == {}


def test_short_text_is_not_judged() -> None:
    english = "The library is open every weekday from nine until six. " * 5
    assert content.language_hit("nl", english) is None
    assert content.language_hit("nl", english * 5) is not None
    assert content.language_hit("", english * 5) is None


def test_generic_link_texts_without_context(browser: BrowserSession, site: Site) -> None:
    """'hier', a lone full stop and 'Read more' alone fail; a sentence, aria-describedby,
    a table cell, its row header and a heading in the same card distinguish them."""
    found = standard(browser, f"{site.url}/link_texts.html")
    fail = outcome("idesk-link-purpose")
    assert own(found, "idesk-link-purpose") == {
        "#l1": fail,
        "#l2": fail,
        "#l3": fail,
        "#l4": fail,  # the column header 'Bestand' says nothing more
    }


def test_unvalidated_rule_reports_review_only() -> None:
    """The validation table, not the check, decides whether a 'failed' is a violation."""
    hit = ["idesk-alt-text", "failed", "img", "<img>", "file name"]
    saved = registry.VALIDATION["idesk-alt-text"]
    try:
        registry.VALIDATION["idesk-alt-text"] = registry.REVIEW
        assert registry.graded(hit)[1] == "needs-review"
        registry.VALIDATION["idesk-alt-text"] = registry.FAILED
        assert registry.graded(hit)[1] == "failed"
    finally:
        registry.VALIDATION["idesk-alt-text"] = saved
    assert registry.graded(["idesk-page-title", "failed", "html", "", ""])[1] == "failed"


def test_new_rules_map_to_their_criteria() -> None:
    expected = {
        "idesk-link-purpose": ("2.4.4", "9.2.4.4"),
        "idesk-alt-text": ("1.1.1", "9.1.1.1"),
        "idesk-decorative-alt": ("1.1.1", "9.1.1.1"),
        "idesk-empty-heading": ("1.3.1", "9.1.3.1"),
        "idesk-duplicate-id": ("4.1.1", "9.4.1.1"),
        "idesk-orientation-css": ("1.3.4", "9.1.3.4"),
        "idesk-page-language": ("3.1.1", "9.3.1.1"),
    }
    for rule, (wcag, clause) in expected.items():
        f = registry.finding(rule, [("html", "", "")])
        assert (f.wcag, f.en301549) == ((wcag,), (clause,)), rule
    assert not registry.FULL_ONLY_RULES & set(expected)


def _demo_paths(base: str) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    xml = requests.get(base + "sitemap.xml", timeout=10).content
    return [e.text[len(base) :] for e in ET.fromstring(xml).findall("s:url/s:loc", ns)]


def test_no_violations_on_our_own_pages(
    browser: BrowserSession, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Demo site, handouts, reports and the clean check page: none of these rules would
    fail, even with every one of them allowed to report violations."""
    monkeypatch.setattr(registry, "VALIDATION", dict.fromkeys(RULES, registry.FAILED))
    server, demo = serve_demo()
    try:
        urls = [demo + p for p in _demo_paths(demo)]
        urls += [site.url + r for r in _routes() if r.startswith(("/handout/", "/report-"))]
        urls += [f"{site.url}/good.html"]
        wrong = {}
        for url in urls:
            bad = [h[:3] for h in standard(browser, url) if h[0] in RULES and h[1] == "failed"]
            if bad:
                wrong[url] = bad
    finally:
        server.shutdown()
    assert len(urls) > 10
    assert wrong == {}
