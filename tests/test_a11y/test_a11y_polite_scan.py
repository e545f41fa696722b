"""Issue 15, the polite half, in real scans: a Crawl-delay of a day does not hang the scan,
429/503 are waited out (also when only the browser gets them), one page however it is
spelled, the same User-Agent from both sides, and Ctrl-C then --resume.

Real Chromium against servers on 127.0.0.1; the served request timeline is the evidence.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sites import Response, Site, page, sitemap
from test_a11y_resume import stored_pages

from a11y import build_report, settings
from a11y.cli import main

pytestmark = pytest.mark.browser

CONTACT = "https://webteam.example/crawler"
AGENT = f"inclusiedesk-a11y/{settings.__version__} (+{CONTACT})"


def _scan(site: Site, db: Path, *extra: str) -> int:
    return main(
        ["scan", f"{site.url}/", "--db", str(db), "--workers", "1", "--checks", "axe"]
        + ["--timeout", "10", "--fail-on", "none", "--contact-url", CONTACT, "--lang", "en"]
        + [*extra]
    )


def _browser(site: Site) -> list[str]:
    """Paths the browser loaded as documents (Chromium asks for text/html first)."""
    return [p for p, _, accept in site.agents if accept.startswith("text/html")]


def _paths(report: dict) -> Counter:
    return Counter(urlsplit(p["url"]).path for p in report["pages"])


@pytest.fixture
def site() -> Site:
    s = Site().start()
    yield s
    s.stop()


def _timed(body: Response, stamps: dict[str, list[float]]):
    def route(path: str) -> Response:
        stamps.setdefault(urlsplit(path).path, []).append(time.monotonic())
        return body

    return route


def test_crawl_delay_of_a_day_goes_on_at_the_cap_and_says_so(site: Site, tmp_path, capsys) -> None:
    stamps: dict[str, list[float]] = {}
    site.routes.update(
        {
            "/robots.txt": Response(
                body="User-agent: *\nCrawl-delay: 86400\n", content_type="text/plain"
            ),
            "/": _timed(page("Start", '<a href="/a">a</a>'), stamps),
            "/a": _timed(page("A", "<p>a</p>"), stamps),
        }
    )
    db = tmp_path / "a11y.db"
    assert _scan(site, db) == 0
    err = capsys.readouterr().err
    assert (
        f"Crawl-delay 86400 s; waiting {settings.MAX_CRAWL_DELAY:g} s between its pages (the cap)"
        in err
    )
    report = build_report(db, 1)
    assert report["scan"]["finished_at"] and report["scan"]["pages_checked"] == 2
    # The second page was asked for one capped delay after the first, not a day.
    gap = stamps["/a"][0] - stamps["/"][-1]
    assert settings.MAX_CRAWL_DELAY - 1 <= gap < settings.MAX_CRAWL_DELAY + 15
    # Both sides named the product, its version and the contact URL.
    assert {agent for _, agent, _ in site.agents} == {AGENT}
    assert _browser(site) == ["/", "/a"]


def test_429_and_503_are_waited_out_on_both_sides(site: Site, tmp_path, capsys) -> None:
    served: list[tuple[float, str, int, str]] = []
    home = page("Start", '<a href="/b">b</a>')

    def answer(path: str, status: int, body: Response, retry_after: str | None = None) -> Response:
        accept = site.local.headers.get("Accept", "")
        served.append(
            (time.monotonic(), path, status, "browser" if "text/html" in accept else "python")
        )
        if status == 200:
            return body
        return Response(
            status, "busy", headers=(("Retry-After", retry_after),) if retry_after else ()
        )

    def start(path: str) -> Response:
        # Only the browser's first load is told 503 (no Retry-After: the browser's wait
        # is the backoff); the Python side's probes pass.
        accept = site.local.headers.get("Accept", "")
        first_browser = "text/html" in accept and not any(
            s[1] == "/" and s[3] == "browser" for s in served
        )
        return answer(path, 503 if first_browser else 200, home)

    def b(path: str) -> Response:
        # The Python probe is told 429 with Retry-After: 2 once.
        return answer(
            path, 429 if not any(s[1] == "/b" for s in served) else 200, page("B", "<p>b</p>"), "2"
        )

    site.routes.update({"/": start, "/b": b})
    db = tmp_path / "a11y.db"
    assert _scan(site, db) == 0
    report = build_report(db, 1)
    assert all(p["error"] is None for p in report["pages"]), report["pages"]
    assert _paths(report) == Counter({"/": 1, "/b": 1})

    home_loads = [
        (t, status) for t, path, status, side in served if path == "/" and side == "browser"
    ]
    assert [s for _, s in home_loads] == [503, 200]
    assert home_loads[1][0] - home_loads[0][0] >= settings.BACKOFF - 0.05
    b_seen = [(t, status, side) for t, path, status, side in served if path == "/b"]
    assert [(s, side) for _, s, side in b_seen] == [
        (429, "python"),
        (200, "python"),
        (200, "browser"),
    ]
    assert b_seen[1][0] - b_seen[0][0] >= 1.95  # Retry-After: 2 was honoured
    err = capsys.readouterr().err
    assert "HTTP 503 in the browser, trying again" in err and "HTTP 429, trying again in 2 s" in err


def test_one_page_however_it_is_spelled_and_exclude_holds(site: Site, tmp_path) -> None:
    """The sitemap writes ë raw, the home page links it percent-encoded with a dot
    segment: one page. ``--exclude logout`` also holds for ``/log%6Fut``."""
    links = '<a href="/./burgemeester-%c3%ab">b</a> <a href="/log%6Fut">uit</a> <a href="/a/../logout">uit</a>'
    site.routes.update(
        {
            "/": page("Start", links),
            "/sitemap.xml": sitemap([f"{site.url}/burgemeester-ë"]),
            "/robots.txt": Response(
                body=f"Sitemap: {site.url}/sitemap.xml\n", content_type="text/plain"
            ),
        }
    )
    site.routes["/burgemeester-%C3%AB"] = page("B", "<p>b</p>")  # as the server is asked
    db = tmp_path / "a11y.db"
    assert _scan(site, db, "--exclude", "logout") == 0
    report = build_report(db, 1)
    assert _paths(report) == Counter({"/": 1, "/burgemeester-%C3%AB": 1})
    assert _browser(site).count("/burgemeester-%C3%AB") == 1
    assert not [p for p in site.paths() if "log" in p.lower()]


def _interrupt(proc: subprocess.Popen) -> tuple[float, str]:
    """Ctrl-C to a running scan: seconds until it exited, and what it said on stderr."""
    pressed = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)  # bound only so a hang fails, not blocks
    return time.monotonic() - pressed, err


def test_ctrl_c_during_a_long_wait_then_resume(site: Site, tmp_path) -> None:
    links = "".join(f'<a href="/p{n}">p{n}</a>' for n in range(1, 4))
    site.routes.update(
        {"/": page("Start", links), **{f"/p{n}": page(f"P{n}", "<p>x</p>") for n in range(1, 4)}}
    )
    site.routes["/robots.txt"] = Response(
        body="User-agent: *\nCrawl-delay: 86400\n", content_type="text/plain"
    )
    db = tmp_path / "a11y.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "a11y.cli", "scan", f"{site.url}/", "--db", str(db)]
        + ["--workers", "1", "--checks", "axe", "--fail-on", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while stored_pages(db) < 1 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        # Pages are stored in batches, so the first shows up once /p1 is done too; then
        # the scan waits out the capped Crawl-delay before /p2.
        assert proc.poll() is None and stored_pages(db) >= 1, "a page is stored and the scan waits"
        served_before = list(site.paths())
        took, err = _interrupt(proc)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    print(f"Ctrl-C to exit: {took:.2f} s")
    assert proc.returncode == 130, err
    assert took < 5, f"Ctrl-C took {took:.1f} s during a {settings.MAX_CRAWL_DELAY:g} s wait"
    assert f"a11y scan --resume 1 --db {db}" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("select finished_at from scans where id = 1").fetchone() == (None,)
    # Nothing was asked after the key press (the next page was still waiting its turn).
    assert site.paths() == served_before
    assert "/p3" not in site.paths()
    loaded_before = Counter(_browser(site))

    site.routes["/robots.txt"] = Response(
        body="User-agent: *\nAllow: /\n", content_type="text/plain"
    )
    assert main(["scan", "--resume", "1", "--db", str(db), "--fail-on", "none"]) == 0
    report = build_report(db, 1)
    assert report["scan"]["finished_at"] is not None
    assert _paths(report) == Counter({"/": 1, "/p1": 1, "/p2": 1, "/p3": 1})
    # Pages stored before Ctrl-C were not loaded again; the others once.
    assert Counter(_browser(site)) == Counter({"/": 1, "/p1": 1, "/p2": 1, "/p3": 1})
    assert loaded_before["/"] == 1


def test_ctrl_c_while_the_site_does_not_answer(site: Site, tmp_path) -> None:
    """A server that holds the request (up to --timeout 30 s) must not hold Ctrl-C: the
    scan ends at once, stored unfinished, and --resume asks for the page again."""
    # The start-up check gets its answer; the worker's probe is then held.
    answers = iter([page("Start", "<p>x</p>")])
    site.routes["/"] = lambda path: next(answers, Response(body="late", hang=60))
    db = tmp_path / "a11y.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "a11y.cli", "scan", f"{site.url}/", "--db", str(db)]
        + ["--workers", "1", "--checks", "axe", "--fail-on", "none", "--timeout", "30"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while site.paths().count("/") < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        took, err = _interrupt(proc)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    print(f"Ctrl-C to exit: {took:.2f} s")
    assert proc.returncode == 130, err
    assert took < 5, f"Ctrl-C took {took:.1f} s while the server held the request"
    assert "a11y scan --resume 1" in err
