"""The crawler against hostile and broken sites, in real headless Chromium with real axe.

One site holds every misbehaviour, each followed by a plain page with a known barrier,
and is scanned once with a single browser, so every plain page is checked right after
a hostile one in the same session: if a dialog, a pop-up or a half-loaded page broke
the session, the plain page after it would show it. A counting server on 127.0.0.2
stands for the out-of-scope (and internal) host: it must see no request at all.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hostile_sites import (
    RawSite,
    close_mid_page,
    huge,
    never_finish,
    page,
    redirect,
    send,
)

from a11y import build_report
from a11y.browser.session import BrowserSession, PageTimeout, PageUnstable
from a11y.crawl.engine import CrawlConfig, scan

#: Page timeout of the scan. A page that keeps the renderer busy (10,000 links, 100,000
#: elements) costs up to 3 x this plus the driver grace before its session is replaced.
TIMEOUT = 10
#: The module's one scan runs in the first test that asks for it: on a loaded 2-core
#: machine it takes about five minutes (two pages need the hang limit), so allow more.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(1500)]
BIG = 50_000_000
#: Cases that cannot leave the browser session in a bad state (most never reach it);
#: every other case is followed by a plain page that must be checked normally.
NO_PLAIN_AFTER = {
    *("/loop", "/off", "/off-localhost", "/big.html", "/image.html", "/binary.html"),
    *("/beforeunload", "/refresh", "/badutf8", "/mixed", "/schemes"),
}


def _plain(n: int) -> str:
    return page(f"Gewoon {n}", f'<img src="/barrier-{n}.png"><p>Gewone pagina</p>')


def _hostile_cases(counter: RawSite, stop: threading.Event) -> dict:
    """path -> handler; the order is the order the home page links them."""
    other = counter.url
    on_load = "window.addEventListener('load', () => setTimeout(() => {{ {} }}, 50));"
    bad_utf8 = (
        b'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Kapot \xff\xfe'
        b" teken</title></head><body><main><h1>Ongeldig \xc3\x28 \xed\xa0\x80 UTF-8</h1>"
        b'<img src="/utf8.png"></main></body></html>'
    )
    mixed = (
        b'<!doctype html><html lang="nl"><head><title>Gemengd caf\xc3\xa9 caf\xe9</title>'
        b'</head><body><main><h1>Gemengd \xe9\xc3\xa9 \x93\x94</h1><img src="/mixed.png">'
        b"</main></body></html>"
    )
    links_js = "".join(f'<a href="/agenda?dag={i}">dag {i}</a>' for i in range(10_000))
    return {
        "/loop": redirect("/loop2"),
        "/off": redirect(f"{other}/"),
        "/off-localhost": redirect(f"http://localhost:{counter.port}/"),
        "/big.html": huge(BIG),
        "/image.html": send(b"\x89PNG\r\n\x1a\n" + b"\0" * 500, "image/png"),
        "/binary.html": send(b"\0\1\2" * 300, "application/octet-stream"),
        "/never": never_finish(stop),
        "/half": close_mid_page(),
        "/alert": send(page("Alert", '<img src="/alert.png">', "<script>alert('a11y')</script>")),
        "/confirm": send(
            page(
                "Confirm",
                '<img src="/confirm.png">',
                "<script>confirm('zeker?'); prompt('naam?')</script>",
            )
        ),
        "/beforeunload": send(
            page(
                "Blijf",
                '<img src="/blijf.png">',
                "<script>window.onbeforeunload = e => { e.preventDefault();"
                " e.returnValue = 'blijf'; return 'blijf'; };</script>",
            )
        ),
        "/away": send(
            page("Weg", "", f"<script>{on_load.format(f'location.href={other!r}')}</script>")
        ),  # fmt: skip
        "/refresh": send(
            page("Ververs", "", f'<meta http-equiv="refresh" content="0;url={other}/">')
        ),
        "/reload": send(
            page("Herlaad", "", f"<script>{on_load.format('location.reload()')}</script>")
        ),
        "/popup": send(
            page(
                "Popup",
                '<img src="/popup.png">',
                f"<script>window.open('{other}/pop'); window.open('/popped');</script>",
            )
        ),
        "/dom": send(page("Groot DOM", "<div>" + "<span>x</span>" * 100_000 + "</div>")),
        "/badutf8": send(bad_utf8),
        "/mixed": send(mixed, "text/html; charset=utf-8"),
        "/links": send(page("Agenda", links_js)),
        "/schemes": send(
            page(
                "Schema's",
                '<a href="javascript:alert(1)">js</a> <a href="data:text/html,<b>x</b>">data</a>'
                ' <a href="file:///etc/passwd">file</a> <a href="ftp://127.0.0.1/x">ftp</a>'
                ' <a href="mailto:a@b.nl">mail</a> <a href="tel:112">tel</a>'
                f' <a href="//127.0.0.2:{counter.port}/rel">rel</a>'
                f' <a href="http://localhost:{counter.port}/lh">lh</a>'
                f' <a href="http://[::1]:{counter.port}/v6">v6</a>'
                f' <img src="{other}/pixel.png" alt="">'
                f' <iframe src="{other}/frame" title="frame"></iframe>',
            )
        ),
    }


@pytest.fixture(scope="module")
def counter() -> RawSite:
    """The out-of-scope, internal host: every request it logs is a failure."""
    site = RawSite(host="127.0.0.2", routes={"/": send(page("Intern"))}).start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def site(counter: RawSite) -> RawSite:
    s = RawSite()
    cases = _hostile_cases(counter, s.stopped)
    home, routes, s.plain = [], {}, []
    for n, (path, handler) in enumerate(cases.items(), start=1):
        routes[path] = handler
        home.append(path)
        if path not in NO_PLAIN_AFTER:
            routes[f"/gewoon-{n}"] = send(_plain(n))
            home.append(f"/gewoon-{n}")
            s.plain.append((n, path))
    routes["/"] = send(page("Home", " ".join(f'<a href="{h}">{h}</a>' for h in home)))
    routes["/loop2"] = redirect("/loop")
    routes["/agenda"] = send(page("Dag", "<p>agenda</p>"))
    routes["/popped"] = send(page("Geopend"))
    routes["/robots.txt"] = send("User-agent: *\nDisallow: /nooit/\n", "text/plain")
    s.routes = routes
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def report(site: RawSite, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("hostile") / "a11y.db"
    config = CrawlConfig(
        start_urls=(site.url + "/",), workers=1, timeout=TIMEOUT, max_depth=2, max_query_variants=3
    )
    return build_report(db, scan(config, db))


def by_path(report: dict, path: str) -> dict:
    matches = [p for p in report["pages"] if p["url"].split("/", 3)[3] == path.lstrip("/")]
    assert len(matches) == 1, f"{path}: {[p['url'] for p in report['pages']]}"
    return matches[0]


def rules(page_: dict) -> dict[str, dict]:
    return {v["rule"]: v for v in page_["violations"]}


def test_scan_completes_and_no_request_leaves_scope(report: dict, counter: RawSite) -> None:
    assert report["scan"]["finished_at"]
    assert counter.log == []


def test_every_plain_page_after_a_hostile_one_is_checked(report: dict, site: RawSite) -> None:
    for n, path in site.plain:
        plain = by_path(report, f"/gewoon-{n}")
        assert plain["error"] is None, (path, plain["error"])
        (node,) = rules(plain)["image-alt"]["node_details"]
        assert f"barrier-{n}.png" in node["html"], path


def test_redirect_loop_is_an_error(report: dict) -> None:
    loop = by_path(report, "/loop")
    assert "redirects" in loop["error"]
    assert not [p for p in report["pages"] if p["url"].endswith("/loop2")]


def test_redirect_off_scope_is_an_error_and_not_followed(report: dict) -> None:
    for path in ("/off", "/off-localhost"):
        assert "out-of-scope" in by_path(report, path)["error"]


def test_50_mb_page_is_refused_not_downloaded(report: dict, site: RawSite) -> None:
    big = by_path(report, "/big.html")
    assert big["status"] == 200 and big["error"].startswith("page too large")
    # The probe read headers only; the browser never loaded it (only one GET).
    assert site.paths().count("/big.html") == 1


def test_non_html_type_with_html_name_is_a_document(report: dict) -> None:
    docs = {d["url"].rsplit("/", 1)[1]: d for d in report["documents"]}
    assert docs["image.html"]["type"] == "image/png"
    assert docs["binary.html"]["type"] == "application/octet-stream"
    assert not [p for p in report["pages"] if p["url"].endswith(("image.html", "binary.html"))]


def test_never_finishing_page_times_out(report: dict) -> None:
    never = by_path(report, "/never")
    assert never["status"] == 200 and never["error"].startswith("timeout")


def test_page_cut_off_mid_way_is_recorded(report: dict) -> None:
    half = by_path(report, "/half")
    assert half["status"] == 200
    assert half["error"] is None or "browser failed" not in half["error"]


def test_dialogs_are_dismissed_and_the_page_is_checked(report: dict) -> None:
    for path, image in (
        ("/alert", "alert.png"),
        ("/confirm", "confirm.png"),
        ("/beforeunload", "blijf.png"),
    ):
        checked = by_path(report, path)
        assert checked["error"] is None, (path, checked["error"])
        assert image in rules(checked)["image-alt"]["node_details"][0]["html"]


def test_pages_that_navigate_away_are_not_checked_as_foreign_pages(report: dict) -> None:
    for path in ("/away", "/refresh"):
        away = by_path(report, path)
        # The fence (issue 15) cancels the navigation: the page stays as it was and is
        # checked as itself, with the attempt recorded on it; the foreign page never is.
        assert away["error"] is None, (path, away["error"])
        assert away["final_url"].startswith(report["scan"]["start_urls"][0][:-1])
        assert "idesk-blocked-navigation" in str(away["needs_review"]), path
    reload = by_path(report, "/reload")
    assert reload["error"] is None or reload["error"].startswith(("not checked", "timeout"))


def test_popup_windows_are_not_followed(report: dict) -> None:
    popup = by_path(report, "/popup")
    assert popup["error"] is None and "popup.png" in str(rules(popup)["image-alt"])
    assert not [p for p in report["pages"] if p["url"].endswith("/popped")]


def test_huge_dom_and_link_pages_end_within_the_page_timeout(report: dict) -> None:
    for path in ("/dom", "/links"):
        big = by_path(report, path)
        assert big["error"] is None or big["error"].startswith("timeout"), big["error"]


def test_invalid_utf8_and_mixed_encodings_are_checked(report: dict) -> None:
    bad = by_path(report, "/badutf8")
    assert bad["error"] is None and "\ufffd" in bad["title"]
    assert "utf8.png" in str(rules(bad)["image-alt"])
    mixed = by_path(report, "/mixed")
    assert mixed["error"] is None and "café" in mixed["title"]
    assert "mixed.png" in str(rules(mixed)["image-alt"])


def test_ten_thousand_query_urls_end_at_the_variant_cap(report: dict, site: RawSite) -> None:
    asked = {p for p in site.paths() if p.startswith("/agenda?")}
    assert 1 <= len(asked) <= 3
    assert len([p for p in report["pages"] if "/agenda?" in p["url"]]) == len(asked)


def test_links_with_other_schemes_and_hosts_are_never_recorded(report: dict, site: RawSite) -> None:
    urls = [p["url"] for p in report["pages"]] + [d["url"] for d in report["documents"]]
    urls += [p["final_url"] or "" for p in report["pages"]]
    urls += [r for p in report["pages"] for r in p["redirects"]]
    assert all(u.startswith(site.url + "/") for u in urls if u), urls
    assert by_path(report, "/schemes")["error"] is None


def test_session_closes_windows_a_page_opened(site: RawSite, counter: RawSite) -> None:
    session = BrowserSession(TIMEOUT, "AA")
    try:
        session.start()
        session.check(site.url + "/popup")
        assert len(session.driver.window_handles) == 1
        n = site.plain[0][0]
        assert session.check(f"{site.url}/gewoon-{n}").title == f"Gewoon {n}"
    finally:
        session.close()


#: Rounds of the race below: unprotected, about one round in eight let the reloading page
#: take over the next navigation, so twenty rounds catch it nine times in ten.
ROUNDS = 20


def test_a_page_that_keeps_reloading_never_takes_the_next_pages_place(site: RawSite) -> None:
    """A page whose timer reloads it (or sends it on) must not replace the page the
    session loads next: that page would be recorded as checked, with the other's content."""
    n = site.plain[0][0]
    session = BrowserSession(TIMEOUT, "AA")
    outcomes = []
    try:
        for _ in range(ROUNDS):
            try:
                session.check(site.url + "/reload")
                outcomes.append("checked")
            except (PageUnstable, PageTimeout) as exc:
                outcomes.append(type(exc).__name__)
            checked = session.check(f"{site.url}/gewoon-{n}")
            assert checked.final_url == f"{site.url}/gewoon-{n}", outcomes
            assert "image-alt" in {v.rule for v in checked.axe.violations}, outcomes
    finally:
        session.close()


