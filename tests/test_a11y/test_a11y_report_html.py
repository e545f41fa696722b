"""The HTML report: escaped, script-free, complete, and itself accessible (real axe)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_check import WCAG_AA_TAGS, chromium, describe, run_axe, script_evidence, to_url
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_report import (
    ATTR,
    HOSTILE_URL,
    JS_URL,
    SCRIPT,
    empty_report,
    sample_report,
    sampled_report,
)
from selenium.webdriver.common.by import By

from a11y import report_from_dict
from a11y.report.html import render_html
from a11y.statement import draft_nonconformities


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "rapport.html"
    path.write_text(render_html(report_from_dict(sample_report())), encoding="utf-8")
    return path


@pytest.mark.browser
def test_report_passes_axe_and_runs_no_injected_script(report_file: Path) -> None:
    with chromium() as driver:
        driver.get(to_url(report_file))
        evidence = script_evidence(driver)
        assert not evidence.script_ran, evidence
        # Nothing from the scan became markup: no scripts, images or frames at all.
        assert driver.find_elements(By.CSS_SELECTOR, "script, img, iframe, object") == []
        body = driver.find_element(By.TAG_NAME, "body").text
        assert SCRIPT in body
        assert ATTR in body
        # Element details sit in closed <details>: present as text, not visible.
        all_text = driver.execute_script("return document.body.textContent")
        assert "=cmd|' /C calc'!A0" in all_text
        hrefs = [a.get_attribute("href") for a in driver.find_elements(By.TAG_NAME, "a")]
        assert hrefs and all(re.match(r"(https?|file)://", h) for h in hrefs), hrefs
        result = run_axe(driver, (*WCAG_AA_TAGS, "best-practice"))
        assert result["violations"] == [], describe(result["violations"])
        assert not script_evidence(driver).script_ran


@pytest.mark.browser
def test_english_and_empty_reports_pass_axe(tmp_path: Path) -> None:
    for name, report, lang in (
        ("en.html", sample_report(), "en"),
        ("leeg.html", empty_report(), "nl"),
        ("empty.html", empty_report(), "en"),
        ("steekproef.html", sampled_report(), "nl"),
    ):  # noqa: E501
        path = tmp_path / name
        path.write_text(render_html(report_from_dict(report), lang), encoding="utf-8")
        with chromium() as driver:
            driver.get(to_url(path))
            assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
            violations = run_axe(driver, (*WCAG_AA_TAGS, "best-practice"))["violations"]
            assert violations == [], describe(violations)


def _soup(lang: str = "nl") -> BeautifulSoup:
    return BeautifulSoup(render_html(report_from_dict(sample_report()), lang), "html.parser")


def test_javascript_urls_are_never_links() -> None:
    soup = _soup()
    assert all(not a["href"].lower().startswith("javascript") for a in soup.find_all("a"))
    assert JS_URL in soup.get_text()  # shown, as text
    # A hostile but http URL is linked, with its quotes escaped inside the attribute.
    assert any(a["href"] == HOSTILE_URL for a in soup.find_all("a"))


def test_all_fifty_criteria_with_dutch_names_and_results() -> None:
    soup = _soup()
    table = soup.find("section", attrs={"aria-labelledby": "criteria"}).find("table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 50
    cells = {r.th.get_text(): [td.get_text() for td in r.find_all("td")] for r in rows}
    assert cells["1.1.1"][:4] == ["Niet-tekstuele content", "A", "9.1.1.1", "Fout gevonden"]
    assert cells["1.4.3"][3] == "Fout gevonden"
    assert cells["2.1.1"][3] == "Niet automatisch te testen"
    assert cells["3.1.1"][3] == "Geen fouten gevonden"


def test_summary_statement_issues_pages_documents() -> None:
    soup = _soup()
    text = soup.get_text(" ")
    assert "Pagina's gecontroleerd 5" in " ".join(text.split())
    assert "axe-core-versie 4.9.1" in " ".join(text.split())
    assert "Datum scan 28-11-2026 14:02 UTC" in " ".join(text.split())
    statement = soup.find("section", attrs={"aria-labelledby": "statement"})
    assert statement.a["href"] == "https://www.voorbeeldrecht.nl/toegankelijkheid.html"
    assert "Nalevingsstatus volgens de verklaring: B" in statement.get_text()
    impact_rows = soup.find("section", attrs={"aria-labelledby": "summary"}).find_all("tr")
    counts = {r.th.get_text(): [td.get_text() for td in r.find_all("td")] for r in impact_rows[1:]}
    assert counts["kritiek"] == ["3", "9"]  # 3 grouped problems, 4 logos + 4 labels + 1 button
    issues = soup.find("section", attrs={"aria-labelledby": "issues"}).find_all("article")
    assert issues[0].h3.get_text().startswith("image-alt")  # worst and widest first
    assert len(issues[0].find_all("li")) == 4
    assert "Timeout after 30 s" in soup.find("section", attrs={"aria-labelledby": "pages"}).text
    docs = soup.find("section", attrs={"aria-labelledby": "documents"})
    assert "47 kB" in docs.get_text() and "onbekend" in docs.get_text()
    assert "automatisch testen" in soup.find(class_="note").get_text()


def test_no_statement_is_reported_as_missing() -> None:
    soup = BeautifulSoup(render_html(report_from_dict(empty_report())), "html.parser")
    text = soup.find("section", attrs={"aria-labelledby": "statement"}).get_text()
    assert "geen link naar een toegankelijkheidsverklaring" in text


def test_draft_section_shows_same_content_as_markdown() -> None:
    soup = _soup()
    section = soup.find("section", attrs={"aria-labelledby": "draft"})
    markdown = draft_nonconformities(report_from_dict(sample_report()))
    md_headings = [line[4:] for line in markdown.splitlines() if line.startswith("### ")]
    assert [h.get_text() for h in section.find_all("h3")] == md_headings
    md_urls = re.findall(r"^  - `+ (.*?) `+$", markdown, re.M)
    assert [li.get_text() for li in section.select("ul ul li")] == md_urls


@pytest.mark.browser
def test_report_reflows_on_a_narrow_screen(report_file: Path) -> None:
    """WCAG 1.4.10: at 320 CSS pixels wide nothing needs horizontal scrolling."""
    with chromium() as driver:
        driver.set_window_size(320, 800)
        driver.get(to_url(report_file))
        width = driver.execute_script("return window.innerWidth")
        assert width <= 400
        assert driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth"
        )


def test_report_is_self_contained() -> None:
    soup = _soup()
    assert soup.find_all(["script", "link", "img", "iframe", "object", "embed", "base"]) == []
    assert len(soup.find_all("style")) == 1
    assert all(not tag.has_attr("src") for tag in soup.find_all(True))
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "default-src 'none'" in csp["content"]


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_any_page_text_comes_back_as_the_same_text(text: str) -> None:
    report = sample_report()
    page = report["pages"][0]
    page["title"] = text or "x"
    page["violations"][0]["node_details"][0]["html"] = text
    # In the page's content: the page list describes template elements only once, above.
    page["violations"][0]["node_details"][0]["target"] = "main > p.uniek"
    page["url"] = text
    soup = BeautifulSoup(render_html(report_from_dict(report)), "html.parser")
    article = soup.find("article", attrs={"aria-labelledby": "page-1"})
    assert article.h3.get_text() == (text or "x")
    assert article.find("details").find("pre").get_text() == text
    # Only the structure the renderer wrote: no element came from the text.
    names = {tag.name for tag in article.find_all(True)}
    assert names <= {"h3", "dl", "dt", "dd", "a", "code", "table", "caption", "thead", "tbody",
                     "tr", "th", "td", "span", "br", "details", "summary", "ul", "li", "strong",
                     "pre", "p"}  # fmt: skip


def _section(soup: BeautifulSoup, name: str) -> BeautifulSoup:
    return soup.find("section", attrs={"aria-labelledby": name})


def _words(node: BeautifulSoup) -> str:
    return " ".join(node.get_text(" ").split())


def test_full_scan_says_every_page_found_was_checked_within_limits() -> None:
    text = _words(_section(_soup(), "coverage"))
    assert "Elke gevonden pagina is gecontroleerd" in text
    assert "maximaal 7 pagina's, 10 klikken" in text
    assert "2 gevonden pagina's zijn niet bezocht, omdat de grens van 7" in text  # --max-pages
    report = sample_report()
    report["coverage"].update(limit_reached=False, pages_not_visited=1)
    other = _words(
        _section(BeautifulSoup(render_html(report_from_dict(report)), "html.parser"), "coverage")
    )
    assert "1 gevonden pagina is niet bezocht (bijvoorbeeld door robots.txt" in other
    assert "steekproef" not in text
    english = _words(_section(_soup("en"), "coverage"))
    assert "Every page found was checked" in english


def test_sampled_scan_says_what_was_sampled_and_which_page_stands_for_which_template() -> None:
    soup = BeautifulSoup(render_html(report_from_dict(sampled_report())), "html.parser")
    section = _section(soup, "coverage")
    text = _words(section)
    assert "steekproef (optie --sample" in text and "de eerste 3 pagina's" in text
    assert "willekeurig 10%" in text
    assert "Gevonden: 2 sjablonen" in text
    assert "Gecontroleerd: 4 pagina's in de gestructureerde steekproef en 1 willekeurig" in text
    assert "1 gevonden pagina is niet gecontroleerd; de gecontroleerde pagina's van haar" in text
    rows = section.find("table").find("tbody").find_all("tr")
    cells = [[_words(c) for c in r.find_all(["th", "td"])] for r in rows]
    assert cells[0][0] == "Sjabloon 1 a1b2c3d4e5f6"
    assert cells[0][2:] == ["5", "3", "1", "1"]
    assert cells[0][1] == f"Paspoort {SCRIPT}"  # a page title is text, never markup
    assert "Elke gevonden pagina" not in text
    lists = section.find("details").find_all("li", recursive=True)
    first = next(li for li in lists if li.get_text().startswith("Sjabloon 1"))
    assert [a["href"] for a in first.find_all("a")] == [
        "https://www.voorbeeldrecht.nl/producten/paspoort-aanvragen.html",
        "https://www.voorbeeldrecht.nl/contact.html",
        HOSTILE_URL,
    ]  # the javascript: URL of the random page is shown as text
    assert "(willekeurig)" in first.get_text() and JS_URL in first.get_text()


def test_issues_say_outcome_and_where_to_fix() -> None:
    soup = _soup()
    articles = _section(soup, "issues").find_all("article")
    facts = {
        a.h3.get_text().split(":")[0]: dict(
            zip(
                [dt.get_text() for dt in a.find_all("dt")],
                [dd.get_text() for dd in a.find_all("dd")],
                strict=True,
            )
        )
        for a in articles
    }
    assert facts["image-alt"]["Waar oplossen"].startswith("In het sjabloon (kop van de pagina)")
    assert facts["color-contrast"]["Waar oplossen"].startswith("In het sjabloon (voettekst)")
    assert facts["button-name"]["Waar oplossen"].startswith("In de inhoud van de pagina")
    assert facts["image-alt"]["Uitkomst"] == "Fout"
    review = facts["idesk-statement-link"]
    assert review["Uitkomst"] == "Nakijken (sitebrede controle)"
    assert review["Waar oplossen"].startswith("In het sjabloon (sitebrede controle)")
    # Review findings come after the violations and do not count as problems per impact.
    assert articles[-1].h3.get_text().startswith("idesk-statement-link")
    assert "3 van de 7 problemen zitten in een gedeeld deel" in _words(_section(soup, "issues"))
    impact_rows = _section(soup, "summary").find_all("tr")
    counts = {r.th.get_text(): r.find("td").get_text() for r in impact_rows[1:]}
    assert counts["matig"] == "1"  # heading-order only, not the statement-link review
    assert SCRIPT in articles[-1].find_all("pre")[-1].get_text()  # summary shown as text


def test_documents_section_counts_each_problem_over_the_checked_pdfs() -> None:
    text = _words(_section(_soup(), "documents"))
    assert "3 pdf-documenten zijn automatisch getest" in text
    assert "2 andere documenten" in text and "niet getest" in text
    assert "2 van 3 pdf-documenten hebben geen tags (10.1.3.1 / WCAG 1.3.1)" in text
    assert "1 van 3 pdf-documenten geeft de taal niet aan (10.3.1.1 / WCAG 3.1.1)" in text
    assert "lijkt een scan zonder tekstlaag (10.1.1.1 / WCAG 1.1.1; nakijken)" in text
    draft = _words(_section(_soup(), "draft"))
    assert "2 van 3 pdf-documenten hebben geen tags (10.1.3.1 / WCAG 1.3.1)." in draft
