"""The printable handout: structure and escaping, and zero axe-core violations in Chromium.

Both layouts: the compact one (default: two A4 pages, checked by printing the longest
bundled guide to PDF in Chromium) and the full one; the desk's details, the date in
words, the steps done at the desk, the sources by name.
"""

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

from helpdesk.guides.handout import (
    COMPACT,
    FULL,
    LAYOUTS,
    DoneStepsError,
    next_step,
    parse_done,
    render_handout,
)
from helpdesk.guides.library import Guide, Step, load_guides, parse_guide
from helpdesk.guides.sources import load_names, source_name
from helpdesk.settings import Settings
from inclusiedesk.paths import bundled_guides_dir

sys.path.insert(0, str(Path(__file__).parent.parent))
from axe_check import WCAG_AA_TAGS, chromium, describe, run_axe  # noqa: E402
from pdf_text import page_count, pdf_text, print_to_pdf, squeezed  # noqa: E402

SAMPLE = Path(__file__).parent.parent / "fixtures" / "guides" / "sample"
# Guide text comes from YAML and Markdown, which cannot carry control characters.
TEXT = st.characters(blacklist_categories=("Cc", "Cs"))
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
DESK = Settings(
    desk_name="Bibliotheek Centrum",
    desk_address="Stationsplein 1, 1234 AB Stad",
    desk_hours="ma-vr 10.00-17.00, za 10.00-13.00",
    desk_phone="010 123 45 67",
)
THURSDAY = dt.date(2026, 12, 3)


@dataclasses.dataclass(frozen=True)
class GuideWithFails(Guide):
    """A guide with an 'Als het niet lukt' section, as guides carry it from issue 18 on."""

    if_it_fails: tuple[str, ...] = ()


def with_fails(guide: Guide, items: tuple[str, ...]) -> GuideWithFails:
    fields = {f.name: getattr(guide, f.name) for f in dataclasses.fields(Guide)}
    fields["if_it_fails"] = items  # once Guide has the field itself, this replaces it
    return GuideWithFails(**fields)


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


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
    """The full layout: room to write under every step, sources with their address."""
    html = render_handout(sample(), layout=FULL)
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
    assert '<p class="notes-label">Ruimte voor aantekeningen bij stap 1</p>' in html
    assert (
        "Website van de Belastingdienst</a> "
        "(https://www.belastingdienst.nl/wps/wcm/connect/nl/toeslagen/toeslagen)" in html
    )
    assert "Laatst gecontroleerd op</span> 1 november 2026." in html
    assert not re.search(r"(src|href)=\"(?!https?:|mailto:|tel:|#)", html)  # self-contained


def test_labels_in_another_language_are_marked() -> None:
    html = render_handout(sample(), "en")
    assert '<html lang="nl">' in html
    assert '<h2 id="bring" lang="en">What to bring</h2>' in html
    english = render_handout(sample("en", "digid-aanvragen"))
    assert '<html lang="en">' in english and "Step 1 of 3" in english
    assert 'lang="nl"' not in english


@pytest.mark.parametrize("layout", LAYOUTS)
def test_all_guide_text_is_escaped(layout: str) -> None:
    guide = with_fails(hostile_guide(), (HOSTILE, f"[x]({HOSTILE})"))
    desk = Settings(desk_name=HOSTILE, desk_address=HOSTILE, desk_hours=HOSTILE, desk_phone=HOSTILE)
    html = render_handout(guide, layout=layout, desk=desk, done=(1,))
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert 'href="javascript' not in html
    soup = BeautifulSoup(html, "html.parser")
    # an unsafe source stays plain text
    assert "javascript:alert(1)" in soup.footer.get_text() and "javascript" not in str(
        [a["href"] for a in soup.find_all("a", href=True)]
    )
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


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_bundled_handout_passes_axe(browser, tmp_path: Path, layout: str) -> None:
    """Acceptance: zero WCAG 2.1 A/AA violations for every guide in both languages.

    With the desk's details and two steps done, so the marks and boxes are checked too;
    the labels in the other language as well (the page then mixes two languages).
    """
    failures = {}
    guides = all_guides()
    assert guides
    for guide in guides:
        other = "en" if guide.lang == "nl" else "nl"
        label_lang = other if guide.id.startswith("digid") else guide.lang
        page = tmp_path / f"{guide.id}.{guide.lang}.html"
        html = render_handout(guide, label_lang, layout=layout, desk=DESK, done=(1, 2))
        page.write_text(html, encoding="utf-8")
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
    assert "Meegegeven op donderdag 3 december 2026." in render_handout(guide, day=THURSDAY)
    english = render_handout(guide, "en", day=THURSDAY)
    assert "Given to you on Thursday 3 December 2026." in english