@pytest.mark.parametrize("robots", ["huge", "malformed"])
def test_huge_or_malformed_robots_txt(tmp_path: Path, robots: str) -> None:
    sent: list[int] = []

    def endless_robots(conn, path: str) -> None:
        # 50 MB of comment lines, counting what the socket accepted.
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n")
        conn.sendall(f"Content-Length: {BIG}\r\n\r\n".encode())
        line = b"# " + b"x" * 1021 + b"\n"
        total = 0
        try:
            while total < BIG:
                conn.sendall(line)
                total += len(line)
        finally:
            sent.append(total)

    malformed = (
        b"\xff\xfeUser-agent *\nDisallow /\n<html><body>Not a robots file</body></html>\n"
        b"Crawl-delay: veel\nSitemap:\nUser-agent: inclusiedesk-a11y\nDisallow: /geheim\n"
        + b"Allow: "
        + b"/a" * 5000
        + b"\n"
    )
    routes = {
        "/": send(page("Start", '<a href="/geheim">geheim</a> <img src="/x.png">')),
        "/geheim": send(page("Geheim")),
        "/robots.txt": endless_robots if robots == "huge" else send(malformed, "text/plain"),
    }
    s = RawSite(routes=routes).start()
    try:
        db = tmp_path / "a11y.db"
        config = CrawlConfig(start_urls=(s.url + "/",), workers=1, timeout=TIMEOUT, max_pages=3)
        report = build_report(db, scan(config, db))
    finally:
        s.stop()
    home = by_path(report, "/")
    assert home["error"] is None and "image-alt" in rules(home)
    if robots == "huge":
        # Read up to the cap, then hung up on: far less than the 50 MB offered.
        assert sent and sent[0] < BIG // 2
    else:
        # The one well-formed rule for our agent still holds.
        assert "/geheim" not in s.paths()
