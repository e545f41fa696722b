"""Authenticated scans (issue 17): headers, cookies and a form login reach the site's own
hosts and nothing else, the pages behind the login are checked only with it, and no
secret ends up in the database or a report.

Real parts: a local site on 127.0.0.1 with a form login (POST, a session cookie set by
the server), a cookie-protected and a header-protected area, a third-party host on
127.0.0.2 that logs every request's headers, headless Chromium and SQLite in tmp_path.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from a11y.browser.login import cookie_params
from a11y.cli import main
from a11y.crawl import polite
from a11y.crawl.auth import Auth, AuthError, origins
from a11y.crawl.engine import CrawlConfig, StartError, scan
from a11y.store import open_db

HEADER_SECRET = "hdr-Zq81xKe7Lm"
COOKIE_SECRET = "ck-Pw39vNn2Rt"
PASSWORD = "pw-Hy62cBt9Ws"
SESSION = "sess-Jd47fQa5Uy"  # what the site sets after a good login


@dataclass
class Server:
    """A threaded HTTP server on ``host`` logging (method, path, headers) of every request."""

    host: str
    handle: object  # (handler, method, path, body) -> (status, headers, body)
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def start(self) -> Server:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                outer.log.append((method, self.path, dict(self.headers.items())))
                status, headers, text = outer.handle(self, method, self.path, body)
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                if method != "HEAD":
                    self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                self._serve("GET")

            def do_HEAD(self) -> None:  # noqa: N802
                self._serve("HEAD")

            def do_POST(self) -> None:  # noqa: N802
                self._serve("POST")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _page(title: str, body: str = "") -> str:
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


LOGIN_FORM = _page(
    "Inloggen",
    '<form method="post" action="/inloggen"><label>Gebruiker <input id="gebruiker" '
    'name="gebruiker"></label><label>Wachtwoord <input id="wachtwoord" name="wachtwoord" '
    'type="password"></label><button type="submit">Inloggen</button></form>',
)


def _cookies(handler: BaseHTTPRequestHandler) -> dict[str, str]:
    pairs = (p.strip().partition("=") for p in (handler.headers.get("Cookie") or "").split(";"))
    return {name: value for name, _, value in pairs if name}


@pytest.fixture(scope="module")
def third() -> Iterator[Server]:
    s = Server("127.0.0.2", lambda h, m, p, b: (200, (), "/* third party */")).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def site(third: Server) -> Iterator[Server]:
    foreign = (
        f'<img src="{third.url}/pixel.png" alt=""><img src="/omweg.png" alt="">'
        f'<link rel="stylesheet" href="{third.url}/stijl.css">'
    )

    def handle(h: BaseHTTPRequestHandler, method: str, path: str, body: str):
        route = urlsplit(path).path
        logged_in = _cookies(h).get("sessie") == SESSION
        if route == "/":
            links = '<a href="/mijn/">Mijn gemeente</a> <a href="/api/">Koppeling</a>'
            return 200, (), _page("Home", links + foreign)
        if route == "/omweg.png":  # an in-scope subresource that redirects to a third party
            return 302, (("Location", f"{third.url}/na-omweg.png"),), ""
        if route == "/inloggen" and method == "POST":
            form = parse_qs(body)
            if form.get("gebruiker") == ["jan"] and form.get("wachtwoord") == [PASSWORD]:
                return (
                    303,
                    (("Location", "/mijn/"), ("Set-Cookie", f"sessie={SESSION}; Path=/")),
                    "",
                )
            return 200, (), LOGIN_FORM.replace("<form", "<p>Onjuist wachtwoord</p><form")
        if route == "/inloggen":
            return 200, (), LOGIN_FORM
        if route.startswith("/mijn/"):
            if not logged_in:
                return 302, (("Location", "/inloggen"),), ""
            if route == "/mijn/":
                return 200, (), _page("Mijn overzicht", '<a href="/mijn/aanvragen">Aanvragen</a>')
            if route == "/mijn/aanvragen":
                return 200, (), _page("Mijn aanvragen", foreign)
        if route == "/api/":
            if h.headers.get("X-Api-Key") != HEADER_SECRET:
                return 403, (), _page("Geen toegang")
            if _cookies(h).get("voorkeur") != COOKIE_SECRET:
                return 403, (), _page("Geen voorkeur")
            return 200, (), _page("Koppeling", foreign)
        return 404, (), _page("Niet gevonden")

    s = Server("127.0.0.1", handle).start()
    yield s
    s.stop()


ENV = {"API_KEY": HEADER_SECRET, "VOORKEUR": COOKIE_SECRET, "WACHTWOORD": PASSWORD}


def _table(base: str, password: str = "$WACHTWOORD") -> dict:
    """The [auth] table of a11y.toml as tomllib reads it."""
    return {
        "headers": {"X-Api-Key": "$API_KEY"},
        "cookies": {"voorkeur": "${VOORKEUR}"},
        "login": {
            "url": f"{base}/inloggen",
            "fields": {"#gebruiker": "jan", "#wachtwoord": password},
            "submit": "button[type=submit]",
        },
    }


def _config(site: Server, **kw: object) -> CrawlConfig:
    values = {"workers": 1, "max_pages": 10, "delay": 0, "allow_private": True, "checks": "axe"}
    return CrawlConfig(start_urls=(site.url + "/",), **{**values, **kw})


def _checked(db: Path) -> dict[str, str]:
    """final path -> title of every page axe checked."""
    rows = open_db(db).query("select url, final_url, title, checked from pages")
    return {urlsplit(r["final_url"] or r["url"]).path: r["title"] for r in rows if r["checked"]}


def _secret_free(files: list[Path], secrets: list[str]) -> None:
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"{secret} in {path.name}"


def _third_saw_nothing(third: Server) -> None:
    assert third.log, "the third-party host was never asked: the test proves nothing"
    for _, path, headers in third.log:
        lowered = {k.lower(): v for k, v in headers.items()}
        assert "x-api-key" not in lowered, path
        assert "cookie" not in lowered, path
        assert not any(s in str(headers) for s in (HEADER_SECRET, COOKIE_SECRET, SESSION))


# --- the [auth] table and the environment (no browser) ---------------------------------


def test_table_values_come_from_the_environment() -> None:
    auth = Auth.from_table(_table("http://h"), ENV)
    assert auth.headers == {"X-Api-Key": HEADER_SECRET}
    assert auth.cookies == {"voorkeur": COOKIE_SECRET}
    assert auth.login.fields == {"#gebruiker": "jan", "#wachtwoord": PASSWORD}
    assert not any(s in repr(auth) for s in ENV.values())
    # Only a whole "$NAME" is a reference; other text is taken as written.
    assert Auth.from_table({"headers": {"X-A": "pre$API_KEY"}}, ENV).headers["X-A"] == "pre$API_KEY"


def test_environment_only() -> None:
    auth = Auth.from_env({"A11Y_HEADERS": "X-Api-Key: a b\n\nX-Two:c", "A11Y_COOKIES": "a=1; b=2"})
    assert auth.headers == {"X-Api-Key": "a b", "X-Two": "c"}
    assert auth.cookie_header() == "a=1; b=2"
    assert not Auth.from_env({})


@pytest.mark.parametrize(
    ("table", "environ", "named"),
    [
        ({"headers": {"X-Api-Key": "$NOT_SET"}}, {}, "NOT_SET"),
        ({"login": {"url": "http://h/", "fields": {"#p": "${NOPE}"}, "submit": "b"}}, {}, "NOPE"),
        ({"header": {}}, {}, "auth.header"),
        ({"login": {"url": "http://h/", "fields": {"#p": "x"}, "submit": "b", "x": 1}}, {}, "x"),
        ({"login": {"url": "http://h/", "fields": {"#p": "x"}}}, {}, "auth.login.submit"),
        ({"headers": {"Cookie": "$S"}}, {"S": "v"}, "Cookie"),
        ({"headers": {"X-A": "$S"}}, {"S": "v\r\nX-B: w"}, "auth.headers.X-A"),
    ],
)
def test_bad_tables_name_the_key_never_the_value(table, environ, named) -> None:
    with pytest.raises(AuthError) as caught:
        Auth.from_table(table, environ)
    assert named in str(caught.value)
    assert not any(v and v in str(caught.value) for v in environ.values())


def test_missing_or_bad_environment_is_one_line_and_exit_2(monkeypatch, capsys) -> None:
    monkeypatch.setenv("A11Y_HEADERS", f"X-Api-Key {HEADER_SECRET}")
    assert main(["scan", "http://127.0.0.1:9/", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "A11Y_HEADERS line 1" in err and HEADER_SECRET not in err
    monkeypatch.setenv("A11Y_HEADERS", f"X-Api-Key: {HEADER_SECRET}")
    monkeypatch.setenv("A11Y_COOKIES", f"voorkeur {COOKIE_SECRET}")
    assert main(["scan", "http://127.0.0.1:9/", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "A11Y_COOKIES" in err and COOKIE_SECRET not in err


def test_a_config_auth_table_with_a_missing_variable_stops_the_scan(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    (tmp_path / "a11y.toml").write_text('[auth]\nheaders = { X-Api-Key = "$NOT_SET_HERE" }\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NOT_SET_HERE", raising=False)
    assert main(["scan", "http://127.0.0.1:9/", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NOT_SET_HERE" in err


def test_requests_side_sends_only_in_scope_and_not_along_a_redirect(site, third) -> None:
    auth = Auth(headers={"X-Api-Key": HEADER_SECRET}, cookies={"voorkeur": COOKIE_SECRET})
    stop = threading.Event()
    netloc = urlsplit(site.url).netloc
    session = polite.PoliteSession(
        "test", stop, polite.HostLimit(stop), scan_auth=auth, origins=lambda: {f"http://{netloc}"}
    )
    assert session.get(site.url + "/api/", timeout=10).status_code == 200
    third.log.clear()
    # requests itself follows this redirect to the third party, copying the headers.
    response = session.get(site.url + "/omweg.png", timeout=10)
    assert response.status_code == 200 and response.url.startswith(third.url)
    _third_saw_nothing(third)
    assert isinstance(session.get(third.url, timeout=10), requests.Response)
    _third_saw_nothing(third)


# --- in the browser -------------------------------------------------------------------


@pytest.mark.browser
def test_login_scan_checks_the_protected_area_and_keeps_secrets_home(
    site: Server, third: Server, tmp_path: Path, capsys
) -> None:
    db = tmp_path / "a11y.db"
    third.log.clear()
    auth = Auth.from_table(_table(site.url), ENV)
    notes: list[str] = []
    scan_id = scan(_config(site), db, auth=auth, on_note=notes.append)
    checked = _checked(db)
    assert checked["/mijn/aanvragen"] == "Mijn aanvragen"
    assert checked["/mijn/"] == "Mijn overzicht"
    assert checked["/api/"] == "Koppeling"  # header and the configured cookie both arrived
    _third_saw_nothing(third)
    assert any("X-Api-Key" in n for n in notes)
    assert not any(s in n for n in notes for s in [*ENV.values(), SESSION])
    reports = [tmp_path / f"r.{ext}" for ext in ("json", "html", "csv", "xml")]
    argv = ["report", str(scan_id), "--db", str(db), "--json", str(reports[0])]
    argv += ["--html", str(reports[1]), "--csv", str(reports[2]), "--junit", str(reports[3])]
    assert main(argv) in (0, 1)
    out = capsys.readouterr()
    databases = [p for p in tmp_path.iterdir() if p.name.startswith("a11y.db")]
    _secret_free(reports + databases, [*ENV.values(), SESSION])
    assert not any(s in out.out + out.err for s in [*ENV.values(), SESSION])


@pytest.mark.browser
def test_environment_and_config_scan_without_login_does_not_reach_the_login_area(
    site: Server, third: Server, tmp_path: Path, monkeypatch, capsys
) -> None:
    """The header from A11Y_HEADERS, the cookie from the a11y.toml's [auth] table (its
    value from the environment): both reach the site's own host only."""
    db = tmp_path / "a11y.db"
    third.log.clear()
    monkeypatch.setenv("A11Y_HEADERS", f"X-Api-Key: {HEADER_SECRET}")
    monkeypatch.setenv("VOORKEUR_COOKIE", COOKIE_SECRET)
    (tmp_path / "a11y.toml").write_text('[auth]\ncookies = { voorkeur = "$VOORKEUR_COOKIE" }\n')
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "r.json"
    argv = ["scan", site.url + "/", "--db", str(db), "--workers", "1", "--allow-private"]
    assert main([*argv, "--checks", "axe", "--delay", "0", "--json", str(report)]) in (0, 1)
    err = capsys.readouterr().err
    checked = _checked(db)
    assert checked["/api/"] == "Koppeling"
    assert not any(path.startswith("/mijn/") for path in checked)
    assert checked["/inloggen"] == "Inloggen"  # where /mijn/ sent the crawler instead
    _third_saw_nothing(third)
    assert "X-Api-Key" in err and "voorkeur" in err
    databases = [p for p in tmp_path.iterdir() if p.name.startswith("a11y.db")]
    _secret_free([report, *databases], [HEADER_SECRET, COOKIE_SECRET])
    assert HEADER_SECRET not in err and COOKIE_SECRET not in err


