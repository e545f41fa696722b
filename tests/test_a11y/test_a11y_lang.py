"""Issue 17, Dutch throughout: --lang for every line of the command, axe-core's own Dutch
texts in a real scan, our rules' help in the report's language, and the report that
opens with what to fix first (template issues once, with their page count)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_check import WCAG_AA_TAGS, axe_violations, describe
from bs4 import BeautifulSoup
from sample_report import sample_report
from sites import Site, page

from a11y import report_from_dict
from a11y.browser import axe_locale
from a11y.cli import main
from a11y.report.html import reach_order, render_html

# --- every CLI line in the chosen language -----------------------------------------------

ERRORS = [
    (
        ["scan"],
        "a11y: scan: geef minstens één URL of --sitemap URL",
        "a11y: scan: give at least one URL or --sitemap URL",
    ),
    (
        ["scan", "http://127.0.0.1/", "--max-pages", "0"],
        "a11y: optie --max-pages: moet minstens 1 zijn",
        "a11y: argument --max-pages: must be at least 1",
    ),
    (
        ["scan", "http://127.0.0.1/", "--level", "AAA"],
        "a11y: optie --level: ongeldige keuze; kies uit A, AA",
        "a11y: argument --level: invalid choice; choose from A, AA",
    ),
    (["report"], "a11y: ontbreekt: SCAN_ID", "a11y: missing: SCAN_ID"),
    (
        ["scans", "--frobnicate"],
        "a11y: onbekende opties of argumenten: --frobnicate",
        "a11y: unrecognized arguments: --frobnicate",
    ),
    (
        ["report", "1"],
        "a11y: report: geef minstens één van --json, --html, --csv, --junit BESTAND",
        "a11y: report: give at least one of --json, --html, --csv, --junit FILE",
    ),
    (
        ["report", "99", "--json", "-"],
        "a11y: geen scan met nummer 99",
        "a11y: no scan with id 99",
    ),
]


@pytest.mark.parametrize(("argv", "dutch", "english"), ERRORS, ids=lambda v: str(v)[:30])
def test_cli_errors_speak_the_chosen_language(
    argv: list[str], dutch: str, english: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2  # Dutch by default
    assert capsys.readouterr().err == dutch + "\n"
    assert main([*argv, "--lang", "en"]) == 2
    assert capsys.readouterr().err == english + "\n"
    assert main(["--lang=en", *argv]) == 2  # before the command too
    assert capsys.readouterr().err == english + "\n"


def test_a_bad_lang_is_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scans", "--lang", "de"]) == 2
    assert capsys.readouterr().err == "a11y: optie --lang: ongeldige keuze; kies uit nl, en\n"


def test_scans_list_speaks_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "leeg.db")
    assert main(["scans", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "nog geen scans bewaard"
    assert main(["scans", "--db", db, "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "no scans stored yet"


# --- which axe locale belongs to which build ---------------------------------------------


def _package(folder: Path, version: str) -> Path:
    """A copy of axe-core's npm package layout: the build, package.json, locales/nl.json."""
    folder.mkdir(parents=True)
    (folder / "axe.min.js").write_text(f"/*! axe v{version}\n */ var axe = {{}};")
    (folder / "package.json").write_text(json.dumps({"version": version}))
    (folder / "locales").mkdir()
    (folder / "locales" / "nl.json").write_text('{"lang": "nl", "rules": {}}')
    return folder / "axe.min.js"


def test_a_locale_is_used_only_with_the_build_of_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("A11Y_AXE_LOCALES", raising=False)
    monkeypatch.setattr(axe_locale, "INSTALLED", tmp_path / "nothing")
    axe_locale.locale_json.cache_clear()
    script = _package(tmp_path / "axe-core", "4.8.0")
    assert axe_locale.build_version(str(script)) == "4.8.0"
    assert axe_locale.locale_json(str(script), "nl") == '{"lang": "nl", "rules": {}}'
    assert axe_locale.locale_json(str(script), "en") is None  # axe's own language
    assert "axe.configure({locale: arguments[0]})" in axe_locale.configure_js(str(script), "nl")
    assert '[{"lang": "nl", "rules": {}}]' in axe_locale.configure_js(str(script), "nl")
    # A build of another version next to the same locale: not used (axe would refuse
    # rules or checks it does not know), and no configure call is added.
    other = tmp_path / "other"
    other.mkdir()
    (other / "axe.min.js").write_text("/*! axe v4.9.1\n */")
    monkeypatch.setattr(axe_locale, "INSTALLED", tmp_path)
    (tmp_path / "axe-core" / "axe.min.js").rename(tmp_path / "axe-core" / "gone.js")
    axe_locale.locale_json.cache_clear()
    assert axe_locale.locale_json(str(other / "axe.min.js"), "nl") is None
    assert axe_locale.configure_js(str(other / "axe.min.js"), "nl") == ""
    axe_locale.locale_json.cache_clear()


# --- the report opens with what to fix first ---------------------------------------------


