"""Politeness towards the sites a scan visits: waits, retries, a cap per host, a stop.

A web team points the checker at its own site, which real visitors use at the same
time. So the Python side never has more than ``settings.MAX_PER_HOST`` requests open to
one host, a "not now" answer (429, 503) is retried after the wait the server asks
(``Retry-After``, capped) or a doubling backoff, and every wait sleeps on one
:class:`threading.Event`, so Ctrl-C ends the scan within a moment, also in the middle
of a long ``Crawl-delay`` or ``Retry-After``.
"""

from __future__ import annotations

import contextlib
import email.utils
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from a11y import settings
from a11y.crawl.auth import Auth
from a11y.i18n import cli_lang, t

Note = Callable[[str], None]


def say(key: str, **fields: object) -> str:
    """A line of the ``polite`` block of messages.toml in the command's language."""
    return t(f"polite.{key}", cli_lang(), **fields)


class Stopped(requests.RequestException):
    """Raised by :class:`PoliteSession` when the scan was stopped during a wait."""


def wait(stop: threading.Event, seconds: float) -> bool:
    """Sleep ``seconds`` unless ``stop`` is set first; True when stopped.

    Sleeps in short steps: on the main thread a signal (Ctrl-C) is then handled at once
    even on platforms where a long lock wait would hold it back.
    """
    end = time.monotonic() + max(0.0, seconds)
    while not stop.is_set():
        left = end - time.monotonic()
        if left <= 0:
            return False
        stop.wait(min(left, settings.WAIT_STEP))
    return True


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), or None
    when it is missing or unreadable. A date in the past asks for 0 seconds."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def retry_wait(attempt: int, header: str | None) -> tuple[float, str]:
    """(seconds to wait before retry ``attempt`` (0-based), why): Retry-After when the
    server gave one, else a doubling backoff; never more than ``settings.MAX_RETRY_WAIT``."""
    asked = retry_after(header)
    if asked is not None:
        if asked > settings.MAX_RETRY_WAIT:
            return settings.MAX_RETRY_WAIT, say("why_retry_after_capped", asked=f"{asked:g}")
        return asked, say("why_retry_after")
    return min(settings.BACKOFF * 2**attempt, settings.MAX_RETRY_WAIT), say("why_backoff")


def capped_crawl_delay(asked: float) -> float:
    """A robots.txt Crawl-delay as honoured: at most ``settings.MAX_CRAWL_DELAY``."""
    return min(max(0.0, asked), settings.MAX_CRAWL_DELAY)


class HostLimit:
    """At most ``limit`` requests open at once per ``host:port``."""

    def __init__(self, stop: threading.Event, limit: int | None = None) -> None:
        self._stop = stop
        self._limit = limit or settings.MAX_PER_HOST
        self._gates: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def hold(self, url: str) -> Iterator[None]:
        netloc = urlsplit(url).netloc
        with self._lock:
            gate = self._gates.setdefault(netloc, threading.BoundedSemaphore(self._limit))
        while not gate.acquire(timeout=settings.WAIT_STEP):
            if self._stop.is_set():
                raise Stopped("scan stopped")
        try:
            yield
        finally:
            gate.release()


class PoliteSession(requests.Session):
    """A requests session that sends our User-Agent, keeps to the per-host limit and
    retries 429 and 503 after the wait the server asked for.

    Every request of the Python side (robots.txt, sitemaps, status probes, documents,
    PDFs) goes through one of these, so none of them can skip the rules.
    """

    def __init__(
        self,
        user_agent: str,
        stop: threading.Event,
        limit: HostLimit,
        note: Note | None = None,
        scan_auth: Auth | None = None,
        origins: Callable[[], Iterable[str]] = frozenset,
    ) -> None:
        super().__init__()
        self.headers["User-Agent"] = user_agent
        self.stop = stop
        self.limit = limit
        self.note = note
        #: An authenticated scan's headers and cookies, for requests to ``origins()`` (the
        #: scan's scope as it is now, see a11y.crawl.auth.origins) only; see :meth:`send`. (Not named
        #: ``auth``: that is requests' own per-request authentication hook.)
        self.scan_auth = scan_auth
        self.origins = origins

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """Every request, redirect hops included, gets the scan's headers and cookies when
        its host is in scope, and loses them when not: requests copies a request's headers
        onto the next hop of a redirect (it re-reads only cookies from the jar, and drops
        only Authorization on a host change)."""
        auth = self.scan_auth
        if auth:
            for name in auth.headers:
                request.headers.pop(name, None)
            extra = auth.headers_for(request.url or "", self.origins())
            cookie = extra.pop("Cookie", None)
            request.headers.update(extra)
            if cookie:
                own = request.headers.get("Cookie")
                request.headers["Cookie"] = f"{own}; {cookie}" if own else cookie
        return super().send(request, **kwargs)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        url = url.decode() if isinstance(url, bytes) else url
        for attempt in range(settings.RETRIES + 1):
            if self.stop.is_set():
                raise Stopped("scan stopped")
            with self.limit.hold(url):
                response = super().request(method, url, *args, **kwargs)
            if response.status_code not in settings.RETRY_STATUSES or attempt == settings.RETRIES:
                return response
            seconds, why = retry_wait(attempt, response.headers.get("Retry-After"))
            response.close()
            if self.note:
                self.note(
                    say(
                        "retry",
                        url=url,
                        status=response.status_code,
                        seconds=f"{seconds:g}",
                        why=why,
                    )
                )
            if wait(self.stop, seconds):
                raise Stopped("scan stopped")
        raise AssertionError("unreachable")  # pragma: no cover - the loop always returns
