"""The browser's fence: every request Chromium makes passes the crawler's own decision.

A crawled page can make the browser request anything: images, frames, ``fetch``,
workers, pop-ups, and navigations it starts itself (script redirects, meta refresh,
form submits, a redirect served only to browsers). So the fence intercepts requests
in the browser itself with the Chrome DevTools Protocol: ``Fetch.enable`` on the
*browser* target (not a page) pauses every request of every page, frame, pop-up and
worker of this Chromium, and the request goes on only when the decision the caller
gives (:data:`Decide`: scheme, scope, robots.txt, ``--include``/``--exclude`` for
documents, the network check of :mod:`a11y.crawl.network`) has no objection.

How we talk to Chromium: Selenium's ``execute_cdp_cmd`` can send commands but never
receives events, and its BiDi/``get_devtools`` route needs trio in every caller. So the
fence opens its own websocket (``websocket-client``, a Selenium dependency) to the
DevTools endpoint chromedriver already started (``goog:chromeOptions.debuggerAddress``)
and reads events on one thread per browser. That works with Debian's chromium and
chromedriver; on a Selenium Grid the endpoint is on the node, so there is no fence
there beyond the host-resolver rules (see :func:`a11y.crawl.urls.browser_fence`).

A refused request fails with ``BlockedByClient``; a refused *navigation* of a page that
already loaded (or of a pop-up or frame) fails with ``Aborted``, which Chromium treats
as cancelled, so the page stays as it was instead of showing an error page. Each
refused navigation is kept (:meth:`Fence.take`) so the page's result can say so.

An authenticated scan's extra headers (:mod:`a11y.crawl.auth`) are added here too, to
each request the decision lets through whose host is one of the scan's own: a page's
images and scripts from a third-party host never get them, and a redirect hop, which
pauses again, gets them only when it stays on the scan's hosts.

What Fetch does not see: WebSocket handshakes (checked: they never pause, and
``Network.setBlockedURLs`` does not stop them either). They, like every other
connection of a local Chromium, go through the scan's gate (:mod:`a11y.crawl.gate`),
which runs the network check at connect time and connects only to the address it
checked. So the fence decides *what* is requested (scope, robots.txt, --exclude) and
the gate *where* a connection may go; neither alone is the whole fence.
"""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import websocket

from a11y.i18n import say

#: (url, is a document, is a top-level navigation) -> why it is refused, or None.
Decide = Callable[[str, bool, bool], str | None]

#: url -> headers to add to that request (a scan's own hosts only, see a11y.crawl.auth).
ExtraHeaders = Callable[[str], dict[str, str]]

#: Schemes the fence lets through without a decision: they never leave the browser.
_LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome-error"})


@dataclass(frozen=True)
class Blocked:
    """A request the fence refused: what the page tried to reach, and why not.

    ``navigation`` says whether the page tried to *go* there (a document: its own
    navigation, a frame, a pop-up) or to *load* something from there (an image, a
    script, ``fetch``): both are written on the page, so a public page that points at
    an internal address shows it instead of quietly losing an image.
    """

    url: str
    reason: str
    navigation: bool = True


class FenceError(Exception):
    """Raised by :meth:`Fence.attach` when the DevTools endpoint cannot be reached."""


