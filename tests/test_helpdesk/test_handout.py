"""The printable handout: structure and escaping, and zero axe-core violations in Chromium."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.guides.handout import render_handout
from helpdesk.guides.library import Guide, Step, load_guides, parse_guide
from inclusiedesk.paths import bundled_guides_dir

sys.path.insert(0, str(Path(__file__).parent.parent))
from axe_check import WCAG_AA_TAGS, chromium, describe, run_axe  # noqa: E402

SAMPLE = Path(__file__).parent.parent / "fixtures" / "guides" / "sample"
# Guide text comes from YAML and Markdown, which cannot carry control characters.
TEXT = st.characters(blacklist_categories=("Cc", "Cs"))
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def sample(lang: str = "nl", name: str = "toeslag-aanvragen") -> Guide:
    return parse_guide(SAMPLE / lang / f"{name}.md")


def hostile_guide() -> Guide:
    step = Step(
        1,
        HOSTILE,
        f"Klik [hier]({HOSTILE}) of [daar](javascript:alert(1)).",
        HOSTILE,
        HOSTILE,
        HOSTILE,
        10,
    )
    return dataclasses.replace(
        sample(),
        title=HOSTILE,
        summary=HOSTILE,
        audience=HOSTILE,
        bring=(HOSTILE,),
        sources=("javascript:alert(1)", 'https://x.nl/"><script>'),
        steps=(step,),
    )


def test_handout_structure() -> None:
    html = render_handout(sample())
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    assert "<script" not in html.lower()
    assert "@media print" in html
    assert html.count("<h1>") == 1
    for landmark in ("<header>", '<main id="main"', "<footer>"):
        assert landmark in html
    assert '<ul class="checklist"><li>Uw DigiD</li><li>Uw huurcontract</li></ul>' in html
    assert "Stap 1 van 3: Open Mijn toeslagen" in html
    assert '<span class="note-label">Let op:</span> Geef uw DigiD-code' in html
    assert html.count('class="write-lines"') == 3
    assert (
        '<a href="https://www.belastingdienst.nl/mijntoeslagen">Mijn toeslagen</a> '
        "(https://www.belastingdienst.nl/mijntoeslagen)" in html
    )
    assert "<strong>Inloggen met DigiD</strong>" in html
    assert "<ul><li>Uw inkomen van dit jaar</li><li>Het inkomen van uw partner</li></ul>" in html
    assert "Laatst gecontroleerd op</span> 1 november 2026." in html
    assert not re.search(r"(src|href)=\"(?!https?:|mailto:|tel:|#)", html)  # self-contained


def test_labels_in_another_language_are_marked() -> None:
    html = render_handout(sample(), "en")
    assert '<html lang="nl">' in html
    assert '<h2 id="bring" lang="en">What to bring</h2>' in html
    english = render_handout(sample("en", "digid-aanvragen"))
    assert '<html lang="en">' in english and "Step 1 of 3" in english
    assert 'lang="nl"' not in english


def test_all_guide_text_is_escaped() -> None:
    html = render_handout(hostile_guide())
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert 'href="javascript' not in html
    assert "<li>javascript:alert(1)</li>" in html  # an unsafe source stays plain text
    soup = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in soup.find_all("a", href=True)][-1] == 'https://x.nl/"><script>'
    assert "&lt;script&gt;" in html


@pytest.fixture(scope="module")
def browser(needs_browser: None):
    """One headless Chromium for every handout in this module."""
    with chromium() as driver:
        yield driver


def all_guides() -> list[Guide]:
    guides = load_guides(bundled_dir=bundled_guides_dir())
    return guides or load_guides(bundled_dir=SAMPLE)


def test_hostile_handout_runs_no_script(browser, tmp_path: Path) -> None:
    from axe_check import script_evidence

    page = tmp_path / "hostile.html"
    page.write_text(render_handout(hostile_guide()), encoding="utf-8")
    browser.get(page.as_uri())
    assert not script_evidence(browser).script_ran
    violations = run_axe(browser, WCAG_AA_TAGS)["violations"]
    assert violations == [], describe(violations)


def test_every_bundled_handout_passes_axe(browser, tmp_path: Path) -> None:
    """Acceptance: zero WCAG 2.1 A/AA violations for every guide in both languages."""
    failures = {}
    guides = all_guides()
    assert guides
    for guide in guides:
        page = tmp_path / f"{guide.id}.{guide.lang}.html"
        page.write_text(render_handout(guide), encoding="utf-8")
        browser.get(page.as_uri())
        result = run_axe(browser, WCAG_AA_TAGS)
        assert "error" not in result, result
        if result["violations"]:
            failures[page.name] = describe(result["violations"])
    assert failures == {}


def test_dates_are_spelled_out() -> None:
    guide = dataclasses.replace(sample(), last_reviewed=dt.date(2026, 3, 4))
    assert "4 maart 2026" in render_handout(guide)
    assert "4 March 2026" in render_handout(guide, "en")


@settings(deadline=None)  # no wall-clock limits in tests
@given(st.text(TEXT, max_size=80), st.text(TEXT, max_size=80))
def test_any_title_and_summary_round_trip_as_text(title: str, summary: str) -> None:
    guide = dataclasses.replace(sample(), title=title, summary=summary)
    soup = BeautifulSoup(render_handout(guide), "html.parser")
    assert soup.find("script") is None
    assert soup.h1.get_text() == title
    assert soup.title.get_text().startswith(title)
