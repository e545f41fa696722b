"""The gate (a11y.crawl.gate): a connection goes only to the address the network check
looked at, so a name cannot resolve differently a second time (DNS rebinding).

Real servers on two loopback addresses at the same port, a real gate, and real
``requests`` sessions through it (``socks5h``, as the crawler's own). Only the name
lookup is replaced: a DNS server that answers differently each time is what an
attacker controls, and this machine has none.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator

import pytest
import requests

from a11y.crawl import network
from a11y.crawl.gate import Gate
from a11y.crawl.network import NetworkCheck


class _Logged(http.server.ThreadingHTTPServer):
    def __init__(self, host: str, port: int) -> None:
        self.log: list[str] = []
        super().__init__((host, port), _Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.log.append(self.path)
        body = f"{self.server.server_address[0]}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def servers() -> Iterator[tuple[_Logged, _Logged]]:
    """The site on 127.0.0.1 and an 'internal' server on 127.0.0.3, at the same port."""
    for _ in range(20):
        site = _Logged("127.0.0.1", 0)
        try:
            internal = _Logged("127.0.0.3", site.server_address[1])
            break
        except OSError:
            site.shutdown()
    yield site, internal
    for server in (site, internal):
        server.shutdown()
        server.server_close()


def _through(gate: Gate) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.proxies = {"http": gate.url, "https": gate.url}
    return session


def _rebinding(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> None:
    """The name ``intranet.test`` resolves to the next of ``answers`` at every lookup."""
    real = network.resolve
    queue = list(answers)

    def resolve(host: str) -> frozenset:
        if host == "intranet.test":
            return frozenset([ipaddress.ip_address(queue.pop(0) if len(queue) > 1 else queue[0])])
        return real(host)

    monkeypatch.setattr(network, "resolve", resolve)


def test_an_own_host_stays_on_the_address_of_its_first_lookup(
    servers: tuple[_Logged, _Logged], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start URL's host may be private, but a second lookup that moves it to another
    internal address is not followed: every connection goes to the first address."""
    site, internal = servers
    _rebinding(monkeypatch, ["127.0.0.1", "127.0.0.3"])
    port = site.server_address[1]
    with Gate(NetworkCheck(own=frozenset({"intranet.test"})).address_for) as gate:
        for attempt in range(3):
            with _through(gate) as session:  # a new connection each time
                reply = session.get(f"http://intranet.test:{port}/{attempt}", timeout=5)
                assert reply.text == "127.0.0.1"
    assert site.log == ["/0", "/1", "/2"] and internal.log == []


def test_a_name_that_rebinds_to_an_internal_address_is_refused_at_connect(
    servers: tuple[_Logged, _Logged], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public-looking name (as seen by the check) that answers with an internal address
    at connect time never reaches it, not even once."""
    _, internal = servers
    _rebinding(monkeypatch, ["127.0.0.3"])
    port = internal.server_address[1]
    check = NetworkCheck(own=frozenset({"127.0.0.1"}))
    with (
        Gate(check.address_for) as gate,
        _through(gate) as session,
        pytest.raises(requests.ConnectionError),
    ):
        session.get(f"http://intranet.test:{port}/", timeout=5)
    assert internal.log == []


@pytest.mark.parametrize(
    "host",
    ["127.0.0.3", "::ffff:127.0.0.3", "::ffff:7f00:3", "localhost", "localhost.", "0.0.0.0"],
)
def test_every_form_of_an_internal_address_is_refused(
    servers: tuple[_Logged, _Logged], host: str
) -> None:
    """What a client sends the gate (a name or a literal, IPv4 or IPv6) is checked as sent."""
    _, internal = servers
    port = internal.server_address[1]
    with Gate(NetworkCheck(own=frozenset({"127.0.0.1"})).address_for) as gate:
        assert _socks_connect(gate.port, host, port) == 2  # "connection not allowed"
    assert internal.log == []


def test_the_gate_speaks_only_socks5_connect(servers: tuple[_Logged, _Logged]) -> None:
    """No UDP relay, no BIND: nothing but a checked TCP connection leaves the gate."""
    site, _ = servers
    with Gate(NetworkCheck(own=frozenset({"127.0.0.1"})).address_for) as gate:
        for command in (2, 3):  # BIND, UDP ASSOCIATE
            assert _socks_connect(gate.port, "127.0.0.1", 53, command) == 7
        with socket.create_connection(("127.0.0.1", gate.port), timeout=5) as sock:
            sock.sendall(b"GET / HTTP/1.0\r\n\r\n")  # not SOCKS at all: closed unanswered
            with contextlib.suppress(ConnectionResetError):
                assert sock.recv(64) == b""
        assert _socks_connect(gate.port, "127.0.0.1", site.server_address[1]) == 0
    assert site.log == []  # the successful tunnel above carried no request


def _socks_connect(gate_port: int, host: str, port: int, command: int = 1) -> int:
    """One SOCKS5 request to the gate; the reply code (0: connected, 2: not allowed)."""
    with socket.create_connection(("127.0.0.1", gate_port), timeout=5) as sock:
        sock.sendall(b"\x05\x01\x00")
        assert sock.recv(2) == b"\x05\x00"
        try:
            packed = ipaddress.ip_address(host).packed
            kind = 1 if len(packed) == 4 else 4
            address = packed
        except ValueError:
            kind, address = 3, bytes([len(host)]) + host.encode()
        sock.sendall(bytes([5, command, 0, kind]) + address + port.to_bytes(2, "big"))
        return sock.recv(10)[1]
