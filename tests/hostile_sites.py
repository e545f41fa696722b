"""A raw-socket test server for sites that misbehave in ways http.server cannot.

Routes are functions that write straight to the client socket, so a test site can
stream 50 MB, stop mid-page, never finish, lie about its content type or send bytes
that are not valid UTF-8. Every request line is logged (also by the counting server
that stands for an out-of-scope or internal host), so tests can prove what the
crawler did *not* request.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

Handler = Callable[[socket.socket, str], None]


def _head(status: int, content_type: str, length: int | None, extra: tuple = ()) -> bytes:
    reason = {200: "OK", 301: "Moved", 302: "Found", 404: "Not Found"}.get(status, "X")
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {content_type}", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines.extend(f"{k}: {v}" for k, v in extra)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def send(
    body: bytes | str,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: tuple[tuple[str, str], ...] = (),
) -> Handler:
    """A complete, well-formed response (the body may still be hostile)."""
    data = body.encode() if isinstance(body, str) else body

    def handler(conn: socket.socket, path: str) -> None:
        conn.sendall(_head(status, content_type, len(data), headers) + data)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    return send(b"", status=status, headers=(("Location", location),))


def huge(total: int, content_type: str = "text/html; charset=utf-8") -> Handler:
    """``total`` bytes generated on the fly (an HTML page that never seems to end)."""
    chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"

    def handler(conn: socket.socket, path: str) -> None:
        conn.sendall(_head(200, content_type, total) + b"<!doctype html><title>Groot</title>")
        sent = 0
        while sent < total:
            piece = chunk[: total - sent]
            conn.sendall(piece)
            sent += len(piece)

    return handler


def never_finish(stop: threading.Event) -> Handler:
    """Headers and the start of a page, then silence until the server stops."""

    def handler(conn: socket.socket, path: str) -> None:
        conn.sendall(_head(200, "text/html; charset=utf-8", 100_000))
        conn.sendall(b"<!doctype html><html lang=nl><title>Eindeloos</title><p>begin")
        stop.wait(120)

    return handler


def close_mid_page() -> Handler:
    """Promise 100 kB, send half a page, then drop the connection."""

    def handler(conn: socket.socket, path: str) -> None:
        conn.sendall(_head(200, "text/html; charset=utf-8", 100_000))
        conn.sendall(b'<!doctype html><html lang="nl"><head><title>Half</title></head><body><p>hal')
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)

    return handler


@dataclass
class RawSite:
    """A threaded socket server; ``routes`` maps a path (no query) to a Handler."""

    routes: dict[str, Handler] = field(default_factory=dict)
    host: str = "127.0.0.1"
    log: list[tuple[str, str]] = field(default_factory=list)  # (method, path?query)
    stopped: threading.Event = field(default_factory=threading.Event)
    _sock: socket.socket | None = None

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def paths(self) -> list[str]:
        return [p for _, p in list(self.log)]

    def start(self) -> RawSite:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.host, 0))
        self._sock.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65_536:
                more = conn.recv(4096)
                if not more:
                    return
                data += more
            method, target = (data.split(b"\r\n", 1)[0].decode("latin-1").split(" ") + ["", ""])[:2]
            self.log.append((method, target))
            route = self.routes.get(target.split("?", 1)[0])
            if route is None:
                send("<!doctype html><title>Niet gevonden</title>", status=404)(conn, target)
            elif method == "HEAD":
                send(b"", status=200)(conn, target)
            else:
                route(conn, target)

    def stop(self) -> None:
        self.stopped.set()
        with contextlib.suppress(OSError):
            self._sock.close()


def page(title: str, body: str = "", head: str = "") -> str:
    """A valid page, so only the barriers a test puts in are reported."""
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )
