"""robots.txt policy: fetched once per in-scope host with requests, obeyed per URL.

Only hosts in scope are ever asked for robots.txt, because the crawler must not
contact anything outside scope. A missing robots.txt allows everything; one that
cannot be fetched (5xx after the retries, timeout) is treated as missing, which is what
most crawlers do.

The rules are read by protego, which follows RFC 9309: ``*`` and ``$`` wildcards, the
longest matching rule wins (``Allow`` on a tie), groups for the same agent merged,
percent-encodings compared decoded. The standard library's parser applies the first
matching rule and knows no wildcards, so it gave wrong answers on ordinary files.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import requests
from protego import Protego

from a11y import settings
from a11y.crawl.urls import get_within_scope, read_capped


class RobotsPolicy:
    """Answers "may I fetch this URL?" and lists the sitemaps robots.txt advertises."""

    def __init__(self, session: requests.Session, timeout: float, obey: bool = True) -> None:
        self._session = session
        self._timeout = timeout
        self._obey = obey
        self._parsers: dict[str, Protego | None] = {}
        self._lock = threading.Lock()

    def _parser(self, host: str) -> Protego | None:
        with self._lock:
            if host in self._parsers:
                return self._parsers[host]
            parser: Protego | None = None
            try:
                # Redirects are followed on the same host only (http -> https, /robots.txt/).
                netloc = urlsplit(host).netloc
                response, _, refused = get_within_scope(
                    self._session,
                    f"{host}/robots.txt",
                    lambda target: urlsplit(target).netloc == netloc,
                    self._timeout,
                    stream=True,
                )
                if refused is None and response.status_code == 200:
                    # Capped: a huge robots.txt must not exhaust memory; bytes that are not
                    # UTF-8 are replaced, and lines the parser does not know are ignored.
                    body = read_capped(response, settings.MAX_ROBOTS_BYTES)
                    parser = Protego.parse(body.decode("utf-8", "replace"))
                else:
                    response.close()
            except requests.RequestException:
                parser = None
            self._parsers[host] = parser
            return parser

    def allowed(self, url: str, host: str) -> bool:
        if not self._obey:
            return True
        parser = self._parser(host)
        return parser is None or parser.can_fetch(url, settings.ROBOTS_AGENT)

    def crawl_delay(self, host: str) -> float:
        """The host's ``Crawl-delay`` for our agent (0 when none or --no-robots)."""
        parser = self._parser(host) if self._obey else None
        delay = parser.crawl_delay(settings.ROBOTS_AGENT) if parser else None
        try:
            return max(0.0, float(delay or 0))
        except (TypeError, ValueError):
            return 0.0

    def sitemaps(self, host: str) -> list[str]:
        """``Sitemap:`` lines of the host's robots.txt (read even with --no-robots)."""
        parser = self._parser(host)
        return list(parser.sitemaps) if parser else []
