"""`a11y diff` between real scans: a barrier is only 'fixed' where it was looked for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sites import Response, Site

from a11y import diff_scans
from a11y.crawl.engine import CrawlConfig, scan

pytestmark = pytest.mark.browser  # every test here runs headless Chromium


def _page(title: str, body: str) -> Response:
    return Response(
        body=f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def _site(photo_alt: str | None) -> dict[str, Response]:
    alt = "" if photo_alt is None else f' alt="{photo_alt}"'
    return {
        "/": _page("Gemeente Voorbeeld", '<p><a href="/contact">Contact</a></p>'),
        "/contact": _page(
            "Contact - Gemeente Voorbeeld",
            f'<img src="/balie.png"{alt}> <button aria-label="Verzenden">Stuur op</button>',
        ),
    }


def _rules(issues: list[dict]) -> set[str]:
    return {i["rule"] for i in issues}


def test_an_issue_the_new_scan_did_not_look_for_is_not_called_fixed(tmp_path: Path) -> None:
    db = tmp_path / "a11y.db"
    site = Site(routes=_site(photo_alt=None)).start()
    try:
        config = CrawlConfig(start_urls=(site.url + "/",), workers=1, delay=0, max_pages=10)
        full = scan(config, db)
        home_only = scan(replace(config, max_pages=1), db)
        axe_only = scan(replace(config, checks="axe"), db)
        site.routes.update(_site(photo_alt="De balie in het stadhuis"))
        repaired = scan(config, db)
    finally:
        site.stop()

    # Both barriers sit on /contact, which the one-page scan never checked.
    unseen = diff_scans(db, full, home_only)
    assert {"image-alt", "idesk-label-in-name"} <= _rules(unseen["not_rechecked"])
    assert unseen["fixed"] == []

    # Without our own checks the label-in-name problem was not looked for; axe's was.
    no_own = diff_scans(db, full, axe_only)
    assert "idesk-label-in-name" in _rules(no_own["not_rechecked"])
    assert "idesk-label-in-name" not in _rules(no_own["fixed"])
    assert "image-alt" in _rules(no_own["persisting"])

    # Looked for again and gone: fixed; the one still there persists.
    after = diff_scans(db, full, repaired)
    assert "image-alt" in _rules(after["fixed"])
    assert "idesk-label-in-name" in _rules(after["persisting"])
    assert after["not_rechecked"] == []
