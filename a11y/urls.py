"""URL normalisation and crawl scope: the duplicate filter and the fence of the crawler.

A page must be visited once however it is linked, and the crawler must never touch
a URL outside scope, so every URL passes through :func:`normalise` and
:meth:`Scope.allows` before anything requests it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from a11y import settings

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str, base: str | None = None, drop_tracking: bool = True) -> str | None:
    """Absolute, canonical form of ``url``; None for links a crawler cannot follow.

    Fragments go (same document), scheme and host are case-folded, default ports and
    tracking parameters dropped, an empty path becomes ``/``.
    """
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = parts.query
    if drop_tracking and query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in settings.TRACKING_PARAMS or lowered.startswith(settings.TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """``scheme://host[:port]`` of a normalised URL: the unit of politeness and robots."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Scope:
    """Which URLs the crawler may request: the start hosts, narrowed by regexes."""

    hosts: frozenset[str]
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_start_urls(
        cls, urls: list[str], include: list[str] = (), exclude: list[str] = ()
    ) -> Scope:
        """Scope of the hosts (with ports) of ``urls``; raises re.error on a bad regex."""
        hosts = frozenset(urlsplit(u).netloc for u in urls)
        return cls(
            hosts=hosts,
            include=tuple(re.compile(p) for p in include),
            exclude=tuple(re.compile(p) for p in exclude),
        )

    def allows_host(self, url: str) -> bool:
        """Host check only: for robots.txt and sitemaps, which --include/--exclude don't target."""
        return urlsplit(url).netloc in self.hosts

    def allows(self, url: str) -> bool:
        if not self.allows_host(url):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


@dataclass
class QueryVariantCap:
    """Counts distinct query strings per path so endless ``?month=N`` links stop."""

    limit: int = settings.MAX_QUERY_VARIANTS
    _seen: dict[str, set[str]] = field(default_factory=dict)

    def admit(self, url: str) -> bool:
        parts = urlsplit(url)
        if not parts.query:
            return True
        key = f"{parts.netloc}{parts.path}"
        variants = self._seen.setdefault(key, set())
        if parts.query in variants:
            return True
        if len(variants) >= self.limit:
            return False
        variants.add(parts.query)
        return True


def looks_like_document(url: str) -> bool:
    """True for links whose extension says PDF, office file etc.: listed, not checked."""
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot:] in settings.DOCUMENT_EXTENSIONS


def get_within_scope(
    session: Any,
    url: str,
    allowed: Callable[[str], bool],
    timeout: float,
    method: str = "GET",
    max_redirects: int = 10,
    stream: bool = False,
) -> tuple[Any, list[str], str | None]:
    """Request ``url`` following redirects only while each target is ``allowed``.

    ``requests`` would follow a redirect to any host; the crawler must not, so every
    hop is checked first. Returns (last response, redirect targets, refusal reason);
    network errors propagate as ``requests`` exceptions.
    """
    chain: list[str] = []
    current = url
    for _ in range(max_redirects + 1):
        response = session.request(
            method, current, timeout=timeout, allow_redirects=False, stream=stream
        )
        location = response.headers.get("Location")
        if not (response.is_redirect and location):
            return response, chain, None
        response.close()
        target = normalise(location, current)
        if target is None or not allowed(target):
            return response, chain, f"redirect to out-of-scope or disallowed URL {location}"
        chain.append(target)
        current = target
    return response, chain, f"more than {max_redirects} redirects"
