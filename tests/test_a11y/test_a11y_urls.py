"""URL normalisation, scope, query-variant cap, robots and sitemap policies (no browser)."""

from __future__ import annotations

import gzip

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from sites import Response, Site, sitemap

from a11y.crawl.robots import RobotsPolicy
from a11y.crawl.sitemap import SitemapError, sitemap_urls
from a11y.crawl.urls import QueryVariantCap, Scope, looks_like_document, normalise
from a11y.grouping import fingerprint
from a11y.progress import Progress, ProgressPrinter


@pytest.mark.parametrize(
    ("raw", "base", "expected"),
    [
        ("HTTP://Gemeente.NL:80/a#x", None, "http://gemeente.nl/a"),
        ("https://gemeente.nl:443", None, "https://gemeente.nl/"),
        ("https://gemeente.nl:8443/a", None, "https://gemeente.nl:8443/a"),
        ("../b?x=1", "https://gemeente.nl/a/c", "https://gemeente.nl/b?x=1"),
        ("/p?utm_source=n&id=3&fbclid=z&gclid=q", "https://g.nl/", "https://g.nl/p?id=3"),
        ("mailto:info@g.nl", "https://g.nl/", None),
        ("javascript:void(0)", "https://g.nl/", None),
        ("tel:+31201234567", None, None),
        ("http://[::1]:8080/x", None, "http://[::1]:8080/x"),
        ("http://g.nl:notaport/", None, None),
    ],
)
def test_normalise(raw: str, base: str | None, expected: str | None) -> None:
    assert normalise(raw, base) == expected


def test_tracking_parameters_can_be_kept() -> None:
    assert (
        normalise("https://g.nl/?utm_medium=x", drop_tracking=False) == "https://g.nl/?utm_medium=x"
    )


@given(
    host=st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(nl|com)", fullmatch=True),
    path=st.lists(st.from_regex(r"[A-Za-z0-9_.~-]{1,8}", fullmatch=True), max_size=4),
    query=st.dictionaries(
        st.from_regex(r"[a-z]{1,5}", fullmatch=True), st.text("abc12", max_size=3)
    ),
    fragment=st.text("xyz", max_size=3),
)
def test_normalise_is_idempotent(host: str, path: list[str], query: dict, fragment: str) -> None:
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    url = f"HTTPS://{host.upper()}:443/{'/'.join(path)}" + (f"?{qs}" if qs else "") + f"#{fragment}"
    once = normalise(url)
    assert once is not None and "#" not in once
    assert normalise(once) == once


def test_scope_hosts_include_exclude() -> None:
    scope = Scope.from_start_urls(
        ["https://g.nl/"], include=["/nieuws|/$"], exclude=["/nieuws/archief"]
    )
    assert scope.allows("https://g.nl/")
    assert scope.allows("https://g.nl/nieuws/1")
    assert not scope.allows("https://g.nl/nieuws/archief/1")
    assert not scope.allows("https://g.nl/contact")
    assert not scope.allows("https://other.nl/nieuws/1")
    assert not scope.allows("https://g.nl:8443/")  # another port is another site


def test_query_variant_cap() -> None:
    cap = QueryVariantCap(limit=3)
    admitted = [cap.admit(f"https://g.nl/agenda?month={m}") for m in range(10)]
    assert admitted == [True] * 3 + [False] * 7
    assert cap.admit("https://g.nl/agenda?month=1")  # already admitted variant
    assert cap.admit("https://g.nl/agenda")
    assert cap.admit("https://g.nl/other?month=9")


def test_document_extensions() -> None:
    assert looks_like_document("https://g.nl/docs/Jaarverslag.PDF")
    assert looks_like_document("https://g.nl/a.docx?v=2")
    assert not looks_like_document("https://g.nl/pdf/overzicht")
    assert not looks_like_document("https://g.nl/index.html")


