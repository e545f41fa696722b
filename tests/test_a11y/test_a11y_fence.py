"""The fence holds inside the browser (issue 15): a hostile site cannot steer Chromium.

The site on 127.0.0.1 stands for a public site. Counting servers stand for the
internal network: one on 127.0.0.2, one on 127.0.0.3 and one on 127.0.0.1 itself at
another port (reached as ``localhost.`` and as ``vm``, a name /etc/hosts maps to
127.0.0.1). Every way a page makes the browser request something (images, frames,
fetch, XHR, scripts, stylesheets, workers, WebSockets, pop-ups, meta refresh, script
redirects, form submits, a redirect served only to the browser) is aimed at every way
of writing those addresses. The counters must see nothing, and every navigation the
page tried is written on that page's result. The second half runs with
``--allow-private``, so only scope, robots.txt and ``--exclude`` stand in the way.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_sites import RawSite, page, redirect, send

from a11y.cli import main

pytestmark = pytest.mark.browser

#: Address forms of the counters, by name; filled in by the fixture (ports are random).
FORMS = ("mapped", "mapped-hex", "mapped-long", "plain", "trailing-dot", "name")


def _hosts_name() -> str | None:
    """A name (not localhost) that resolves to 127.0.0.1 here, like an intranet name."""
    for name in (socket.gethostname(), "vm", "runsc"):
        try:
            if {i[4][0] for i in socket.getaddrinfo(name, None)} == {"127.0.0.1"}:
                return name
        except OSError:
            continue
    return None


def _counter(host: str) -> RawSite:
    """Answers every path with a page (so a request would succeed) and logs it."""
    site = RawSite(host=host)
    site.routes = {p: send(page("Intern")) for p in ("/", "/x", "/w", "/ws", "/pop", "/nav")}
    return site.start()


@pytest.fixture(scope="module")
def counters() -> dict[str, RawSite]:
    sites = {"2": _counter("127.0.0.2"), "3": _counter("127.0.0.3"), "1": _counter("127.0.0.1")}
    yield sites
    for site in sites.values():
        site.stop()


class _UdpCounter:
    """Counts UDP datagrams (WebRTC's STUN requests) on one address."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.packets: list[tuple[str, int]] = []
        threading.Thread(target=self._receive, daemon=True).start()

    def _receive(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                self.packets.append(self.sock.recvfrom(2048)[1])


@pytest.fixture(scope="module")
def udp(counters: dict[str, RawSite]) -> dict[str, _UdpCounter]:
    """A UDP counter beside each TCP counter, at the same address and port: WebRTC sends
    STUN over UDP, which neither request interception nor a TCP proxy carries."""
    found = {name: _UdpCounter(site.host, site.port) for name, site in counters.items()}
    yield found
    for counter in found.values():
        counter.sock.close()


@pytest.fixture(scope="module")
def bases(counters: dict[str, RawSite]) -> dict[str, str]:
    p3, p1 = counters["3"].port, counters["1"].port
    found = {
        "mapped": f"http://[::ffff:127.0.0.3]:{p3}",
        "mapped-hex": f"http://[::ffff:7f00:3]:{p3}",
        "mapped-long": f"http://[0:0:0:0:0:ffff:127.0.0.3]:{p3}",
        "plain": f"http://127.0.0.2:{counters['2'].port}",
        "trailing-dot": f"http://localhost.:{p1}",
    }
    name = _hosts_name()
    if name:
        found["name"] = f"http://{name}:{p1}"
    return found


def _subresources(base: str) -> str:
    """Everything a page loads without leaving itself, aimed at ``base``."""
    ws = base.replace("http://", "ws://", 1)
    stun = base.replace("http://", "stun:", 1)
    return (
        f'<img src="{base}/x?img" alt="beeld">'
        f'<iframe src="{base}/x?iframe" title="kader"></iframe>'
        f'<link rel="stylesheet" href="{base}/x?css">'
        f'<script src="{base}/x?script"></script>'
        "<script>"
        f"fetch('{base}/x?fetch').catch(() => 0);"
        f"var r = new XMLHttpRequest(); r.open('GET', '{base}/x?xhr'); r.send();"
        f"try {{ new WebSocket('{ws}/ws?page'); }} catch (e) {{}}"
        f"new Worker('/worker.js?base=' + encodeURIComponent('{base}'));"
        f"window.open('{base}/pop?popup');"
        f"var pc = new RTCPeerConnection({{iceServers: [{{urls: '{stun}'}}]}});"
        "pc.createDataChannel('d'); pc.createOffer().then(o => pc.setLocalDescription(o));"
        "</script>"
    )


def _navigations(to: Callable[[str], str]) -> dict[str, str]:
    """Pages that each try to leave for ``to(kind)`` in their own way (kind -> body)."""
    return {
        "meta": f'<p>Meta</p><meta http-equiv="refresh" content="0; url={to("meta")}">',
        "script": f"<p>Script</p><script>location.href = '{to('script')}';</script>",
        "form": (
            f'<form id="f" method="post" action="{to("form")}"><input name="q" value="1"'
            ' aria-label="q"></form><script>document.getElementById("f").submit();</script>'
        ),
        "open": f"<p>Pop-up</p><script>window.open('{to('open')}');</script>",
    }


_WORKER_JS = (
    "const base = new URL(location.href).searchParams.get('base');"
    "fetch(base + '/w?worker-fetch').catch(() => 0);"
    "try { new WebSocket(base.replace('http://', 'ws://') + '/ws?worker'); } catch (e) {}"
)


def _cloak(target: str):
    """A redirect served only to the browser: the crawler's own probe (the first GET)
    gets the page, the browser's GET after it a redirect to ``target``."""
    seen = []

    def handler(conn: socket.socket, path: str) -> None:
        seen.append(path)
        if len(seen) == 1:
            send(page("Gewoon"))(conn, path)
        else:
            redirect(target)(conn, path)

    return handler


@pytest.fixture(scope="module")
def fence_site(bases: dict[str, str]) -> RawSite:
    routes = {
        "/robots.txt": send("User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/worker.js": send(_WORKER_JS, "text/javascript"),
        "/private/": send(page("Verboden")),
        "/logout": send(page("Uitgelogd")),
    }
    links = []
    for form, base in bases.items():
        routes[f"/sub/{form}"] = send(page(f"Sub {form}", _subresources(base)))
        links.append(f"/sub/{form}")
        for kind, body in _navigations(lambda kind, b=base: f"{b}/nav?{kind}").items():
            routes[f"/{kind}/{form}"] = send(page(f"{kind} {form}", body))
            links.append(f"/{kind}/{form}")
        routes[f"/cloak/{form}"] = _cloak(f"{base}/nav?cloak")
        links.append(f"/cloak/{form}")
    site = RawSite(routes=routes).start()
    own = site.url
    # Self-started navigations on the site's own host that scope and robots.txt refuse.
    for name, target in (("robots", f"{own}/private/"), ("leave", f"{own}/logout")):
        for kind, body in _navigations(lambda kind, t=target: t).items():
            routes[f"/{kind}-{name}"] = send(page(f"{kind} {name}", body))
            links.append(f"/{kind}-{name}")
    links_html = "".join(f'<a href="{u}">{u}</a> ' for u in links)
    routes["/"] = send(page("Fence", f"<nav>{links_html}</nav>"))
    routes["/offscope"] = send(
        page("Elders", "", f'<meta http-equiv="refresh" content="0; url={bases["plain"]}/nav">')
    )
    yield site
    site.stop()


def _scan(start: str, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / "r.json"
    argv = ["scan", start, "--db", str(tmp_path / "a.db"), "--json", str(out)]
    argv += ["--html", str(tmp_path / "r.html")]
    argv += ["--workers", "1", "--timeout", "10", "--fail-on", "none", "--checks", "axe"]
    assert main([*argv, *extra]) == 0
    return {p["url"]: p for p in json.loads(out.read_text())["pages"]}


def _records(page: dict, url: str) -> bool:
    """True when the page's result says it tried to go to ``url`` (finding or error),
    as the browser writes it (IPv4-mapped addresses in their short hex form)."""
    for written in ("[::ffff:127.0.0.3]", "[0:0:0:0:0:ffff:127.0.0.3]"):
        url = url.replace(written, "[::ffff:7f00:3]")
    return url in json.dumps(page)


def test_no_browser_request_reaches_an_internal_address(
    fence_site: RawSite,
    counters: dict[str, RawSite],
    udp: dict[str, _UdpCounter],
    bases: dict[str, str],
    tmp_path: Path,
) -> None:
    for counter in counters.values():
        counter.log.clear()
    pages = _scan(fence_site.url + "/", tmp_path, "--exclude", "logout")
    # every request type x every address form: nothing arrives (WebSockets included: the
    # fence cannot see them, the gate refuses their connections; see a11y.crawl.gate)
    assert {name: c.log for name, c in counters.items()} == {"2": [], "3": [], "1": []}
    # nor a STUN request of WebRTC, which goes over UDP (Chromium may use only proxied
    # connections for WebRTC, see a11y.crawl.gate)
    assert {name: c.packets for name, c in udp.items()} == {"2": [], "3": [], "1": []}
    assert len(bases) == len(FORMS), "no host name resolves to 127.0.0.1 here"
    own = fence_site.url
    for form, base in bases.items():
        sub = pages[f"{own}/sub/{form}"]
        assert sub["error"] is None, sub["error"]
        assert _records(sub, f"{base}/x?iframe") and _records(sub, f"{base}/pop?popup")
        # what it tried to load is written on it too (an image or fetch from inside)
        for kind in ("img", "css", "script", "fetch", "xhr"):
            assert _records(sub, f"{base}/x?{kind}"), (kind, form)
        for kind in ("meta", "script", "form", "open", "cloak"):
            tried = pages[f"{own}/{kind}/{form}"]
            assert _records(tried, f"{base}/nav?{kind}"), (kind, form, tried)
            if kind != "cloak":  # the page stayed as it was, and was checked
                assert tried["error"] is None, (kind, form, tried["error"])
    # robots.txt and --exclude hold for navigations the page starts on its own host
    assert not any(p.startswith(("/private/", "/logout")) for p in fence_site.paths())
    for kind in ("meta", "script", "form", "open"):
        assert _records(pages[f"{own}/{kind}-robots"], f"{own}/private/")
        assert _records(pages[f"{own}/{kind}-leave"], f"{own}/logout")
    # the report says so, in the report's language (Dutch by default)
    html = (tmp_path / "r.html").read_text()
    assert f"De pagina probeerde naar {own}/logout te gaan: niet toegestaan" in html
    assert f"De pagina probeerde {bases['plain']}/x?img te laden: niet toegestaan" in html


def test_with_allow_private_scope_still_holds_and_the_counters_count(
    fence_site: RawSite,
    counters: dict[str, RawSite],
    udp: dict[str, _UdpCounter],
    bases: dict[str, str],
    tmp_path: Path,
) -> None:
    """With --allow-private the network check steps aside: subresources from 127.0.0.2
    arrive (so the counters would have seen a leak above), but a page still cannot
    navigate off scope."""
    counters["2"].log.clear()
    own = fence_site.url
    pages = _scan(own + "/offscope", tmp_path, "--allow-private", "--max-depth", "0")
    assert counters["2"].log == []
    assert _records(pages[f"{own}/offscope"], f"{bases['plain']}/nav")
    _scan(own + "/sub/plain", tmp_path, "--allow-private", "--max-depth", "0")
    assert {"/x?img", "/x?fetch", "/w?worker-fetch"} <= set(counters["2"].paths())
    assert udp["2"].packets, "WebRTC's STUN request would have reached the UDP counter"