class Fence:
    """Request interception for one Chromium, with the refused navigations per page."""

    def __init__(self, decide: Decide, headers: ExtraHeaders | None = None) -> None:
        self._decide = decide
        #: Extra headers for an allowed request (an authenticated scan); None: none.
        self._headers = headers
        self._ws: websocket.WebSocket | None = None
        self._lock = threading.Lock()
        self._pages: set[str] = set()
        self._blocked: list[Blocked] = []
        self._expected: str | None = None
        self._own_request: str | None = None
        self._next_id = 0

    def attach(self, debugger_address: str) -> None:
        """Connect to the browser target and pause every request from now on."""
        try:
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(f"http://{debugger_address}/json/version", timeout=10) as reply:
                endpoint = json.load(reply)["webSocketDebuggerUrl"]
            self._ws = websocket.create_connection(endpoint, suppress_origin=True, timeout=10)
            self._ws.settimeout(None)
        except Exception as exc:  # noqa: BLE001 - OSError, websocket errors, bad JSON
            raise FenceError(say("start.devtools", error=exc)) from exc
        self._send("Target.setDiscoverTargets", {"discover": True})
        patterns = [{"urlPattern": "*", "requestStage": "Request"}]
        self._send("Fetch.enable", {"patterns": patterns})
        threading.Thread(target=self._read, name="a11y-fence", daemon=True).start()

    def begin(self, url: str) -> None:
        """A new page: ``url`` is the session's own navigation; forget earlier refusals."""
        with self._lock:
            self._expected = url
            self._own_request = None
            self._blocked = []

    def take(self) -> tuple[Blocked, ...]:
        """The requests refused since :meth:`begin`, each once."""
        with self._lock:
            blocked, self._blocked = tuple(dict.fromkeys(self._blocked)), []
            return blocked

    def close(self) -> None:
        ws, self._ws = self._ws, None
        if ws is not None:
            with contextlib.suppress(Exception):
                ws.close()

    # --- the reader thread ---------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any]) -> None:
        ws = self._ws
        if ws is None:
            return
        with self._lock:
            self._next_id += 1
            message = json.dumps({"id": self._next_id, "method": method, "params": params})
        with contextlib.suppress(Exception):
            ws.send(message)

    def _read(self) -> None:
        while (ws := self._ws) is not None:
            try:
                message = json.loads(ws.recv())
            except Exception:  # noqa: BLE001 - the browser went away: the session ends
                return
            method = message.get("method")
            params = message.get("params") or {}
            if method == "Fetch.requestPaused":
                self._paused(params)
            elif method in ("Target.targetCreated", "Target.targetInfoChanged"):
                info = params.get("targetInfo") or {}
                if info.get("type") == "page":
                    self._pages.add(info.get("targetId", ""))

    def _paused(self, params: dict[str, Any]) -> None:
        request_id = params["requestId"]
        request = params.get("request") or {}
        url = request.get("url", "")
        document = params.get("resourceType") == "Document"
        top_level = document and params.get("frameId") in self._pages
        #: The session's own navigation passes (the crawler decided it); its redirects are
        #: decided like any other request.
        trusted = ours = False
        if top_level:
            with self._lock:
                if self._own_request == request_id:
                    ours = True
                elif self._expected is not None and _same(url, self._expected):
                    self._own_request, self._expected, trusted = request_id, None, True
        try:
            reason = None if trusted else self._refusal(url, document, top_level)
        except Exception as exc:  # noqa: BLE001 - fail closed: a broken decision refuses
            reason = f"the fence could not decide: {type(exc).__name__}"
        if reason is None:
            self._continue(request_id, url, request.get("headers") or {})
            return
        # Our own navigation (a redirect of it) fails visibly; a navigation the page
        # started itself is cancelled, so the page stays as it was.
        error = "BlockedByClient" if ours or not document else "Aborted"
        self._send("Fetch.failRequest", {"requestId": request_id, "errorReason": error})
        with self._lock:
            self._blocked.append(Blocked(url, reason, navigation=document))

    def _continue(self, request_id: str, url: str, headers: dict[str, str]) -> None:
        """Let the request go on, with the scan's extra headers when its host is one of
        the scan's own. ``headers`` replaces all of the request's headers, so the ones it
        had are kept; each redirect hop pauses again and is decided by its own URL."""
        params: dict[str, Any] = {"requestId": request_id}
        try:
            extra = self._headers(url) if self._headers is not None else {}
        except Exception:  # noqa: BLE001 - in doubt, send nothing extra
            extra = {}
        if extra:
            replaced = {name.lower() for name in extra}
            kept = {k: v for k, v in headers.items() if k.lower() not in replaced}
            params["headers"] = [
                {"name": name, "value": value} for name, value in {**kept, **extra}.items()
            ]
        self._send("Fetch.continueRequest", params)

    def _refusal(self, url: str, document: bool, top_level: bool) -> str | None:
        scheme = url.split(":", 1)[0].lower()
        if scheme in _LOCAL_SCHEMES:
            return None
        if scheme not in ("http", "https"):
            return f"scheme {scheme}: is not crawled"
        return self._decide(url, document, top_level)


def _same(url: str, expected: str) -> bool:
    """True when the browser's request URL is the URL the session navigated to."""
    try:
        a, b = urlsplit(url), urlsplit(expected)
        return _key(a) == _key(b)
    except ValueError:
        return False


def _key(parts: Any) -> tuple[str, str | None, int | None, str, str]:
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.scheme, parts.hostname, parts.port or default, parts.path or "/", parts.query)