def test_compact_layout_has_one_notes_area_and_sources_by_name() -> None:
    html = render_handout(sample(), desk=DESK)  # compact is the default
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".write-lines")) == 1
    assert soup.select_one("section.notes h2").get_text() == "Aantekeningen"
    assert not soup.select(".notes-label")
    assert soup.footer.a.get_text() == "Website van de Belastingdienst"
    assert "wps/wcm" not in soup.footer.get_text()  # no long address on paper
    assert render_handout(sample(), layout=COMPACT) == render_handout(sample())


def test_desk_details_and_steps_done_at_the_desk() -> None:
    page = text_of(render_handout(sample(), desk=DESK, done={1, 2}, day=THURSDAY))
    for detail in ("Bibliotheek Centrum", "Stationsplein 1, 1234 AB Stad"):
        assert detail in page
    assert "Openingstijden ma-vr 10.00-17.00, za 10.00-13.00" in page
    assert "Telefoon 010 123 45 67" in page
    assert "Hulp nodig? Kom terug naar de balie" in page
    assert "Aan de balie gedaan: stap 1 en 2. Ga verder bij stap 3." in page
    assert "Stap 1 van 3: Open Mijn toeslagen ✓ Gedaan aan de balie" in page
    assert "Stap 3 van 3" in page and "➜ Hier gaat u verder" in page
    soup = BeautifulSoup(render_handout(sample(), desk=DESK, done={1, 2}), "html.parser")
    assert [li["class"] for li in soup.select("li.step")] == [
        ["step", "done"],
        ["step", "done"],
        ["step", "next"],
    ]


def test_steps_done_in_english_and_when_all_or_none_are_done() -> None:
    english = text_of(render_handout(sample("en", "digid-aanvragen"), desk=DESK, done=[2, 1, 3]))
    assert "Done at the desk: steps 1, 2 and 3. All steps are done." in english
    assert "Need help? Come back to the desk" in english and "Phone 010 123 45 67" in english
    one = text_of(render_handout(sample(), done={2}))
    assert "Aan de balie gedaan: stap 2. Ga verder bij stap 1." in one
    none = render_handout(sample(), done={7, 0})  # not in this guide: ignored
    assert 'class="progress"' not in none and "Hier gaat u verder" not in none
    assert 'class="desk"' not in render_handout(sample())  # no details set: no desk box


def test_parse_done_takes_step_numbers_of_the_guide_only() -> None:
    assert parse_done("1,2", 9) == {1, 2}
    assert parse_done(" 3 , 1 ", 9) == {1, 3}
    assert parse_done("", 9) == frozenset()
    for bad in ("0", "10", "1,,2", "1;2", "a", "-1", "1.5", "٣", "9" * 5000):
        with pytest.raises(DoneStepsError):
            parse_done(bad, 9)
    assert next_step({1, 2}, 9) == 3
    assert next_step({2}, 9) == 1
    assert next_step(set(range(1, 10)), 9) is None


def test_sources_read_as_names() -> None:
    assert source_name("https://www.svb.nl/nl/aow/aow-aanvragen", "nl") == "Website van de SVB"
    assert source_name("https://www.digid.nl/hulp", "nl") == "Website van DigiD"
    assert source_name("https://machtigen.digid.nl", "nl") == "Website van DigiD"
    assert source_name("https://mijn.belastingdienst.nl", "nl") == "Mijn Belastingdienst"
    assert source_name("https://www.svb.nl", "en") == "SVB website"
    assert source_name("https://www.example.org/a/b", "nl") == "Website van example.org"
    assert source_name("https://www.example.org/a/b", "en") == "example.org website"
    assert source_name("javascript:alert(1)", "nl") == "javascript:alert(1)"
    # without the names file every source still gets a name
    assert load_names(Path("/nonexistent/source_names.toml")) == {}
    assert source_name("https://www.svb.nl", "nl", {}) == "Website van svb.nl"


