"""``helpdesk report``: the council report's words, structure, protection and axe-core."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from axe_check import WCAG_AA_TAGS, axe_violations, chromium, describe, to_url
from test_stats import fill

import a11y
from helpdesk.stats import council_report, periods
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli


pytestmark = pytest.mark.usefixtures("amsterdam")  # see conftest.py


@pytest.fixture
def filled() -> None:
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        fill(store)


class Outline(HTMLParser):
    """Headings, table captions and section ids: the structure the report promises."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.captions: list[str] = []
        self.sections: list[str] = []
        self.tags: set[str] = set()
        self.svg_roles: list[str | None] = []
        self.row_headers = 0
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if tag == "section":
            self.sections.append(a.get("id") or "")
        if tag == "svg":
            self.svg_roles.append(a.get("role"))
        if tag == "th" and a.get("scope") == "row":
            self.row_headers += 1
        if tag in ("h1", "h2", "h3", "caption"):
            self._in, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            target = self.captions if tag == "caption" else self.headings
            target.append(f"{tag}:{self._text.strip()}" if tag != "caption" else self._text)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def outline(path: Path) -> Outline:
    parsed = Outline()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def test_dutch_report_structure_words_and_protection(
    run_cli: RunCli, filled: None, tmp_path: Path
) -> None:
    out_file = tmp_path / "verslag.html"
    code, out, err = run_cli("report", "--period", "2026-Q3", "-o", str(out_file))
    assert code == 0, err
    html = out_file.read_text(encoding="utf-8")
    assert (
        "In het derde kwartaal van 2026 hielpen we inwoners 10 keer; "
        "50% werd direct aan de balie geholpen." in html
    )
    # Q2 had 3 requests: no change is worked out from a protected count
    assert "Geen vergelijking met de vorige periode (2026-Q2)" in html
    assert "233" not in html and "toen 3" not in html
    assert "&lt;5" in html  # suppressed cells
    assert "bn02" not in html and "bc01" not in html  # never per staff code
    assert "<script" not in html and "http://" not in html and "https://" not in html
    parsed = outline(out_file)
    assert parsed.sections == [
        "headline",
        "breakdowns",
        *council_report.REPORT_SECTIONS,
        "over-time",
        "per_month",
        "per_week",
        "accessibility",
        "privacy",
        "about",
    ]
    assert parsed.headings[:4] == [
        "h1:Statistieken van de informatiebalie: 2026-Q3",
        "h2:Kerncijfers",
        "h2:Waarvoor en voor wie",
        "h3:Onderwerpen",
    ]
    assert parsed.headings[-4:] == [
        "h3:Hulpvragen per week",
        "h2:Toegankelijkheid van de websites",
        "h2:Bescherming van kleine aantallen",
        "h2:Over dit verslag",
    ]
    assert parsed.captions[0] == "Onderwerpen (aantal hulpvragen)"
    assert "Hulpvragen per week (aantal hulpvragen)" in parsed.captions
    assert len(parsed.captions) == len(council_report.REPORT_SECTIONS) + 2
    assert parsed.svg_roles == ["img"] * len(parsed.captions)
    assert "Nog geen scans" in html


def test_english_report_and_number_formatting(
    run_cli: RunCli, filled: None, tmp_path: Path
) -> None:
    out_file = tmp_path / "report.html"
    code, _, err = run_cli("report", "--period", "2026-Q3", "--lang", "en", "-o", str(out_file))
    assert code == 0, err
    html = out_file.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "In the third quarter of 2026 we helped residents 10 times" in html
    assert outline(out_file).headings[1] == "h2:Key figures"
    q3 = periods.parse_period("2026-Q3")
    figures = {"total": 1234, "solved_at_desk_share": 0.68, "suppression_threshold": 5}
    assert council_report.headline_sentence(q3, figures, "nl") == (
        "In het derde kwartaal van 2026 hielpen we inwoners 1.234 keer; "
        "68% werd direct aan de balie geholpen."
    )
    few = {**figures, "total": "<5", "solved_at_desk_share": None}
    assert council_report.headline_sentence(q3, few, "nl") == (
        "In het derde kwartaal van 2026 hielpen we inwoners minder dan 5 keer. Meer cijfers "
        "tonen we niet: die zouden over die paar inwoners gaan."
    )
    assert council_report.number(1234567, "nl") == "1.234.567"
    assert council_report.number(12.5, "nl", 1) == "12,5"
    assert council_report.number(1234, "en") == "1,234"


