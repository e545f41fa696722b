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

from w3lib.url import canonicalize_url

from a11y import settings
from a11y.crawl.network import NetworkCheck

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str, base: str | None = None, drop_tracking: bool = True) -> str | None:
    """Absolute, canonical form of ``url``; None for links a crawler cannot follow.

    The canonical form is w3lib's (percent-encoding normalised, so ``/log%6Fut`` is
    ``/logout`` and a raw ``ë`` is ``%C3%AB``; IDN hosts in punycode; dot segments
    removed; query arguments sorted; fragment dropped), plus what w3lib leaves alone:
    scheme and host case-folded, default ports and tracking parameters dropped, an empty
    path ``/``. One page is one string however it is linked (a sitemap, a page's link,
    a redirect), and ``--include``/``--exclude`` see that one string.
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
    query = parts.query
    if drop_tracking and query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    try:
        canonical = urlsplit(
            canonicalize_url(
                urlunsplit((scheme, parts.netloc, parts.path or "/", query, "")),
                keep_blank_values=True,
            )
        )
        host = (canonical.hostname or "").lower()
    except (ValueError, UnicodeError):
        return None  # a host IDNA cannot encode: no browser could reach it either
    if not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, canonical.path or "/", canonical.query, ""))


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
    #: Host names of the start URLs: the only private addresses allowed without --allow-private.
    own: frozenset[str] = frozenset()
    allow_private: bool = False
    #: The scan's one network check (address rules and pins), shared with the browser fence.
    network: NetworkCheck | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.network is None:
            object.__setattr__(self, "network", NetworkCheck(self.own, self.allow_private))

    @classmethod
    def from_start_urls(
        cls,
        urls: list[str],
        include: list[str] = (),
        exclude: list[str] = (),
        allow_private: bool = False,
    ) -> Scope:
        """Scope of the hosts (with ports) of ``urls``; raises re.error on a bad regex."""
        hosts = frozenset(urlsplit(u).netloc for u in urls)
        return cls(
            hosts=hosts,
            include=tuple(re.compile(p) for p in include),
            exclude=tuple(re.compile(p) for p in exclude),
            own=frozenset(urlsplit(u).hostname or "" for u in urls),
            allow_private=allow_private,
        )

    def allows_host(self, url: str) -> bool:
        """Host check only: for robots.txt and sitemaps, which --include/--exclude don't target.

        A host in scope that is not a start URL's own host (a www twin, a --sitemap host)
        may not be a loopback or private address unless --allow-private: a public site
        must not make the crawler reach an internal service.
        """
        return urlsplit(url).netloc in self.hosts and self.reachable(url)

    def reachable(self, url: str) -> bool:
        """False for a private address that is not a start host, unless --allow-private
        (see :mod:`a11y.crawl.network`)."""
        return self.network.refusal(url) is None

    def allows(self, url: str) -> bool:
        """Host in scope and ``--include``/``--exclude`` matched against the canonical URL,
        so ``--exclude logout`` also holds for ``/log%6Fut`` and ``/a/../logout``."""
        url = normalise(url, drop_tracking=False) or url
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


#: Chromium host-resolver rules that make private and loopback address *literals*
#: unreachable from a crawled page; the start hosts are excluded. Only for a browser on a
#: Selenium Grid, which cannot reach the scan's gate (:mod:`a11y.crawl.gate`): a local
#: Chromium connects only through the gate. Names that resolve to private addresses are
#: not covered by these rules.
_PRIVATE_PATTERNS = (
    "localhost",
    "*.localhost",
    "localhost.",
    "*.localhost.",
    *(f"100.{n}.*" for n in range(64, 128)),
    "[::ffff:*",
    "[::*",
    "[64:ff9b:*",
    "[2002:*",
    "[2001:0:*",
    "[ff*",
    *(f"{n}.*" for n in range(224, 256)),
    "127.*",
    "10.*",
    "192.168.*",
    "169.254.*",
    "0.0.0.0",
    *(f"172.{n}.*" for n in range(16, 32)),
    "[::1]*",
    "[::]*",
    "[fc*",
    "[fd*",
    "[fe8*",
    "[fe9*",
    "[fea*",
    "[feb*",
)


def browser_fence(own_hosts: frozenset[str] | set[str]) -> str:
    """``--host-resolver-rules`` value that fences private addresses except ``own_hosts``."""
    rules = [f"MAP {pattern} ~NOTFOUND" for pattern in _PRIVATE_PATTERNS]
    rules.extend(f"EXCLUDE {host}" for host in sorted(own_hosts) if host)
    return ", ".join(rules)


def read_capped(response: Any, limit: int) -> bytes:
    """At most ``limit`` bytes of a streamed response body, then the connection is closed.

    robots.txt and sitemaps come from sites nobody here controls; reading them whole
    would let one 5 GB file exhaust memory.
    """
    body = bytearray()
    try:
        for chunk in response.iter_content(64 * 1024):
            body.extend(chunk)
            if len(body) >= limit:
                break
    finally:
        response.close()
    return bytes(body[:limit])


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
