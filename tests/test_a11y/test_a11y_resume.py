"""--resume: a scan whose process was killed continues without checking stored pages again.

The first run is a real `a11y scan` process killed with SIGKILL (no clean-up of any
kind) once it has stored some pages; the second run resumes it in-process.
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
from sites_generated import serve

from a11y import build_report
from a11y.cli import main

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

PAGES = 40


def stored_pages(db: Path) -> int:
    """Pages a scan has stored so far in ``db`` (0 before its tables exist)."""
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("select count(*) from pages").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.fixture
def site():
    site, gen = serve(PAGES)
    yield site, gen
    site.stop()


def test_resume_after_killed_process_stores_every_page_once(site, tmp_path: Path) -> None:
    site, gen = site
    db = tmp_path / "a11y.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "a11y.cli", "scan", f"{site.url}/", "--db", str(db)]
        + ["--workers", "1", "--fail-on", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: chromedriver and Chromium die too
    )
    deadline = time.monotonic() + 300
    while stored_pages(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = stored_pages(db)
    assert 5 <= before < PAGES, "the scan must be interrupted midway"
    with sqlite3.connect(db) as conn:
        (scan_id,) = conn.execute("select id from scans").fetchone()
        stored_urls = {u for (u,) in conn.execute("select url from pages")}
    requests_before = len(site.log)

    assert main(["scan", "--resume", str(scan_id), "--db", str(db), "--fail-on", "none"]) == 0

    report = build_report(db, scan_id)
    counts = Counter(urlsplit(p["url"]).path for p in report["pages"])
    assert all(n == 1 for n in counts.values()), [u for u, n in counts.items() if n > 1]
    assert set(gen.pages) <= set(counts)
    assert report["scan"]["finished_at"] is not None
    assert report["scan"]["pages_checked"] == sum(1 for p in report["pages"] if not p["error"])
    # Pages stored before the kill were not loaded again; only the start URL is asked
    # once more, by the start-up check for a redirect to the www host.
    again = [p for _, p in site.log[requests_before:] if f"{site.url}{p}" in stored_urls]
    assert again in ([], ["/"])


def test_resume_refuses_a_finished_scan(site, tmp_path: Path, capsys) -> None:
    site, _ = site
    db = tmp_path / "a11y.db"
    args = ["scan", f"{site.url}/contact", "--db", str(db), "--max-pages", "1"]
    assert main([*args, "--fail-on", "none"]) == 0
    assert main(["scan", "--resume", "1", "--db", str(db)]) == 2
    assert "scan 1 is al klaar; er is niets te hervatten" in capsys.readouterr().err
