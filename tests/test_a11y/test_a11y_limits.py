"""Crawl limits and scope options against a real browser: what is (not) requested."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sites import Response, Site, page, sitemap

from a11y import build_report
from a11y.crawl.engine import CrawlConfig, scan

pytestmark = pytest.mark.browser  # every test here runs headless Chromium


def _chain_site() -> Site:
    """/ -> /d1 -> /d2 -> ... and / also links /p1 .. /p6; /intern/ is robots-disallowed."""
    routes: dict = {
        "/": page(
            "Start",
            "".join(f'<a href="/p{i}">p{i}</a> ' for i in range(1, 7)) + '<a href="/d1">d1</a>',
        ),
        "/robots.txt": Response(
            body="User-agent: *\nDisallow: /intern/\n", content_type="text/plain"
        ),
    }
    routes.update({f"/p{i}": page(f"P{i}", '<a href="/intern/x">intern</a>') for i in range(1, 7)})
    routes.update({f"/d{i}": page(f"D{i}", f'<a href="/d{i + 1}">verder</a>') for i in range(1, 8)})
    routes["/intern/x"] = page("Intern", "<p>x</p>")
    return Site(routes=routes).start()


@pytest.fixture(scope="module")
def site() -> Site:
    s = _chain_site()
    yield s
    s.stop()


def _scan(site: Site, tmp_path: Path, **options) -> dict:
    before = len(site.log)
    db = tmp_path / "a11y.db"
    config = CrawlConfig(start_urls=(site.url + "/",), workers=1, timeout=10, **options)
    report = build_report(db, scan(config, db))
    report["requested"] = [p for _, p in site.log[before:]]
    return report


def _paths(report: dict) -> set[str]:
    return {"/" + p["url"].split("/", 3)[3] for p in report["pages"]}


def test_max_pages(site: Site, tmp_path: Path) -> None:
    report = _scan(site, tmp_path, max_pages=3)
    assert report["scan"]["pages_checked"] == 3
    assert len({p for p in report["requested"] if p not in ("/robots.txt", "/favicon.ico")}) == 3
    assert report["scan"]["pages_discovered"] > 3


def test_max_depth(site: Site, tmp_path: Path) -> None:
    report = _scan(site, tmp_path, max_depth=2)
    assert "/d2" in _paths(report) and "/d3" not in _paths(report)
    assert "/d3" not in report["requested"]


def test_include_exclude_never_request_outside(site: Site, tmp_path: Path) -> None:
    # The start URL itself is always checked; the regexes filter what is found from it.
    report = _scan(site, tmp_path, include=(r"/p\d",), exclude=(r"/p[4-6]",))
    assert _paths(report) == {"/", "/p1", "/p2", "/p3"}
    assert not [p for p in report["requested"] if p.startswith(("/p4", "/p5", "/p6", "/d"))]


def test_no_robots_visits_disallowed_path(site: Site, tmp_path: Path) -> None:
    obeying = _scan(site, tmp_path, max_depth=1)
    assert "/intern/x" not in obeying["requested"]
    ignoring = _scan(
        site, tmp_path, max_depth=2, obey_robots=False, include=(r"/$", r"/p1$", "/intern")
    )
    assert "/intern/x" in _paths(ignoring)


@pytest.mark.parametrize(
    ("delay", "robots"),
    [(0.6, "User-agent: *\nDisallow:\n"), (0.0, "User-agent: *\nCrawl-delay: 1\n")],
    ids=["--delay", "Crawl-delay"],
)
def test_polite_delay_between_pages_of_one_host(tmp_path: Path, delay: float, robots: str) -> None:
    stamps: dict[str, float] = {}

    def timed(path: str) -> Response:
        stamps.setdefault(path, time.monotonic())
        return page(path, '<a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>')

    s = Site(routes={p: timed for p in ("/", "/a", "/b", "/c")}).start()
    s.routes["/robots.txt"] = Response(body=robots, content_type="text/plain")
    try:
        db = tmp_path / "a11y.db"
        config = CrawlConfig(start_urls=(s.url + "/",), workers=2, delay=delay, timeout=10)
        report = build_report(db, scan(config, db))
    finally:
        s.stop()
    assert report["scan"]["pages_checked"] == 4
    first = sorted(stamps.values())
    assert all(b - a >= 0.55 for a, b in zip(first, first[1:], strict=False))


def test_tls_error_recorded_as_page_error(site: Site, tmp_path: Path) -> None:
    https = "https://" + site.url.split("://", 1)[1] + "/"
    db = tmp_path / "a11y.db"
    report = build_report(db, scan(CrawlConfig(start_urls=(https,), workers=1, timeout=5), db))
    (only,) = report["pages"]
    assert only["status"] is None and only["error"].startswith("TLS error")
    assert report["scan"]["pages_failed"] == 1


def test_start_url_disallowed_by_robots_is_reported_not_requested(
    site: Site, tmp_path: Path
) -> None:
    before = len(site.log)
    db = tmp_path / "a11y.db"
    config = CrawlConfig(start_urls=(site.url + "/intern/x",), workers=1, timeout=5)
    report = build_report(db, scan(config, db))
    (only,) = report["pages"]
    assert only["error"] == "disallowed by robots.txt" and only["status"] is None
    assert "/intern/x" not in [p for _, p in site.log[before:]]


def test_sitemap_only_scan_with_include_filter(site: Site, tmp_path: Path) -> None:
    site.routes["/map.xml"] = sitemap([f"{site.url}/p3", f"{site.url}/d5"])
    db = tmp_path / "a11y.db"
    config = CrawlConfig(
        sitemaps=(site.url + "/map.xml",), include=(r"/p\d",), max_depth=0, workers=1, timeout=5
    )
    report = build_report(db, scan(config, db))
    assert _paths(report) == {"/p3"}
    assert report["scan"]["start_urls"] == [site.url + "/map.xml"]


def test_statement_page_is_checked_even_past_max_pages(tmp_path: Path) -> None:
    footer = '<footer><a href="/over/toegankelijkheid">Toegankelijkheid</a></footer>'
    s = Site(
        routes={
            "/": page("Home", '<a href="/nieuws">Nieuws</a>' + footer),
            "/nieuws": page("Nieuws", footer),
            "/over/toegankelijkheid": page("Verklaring", "<p>Nalevingsstatus: C</p>"),
        }
    ).start()
    try:
        db = tmp_path / "a11y.db"
        config = CrawlConfig(start_urls=(s.url + "/",), max_pages=1, workers=1, timeout=10)
        report = build_report(db, scan(config, db))
    finally:
        s.stop()
    assert _paths(report) == {"/", "/over/toegankelijkheid"}
    assert report["statement"] == {
        "found": True,
        "url": s.url + "/over/toegankelijkheid",
        "status": "C",
    }
