"""The gate: every connection of a scan, the crawler's and the browser's, goes through here.

The network check (:mod:`a11y.crawl.network`) decides which addresses may be contacted,
but a check before a request is not enough on its own: the client (Chromium, or
``requests``) then looks the name up once more and connects to whatever that second
answer says, and Chromium opens some connections that request interception never sees
(WebSocket handshakes). So the scan runs a small SOCKS5 proxy on 127.0.0.1 and points
Chromium (``--proxy-server``) and the crawler's ``requests`` sessions (``socks5h://``)
at it, asking both to leave name resolution to the proxy. For each connection the gate
runs the network check on the name, and then connects to one of the addresses that
check pinned, never to a fresh answer: a name cannot resolve differently a second time.

Why SOCKS5 rather than an HTTP proxy: it carries any TCP connection (HTTP, TLS,
WebSockets) without reading it, so the gate never parses HTTP or sees TLS traffic, and
it costs one extra local hop per *connection*, not per request (keep-alive stays).
"""

from __future__ import annotations

import contextlib
import ipaddress
import select
import socket
import struct
import threading
from collections.abc import Callable

from a11y.crawl.network import Address

#: host -> (one checked address to connect to, None) | (None, why not) | (None, None)
#: when the name does not resolve; :meth:`a11y.crawl.network.NetworkCheck.address_for`.
AddressFor = Callable[[str], tuple[Address | None, str | None]]

#: SOCKS5 reply codes (RFC 1928, section 6).
_SUCCEEDED, _NOT_ALLOWED, _HOST_UNREACHABLE, _REFUSED, _NOT_SUPPORTED = 0, 2, 4, 5, 7
_CHUNK = 64 * 1024


class Gate:
    """A SOCKS5 proxy on 127.0.0.1 that lets a connection through only to a checked address."""

    def __init__(self, address_for: AddressFor, timeout: float = 30.0) -> None:
        self.address_for = address_for
        self.timeout = timeout
        self._server = socket.create_server(("127.0.0.1", 0))
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, name="a11y-gate", daemon=True).start()

    @property
    def port(self) -> int:
        return self._server.getsockname()[1]

    @property
    def url(self) -> str:
        """For ``requests``: ``socks5h`` makes the proxy, not the client, resolve names."""
        return f"socks5h://127.0.0.1:{self.port}"

    @property
    def chromium_args(self) -> tuple[str, ...]:
        """Chromium sends host names to a SOCKS5 proxy unresolved; ``<-loopback>`` removes
        the built-in exception for localhost and 127.0.0.1, which would skip the gate."""
        return (
            f"--proxy-server=socks5://127.0.0.1:{self.port}",
            "--proxy-bypass-list=<-loopback>",
        )

    #: Profile preferences for Chromium: WebRTC may use only proxied connections, so its
    #: STUN requests over UDP (which no TCP proxy carries) are never sent. (Checked: the
    #: command-line switch ``--force-webrtc-ip-handling-policy`` is ignored; the
    #: preference holds.)
    chromium_prefs = {"webrtc.ip_handling_policy": "disable_non_proxied_udp"}

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._server.close()
        with self._lock:
            sockets, self._open = list(self._open), set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def __enter__(self) -> Gate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one connection ------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _track(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._open.update(sockets)

    def _forget(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._open.difference_update(sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _serve(self, client: socket.socket) -> None:
        self._track(client)
        upstream: socket.socket | None = None
        try:
            client.settimeout(self.timeout)
            target = _handshake(client)
            if target is None:
                return
            host, port = target
            upstream = self._connect(client, host, port)
            if upstream is not None:
                self._track(upstream)
                client.settimeout(None)
                _pipe(client, upstream)
        except (OSError, ValueError):
            pass
        finally:
            self._forget(client, *([upstream] if upstream is not None else []))

    def _connect(self, client: socket.socket, host: str, port: int) -> socket.socket | None:
        try:
            address, reason = self.address_for(host)
        except Exception:  # noqa: BLE001 - fail closed: a broken decision refuses
            address, reason = None, "the gate could not decide"
        if address is None:
            _reply(client, _NOT_ALLOWED if reason else _HOST_UNREACHABLE)
            return None
        try:
            upstream = socket.create_connection((str(address), port), timeout=self.timeout)
        except OSError:
            _reply(client, _REFUSED)
            return None
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        upstream.settimeout(None)
        _reply(client, _SUCCEEDED)
        return upstream


def _read(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ValueError("the client closed the connection during the handshake")
        data += chunk
    return data


def _handshake(client: socket.socket) -> tuple[str, int] | None:
    """The SOCKS5 greeting and CONNECT request; (host, port), or None when refused."""
    version, methods = _read(client, 2)
    if version != 5:
        return None
    offered = _read(client, methods)
    if 0 not in offered:  # only "no authentication": the gate listens on loopback only
        client.sendall(b"\x05\xff")
        return None
    client.sendall(b"\x05\x00")
    version, command, _, kind = _read(client, 4)
    if kind == 1:
        host = str(ipaddress.IPv4Address(_read(client, 4)))
    elif kind == 3:
        host = _read(client, _read(client, 1)[0]).decode("idna")
    elif kind == 4:
        host = str(ipaddress.IPv6Address(_read(client, 16)))
    else:
        _reply(client, _NOT_SUPPORTED)
        return None
    (port,) = struct.unpack("!H", _read(client, 2))
    if version != 5 or command != 1:  # CONNECT only: no BIND, no UDP ASSOCIATE
        _reply(client, _NOT_SUPPORTED)
        return None
    return host, port


def _reply(client: socket.socket, code: int) -> None:
    with contextlib.suppress(OSError):
        client.sendall(bytes([5, code, 0, 1, 0, 0, 0, 0, 0, 0]))


def _pipe(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until both sides have finished sending (a half-closed
    connection still carries the other direction, as HTTP/1.0 clients expect)."""
    peers = {a: b, b: a}
    open_ = [a, b]
    while open_:
        readable, _, _ = select.select(open_, [], [])
        for sock in readable:
            data = sock.recv(_CHUNK)
            if data:
                peers[sock].sendall(data)
                continue
            open_.remove(sock)
            with contextlib.suppress(OSError):
                peers[sock].shutdown(socket.SHUT_WR)