@pytest.mark.browser
def test_accessibility_section_reads_the_scans(
    run_cli: RunCli, filled: None, tmp_path: Path
) -> None:
    db = a11y.open_db(Path(os.environ["A11Y_DB"]))
    for n, (violations, statement) in enumerate(((2, None), (1, "https://x.example/t"))):
        scan_id = (
            db["scans"]
            .insert(
                {
                    "started_at": f"2026-0{n + 8}-01T10:00:00+00:00",
                    "finished_at": f"2026-0{n + 8}-01T10:30:00+00:00",
                    "start_urls": json.dumps(["https://www.voorbeeldrecht.example/"]),
                    "level": "AA",
                    "pages_checked": 12 + n,
                    "pages_discovered": 12 + n,
                    "pages_failed": 0,
                    "covered_criteria": json.dumps(["1.1.1", "1.4.3"]),
                    "statement_url": statement,
                }
            )
            .last_pk
        )
        page_id = (
            db["pages"]
            .insert(
                {"scan_id": scan_id, "url": "https://www.voorbeeldrecht.example/", "checked": 1}
            )
            .last_pk
        )
        for v in range(violations):
            vid = (
                db["violations"]
                .insert(
                    {
                        "scan_id": scan_id,
                        "page_id": page_id,
                        "outcome": "violation",
                        "rule": f"image-alt-{v}",
                        "impact": "critical" if v == 0 else "serious",
                        "wcag": json.dumps(["1.1.1"]),
                        "en301549": json.dumps([]),
                        "tags": json.dumps([]),
                        "help": "Images must have alternate text",
                        "help_url": "",
                    }
                )
                .last_pk
            )
            db["nodes"].insert(
                {
                    "violation_id": vid,
                    "scan_id": scan_id,
                    "page_id": page_id,
                    "target": "img",
                    "html": "<img>",
                    "failure_summary": "",
                    "fingerprint": f"f{v}",
                }
            )
    db.conn.commit()
    sites = council_report.site_summaries()
    assert sites is not None and len(sites) == 1
    site = sites[0]
    assert (site.site, site.pages_checked, site.statement_found) == (
        "www.voorbeeldrecht.example",
        13,
        True,
    )
    assert site.failing_criteria == ("1.1.1",)
    assert site.issues_by_impact == {"critical": 1}
    assert [n for _, n in site.trend] == [2, 1]
    out_file = tmp_path / "verslag.html"
    code, _, err = run_cli("report", "--period", "2026-Q3", "-o", str(out_file))
    assert code == 0, err
    html = out_file.read_text(encoding="utf-8")
    assert "www.voorbeeldrecht.example" in html and "kritiek 1" in html and "2 → 1" in html
    violations = axe_violations(out_file, tags=(*WCAG_AA_TAGS, "best-practice"))
    assert violations == [], describe(violations)


@pytest.mark.browser
def test_report_passes_axe_core_in_chromium(run_cli: RunCli, filled: None, tmp_path: Path) -> None:
    for lang in ("nl", "en"):
        out_file = tmp_path / f"report-{lang}.html"
        code, _, err = run_cli("report", "--period", "2026-Q3", "--lang", lang, "-o", str(out_file))
        assert code == 0, err
        violations = axe_violations(out_file, tags=(*WCAG_AA_TAGS, "best-practice"))
        assert violations == [], describe(violations)


def test_empty_period_and_bad_output(run_cli: RunCli, tmp_path: Path) -> None:
    out_file = tmp_path / "leeg.html"
    code, _, err = run_cli("report", "--period", "2031-W02", "-o", str(out_file))
    assert code == 0, err
    assert "Geen hulpvragen in deze periode." in out_file.read_text(encoding="utf-8")
    code, out, err = run_cli("report", "-o", str(tmp_path / "no" / "such" / "dir.html"))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


#: A4 portrait at 96 CSS px per inch: 210 mm = 794 px, the widest a printed page can be.
A4_WIDTH = 794


