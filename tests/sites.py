"""Local HTTP test sites: real servers on 127.0.0.1 with routes for hostile cases.

Every request is logged, so tests can prove what the crawler did *not* request
(out-of-scope hosts, robots-disallowed paths).
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    hang: float = 0.0  # seconds to stall before answering (released on stop)


Route = Callable[[str], Response]


@dataclass
class Site:
    """A threaded HTTP server; ``routes`` maps a path (no query) to a Response or a callable."""

    routes: dict[str, Response | Route] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)  # (method, path?query)
    server: ThreadingHTTPServer | None = None
    released: threading.Event = field(default_factory=threading.Event)
    #: ``headers`` of the request a route is answering (routes get only the path).
    local: threading.local = field(default_factory=threading.local)
    #: (path, User-Agent, Accept) of every request, for who asked and how.
    agents: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        return [p for _, p in list(self.log)]

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, with_body: bool) -> None:
                site.log.append((self.command, self.path))
                site.local.headers = self.headers
                site.agents.append(
                    (self.path, self.headers.get("User-Agent", ""), self.headers.get("Accept", ""))
                )
                path = urlsplit(self.path).path
                route = site.routes.get(path)
                if route is None:
                    response = Response(404, "<!doctype html><title>Not found</title>")
                elif callable(route):
                    response = route(self.path)
                else:
                    response = route
                if response.hang:
                    site.released.wait(response.hang)
                body = response.body.encode() if isinstance(response.body, str) else response.body
                try:
                    self.send_response(response.status)
                    self.send_header("Content-Type", response.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in response.headers:
                        self.send_header(name, value)
                    self.end_headers()
                    if with_body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self) -> None:  # noqa: N802
                self._serve(True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._serve(False)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def page(title: str, body: str, lang: str = "nl", head: str = "") -> Response:
    """A valid HTML page, so only the barriers a test puts in are reported."""
    return Response(
        body=f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head><body><main><h1>{title}</h1>{body}</main>"
        "</body></html>"
    )


def sitemap(urls: list[str], index: bool = False, gz: bool = False) -> Response:
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<{item}><loc>{u}</loc></{item}>" for u in urls)
        + f"</{tag}>"
    ).encode()
    if gz:
        return Response(body=gzip.compress(xml), content_type="application/gzip")
    return Response(body=xml, content_type="application/xml")


def redirect(location: str, status: int = 302) -> Response:
    return Response(status=status, headers=(("Location", location),), body="")
