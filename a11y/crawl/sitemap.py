"""Sitemap reading: urlsets, sitemap indexes and gzipped files, scope-checked.

Sitemaps list pages links may not reach (search results, old news). Each sitemap
URL is itself checked against the scope before it is fetched.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable

import requests
from bs4 import BeautifulSoup

from a11y import settings
from a11y.crawl.urls import get_within_scope, read_capped
from a11y.i18n import say

#: Nested sitemap indexes deeper than this are ignored (guards against loops).
MAX_INDEX_DEPTH = 3
#: Sitemap files read per scan at most.
MAX_SITEMAPS = 50


class SitemapError(Exception):
    """Raised by :func:`sitemap_urls` when the first sitemap cannot be fetched or parsed."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class NotASitemap(ValueError):
    """Raised by :func:`_parse` when the answer is an HTML page rather than sitemap XML."""


def _html_page(body: bytes) -> str | None:
    """Why ``body`` is no sitemap when it is HTML (a CMS's human sitemap page, a soft
    404), naming its title, read by Beautiful Soup; None for anything else."""
    soup = BeautifulSoup(body[:200_000], "html.parser")
    if soup.find(["html", "body", "head"]) is None:
        return None
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if title:
        return say("start.sitemap_html_title", title=title[:80])
    return say("start.sitemap_html")


def _parse(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) from sitemap XML, gunzipping when needed."""
    if body[:2] == b"\x1f\x8b":
        # Bounded gunzip: a small gzip bomb must not expand to gigabytes in memory.
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        body = inflater.decompress(body, settings.MAX_SITEMAP_BYTES)
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        page = _html_page(body)
        if page:
            raise NotASitemap(page) from None
        raise
    pages: list[str] = []
    nested: list[str] = []
    kind = _local(root.tag)
    for child in root:
        loc = next((e.text for e in child if _local(e.tag) == "loc" and e.text), None)
        if loc is None:
            continue
        (nested if kind == "sitemapindex" else pages).append(loc.strip())
    return pages, nested


def sitemap_urls(
    start: list[str],
    session: requests.Session,
    allowed: Callable[[str], bool],
    timeout: float,
    strict: bool = False,
) -> list[str]:
    """Page URLs from the sitemaps in ``start`` and the indexes they point to.

    ``allowed`` decides (scope and robots) whether a sitemap may be fetched. With
    ``strict`` a failure on a start sitemap raises :class:`SitemapError`, so the CLI
    can refuse to start a scan on a sitemap URL the user mistyped.
    """
    found: list[str] = []
    seen: set[str] = set()
    queue = [(url, 0) for url in start]
    while queue and len(seen) < MAX_SITEMAPS:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        if not allowed(url):
            if strict and depth == 0:
                raise SitemapError(say("start.sitemap_refused", url=url))
            continue
        seen.add(url)
        try:
            response, _, refused = get_within_scope(session, url, allowed, timeout, stream=True)
            if refused:
                response.close()
                raise requests.RequestException(refused)
            if response.status_code >= 400:
                response.close()
            response.raise_for_status()
            pages, nested = _parse(read_capped(response, settings.MAX_SITEMAP_BYTES))
        except (
            requests.RequestException,
            ET.ParseError,
            NotASitemap,
            OSError,
            EOFError,
            zlib.error,
        ) as exc:
            if strict and depth == 0:
                raise SitemapError(say("start.sitemap_unreadable", url=url, error=exc)) from exc
            continue
        found.extend(pages)
        if depth < MAX_INDEX_DEPTH:
            queue.extend((n, depth + 1) for n in nested)
    return found