def test_fingerprint_ignores_page_specific_selector_and_ids() -> None:
    a = fingerprint("image-alt", "img", '<img src="/logo.png">')
    assert a == fingerprint("image-alt", 'header > img[src$="logo.png"]', '<img  src="/logo.png">')
    assert a != fingerprint("image-alt", "img", '<img src="/foto.png">')
    assert a != fingerprint("role-img-alt", "img", '<img src="/logo.png">')
    assert fingerprint("r", "a", '<a id="x17283945">') == fingerprint(
        "r", "a", '<a id="x99999999">'
    )
    # axe names the same logo by class on a page where 'img' is not unique
    assert a == fingerprint("image-alt", ".logo-img", '<img src="/logo.png">')
    # the same snippet inside an iframe is another element
    assert a != fingerprint("image-alt", "iframe >>> img", '<img src="/logo.png">')


@pytest.fixture
def site() -> Site:
    s = Site().start()
    yield s
    s.stop()


def test_robots_rules_and_sitemaps(site: Site) -> None:
    site.routes["/robots.txt"] = Response(
        body="User-agent: inclusiedesk-a11y\nDisallow: /intern/\n\nUser-agent: *\nDisallow: /\n"
        f"Sitemap: {site.url}/s.xml\n",
        content_type="text/plain",
    )
    policy = RobotsPolicy(requests.Session(), timeout=5)
    assert policy.allowed(site.url + "/nieuws", site.url)
    assert not policy.allowed(site.url + "/intern/x", site.url)
    assert policy.sitemaps(site.url) == [f"{site.url}/s.xml"]
    assert RobotsPolicy(requests.Session(), 5, obey=False).allowed(site.url + "/intern/x", site.url)
    assert site.paths().count("/robots.txt") == 1  # cached per host


def test_missing_or_broken_robots_allows_everything(site: Site) -> None:
    policy = RobotsPolicy(requests.Session(), timeout=5)
    assert policy.allowed(site.url + "/x", site.url)
    site.routes["/robots.txt"] = Response(status=500)
    assert RobotsPolicy(requests.Session(), timeout=5).allowed(site.url + "/x", site.url)


def test_sitemap_index_gzip_and_scope(site: Site) -> None:
    u = site.url
    site.routes.update(
        {
            "/index.xml": sitemap(
                [f"{u}/a.xml.gz", "https://elders.example/s.xml", f"{u}/b.xml"], index=True
            ),
            "/a.xml.gz": sitemap([f"{u}/een", f"{u}/twee"], gz=True),
            # served gzipped under a plain name (some CMSes do that)
            "/b.xml": Response(
                body=gzip.compress(sitemap([f"{u}/drie"]).body), content_type="application/xml"
            ),
        }
    )
    found = sitemap_urls(
        [f"{u}/index.xml"], requests.Session(), lambda x: x.startswith(u), 5, strict=True
    )
    assert found == [f"{u}/een", f"{u}/twee", f"{u}/drie"]


def test_unreadable_start_sitemap_is_an_error_only_when_strict(site: Site) -> None:
    site.routes["/bad.xml"] = Response(body="<urlset><url><loc>", content_type="application/xml")
    with pytest.raises(SitemapError):
        sitemap_urls([site.url + "/bad.xml"], requests.Session(), lambda x: True, 5, strict=True)
    assert sitemap_urls([site.url + "/nope.xml"], requests.Session(), lambda x: True, 5) == []


class _Tty:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> None:
        self.text += s

    def flush(self) -> None:
        pass


def test_progress_live_on_tty_summary_otherwise() -> None:
    tty = _Tty()
    printer = ProgressPrinter(tty, interval=0)
    printer(Progress(discovered=5, checked=2, failed=1, violations=7, elapsed=1.5))
    assert "\r" in tty.text and "gecontroleerd 2" in tty.text and "2,00 pagina's/s" in tty.text
    printer.finish()
    assert tty.text.endswith("\n")

    class Pipe(_Tty):
        def isatty(self) -> bool:
            return False

    pipe = Pipe()
    printer = ProgressPrinter(pipe)
    printer(Progress(discovered=5, checked=2))
    assert pipe.text == ""
    printer.finish()
    assert pipe.text.count("\n") == 1 and "\r" not in pipe.text


def test_public_api_is_exported_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, a11y.criteria; assert 'selenium' not in sys.modules;"
        "import a11y; assert callable(a11y.scan) and callable(a11y.build_report);"
        "assert 'selenium' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
