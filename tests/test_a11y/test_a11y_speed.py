"""The fast path (axe preloaded through CDP, detected settling, blocked media) finds the
same violations as injecting axe into every page, and skips what it promises to skip.

Speed itself is printed by bench/crawl_vs_peers.py, never asserted here.
"""

from __future__ import annotations

import pytest
from sites import Site, page
from sites_generated import serve

from a11y.browser import cdp
from a11y.browser.session import BrowserSession

pytestmark = pytest.mark.browser  # every test here runs headless Chromium

#: One page per template of the generated site, the iframe template included.
PATHS = ("/", "/nieuws/1", "/product/1", "/agenda/1", "/wijk/1", "/kaart/1", "/nieuws")


@pytest.fixture(scope="module")
def site():
    site, gen = serve(60)
    yield site
    site.stop()


def _findings(session: BrowserSession, url: str) -> set[tuple[str, str]]:
    rendered = session.check(url)
    return {(f.rule, n.target) for f in rendered.axe.violations for n in f.nodes}


def test_preloaded_axe_finds_what_per_page_injection_finds(site, monkeypatch) -> None:
    fast = BrowserSession(30, "AA")
    fast.start()
    try:
        assert fast._preloaded
        found_fast = {p: _findings(fast, site.url + p) for p in PATHS}
    finally:
        fast.close()
    monkeypatch.setattr(cdp, "prepare", lambda driver, source: False)
    slow = BrowserSession(30, "AA")
    slow.start()
    try:
        assert not slow._preloaded
        found_slow = {p: _findings(slow, site.url + p) for p in PATHS}
    finally:
        slow.close()
    assert found_fast == found_slow
    # The iframe's own barrier is found: axe ran inside the same-origin frame.
    assert any(" >>> " in target for _, target in found_fast["/kaart/1"])


def test_fonts_and_video_are_not_downloaded(site) -> None:
    session = BrowserSession(30, "AA")
    session.start()
    before = len(site.log)
    try:
        session.check(site.url + "/agenda/1")
    finally:
        session.close()
    paths = site.paths()[before:]
    assert any(p.startswith("/agenda/1") for p in paths)
    assert "/static/site.css" in paths  # styles still load: they decide contrast
    assert "/static/gemeente.woff2" not in paths
    assert "/static/uitleg.mp4" not in paths


def test_autoplaying_video_is_left_for_review_although_media_are_blocked() -> None:
    """Blocked media never load their metadata, so axe cannot time their sound: an
    autoplaying video must then be a needs-review finding, not silently pass."""
    site = Site(routes={"/": page("Video", '<video src="/uitleg.mp4" autoplay></video>')})
    site.start()
    session = BrowserSession(30, "AA")
    session.start()
    try:
        run = session.check(site.url + "/").axe
    finally:
        session.close()
        site.stop()
    assert "no-autoplay-audio" in {f.rule for f in run.incomplete}
    assert "no-autoplay-audio" not in {f.rule for f in run.violations}


def test_a_page_that_removes_the_preloaded_axe_is_still_checked() -> None:
    """A page's own script can overwrite ``window.axe`` (or a frame can be created where
    the preload does not reach): axe is then injected, and the barrier still found."""
    body = '<script>window.axe = undefined;</script><img src="/balie.png">'
    site = Site(routes={"/": page("Eigen axe", body)})
    site.start()
    session = BrowserSession(30, "AA")
    session.start()
    try:
        assert session._preloaded
        run = session.check(site.url + "/").axe
    finally:
        session.close()
        site.stop()
    assert "image-alt" in {f.rule for f in run.violations}
