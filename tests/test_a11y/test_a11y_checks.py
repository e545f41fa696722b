"""Our own checks (a11y.checks) in real headless Chromium on passing and failing pages.

The fixture pages live in ``tests/check_pages``; each failing page carries one barrier,
and ``good.html`` is a realistic page that must raise nothing at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sites import Response, Site

from a11y import settings
from a11y.browser.session import BrowserSession
from a11y.checks import clickable, collect, findings, registry
from a11y.checks import site as site_checks

PAGES = Path(__file__).parent.parent / "check_pages"


@pytest.fixture(scope="module")
def site() -> Site:
    routes = {f"/{p.name}": Response(body=p.read_bytes()) for p in PAGES.glob("*.html")}
    s = Site(routes=routes).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser(needs_browser: None) -> BrowserSession:
    session = BrowserSession(settings.TIMEOUT, "AA")
    session.start()
    yield session
    session.close()


def hits(browser: BrowserSession, site: Site, name: str) -> list[list[str]]:
    browser.driver.get(f"{site.url}/{name}")
    found, _ = collect(browser.driver)
    return found


def rules(found: list[list[str]]) -> dict[str, str]:
    return {h[0]: h[1] for h in found}


def test_good_page_raises_nothing(browser: BrowserSession, site: Site) -> None:
    assert hits(browser, site, "good.html") == []


def test_site_facts_include_links_inside_svg(browser: BrowserSession, site: Site) -> None:
    """An SVG <a> (a clickable map) has no string href; its link still counts."""
    browser.driver.get(f"{site.url}/good.html")
    facts = browser.driver.execute_script(site_checks._FACTS_JS)
    assert [site.url + "/wijken/noord", "Wijk Noord"] in facts["links"]


@pytest.mark.parametrize(
    ("page", "rule", "outcome"),
    [
        ("no_title.html", "idesk-page-title", "failed"),
        ("generic_title.html", "idesk-page-title", "needs-review"),
        ("viewport_noscale.html", "idesk-meta-viewport", "failed"),
        ("orientation_lock.html", "idesk-orientation", "failed"),
        ("generic_links.html", "idesk-link-purpose", "failed"),
        ("personal_fields.html", "idesk-input-purpose", "needs-review"),
        ("tabindex.html", "idesk-tabindex", "needs-review"),
        ("spacing_important.html", "idesk-text-spacing-important", "failed"),
        ("reflow_wide.html", "idesk-reflow", "needs-review"),
        ("spacing_clip.html", "idesk-text-spacing", "needs-review"),
        ("resize_clip.html", "idesk-resize-text", "needs-review"),
        ("focus_none.html", "idesk-focus-visible", "failed"),
        ("trap.html", "idesk-keyboard-trap", "failed"),
        ("foreign_passage.html", "idesk-language-of-parts", "needs-review"),
    ],
)
def test_failing_page_is_caught(
    browser: BrowserSession, site: Site, page: str, rule: str, outcome: str
) -> None:
    found = rules(hits(browser, site, page))
    assert found.get(rule) == outcome, found


def test_only_the_planted_barrier_is_reported(browser: BrowserSession, site: Site) -> None:
    """Failing pages are otherwise clean: no check fires on something it was not meant to."""
    found = hits(browser, site, "personal_fields.html")
    assert sorted({h[0] for h in found}) == ["idesk-input-purpose"]
    names = sorted(h[2] for h in found)
    assert names == ["#e", "#n", "#p"]  # not the free-text question


def test_checks_restore_the_page(browser: BrowserSession, site: Site) -> None:
    """Viewport, injected styles and focus are back as they were after the checks."""
    driver = browser.driver
    driver.get(f"{site.url}/good.html")
    before = driver.execute_script("return [innerWidth, innerHeight, document.styleSheets.length]")
    collect(driver)
    after = driver.execute_script(
        "return [innerWidth, innerHeight, document.styleSheets.length,"
        " document.activeElement === document.body]"
    )
    assert after == [*before, True]


def test_findings_carry_bdto_terms() -> None:
    failed, review = findings(
        [
            ["idesk-page-title", "failed", "html", "<html>", "no title"],
            ["idesk-reflow", "needs-review", "div", "<div>", "too wide"],
        ]
    )
    assert failed[0].rule == "idesk-page-title"
    assert failed[0].wcag == ("2.4.2",) and failed[0].en301549 == ("9.2.4.2",)
    assert "idesk" in failed[0].tags and "wcag242" in failed[0].tags
    assert review[0].wcag == ("1.4.10",) and review[0].en301549 == ("9.1.4.10",)
    assert registry.RULES["idesk-pdf-tagged"].en301549 == ("10.1.3.1",)


def test_a_broken_check_becomes_a_note(browser: BrowserSession, site: Site) -> None:
    """A page that breaks what a check relies on costs only that check; the rest run
    and the viewport is restored."""
    found = rules(hits(browser, site, "hostile.html"))
    assert found["idesk-check-error"] == "needs-review"
    assert found["idesk-page-title"] == "failed"
    assert browser.driver.execute_script("return innerWidth") > 1000


def own(found: list[list[str]], rule: str) -> dict[str, str]:
    """Target -> outcome of one rule's hits."""
    return {h[2]: h[1] for h in found if h[0] == rule}


def test_label_in_name(browser: BrowserSession, site: Site) -> None:
    """Names that drop or replace the visible words fail; spelled-out abbreviations,
    punctuation, hidden text, icons and hints in brackets do not."""
    found = hits(browser, site, "label_in_name.html")
    assert own(found, "idesk-label-in-name") == {
        "#f1": "failed",
        "#f2": "failed",
        "#f3": "failed",
        "#f4": "failed",
        "#f5": "failed",
    }
    assert {h[0] for h in found} == {"idesk-label-in-name"}


def test_click_handlers_without_keyboard(browser: BrowserSession, site: Site) -> None:
    """onclick and addEventListener handlers on plain elements are found; delegation to
    real controls, controls themselves, labels, managed widgets, hidden elements and
    overlays are not."""
    found = hits(browser, site, "click_mouse_only.html")
    assert own(found, "idesk-click-keyboard") == {
        "#f1": "failed",
        "#f2": "failed",
        "#r1": "needs-review",
    }
    assert {h[0] for h in found} == {"idesk-click-keyboard"}


def test_click_handlers_without_devtools(browser: BrowserSession, site: Site) -> None:
    """Without the DevTools protocol only onclick attributes are visible: still found."""
    browser.driver.get(f"{site.url}/click_mouse_only.html")
    found = browser.driver.execute_script(clickable._CLICK_JS, clickable.MAX_HITS)
    assert {h[2]: h[1] for h in found} == {"#f1": "failed"}


def test_focus_order_against_the_layout(browser: BrowserSession, site: Site) -> None:
    """CSS order that sends focus up and down the list is worth a review; columns,
    a sidebar placed before the main text, a sticky header and a skip link are not."""
    found = own(hits(browser, site, "focus_order.html"), "idesk-focus-order")
    assert list(found.values()) == ["needs-review"]
    assert own(hits(browser, site, "focus_order_ok.html"), "idesk-focus-order") == {}


def test_a_broken_quick_check_costs_only_itself(browser: BrowserSession, site: Site) -> None:
    """The click-handler check breaks on this page; the page's other checks still report."""
    found = hits(browser, site, "click_hostile.html")
    errors = [h[4] for h in found if h[0] == "idesk-check-error"]
    assert any(e.startswith("The click handler check could not run") for e in errors), errors
    assert rules(found)["idesk-page-title"] == "failed"
