"""Browser pool resilience: a killed browser session is replaced and no page is lost."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from pathlib import Path

import pytest
from sites import Site, page

from a11y import build_report, settings
from a11y.crawl.engine import CrawlConfig, scan

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

PAGES = 12


def _children_named(name: str) -> list[int]:
    """Processes started by this test process with the given executable name."""
    me = str(os.getpid())
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = stat[stat.rindex(")") + 2 :].split()[1]
        if ppid == me and comm == name:
            found.append(int(pid))
    return found


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Browser profiles of this test go under its own folder, so other scans running on
    the same machine (a benchmark, another test run) do not count as leftovers."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _profiles_in_use(folder: Path) -> list[int]:
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if str(folder).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(int(pid))
        except OSError:
            continue
    return pids


def _site() -> Site:
    links = "".join(f'<a href="/p{i}">Pagina {i}</a> ' for i in range(1, PAGES))
    routes = {"/": page("Start", links)}
    routes.update({f"/p{i}": page(f"Pagina {i}", "<p>tekst</p>") for i in range(1, PAGES)})
    return Site(routes=routes).start()


def test_killed_browser_session_is_replaced_and_scan_completes(
    tmp_path: Path, profiles: Path
) -> None:
    site = _site()
    killed: list[int] = []

    def kill_a_driver(_page) -> None:
        if not killed:
            drivers = _children_named("chromedriver")
            assert drivers, "no chromedriver child process found"
            os.kill(drivers[0], signal.SIGKILL)
            killed.append(drivers[0])

    try:
        db = tmp_path / "a11y.db"
        scan_id = scan(
            CrawlConfig(start_urls=(site.url + "/",), workers=2, timeout=10),
            db,
            on_page=kill_a_driver,
        )
        report = build_report(db, scan_id)
    finally:
        site.stop()
    assert killed
    assert report["scan"]["pages_checked"] == PAGES
    assert all(p["error"] is None for p in report["pages"])
    assert len(report["pages"]) == PAGES
    assert _profiles_in_use(profiles) == []  # every Chromium of the pool is gone afterwards


def test_hung_browser_session_is_replaced_and_scan_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, profiles: Path
) -> None:
    """A frozen chromedriver (SIGSTOP) stops answering; the driver-call deadline catches it."""
    monkeypatch.setattr(settings, "DRIVER_CALL_GRACE", 1.0)
    site = _site()
    frozen: list[int] = []

    def freeze_the_driver(_page) -> None:
        if not frozen:
            (driver,) = _children_named("chromedriver")
            os.kill(driver, signal.SIGSTOP)
            frozen.append(driver)

    try:
        db = tmp_path / "a11y.db"
        config = CrawlConfig(start_urls=(site.url + "/",), workers=1, timeout=3)
        report = build_report(db, scan(config, db, on_page=freeze_the_driver))
    finally:
        site.stop()
        for pid in frozen:  # in case the scan failed before replacing it
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    assert frozen
    assert report["scan"]["pages_checked"] == PAGES
    assert all(p["error"] is None for p in report["pages"])
    assert _profiles_in_use(profiles) == []