def test_what_to_fix_first_ranks_template_issues_then_reach() -> None:
    report = sample_report()
    # A content issue on many pages still comes after the template issues.
    report["issues"].append(
        {
            **report["issues"][-1],
            "rule": "link-name",
            "impact": "critical",
            "fingerprint": "link-name:main a",
            "region": "content",
            "region_reason": "content",
            "outcome": "violation",
            "pages": 40,
            "target": "main a.lees-meer",
        }
    )
    order = [(i["rule"], i["region"]) for i in reach_order(report["issues"])]
    regions = [region for _, region in order]
    assert regions == sorted(regions, key=lambda r: r != "template")
    assert order[0] == ("image-alt", "template")  # critical on 4 pages: 16 > serious on 3: 9
    assert order[1] == ("color-contrast", "template")
    assert order[2] == ("link-name", "content")  # 40 pages x critical before the rest
    assert all(i["outcome"] == "violation" for i in reach_order(report["issues"]))

    soup = BeautifulSoup(render_html(report_from_dict(report)), "html.parser")
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert headings[0] == "Wat eerst oplossen"  # before the criteria, draft and pages
    assert (
        headings.index("Per succescriterium")
        < headings.index("Wat voldoet nog niet (concept)")
        < headings.index("Per pagina")
    )
    first = soup.find("section", attrs={"aria-labelledby": "first"})
    items = first.find("ol").find_all("li", recursive=False)
    assert [li.find("code").get_text() for li in items][:3] == [
        "image-alt",
        "color-contrast",
        "link-name",
    ]
    assert "sjabloon, op 4 pagina's" in items[0].get_text()
    # The fix in one sentence, in the report's language (ours: axe's Dutch locale has none).
    assert items[0].find("h3").get_text().startswith("Geef elke afbeelding een alt-tekst")
    assert "op 40 pagina's" in items[2].get_text() and "en nog" in items[2].get_text()
    english = BeautifulSoup(render_html(report_from_dict(report), "en"), "html.parser")
    assert english.find("h2").get_text() == "What to fix first"
    assert english.find("h3").get_text().startswith("Give every image an alt text")


# --- a real scan: axe's Dutch texts, template issues once -------------------------------

HEADER = '<header><img src="/logo.png"></header>'  # the same logo without alt on every page
FAINT = '<p style="color:#bbbbbb;background:#ffffff">Vage tekst</p>'


@pytest.fixture(scope="module")
def site() -> Site:
    pages = {
        "/": page(
            "Home", HEADER + '<main><a href="/a">A</a> <a href="/b">B</a>' + FAINT + "</main>"
        ),
        "/a": page("Pagina A", HEADER + "<main><p>Tekst A</p></main>"),
        "/b": page("Pagina B", HEADER + "<main><p>Tekst B</p></main>"),
    }
    s = Site(routes=pages).start()
    yield s
    s.stop()


def _scan(site: Site, tmp_path: Path, lang: str) -> tuple[str, dict]:
    """One real scan in ``lang``: its HTML and JSON reports."""
    out = tmp_path / f"{lang}.html"
    data = tmp_path / f"{lang}.json"
    argv = ["scan", site.url + "/", "--workers", "1", "--fail-on", "none", "--lang", lang]
    argv += ["--db", str(tmp_path / f"{lang}.db"), "--html", str(out), "--json", str(data)]
    assert main(argv) == 0
    return out.read_text(encoding="utf-8"), json.loads(data.read_text(encoding="utf-8"))


@pytest.mark.browser
def test_a_dutch_scan_has_axe_texts_in_dutch_and_an_english_one_in_english(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html_nl, report_nl = _scan(site, tmp_path, "nl")
    err = capsys.readouterr().err
    assert "niet geïnstalleerd" not in err, "run scripts/setup.sh install-test (npm ci)"
    assert "pagina's gecontroleerd" in err  # the summary line in Dutch
    contrast = next(i for i in report_nl["issues"] if i["rule"] == "color-contrast")
    # axe-core's own Dutch locale: its check message and its failure summary heading.
    assert "Element heeft onvoldoende contrast" in contrast["summary"], contrast["summary"]
    assert contrast["summary"].startswith("Gebruik een van de volgende oplossingen")
    assert "Element heeft onvoldoende contrast" in html_nl
    assert "Element has insufficient color contrast" not in html_nl
    # Our own rule's help in Dutch: the title 'Home' names no page (needs review).
    assert "Pagina heeft een niet-lege titel" in html_nl

    html_en, report_en = _scan(site, tmp_path, "en")
    err = capsys.readouterr().err
    assert "pages checked" in err
    contrast = next(i for i in report_en["issues"] if i["rule"] == "color-contrast")
    assert contrast["summary"].startswith("Fix any of the following")
    assert "Element has insufficient color contrast" in html_en
    assert "Element heeft onvoldoende contrast" not in html_en
    assert "Page has a non-empty title" in html_en

    # The logo in the header is one template issue on three pages: described once in
    # 'what to fix first' with its page count, and only counted in the page list.
    soup = BeautifulSoup(html_nl, "html.parser")
    first = soup.find("section", attrs={"aria-labelledby": "first"})
    logo = [li for li in first.find_all("li") if li.find("code", string="image-alt")]
    assert len(logo) == 1 and "sjabloon, op 3 pagina's" in logo[0].get_text()
    pages = soup.find("section", attrs={"aria-labelledby": "pages"})
    assert "image-alt" not in pages.get_text()
    notes = [p.get_text() for p in pages.find_all("p") if p.get_text().startswith("Plus ")]
    assert len(notes) == 3 and all("1 probleem uit het sjabloon" in n for n in notes), notes

    # Both reports of the real scan pass axe themselves.
    for lang in ("nl", "en"):
        violations = axe_violations(tmp_path / f"{lang}.html", (*WCAG_AA_TAGS, "best-practice"))
        assert violations == [], describe(violations)


@pytest.mark.browser
def test_a_report_in_another_language_than_its_scan_says_so(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a11y.db")
    argv = ["scan", site.url + "/", "--workers", "1", "--fail-on", "none", "--db", db]
    assert main(argv) == 0
    capsys.readouterr()
    out = str(tmp_path / "r.html")
    assert main(["report", "1", "--db", db, "--html", out, "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "axe's texts in this report are in the scan's language (nl)" in err
    assert main(["report", "1", "--db", db, "--html", out]) == 0
    assert capsys.readouterr().err == ""