def test_every_bundled_source_has_a_name_of_its_own() -> None:
    """A guide's sources are official sites: each is in data/source_names.toml."""
    generic = {
        url
        for guide in load_guides(bundled_dir=bundled_guides_dir())
        for url in guide.sources
        if source_name(url, guide.lang).startswith(("Website van ", "website"))
        and source_name(url, guide.lang) == source_name(url, guide.lang, {})
    }
    assert generic == set()


def test_if_it_fails_is_printed_when_the_guide_has_it() -> None:
    """Guides gain 'Als het niet lukt' (issue 18); the handout reads it when it is there."""
    guide = with_fails(
        sample(), ("**Geen sms?** Wacht 5 minuten.", "Bel de [helpdesk](tel:0881236555).")
    )
    for layout in LAYOUTS:
        soup = BeautifulSoup(render_handout(guide, layout=layout, desk=DESK), "html.parser")
        section = soup.select_one("section.if-it-fails")
        assert section.h2.get_text() == "Als het niet lukt"
        assert [li.get_text(" ", strip=True) for li in section.select("li")] == [
            "Geen sms? Wacht 5 minuten.",
            "Bel de helpdesk (tel:0881236555).",
        ]
        assert "Het adres en de openingstijden van de balie staan bovenaan." in section.get_text()
    assert 'id="if-it-fails"' not in render_handout(with_fails(sample(), ()))


def longest(guides: list[Guide], lang: str) -> Guide:
    """The guide with the most to print: text of every step, note and list, and steps."""

    def size(guide: Guide) -> tuple[int, int]:
        parts = [guide.title, guide.summary, *guide.bring, *guide.sources]
        parts += getattr(guide, "if_it_fails", ())
        for step in guide.steps:
            parts += [step.title, step.text, step.tip or "", step.warning or "", step.check or ""]
        return (sum(map(len, parts)) + 200 * len(guide.steps), len(guide.steps))

    return max((g for g in guides if g.lang == lang), key=size)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_longest_guide_prints_on_two_a4_pages(browser, tmp_path: Path, lang: str) -> None:
    """Acceptance: the compact handout of the longest guide is at most two A4 pages.

    Printed by Chromium itself (CDP Page.printToPDF), with the desk's details and two
    steps done, and read back from the PDF: the desk and the progress are on paper.
    """
    guide = longest(all_guides(), lang)
    page = tmp_path / f"{guide.id}.{lang}.html"
    page.write_text(render_handout(guide, desk=DESK, done=(1, 2), day=THURSDAY), encoding="utf-8")
    pdf = print_to_pdf(browser, page)
    assert page_count(pdf) <= 2, f"{guide.id} ({lang}) prints on {page_count(pdf)} pages"
    text = squeezed(" ".join(pdf_text(pdf)))
    words = {
        "nl": ["Aan de balie gedaan: stap 1 en 2.", "Ga verder bij stap 3.", "Gedaan aan de balie",
               "Hier gaat u verder", "Meegegeven op donderdag 3 december 2026", "Telefoon"],
        "en": ["Done at the desk: steps 1 and 2.", "Continue at step 3.", "Done at the desk",
               "Continue here", "Given to you on Thursday 3 December 2026", "Phone"],
    }[lang]  # fmt: skip
    for expected in [*words, DESK.desk_name, DESK.desk_address, DESK.desk_hours, DESK.desk_phone]:
        assert squeezed(expected) in text, expected


def test_full_layout_is_longer_than_compact(browser, tmp_path: Path) -> None:
    """The full layout keeps its room to write: it needs more paper than the compact one."""
    guide = longest(all_guides(), "nl")
    counts = {}
    for layout in LAYOUTS:
        page = tmp_path / f"{layout}.html"
        page.write_text(render_handout(guide, layout=layout, desk=DESK), encoding="utf-8")
        counts[layout] = page_count(print_to_pdf(browser, page))
    assert counts[FULL] > counts[COMPACT]


@settings(deadline=None)  # no wall-clock limits in tests
@given(st.text(TEXT, max_size=80), st.text(TEXT, max_size=80))
def test_any_title_and_summary_round_trip_as_text(title: str, summary: str) -> None:
    guide = dataclasses.replace(sample(), title=title, summary=summary)
    soup = BeautifulSoup(render_handout(guide), "html.parser")
    assert soup.find("script") is None
    assert soup.h1.get_text() == title
    assert soup.title.get_text().startswith(title)
