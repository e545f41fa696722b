"""The bundled demo site: served on 127.0.0.1, and its barriers are the documented ones."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
import requests
from axe_check import chromium, describe, run_axe, script_evidence
from bs4 import BeautifulSoup

from a11y.demo import demo_dir, expected_rules, known_barriers, serve_demo
from a11y.statement import compliance_status, find_statement_link

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def demo() -> Iterator[str]:
    server: ThreadingHTTPServer
    server, url = serve_demo()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def _sitemap_paths(base: str) -> list[str]:
    response = requests.get(base + "sitemap.xml", timeout=10)
    locs = [e.text for e in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)]
    assert locs and all(loc.startswith(base) for loc in locs), locs
    return ["/" + loc[len(base) :] for loc in locs]


def test_serves_pages_only_on_loopback(demo: str) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", demo)
    home = requests.get(demo, timeout=10)
    assert home.status_code == 200
    assert home.headers["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(home.text, "html.parser")
    assert soup.title.get_text() == "Home - Gemeente Voorbeeldrecht"
    for path in _sitemap_paths(demo):
        assert requests.get(demo + path.lstrip("/"), timeout=10).status_code == 200, path


def test_robots_sitemap_pdf_404_and_redirect(demo: str) -> None:
    robots = requests.get(demo + "robots.txt", timeout=10).text
    assert "Disallow: /intern/" in robots
    assert f"Sitemap: {demo}sitemap.xml" in robots
    pdf = requests.get(demo + "documenten/afvalkalender-2027.pdf", timeout=10)
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-1.") and pdf.content.rstrip().endswith(b"%%EOF")
    # Every xref offset points at its object, so PDF readers open it without repair.
    xref_at = int(pdf.content.rsplit(b"startxref", 1)[1].split()[0])
    entries = re.findall(rb"(\d{10}) 00000 n", pdf.content[xref_at:])
    for number, offset in enumerate(entries, 1):
        assert pdf.content[int(offset) :].startswith(b"%d 0 obj" % number)
    missing = requests.get(demo + "nieuws/archief-2019.html", timeout=10)
    assert missing.status_code == 404 and "Pagina niet gevonden" in missing.text
    assert requests.get(demo + "BARRIERS.md", timeout=10).status_code == 404
    moved = requests.get(demo + "nieuws", timeout=10, allow_redirects=False)
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/nieuws/")
    assert requests.head(demo + "contact.html", timeout=10).status_code == 200


def test_every_page_has_the_footer_statement_link(demo: str) -> None:
    """The statement detector finds the footer link and reads status B from the page."""
    for path in _sitemap_paths(demo):
        soup = BeautifulSoup(requests.get(demo + path.lstrip("/"), timeout=10).text, "html.parser")
        links = [(requests.compat.urljoin(demo, a["href"]), a.get_text()) for a in soup("a")]
        assert find_statement_link(demo, links) == demo + "toegankelijkheid.html", path
    statement = requests.get(demo + "toegankelijkheid.html", timeout=10).text
    text = BeautifulSoup(statement, "html.parser").get_text(" ")
    assert compliance_status(text) == "B"


@pytest.mark.browser
def test_axe_finds_the_template_barrier_on_the_home_page(demo: str) -> None:
    with chromium() as driver:
        driver.get(demo)
        violations = run_axe(driver)["violations"]
    rules = {v["id"]: v for v in violations}
    assert "image-alt" in rules, describe(violations)
    assert 'class="logo-img"' in rules["image-alt"]["nodes"][0]["html"]
    assert "wcag111" in rules["image-alt"]["tags"]


@pytest.mark.browser
def test_documented_barriers_are_exactly_what_axe_finds(demo: str) -> None:
    """BARRIERS.md stays true: each page shows its documented rules and no others."""
    barriers = known_barriers()
    assert barriers["*"] == {"image-alt", "color-contrast"}
    paths = _sitemap_paths(demo)
    assert set(barriers) - {"*"} <= set(paths)
    with chromium() as driver:
        for path in paths:
            driver.get(demo + path.lstrip("/"))
            violations = run_axe(driver)["violations"]
            assert {v["id"] for v in violations} == expected_rules(path), (
                path + "\n" + describe(violations)
            )


@pytest.mark.browser
def test_search_page_shows_a_hostile_query_as_text(demo: str) -> None:
    with chromium() as driver:
        driver.get(demo + "zoeken.html?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
        assert not script_evidence(driver).script_ran
        result = driver.find_element("id", "zoekresultaat").text
        assert result == "Geen resultaten gevonden voor: <img src=x onerror=alert(1)>"


def test_site_files_are_plain_static_files() -> None:
    pages = list(demo_dir().rglob("*.html"))
    assert len(pages) >= 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "http://127.0.0.1" not in text and "localhost" not in text, page
        if page.parent.name != "widgets":
            assert 'href="/toegankelijkheid.html"' in text, page
