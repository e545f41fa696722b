"""Issue 15, the polite half: robots.txt as RFC 9309 reads it, canonical URLs, the
User-Agent, 429/503 retries with Retry-After, the per-host limit and stopping waits.

Everything here runs against real HTTP servers on 127.0.0.1 (tests/sites.py) without
a browser; the scans in Chromium are in test_a11y_polite_scan.py.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from sites import Response, Site

from a11y import settings
from a11y.crawl import polite
from a11y.crawl.robots import RobotsPolicy
from a11y.crawl.urls import Scope, normalise

AGENT = settings.ROBOTS_AGENT


@pytest.fixture
def site() -> Site:
    s = Site().start()
    yield s
    s.stop()


def _policy(site: Site, robots: str) -> RobotsPolicy:
    site.routes["/robots.txt"] = Response(body=robots, content_type="text/plain")
    return RobotsPolicy(requests.Session(), timeout=5)


def _allowed(policy: RobotsPolicy, site: Site, paths: list[str]) -> list[bool]:
    return [policy.allowed(site.url + p, site.url) for p in paths]


# --- robots.txt (RFC 9309) -----------------------------------------------------------------

#: RFC 9309 section 5.1, with "foobot" standing for our agent in the second file.
RFC_5_1 = """User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: {foobot}
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot
"""
PATHS_5_1 = ["/example/page.html", "/example/allowed.gif", "/publications/a", "/x.gif", "/other"]


def test_rfc9309_example_any_agent_group(site: Site) -> None:
    """Our agent has no group of its own, so the ``*`` group applies: ``*.gif$`` blocks
    every gif, ``/example/`` its folder, and ``/publications/`` stays allowed."""
    policy = _policy(site, RFC_5_1.format(foobot="foobot"))
    assert _allowed(policy, site, PATHS_5_1) == [False, False, True, False, True]


def test_rfc9309_example_own_group(site: Site) -> None:
    """Our own group replaces ``*``: everything disallowed but the two allowed files."""
    policy = _policy(site, RFC_5_1.format(foobot=AGENT))
    assert _allowed(policy, site, PATHS_5_1) == [True, True, False, False, False]


def test_rfc9309_longest_match_example(site: Site) -> None:
    """RFC 9309 section 5.2: the longer Disallow beats the shorter Allow, and back."""
    policy = _policy(
        site,
        f"User-Agent: {AGENT}\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n",
    )
    assert _allowed(
        policy, site, ["/example/page/", "/example/page/a.html", "/example/page/disallowed.gif"]
    ) == [True, True, False]


def test_wildcards(site: Site) -> None:
    """``*`` matches any run of characters; the standard library took it literally."""
    policy = _policy(site, "User-agent: *\nDisallow: /*/print\nDisallow: /*sessionid=\n")
    assert _allowed(
        policy, site, ["/nieuws/1/print", "/a?sessionid=3", "/a?x=1&sessionid=3", "/nieuws/1"]
    ) == [False, False, False, True]


def test_dollar_anchors_the_end(site: Site) -> None:
    """``$`` ends the pattern: ``/*.pdf$`` blocks the PDF but not ``.pdf?download``."""
    policy = _policy(site, "User-agent: *\nDisallow: /*.pdf$\nDisallow: /zoek$\n")
    assert _allowed(policy, site, ["/a/b.pdf", "/a/b.pdf?dl=1", "/zoek", "/zoeken"]) == [
        False,
        True,
        False,
        True,
    ]


def test_longest_match_wins_not_first_match(site: Site) -> None:
    """The standard library applies the first matching line, so ``Disallow: /`` first
    hid the allowed folder; RFC 9309 lets the longest (most specific) rule win."""
    policy = _policy(site, "User-agent: *\nDisallow: /\nAllow: /openbaar/\nAllow: /$\n")
    assert _allowed(policy, site, ["/openbaar/a", "/", "/intern"]) == [True, True, False]


def test_allow_wins_a_tie_and_robots_txt_is_always_allowed(site: Site) -> None:
    policy = _policy(site, "User-agent: *\nDisallow: /a\nAllow: /a\nDisallow: /robots.txt\n")
    assert _allowed(policy, site, ["/a", "/robots.txt"]) == [True, True]


def test_percent_encodings_are_compared_decoded(site: Site) -> None:
    """RFC 9309 2.2.2: ``/foo/bar/%62%61%7A`` is ``/foo/bar/baz``; and a URL that
    hides ``logout`` as ``/log%6Fut`` is still the disallowed path."""
    policy = _policy(site, "User-agent: *\nDisallow: /foo/bar/%62%61%7A\nDisallow: /logout\n")
    urls = ["/foo/bar/baz", "/log%6Fut", "/logout?x=1", "/login"]
    assert _allowed(policy, site, urls) == [False, False, False, True]


def test_groups_for_our_agent_are_merged_and_case_insensitive(site: Site) -> None:
    robots = f"User-agent: {AGENT.upper()}\nDisallow: /a\n\nUser-agent: {AGENT}\nDisallow: /b\n"
    policy = _policy(site, robots)
    assert _allowed(policy, site, ["/a", "/b", "/c"]) == [False, False, True]


# --- canonical URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://g.nl/log%6Fut", "http://g.nl/logout"),
        ("http://g.nl/log%6fut", "http://g.nl/logout"),
        ("https://g.nl/café", "https://g.nl/caf%C3%A9"),
        ("https://g.nl/caf%c3%a9", "https://g.nl/caf%C3%A9"),
        ("https://Bücher.Example/a", "https://xn--bcher-kva.example/a"),
        ("https://xn--bcher-kva.example:443/a", "https://xn--bcher-kva.example/a"),
        ("http://g.nl:80/a/./b/../c", "http://g.nl/a/c"),
        ("http://g.nl/%7Euser/", "http://g.nl/~user/"),
        ("http://g.nl/a%2Fb", "http://g.nl/a%2Fb"),  # an encoded slash is not a slash
        ("http://g.nl/zoek?q=ë&b=1&a=2", "http://g.nl/zoek?a=2&b=1&q=%C3%AB"),
    ],
)
def test_canonical_url(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert normalise(expected) == expected


def test_sitemap_form_and_link_form_are_one_page() -> None:
    """A sitemap writes ``ë`` as is; the browser hands the same link percent-encoded."""
    from_sitemap = normalise("https://g.nl/gemeenteraad/vergaderingen-2025/burgemeester-ë")
    from_link = normalise("/gemeenteraad/./vergaderingen-2025/burgemeester-%c3%ab", "https://g.nl/")
    assert from_sitemap == from_link


def test_exclude_and_include_match_the_canonical_url() -> None:
    scope = Scope.from_start_urls(["https://g.nl/"], exclude=["logout"])
    for hidden in ("/log%6Fut", "/LOG%6Fut".lower(), "/a/../logout", "/x/%6c%6f%67%6f%75%74"):
        assert not scope.allows("https://g.nl" + hidden), hidden
    assert scope.allows("https://g.nl/login")
    include = Scope.from_start_urls(["https://g.nl/"], include=["/nieuws/"])
    assert include.allows("https://g.nl/%6Eieuws/1")
    assert include.allows("https://G.NL:443/nieuws/1")


# --- Retry-After and backoff ---------------------------------------------------------------


def test_retry_after_seconds_date_and_garbage() -> None:
    now = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    assert polite.retry_after("7", now) == 7
    assert polite.retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert polite.retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now) == 0
    assert polite.retry_after("soon", now) is None
    assert polite.retry_after(None, now) is None


def test_retry_wait_is_capped_and_backs_off() -> None:
    capped = (settings.MAX_RETRY_WAIT, "Retry-After 86400 s, ingekort")  # Dutch default
    assert polite.retry_wait(0, "86400") == capped
    assert polite.retry_wait(0, "2") == (2, "Retry-After")
    assert [polite.retry_wait(n, None)[0] for n in range(3)] == [
        settings.BACKOFF,
        2 * settings.BACKOFF,
        4 * settings.BACKOFF,
    ]


def _session(stop: threading.Event | None = None, notes: list[str] | None = None):
    stop = stop or threading.Event()
    return polite.PoliteSession(
        settings.user_agent("https://webteam.example/scan"),
        stop,
        polite.HostLimit(stop),
        (notes.append if notes is not None else None),
    )


def _served(answers: list[Response], served: list[tuple[float, int, str]]):
    """A route that gives ``answers`` in turn (the last one after that), logging each."""

    def route(path: str) -> Response:
        answer = answers[min(len(served), len(answers) - 1)]
        served.append((time.monotonic(), answer.status, path))
        return answer

    return route


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_seconds_is_waited_then_retried(site: Site, status: int) -> None:
    served: list[tuple[float, int, str]] = []
    busy = Response(status, "busy", headers=(("Retry-After", "1"),))
    site.routes["/p"] = _served([busy, Response(body="ok")], served)
    notes: list[str] = []
    response = _session(notes=notes).get(site.url + "/p", timeout=5)
    assert response.status_code == 200
    assert [s for _, s, _ in served] == [status, 200]
    assert served[1][0] - served[0][0] >= 0.95  # the server saw the wait it asked for
    assert notes and f"HTTP {status}" in notes[0] and "Retry-After" in notes[0]


def test_retry_after_http_date(site: Site) -> None:
    served: list[tuple[float, int, str]] = []
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    busy = Response(503, "busy", headers=(("Retry-After", when),))
    site.routes["/p"] = _served([busy, Response(body="ok")], served)
    assert _session().get(site.url + "/p", timeout=5).status_code == 200
    assert [s for _, s, _ in served] == [503, 200]
    assert served[1][0] - served[0][0] >= 0.9  # a date 2 s ahead (whole seconds) is waited for


def test_backoff_without_retry_after_then_gives_up(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "BACKOFF", 0.2)
    served: list[tuple[float, int, str]] = []
    site.routes["/p"] = _served([Response(429, "busy")], served)
    response = _session().get(site.url + "/p", timeout=5)
    assert response.status_code == 429  # recorded as HTTP 429 after the retries
    assert len(served) == settings.RETRIES + 1
    gaps = [b[0] - a[0] for a, b in zip(served, served[1:], strict=False)]
    assert gaps[0] >= 0.19 and gaps[1] >= 0.39 and gaps[2] >= 0.79  # doubling


def test_user_agent_names_product_version_and_contact(site: Site) -> None:
    seen: list[str] = []
    site.routes["/"] = lambda path: Response(body="ok")
    session = _session()
    original = session.send

    def send(request, **kwargs):
        seen.append(request.headers["User-Agent"])
        return original(request, **kwargs)

    session.send = send
    session.get(site.url + "/", timeout=5)
    assert seen == [f"inclusiedesk-a11y/{settings.__version__} (+https://webteam.example/scan)"]


def test_at_most_n_requests_at_once_per_host(site: Site) -> None:
    open_now = [0]
    most = [0]
    lock = threading.Lock()

    def slow(path: str) -> Response:
        with lock:
            open_now[0] += 1
            most[0] = max(most[0], open_now[0])
        time.sleep(0.3)
        with lock:
            open_now[0] -= 1
        return Response(body="ok")

    site.routes["/slow"] = slow
    stop = threading.Event()
    limit = polite.HostLimit(stop)
    agent = settings.user_agent()

    def fetch() -> None:
        polite.PoliteSession(agent, stop, limit).get(site.url + "/slow", timeout=10)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len([p for p in site.paths() if p == "/slow"]) == 6
    assert most[0] == settings.MAX_PER_HOST


def test_stop_ends_a_retry_after_wait(site: Site) -> None:
    """Ctrl-C sets the stop event: a worker waiting out Retry-After: 3600 stops at once
    and does not ask again."""
    served: list[tuple[float, int, str]] = []
    site.routes["/p"] = _served([Response(503, "", headers=(("Retry-After", "3600"),))], served)
    stop = threading.Event()
    outcome: list[BaseException] = []

    def fetch() -> None:
        try:
            _session(stop).get(site.url + "/p", timeout=5)
        except polite.Stopped as exc:
            outcome.append(exc)

    worker = threading.Thread(target=fetch)
    worker.start()
    while not served:
        time.sleep(0.01)
    stop.set()
    worker.join(timeout=30)  # bound only so a broken stop fails instead of hanging
    assert not worker.is_alive() and outcome
    assert len(served) == 1


# --- HTML read by a parser -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "html", "expected"),
    [
        # A '>' inside an attribute value ended the regular expression's tag early.
        ("a", '<a data-tip="1 > 0" class="site-footer__link" href="/x">x</a>', "footer"),
        ("div", "<DIV ROLE='navigation' data-x=\"a'b\">", "nav"),
        ("img", '<img alt="" class="logo" src="/l.png">', None),
        # Cut inside the opening tag (long snippets are shortened): what is there counts.
        ("div", '<div id="main-menu" class="top-navbar wide', "nav"),
        ("span", "tekst zonder tag <nav>", None),
        ("main > header > a", '<a class="x">', None),  # a header inside main is content
    ],
)
def test_landmark_reads_the_snippet_with_a_parser(target: str, html: str, expected) -> None:
    from a11y.grouping import landmark

    assert landmark(target, html) == expected


def test_contact_url_must_be_an_http_url(capsys) -> None:
    from a11y.cli import main

    assert main(["scan", "https://g.nl/", "--contact-url", "mailto:webteam@g.nl"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--contact-url" in err


def test_contact_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A11Y_CONTACT_URL", "https://g.nl/over-deze-scan")
    assert settings.user_agent() == f"{settings.USER_AGENT} (+https://g.nl/over-deze-scan)"
    assert (
        settings.user_agent("https://other.example/")
        == f"{settings.USER_AGENT} (+https://other.example/)"
    )
    monkeypatch.delenv("A11Y_CONTACT_URL")
    assert settings.user_agent() == settings.USER_AGENT


def test_a_sitemap_url_that_answers_html_says_so(site: Site) -> None:
    """A CMS's human sitemap page (or a soft 404) is read as HTML, and the reason names it."""
    from a11y.crawl.sitemap import SitemapError, sitemap_urls

    site.routes["/sitemap"] = Response(
        body="<!doctype html><html><head><title>Sitemap | Gemeente</title></head>"
        '<body><a href="/a">a</a><br></body></html>'
    )
    with pytest.raises(
        SitemapError, match=r'een HTML-pagina \("Sitemap \| Gemeente"\), geen XML-sitemap'
    ):
        sitemap_urls([site.url + "/sitemap"], requests.Session(), lambda x: True, 5, strict=True)
    site.routes["/bad.xml"] = Response(body="<urlset><url><loc>", content_type="application/xml")
    with pytest.raises(SitemapError, match="kan sitemap .* niet lezen"):
        sitemap_urls([site.url + "/bad.xml"], requests.Session(), lambda x: True, 5, strict=True)