def _stored_scan(
    db: object, site: str, day: str, pages: int, finished: bool, criteria: list[str]
) -> int:
    """One scan row of ``site`` with a violation per criterion on one page."""
    scan_id = (
        db["scans"]  # type: ignore[index]
        .insert(
            {
                "started_at": f"{day}T10:00:00+00:00",
                "finished_at": f"{day}T10:30:00+00:00" if finished else None,
                "start_urls": json.dumps([f"https://{site}/"]),
                "level": "AA",
                "pages_checked": pages,
                "pages_discovered": max(pages, 1),
                "pages_failed": 0 if pages else 1,
                "covered_criteria": json.dumps(criteria),
                "statement_url": None,
            }
        )
        .last_pk
    )
    if not pages:
        return scan_id
    page_id = (
        db["pages"].insert({"scan_id": scan_id, "url": f"https://{site}/", "checked": 1}).last_pk
    )  # type: ignore[index]
    for n, number in enumerate(criteria):
        vid = (
            db["violations"]  # type: ignore[index]
            .insert(
                {
                    "scan_id": scan_id,
                    "page_id": page_id,
                    "outcome": "violation",
                    "rule": f"rule-{n}",
                    "impact": ("critical", "serious", "moderate", "minor")[n % 4],
                    "wcag": json.dumps([number]),
                    "en301549": json.dumps([]),
                    "tags": json.dumps([]),
                    "help": "",
                    "help_url": "",
                }
            )
            .last_pk
        )
        db["nodes"].insert(  # type: ignore[index]
            {
                "violation_id": vid,
                "scan_id": scan_id,
                "page_id": page_id,
                "target": f"#el{n}",
                "html": f"<p id=el{n}>",
                "failure_summary": "",
                "fingerprint": f"f{n}",
            }
        )
    return scan_id


@pytest.mark.browser
def test_managers_report_shows_the_last_successful_scan_and_fits_a4(
    run_cli: RunCli, filled: None, tmp_path: Path
) -> None:
    db = a11y.open_db(Path(os.environ["A11Y_DB"]))
    site = "www.bibliotheek-gemeente-westerkwartier-en-omstreken.example"
    many = ["1.1.1", "1.3.1", "1.4.3", "1.4.4", "1.4.10", "1.4.11", "1.4.12", "2.1.1"]
    many += ["2.4.2", "2.4.3", "2.4.4", "2.4.6", "2.4.7", "2.5.3", "3.1.1", "3.1.2"]
    many += ["3.3.2", "4.1.2"]
    for n in range(6):  # a trend with six successful scans
        _stored_scan(db, site, f"2026-0{n + 3}-01", 120 + n, True, many[: 18 - n])
    good = _stored_scan(db, site, "2026-09-01", 130, True, many[:12])
    _stored_scan(db, site, "2026-09-08", 0, True, [])  # the site was down
    _stored_scan(db, site, "2026-09-15", 3, False, ["1.1.1"])  # interrupted
    _stored_scan(db, "kapot.example", "2026-09-20", 0, True, [])  # never succeeded
    db.conn.commit()
    sites = council_report.site_summaries()
    assert sites is not None and [s.site for s in sites] == [site]
    assert (sites[0].scanned_at, sites[0].pages_checked) == ("2026-09-01", 130)
    assert a11y.site_summaries(Path(os.environ["A11Y_DB"]))[0].scan_id == good
    out_file = tmp_path / "verslag.html"
    for lang in ("nl", "en"):
        code, _, err = run_cli("report", "--period", "2026-Q3", "--lang", lang, "-o", str(out_file))
        assert code == 0, err
        html = out_file.read_text(encoding="utf-8")
        assert "2026-09-15" not in html and "2026-09-08" not in html and "kapot" not in html
        with chromium() as driver:
            driver.set_window_size(A4_WIDTH, 1100)
            driver.get(to_url(out_file))
            width = driver.execute_script("return document.documentElement.clientWidth")
            wide = driver.execute_script(
                "const w = arguments[0];"
                "return [...document.querySelectorAll('table, figure, svg, dl, p')]"
                ".filter(e => e.getBoundingClientRect().right > w + 0.5)"
                ".map(e => (e.id || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right));",
                width,
            )
            scroll = driver.execute_script("return document.documentElement.scrollWidth")
        assert wide == [] and scroll <= width, (lang, width, scroll, wide)
