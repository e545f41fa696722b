"""Serve the bundled demo website of the (fictional) Gemeente Voorbeeldrecht.

`a11y demo` needs a site with known barriers that works without network access, so a
new user sees a full report at once. The site is plain static files under
``data/demo-site``; this module serves them on 127.0.0.1 only, in a daemon thread so
it ends with the process. ``sitemap.xml`` and ``robots.txt`` need absolute URLs, so
the server fills in ``__BASE_URL__`` with its own address. BARRIERS.md documents the
known barriers and is parsed by `known_barriers` for tests; it is not served.
"""

from __future__ import annotations

import re
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from inclusiedesk.paths import data_file

_TEMPLATED = {"/robots.txt", "/sitemap.xml"}
_HIDDEN = {"/BARRIERS.md"}


def demo_dir() -> Path:
    """The bundled demo site; a clear error when the installation lacks it."""
    return data_file("demo-site", "index.html").parent


class DemoHandler(SimpleHTTPRequestHandler):
    """Static files, quiet, with a site-styled 404 page and templated robots/sitemap."""

    server_version = "VoorbeeldrechtDemo/1.0"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".svg": "image/svg+xml",
        ".pdf": "application/pdf",
        ".xml": "application/xml",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logging; the scan's progress display owns the terminal."""

    def _base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def _send_bytes(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self) -> bool:
        """Handle templated and hidden paths and 404s; False means serve the file as is."""
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path in _TEMPLATED:
            text = (Path(self.directory) / path.lstrip("/")).read_text(encoding="utf-8")
            kind = "text/plain" if path.endswith(".txt") else "application/xml"
            body = text.replace("__BASE_URL__", self._base_url()).encode("utf-8")
            self._send_bytes(HTTPStatus.OK, body, f"{kind}; charset=utf-8")
            return True
        target = Path(self.translate_path(self.path))
        exists = target.is_file() or (target.is_dir() and (target / "index.html").is_file())
        if path in _HIDDEN or not exists:
            body = (Path(self.directory) / "404.html").read_bytes()
            self._send_bytes(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8")
            return True
        return False

    def do_GET(self) -> None:
        if not self._route():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._route():
            super().do_HEAD()


def serve_demo(port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start the demo site on 127.0.0.1 (port 0 = any free port); returns server and URL.

    Call ``server.shutdown()`` to stop it; the thread is a daemon either way.
    """
    handler = partial(DemoHandler, directory=str(demo_dir()))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="a11y-demo-site", daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


_ROW = re.compile(r"^\|\s*`(/[^`]*|\*)`\s*\|\s*`([a-z0-9-]+)`\s*\|")
EVERY_PAGE = "*"


def known_barriers() -> dict[str, set[str]]:
    """Path (or ``*`` for every page) -> axe rule ids BARRIERS.md promises there."""
    found: dict[str, set[str]] = {}
    for line in (demo_dir() / "BARRIERS.md").read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            found.setdefault(match.group(1), set()).add(match.group(2))
    return found


def expected_rules(path: str) -> set[str]:
    """axe rule ids a WCAG A/AA scan must report for this demo page path."""
    barriers = known_barriers()
    return barriers.get(EVERY_PAGE, set()) | barriers.get(path, set())