@pytest.mark.browser
def test_failed_login_is_one_line_and_stores_nothing(site: Server, tmp_path: Path) -> None:
    db = tmp_path / "a11y.db"
    wrong = Auth.from_table(_table(site.url, password="$WRONG"), {**ENV, "WRONG": "fout-Kq3"})
    table = _table(site.url)
    table["login"]["fields"] = {"#gebruiker": "jan", "#pincode": "$WACHTWOORD"}
    missing = Auth.from_table(table, ENV)
    expected = ("staat het inlogformulier nog op", "het veld #pincode staat niet op")  # Dutch
    for auth, words in zip((wrong, missing), expected, strict=True):
        with pytest.raises(StartError) as caught:
            # Without --allow-private: the login's requests go through the scan's gate.
            scan(_config(site, allow_private=False), db, auth=auth)
        message = str(caught.value)
        assert words in message and "\n" not in message
        assert not any(s in message for s in ("fout-Kq3", PASSWORD))
    assert not db.exists()  # the scan row is written only after a good login


def test_an_https_site_never_sends_its_secrets_over_plain_http() -> None:
    auth = Auth(headers={"X-Api-Key": HEADER_SECRET}, cookies={"s": SESSION})
    allowed = origins({"www.voorbeeldrecht.nl"}, ["https://www.voorbeeldrecht.nl/"])
    assert (
        auth.headers_for("https://www.voorbeeldrecht.nl/mijn", allowed)["Cookie"] == f"s={SESSION}"
    )
    assert auth.headers_for("http://www.voorbeeldrecht.nl/mijn", allowed) == {}
    assert auth.headers_for("https://cdn.voorbeeldrecht.nl/x.js", allowed) == {}
    assert auth.headers_for("https://www.voorbeeldrecht.nl:8443/", allowed) == {}
    (cookie,) = cookie_params({"s": SESSION}, allowed)
    assert cookie["secure"] and cookie["url"] == "https://www.voorbeeldrecht.nl/"
    assert "domain" not in cookie  # host-only: no subdomain gets it
