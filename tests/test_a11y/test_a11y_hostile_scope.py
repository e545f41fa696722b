"""Scope and safety: what the crawler refuses to start from, and where it never goes.

A site on 127.0.0.1 stands for a public municipal site; a counting server on
127.0.0.2 stands for an internal service next to the crawler. Without
``--allow-private`` the internal one must see no request at all, whether the site
embeds it, links it or the user's own --sitemap points at it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_sites import RawSite, page, send

from a11y.cli import main


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "data:text/html,<h1>x</h1>",
        "javascript:alert(1)",
        "ftp://127.0.0.1/",
        "gopher://127.0.0.1/",
        "http:///pad",
        "view-source:http://127.0.0.1/",
    ],
)
def test_non_http_start_urls_are_refused_in_one_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    for argv in (["scan", url], ["scan", "http://127.0.0.1:9/", "--sitemap", url]):
        assert main([*argv, "--db", str(tmp_path / "a.db")]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "http" in err, err
    assert not (tmp_path / "a.db").exists()


@pytest.fixture(scope="module")
def internal() -> RawSite:
    """The internal service: sitemap and page exist, so a request would succeed."""
    site = RawSite(host="127.0.0.2")
    site.routes = {
        "/": send(page("Intern", '<img src="/intern.png">')),
        "/pixel.png": send(b"\x89PNG", "image/png"),
        "/frame": send(page("Frame")),
    }
    site.start()
    site.routes["/sitemap.xml"] = send(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url}/</loc></url></urlset>",
        "application/xml",
    )
    yield site
    site.stop()


@pytest.fixture(scope="module")
def public(internal: RawSite) -> RawSite:
    i = internal
    embeds = (
        f'<img src="{i.url}/pixel.png" alt="pixel"> <iframe src="http://localhost:{i.port}/frame"'
        f' title="frame"></iframe> <a href="{i.url}/">intern</a>'
        f' <a href="http://localhost:{i.port}/">localhost</a>'
        f"<script>fetch('{i.url}/fetch').catch(() => 0);"
        f" new Image().src = 'http://[::1]:{i.port}/v6';</script>"
    )
    site = RawSite(
        routes={
            "/": send(page("Publiek", embeds + '<img src="/publiek.png">')),
            "/robots.txt": send(f"Sitemap: {i.url}/sitemap.xml\n", "text/plain"),
        }
    )
    yield site.start()
    site.stop()


def _scan(public: RawSite, tmp_path: Path, *extra: str) -> tuple[int, dict]:
    import json

    out = tmp_path / "r.json"
    argv = ["scan", public.url + "/", "--db", str(tmp_path / "a.db"), "--json", str(out)]
    argv += ["--workers", "1", "--timeout", "5", "--fail-on", "none", *extra]
    code = main(argv)
    return code, json.loads(out.read_text()) if out.exists() else {}


@pytest.mark.browser
def test_internal_host_is_never_reached_without_allow_private(
    public: RawSite, internal: RawSite, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    internal.log.clear()
    # The site embeds, links and advertises (robots.txt Sitemap:) the internal host.
    code, report = _scan(public, tmp_path)
    assert code == 0
    home = report["pages"][0]
    assert home["error"] is None and "image-alt" in {v["rule"] for v in home["violations"]}
    assert [p["url"] for p in report["pages"]] == [public.url + "/"]
    assert internal.log == []  # the browser fence: no image, frame, fetch or link
    # The user names an internal sitemap: refused before anything is requested.
    capsys.readouterr()
    code, _ = _scan(public, tmp_path, "--sitemap", internal.url + "/sitemap.xml")
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and "--allow-private" in err[-1]
    assert internal.log == []


@pytest.mark.browser
def test_allow_private_reaches_the_internal_host_when_in_scope(
    public: RawSite, internal: RawSite, tmp_path: Path
) -> None:
    internal.log.clear()
    code, report = _scan(
        public, tmp_path, "--allow-private", "--sitemap", internal.url + "/sitemap.xml"
    )
    assert code == 0
    checked = {p["url"]: p for p in report["pages"]}
    assert checked[internal.url + "/"]["error"] is None
    assert "/sitemap.xml" in internal.paths() and "/pixel.png" in internal.paths()
