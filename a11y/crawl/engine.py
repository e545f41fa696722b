"""The crawl engine: frontier, limits and the worker pool that checks pages.

Policies live in their own modules (scope and normalisation in :mod:`a11y.crawl.urls`,
robots in :mod:`a11y.crawl.robots`, sitemaps in :mod:`a11y.crawl.sitemap`); this module only
schedules. The main thread owns the frontier and the database writes; worker threads
each borrow a browser session, fetch a page's status with requests (in scope only),
render it in Chromium and run axe.
"""

from __future__ import annotations

import collections
import json
import os
import queue
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import urlsplit

import requests

from a11y import settings
from a11y.browser import ibm
from a11y.browser.login import LoginError, cookie_params, log_in
from a11y.browser.session import (
    BrowserError,
    BrowserSession,
    PageBusy,
    PageTimeout,
    PageUnstable,
    Rendered,
)
from a11y.checks import pdf as pdf_checks
from a11y.crawl import polite, urls
from a11y.crawl.auth import Auth, origins
from a11y.crawl.auth import say as auth_say
from a11y.crawl.gate import Gate
from a11y.crawl.network import Address
from a11y.crawl.page_templates import Sampler
from a11y.crawl.robots import RobotsPolicy
from a11y.crawl.sitemap import sitemap_urls
from a11y.i18n import say
from a11y.progress import Progress
from a11y.store import (
    DocumentResult,
    PageResult,
    ScanFinished,
    ScanNotFound,
    ScanWriter,
    StoredScan,
    open_db,
    stored_scan,
)


class StartError(Exception):
    """Raised by :func:`scan` when a scan cannot start (no browser, unreadable sitemap)."""


class ScanInterrupted(KeyboardInterrupt):
    """Raised by :func:`scan` on Ctrl-C once what was checked is stored; the scan stays
    unfinished, so ``a11y scan --resume scan_id`` continues it."""

    def __init__(self, scan_id: int) -> None:
        super().__init__(scan_id)
        self.scan_id = scan_id


@dataclass(frozen=True)
class CrawlConfig:
    """Everything that shapes one scan; defaults come from :mod:`a11y.settings`."""

    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    max_pages: int = settings.MAX_PAGES
    max_depth: int = settings.MAX_DEPTH
    workers: int = field(default_factory=settings.default_workers)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    obey_robots: bool = True
    level: str = settings.LEVEL
    delay: float = settings.DELAY
    timeout: float = settings.TIMEOUT
    drop_tracking: bool = True
    max_query_variants: int = settings.MAX_QUERY_VARIANTS
    axe_script: str | None = None
    #: Allow loopback/private addresses other than the start URLs' own hosts.
    allow_private: bool = False
    #: Remote WebDriver endpoint (Selenium Grid or a bare chromedriver); None: local.
    grid: str | None = None
    #: Check a per-template sample instead of every page (see :mod:`a11y.crawl.page_templates`).
    sample: bool = False
    #: Own checks beyond axe: 'axe', 'standard' or 'full' (see settings.CHECKS).
    checks: str = settings.CHECKS
    #: Named in the User-Agent so a site's web team can see who crawls them (--contact-url).
    contact_url: str = field(default_factory=settings.contact_url)
    #: The language of axe's and our own rules' texts stored with the findings (--lang).
    lang: str = "nl"


#: Fields a resumed scan may change: they decide how fast, not what is checked.
RESUME_OVERRIDES = ("workers", "grid", "axe_script", "contact_url")


def resume_config(db: object, scan_id: int, **overrides: Any) -> CrawlConfig:
    """The configuration an unfinished scan was started with, for ``--resume``."""
    stored = stored_scan(open_db(db), scan_id).options
    known = {f.name: f for f in fields(CrawlConfig)}
    values = {}
    for name, value in stored.items():
        if name in known and name not in RESUME_OVERRIDES:
            values[name] = tuple(value) if isinstance(value, list) else value
    values.update({k: v for k, v in overrides.items() if k in RESUME_OVERRIDES and v})
    return CrawlConfig(**values)


@dataclass(frozen=True)
class _Task:
    url: str
    depth: int
    found_on: str | None
    document: bool = False


@dataclass(frozen=True)
class _Outcome:
    page: PageResult | None = None
    document: DocumentResult | None = None
    rendered: Rendered | None = None


# --- statement hooks (provided by a11y.statement; optional until it exists) --------------


def _statement_link(page_url: str, links: list[tuple[str, str]]) -> str | None:
    try:
        from a11y.statement import find_statement_link
    except ImportError:
        return None
    return find_statement_link(page_url, links)


def _compliance_status(text: str) -> str | None:
    try:
        from a11y.statement import compliance_status
    except ImportError:
        return None
    return compliance_status(text)


# --- worker side ---------------------------------------------------------------------------


class _Fetcher:
    """Per-thread requests sessions and the status/redirect probe done before rendering."""

    def __init__(
        self,
        config: CrawlConfig,
        scope: urls.Scope,
        robots: RobotsPolicy,
        new_session: Callable[[], requests.Session] = requests.Session,
        stop: threading.Event | None = None,
    ) -> None:
        self.config = config
        self.scope = scope
        self.robots = robots
        self.new_session = new_session
        #: Set on Ctrl-C: every wait of a worker ends at once.
        self.stop = stop or threading.Event()
        self._local = threading.local()
        self._pdf_lock = threading.Lock()
        self._pdfs = 0
        #: --sample: decides per rendered page whether axe runs (see a11y.crawl.page_templates).
        self.decide: Callable[[str, str], str | None] | None = None
        #: Tells the user about waits and retries (a line on stderr in the CLI).
        self.note: polite.Note = lambda text: None

    def session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = self._local.session = self.new_session()
        return s

    def _allowed(self, url: str) -> bool:
        return self.scope.allows(url) and self.robots.allowed(url, urls.host_of(url))

    def browser_refusal(self, url: str, document: bool, top_level: bool) -> str | None:
        """The decision for a request the browser makes (see :mod:`a11y.browser.fence`):
        the same scope, robots.txt, --include/--exclude and network check as our own
        fetches. Subresources and frames may come from other public hosts; a top-level
        navigation (the page's own, a pop-up) only to a page the crawl itself may check."""
        refused = self.scope.network.refusal(url)
        if refused:
            return refused
        in_scope = urlsplit(url).netloc in self.scope.hosts
        if not document or not (top_level or in_scope):
            return None
        target = urls.normalise(url, None, self.config.drop_tracking)
        if target is None or not in_scope:
            return "outside the scan's scope"
        if not self.scope.allows(target):
            return "excluded by --include/--exclude"
        if not self.robots.allowed(target, urls.host_of(target)):
            return "disallowed by robots.txt"
        return None

    def probe(self, url: str) -> tuple[requests.Response | None, list[str], str | None]:
        """GET ``url`` following redirects only inside scope and robots.

        Returns (last response, redirect targets, error). The body is not read: the
        browser loads the page itself.
        """
        try:
            response, chain, refused = urls.get_within_scope(
                self.session(), url, self._allowed, self.config.timeout, stream=True
            )
        except polite.Stopped:
            raise
        except requests.exceptions.SSLError as exc:
            return None, [], f"TLS error: {_short(exc)}"
        except requests.exceptions.Timeout:
            return None, [], f"timeout: no answer within {self.config.timeout:g} s"
        except requests.RequestException as exc:
            return None, [], f"connection failed: {_short(exc)}"
        response.close()
        return response, chain, refused

    def document(self, task: _Task) -> DocumentResult:
        """Size and type of a linked document through HEAD (GET without body as fallback)."""
        try:
            response, _, refused = urls.get_within_scope(
                self.session(), task.url, self._allowed, self.config.timeout, method="HEAD"
            )
            if refused is None and response.status_code in (405, 501):
                response, _, refused = urls.get_within_scope(
                    self.session(), task.url, self._allowed, self.config.timeout, stream=True
                )
                response.close()
        except requests.RequestException as exc:
            return DocumentResult(task.url, None, None, task.found_on, None, _short(exc))
        if refused:
            return DocumentResult(task.url, None, None, task.found_on, None, refused)
        return self._check_pdf(_document_from(task, response))

    def _check_pdf(self, doc: DocumentResult) -> DocumentResult:
        """Our own PDF checks (a11y.checks.pdf) on in-scope PDFs, up to MAX_PDFS per scan."""
        if doc.status != 200 or not pdf_checks.is_pdf(doc.type, doc.url):
            return doc
        with self._pdf_lock:
            if self._pdfs >= pdf_checks.MAX_PDFS:
                return doc
            self._pdfs += 1
        try:
            hits = pdf_checks.fetch_and_check(
                doc.url, self.session(), self._allowed, self.config.timeout
            )
        except Exception as exc:  # noqa: BLE001 - a document check must not cost the listing
            hits = [("idesk-check-error", "needs-review", f"not checked: {_short(exc)}")]
        return replace(doc, checks=json.dumps(hits))


def _document_from(task: _Task, response: requests.Response) -> DocumentResult:
    length = response.headers.get("Content-Length")
    return DocumentResult(
        url=task.url,
        type=(response.headers.get("Content-Type") or "").split(";")[0].strip() or None,
        bytes=int(length) if length and length.isdigit() else None,
        found_on=task.found_on,
        status=response.status_code,
        error=None if response.status_code < 400 else f"HTTP {response.status_code}",
    )


_SSL = re.compile(r"\[SSL: [A-Z_]+\] ([^'\"(]+)")
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


def _short(exc: BaseException) -> str:
    """One readable line: the OS reason ("Connection refused") rather than urllib3's wrapping."""
    text = str(exc).strip()
    reason = _SSL.search(text) or _ERRNO.search(text)
    if reason:
        return reason.group(1).strip()
    lines = text.splitlines()
    return (lines[0] if lines else type(exc).__name__)[:300]


def _check_page(
    fetcher: _Fetcher,
    sessions: queue.Queue,
    claim: Callable[[str], bool],
    task: _Task,
    slot: float,
) -> _Outcome:
    """Probe then render one page; every failure becomes a PageResult with an error.

    ``claim`` reserves a redirect target, so a page reached by two URLs is checked once;
    the redirecting URL is then recorded with its redirects and no check of its own.
    """
    if polite.wait(fetcher.stop, slot - time.monotonic()):
        raise polite.Stopped("scan stopped")
    claimed: set[str] = set()

    def claim_once(url: str) -> bool:
        """A retry must not lose the redirect target the first try reserved."""
        if url in claimed:
            return True
        if claim(url):
            claimed.add(url)
            return True
        return False

    for attempt in range(settings.RETRIES + 1):
        outcome = _probe_and_render(fetcher, sessions, claim_once, task)
        if not isinstance(outcome, PageBusy):
            return outcome
        # The browser got 429/503 where the probe had not: wait, then ask again through
        # the Python side (which honours Retry-After) before the browser loads it again.
        busy = outcome
        seconds, why = polite.retry_wait(attempt, None)
        if attempt < settings.RETRIES:
            fetcher.note(
                polite.say(
                    "retry_browser",
                    url=task.url,
                    status=busy.status,
                    seconds=f"{seconds:g}",
                    why=why,
                )
            )
            if polite.wait(fetcher.stop, seconds):
                raise polite.Stopped("scan stopped")
    base = PageResult(url=task.url, depth=task.depth, status=busy.status, final_url=busy.url)
    return _Outcome(page=replace(base, error=f"HTTP {busy.status}"))


def _probe_and_render(
    fetcher: _Fetcher,
    sessions: queue.Queue,
    claim: Callable[[str], bool],
    task: _Task,
) -> _Outcome | PageBusy:
    """One try at a page: probe its status, then render it; PageBusy when the browser
    was told 429 or 503 (the caller waits and tries again)."""
    response, chain, error = fetcher.probe(task.url)
    base = PageResult(url=task.url, depth=task.depth, redirects=tuple(chain))
    status = response.status_code if response is not None else None
    final = chain[-1] if chain else task.url
    base = replace(base, status=status, final_url=final)
    if error or response is None:
        return _Outcome(page=replace(base, error=error))
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    base = replace(base, content_type=content_type or None)
    if status >= 400:
        return _Outcome(page=replace(base, error=f"HTTP {status}"))
    if content_type and content_type not in ("text/html", "application/xhtml+xml"):
        return _Outcome(
            document=fetcher._check_pdf(_document_from(replace(task, url=final), response))
        )
    length = response.headers.get("Content-Length") or ""
    if length.isdigit() and int(length) > settings.MAX_PAGE_BYTES:
        return _Outcome(
            page=replace(base, error=f"page too large: {int(length):,} bytes, not rendered")
        )
    if chain and not claim(final):
        return _Outcome(page=base)
    session: BrowserSession = sessions.get()
    try:
        rendered = timeout = None
        for attempt in (1, 2):
            try:
                rendered = session.check(final, fetcher.decide)
                break
            except PageTimeout as exc:
                if exc.partial is None:
                    return _Outcome(page=replace(base, error=f"timeout: {exc}"))
                # Not checked, but what it links to is still part of the site.
                rendered, timeout = exc.partial, f"timeout: {exc}"
                break
            except PageUnstable as exc:
                return _Outcome(page=replace(base, error=f"not checked: {exc}"))
            except PageBusy as exc:
                return PageBusy(exc.status, final)
            except BrowserError as exc:
                error = f"browser failed: {exc}"
                try:
                    session.restart()
                except BrowserError as restart_exc:
                    error = f"browser failed: {restart_exc}"
                    break
                if attempt == 2:
                    break
        if rendered is None:
            return _Outcome(page=replace(base, error=error))
    finally:
        sessions.put(session)
    final_url = urls.normalise(rendered.final_url, None, fetcher.config.drop_tracking)
    if final_url != final and not (final_url and fetcher._allowed(final_url)):
        # The page sent the browser elsewhere (script, meta refresh): what axe saw is not
        # this site's page, and links from it must not be followed. The foreign URL is
        # not recorded either, unless the fence refused it (then the page says where).
        tried = "; ".join(
            f"tried to go to {b.url}: not allowed ({b.reason})"
            for b in rendered.blocked
            if b.navigation
        )
        return _Outcome(
            page=replace(
                base,
                error="not checked: the page navigated itself to an out-of-scope URL"
                + (f" ({tried})" if tried else ""),
            )
        )
    page = replace(
        base,
        final_url=final_url,
        title=rendered.title,
        axe=rendered.axe,
        compliance_status=_compliance_status(rendered.text),
        template=rendered.template,
        sample=rendered.sample,
        error=timeout,
    )
    return _Outcome(page=page, rendered=rendered)


class _DaemonPool:
    """Worker threads that never keep the process alive.

    ``ThreadPoolExecutor`` joins its threads when the interpreter exits, so after Ctrl-C
    one worker still waiting for a slow server (up to --timeout) kept the scan running.
    These threads are daemons: the main thread stores what is done and leaves.
    """

    def __init__(self, size: int) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"a11y-{n}", daemon=True) for n in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., _Outcome], *args: Any) -> Future[_Outcome]:
        fut: Future[_Outcome] = Future()
        self._jobs.put((fut, fn, args))
        return fut

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            fut, fn, args = job
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                fut.set_exception(exc)

    def close(self) -> None:
        """Let each thread end after its current job (never waited for)."""
        for _ in self._threads:
            self._jobs.put(None)


# --- main thread ---------------------------------------------------------------------------


class Crawler:
    """One scan: seeds the frontier, dispatches tasks to the pool, stores outcomes."""

    def __init__(
        self,
        config: CrawlConfig,
        writer: ScanWriter,
        on_progress: Callable[[Progress], None] | None = None,
        on_page: Callable[[PageResult], None] | None = None,
        on_note: polite.Note | None = None,
        gate: Gate | None = None,
        auth: Auth | None = None,
    ) -> None:
        self.config = config
        self.writer = writer
        #: An authenticated scan's headers and cookies (sent to the scope's hosts only).
        self.auth = auth
        #: Where the Python side's connections go (a11y.crawl.gate); None: straight out.
        self.gate = gate
        self.on_progress = on_progress
        self.on_page = on_page
        self.note: polite.Note = on_note or (lambda text: None)
        #: Set on Ctrl-C: every wait (crawl delay, Retry-After, the per-host limit) ends.
        self.stop = threading.Event()
        self._limit = polite.HostLimit(self.stop)
        self._capped_hosts: set[str] = set()
        seeds = [urls.normalise(u, None, config.drop_tracking) for u in config.start_urls]
        self.start_urls = [u for u in seeds if u]
        sitemap_hosts = [urls.normalise(u) or u for u in config.sitemaps]
        self.scope = urls.Scope.from_start_urls(
            self.start_urls or sitemap_hosts,
            list(config.include),
            list(config.exclude),
            allow_private=config.allow_private,
        )
        # A --sitemap the user names is in scope like a start URL (pages it lists on its
        # host are checked), but a private address there still needs --allow-private.
        sitemap_netlocs = {urlsplit(u).netloc for u in sitemap_hosts}
        if self.start_urls and sitemap_netlocs - self.scope.hosts:
            self.scope = replace(self.scope, hosts=self.scope.hosts | sitemap_netlocs)
        self.session = self.new_session()
        self.robots = RobotsPolicy(self.session, config.timeout, obey=config.obey_robots)
        self.fetcher = _Fetcher(config, self.scope, self.robots, self.new_session, self.stop)
        self.fetcher.note = self.note
        if config.sample:
            self.fetcher.decide = Sampler().decide
        self.cap = urls.QueryVariantCap(config.max_query_variants)
        self.frontier: collections.deque[_Task] = collections.deque()
        self.seen: set[str] = set()
        self.discovered: set[str] = set()
        self.next_slot: dict[str, float] = {}
        self.dispatched = 0
        self.progress = Progress()
        self.started = time.monotonic()
        self.statement_url: str | None = None
        self.axe_info = None
        self._seen_lock = threading.Lock()
        #: False while seeding: an error before run() means the scan could not start.
        self.started_run = False

    def new_session(self) -> requests.Session:
        """A requests session with our User-Agent, the per-host limit and 429/503 retries."""
        session = polite.PoliteSession(
            settings.user_agent(self.config.contact_url),
            self.stop,
            self._limit,
            self.note,
            scan_auth=self.auth,
            # The scope as it is now (a www twin joins later).
            origins=lambda: origins(self.scope.hosts, self.start_urls or self.config.sitemaps),
        )
        if self.gate is not None:
            session.proxies = {"http": self.gate.url, "https": self.gate.url}
            # An HTTP_PROXY or NO_PROXY in the environment would skip the gate; a custom CA
            # bundle (an intranet's own certificates) still counts.
            session.trust_env = False
            session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or True
        return session

    # frontier --------------------------------------------------------------------------

    def _sitemap_allowed(self, url: str) -> bool:
        return self.scope.allows_host(url) and self.robots.allowed(url, urls.host_of(url))

    def add(self, url: str | None, depth: int, found_on: str | None, force: bool = False) -> None:
        """Queue a normalised URL once, if in scope and within the caps.

        Start URLs are always queued (the user named them; --include/--exclude
        filter what is found from there), but robots.txt still applies to them.
        """
        if url is None:
            return
        if not (self.scope.allows(url) or (depth == 0 and url in self.start_urls)):
            return
        document = urls.looks_like_document(url)
        with self._seen_lock:
            if url in self.seen:
                return
            if not force and (depth > self.config.max_depth or not self.cap.admit(url)):
                return
            self.seen.add(url)
        if not document:
            self.discovered.add(url)
        task = _Task(url, depth, found_on, document)
        if force:
            self.frontier.appendleft(task)
        else:
            self.frontier.append(task)

    def seed(self) -> None:
        """Start URLs, then pages from --sitemap and from sitemaps robots.txt advertises."""
        self._widen_scope_for_www_redirects()
        for url in self.start_urls:
            self.add(url, 0, None)
        advertised = []
        for host in sorted({urls.host_of(u) for u in self.start_urls}):
            advertised.extend(self.robots.sitemaps(host))
        explicit = [u for u in (urls.normalise(s) for s in self.config.sitemaps) if u]
        candidates = [u for u in (urls.normalise(s) for s in advertised) if u]
        for strict, group in ((True, explicit), (False, candidates)):
            for page in sitemap_urls(
                group, self.session, self._sitemap_allowed, self.config.timeout, strict
            ):
                self.add(urls.normalise(page, None, self.config.drop_tracking), 0, None)

    def _widen_scope_for_www_redirects(self) -> None:
        """Accept ``gemeente.nl`` -> ``www.gemeente.nl`` (and back) for the start URLs.

        Sites very often answer their bare start URL with a redirect to the www host;
        without this the whole scan would end at the first redirect. Only that one
        step is allowed: the redirect target must be the start host plus or minus
        ``www.``, so no other host is ever contacted.
        """
        extra: set[str] = set()
        for url in self.start_urls:
            netloc = urlsplit(url).netloc
            twin = netloc[4:] if netloc.startswith("www.") else f"www.{netloc}"
            if not self.robots.allowed(url, urls.host_of(url)):
                continue
            try:
                _, chain, _ = urls.get_within_scope(
                    self.session,
                    url,
                    lambda t, ok=(netloc, twin): (
                        urlsplit(t).netloc in ok and self.scope.reachable(t)
                    ),
                    self.config.timeout,
                    stream=True,
                )
            except requests.RequestException:
                continue  # recorded when the page itself is fetched
            extra.update(urlsplit(t).netloc for t in chain if urlsplit(t).netloc == twin)
        if extra - self.scope.hosts:
            self.scope = replace(self.scope, hosts=self.scope.hosts | extra)
            self.fetcher.scope = self.scope

    def claim(self, url: str) -> bool:
        """Reserve a URL found by following a redirect; False if already visited or queued."""
        with self._seen_lock:
            if url in self.seen:
                return False
            self.seen.add(url)
            return True

    def _slot(self, url: str) -> float:
        """Reserve the next polite moment to contact the URL's host."""
        host = urls.host_of(url)
        slot = max(time.monotonic(), self.next_slot.get(host, 0.0))
        delay = max(self.config.delay, self._crawl_delay(host))
        self.next_slot[host] = slot + delay
        return slot

    def _crawl_delay(self, host: str) -> float:
        """robots.txt's Crawl-delay up to the cap; says once per host when the cap applies."""
        asked = self.robots.crawl_delay(host)
        honoured = polite.capped_crawl_delay(asked)
        if honoured < asked and host not in self._capped_hosts:
            self._capped_hosts.add(host)
            self.note(
                polite.say(
                    "crawl_delay_capped", host=host, asked=f"{asked:g}", honoured=f"{honoured:g}"
                )
            )
        return honoured

    def _next_task(self) -> _Task | None:
        while self.frontier:
            task = self.frontier.popleft()
            if not self.robots.allowed(task.url, urls.host_of(task.url)):
                if task.depth == 0 and task.found_on is None and task.url in self.start_urls:
                    # Say why a start page is missing instead of silently skipping it.
                    self.writer.page(
                        PageResult(url=task.url, depth=0, error="disallowed by robots.txt")
                    )
                    self._update(failed=self.progress.failed + 1)
                continue
            if not task.document:
                # The statement page is checked even past --max-pages: its status is reported.
                if self.dispatched >= self.config.max_pages and task.url != self.statement_url:
                    continue
                self.dispatched += 1
            return task
        return None

    # outcomes --------------------------------------------------------------------------

    def _handle(self, task: _Task, outcome: _Outcome) -> None:
        if outcome.document is not None:
            self.writer.document(outcome.document)
            if not task.document:
                self.dispatched -= 1
                self.discovered.discard(task.url)
            self._update(documents=self.progress.documents + 1)
            return
        page = outcome.page
        with self._seen_lock:
            self.seen.update(page.redirects)
        rendered = outcome.rendered
        if rendered is not None:
            page = replace(page, links=self._links(page, rendered))
        self.writer.page(page)
        if rendered is not None:
            self.axe_info = self.axe_info or rendered.info
            self._follow(page, rendered)
        self._update(
            checked=self.progress.checked + (page.axe is not None),
            failed=self.progress.failed + (page.error is not None),
            violations=self.progress.violations + (len(page.axe.violations) if page.axe else 0),
        )
        if self.on_page:
            self.on_page(page)

    def _links(self, page: PageResult, rendered: Rendered) -> tuple[str, ...]:
        """The page's links, normalised and unique, as stored for --resume."""
        base = page.final_url or page.url
        found = (
            urls.normalise(link.href, base, self.config.drop_tracking) for link in rendered.links
        )
        return tuple(dict.fromkeys(u for u in found if u))

    def restore(self, stored: StoredScan) -> None:
        """Take over the pages an interrupted run stored: never check them again."""
        for p in stored.pages:
            known = {p.url, *p.redirects, *([p.final_url] if p.final_url else [])}
            # A scan stored before URLs were canonical (issue 15) spelled some otherwise.
            known |= {u for u in map(self._canonical, known) if u}
            with self._seen_lock:
                self.seen.update(known)
            self.cap.admit(p.url)
            self.discovered.add(p.url)
            self.dispatched += 1
        with self._seen_lock:
            self.seen.update(stored.documents)
        self.statement_url = stored.statement_url
        self._restored = stored
        self._update(
            checked=sum(p.checked for p in stored.pages),
            failed=sum(p.failed for p in stored.pages),
            violations=sum(p.violations for p in stored.pages),
            documents=len(stored.documents),
        )

    def _canonical(self, url: str) -> str | None:
        return urls.normalise(url, None, self.config.drop_tracking)

    def follow_restored(self) -> None:
        """Queue what the stored pages linked to and the run had not stored yet."""
        stored = getattr(self, "_restored", None)
        if stored is None:
            return
        for p in stored.pages:
            for url in p.links:
                self.add(self._canonical(url), p.depth + 1, p.final_url or p.url)
        if stored.statement_url:
            self.add(stored.statement_url, 1, None, force=True)

    def _follow(self, page: PageResult, rendered: Rendered) -> None:
        base = page.final_url or page.url
        if page.final_url:
            with self._seen_lock:
                self.seen.add(page.final_url)
        links = []
        for link in rendered.links:
            url = urls.normalise(link.href, base, self.config.drop_tracking)
            links.append((url, link))
            self.add(url, page.depth + 1, base)
        if self.statement_url is None:
            candidates = [
                (u, link.text) for u, link in links if u and (page.depth == 0 or link.in_footer)
            ]
            found = _statement_link(base, candidates) if candidates else None
            if found:
                self.statement_url = urls.normalise(found, base, self.config.drop_tracking)
                self.add(self.statement_url, page.depth + 1, base, force=True)
                self.writer.update(statement_url=self.statement_url)  # kept for --resume

    def _update(self, **counts: int) -> None:
        self.progress = replace(
            self.progress,
            discovered=len(self.discovered),
            elapsed=time.monotonic() - self.started,
            **counts,
        )
        if self.on_progress:
            self.on_progress(self.progress)

    # the loop --------------------------------------------------------------------------

    def run(self, sessions: list[BrowserSession]) -> Progress:
        self.started_run = True
        pool: queue.Queue[BrowserSession] = queue.Queue()
        for s in sessions:
            pool.put(s)
        inflight: dict[Future[_Outcome], _Task] = {}
        # Twice as many tasks as browsers: while every browser renders, the next pages
        # are already probed (status, redirects) and documents sized, so no browser
        # waits for the network or for the main thread.
        slots = 2 * len(sessions)
        ex = _DaemonPool(slots)
        try:
            while True:
                while len(inflight) < slots:
                    task = self._next_task()
                    if task is None:
                        break
                    slot = self._slot(task.url)
                    if task.document:
                        fut = ex.submit(self._document, task, slot)
                    else:
                        fut = ex.submit(_check_page, self.fetcher, pool, self.claim, task, slot)
                    inflight[fut] = task
                if not inflight:
                    break
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for fut in done:
                    task = inflight.pop(fut)
                    self._handle(task, self._result(task, fut))
        except BaseException:
            # Ctrl-C: end every wait now; what the workers still bring is not stored
            # (those pages are checked again by --resume).
            self.stop.set()
            raise
        finally:
            ex.close()
        self._update()
        return self.progress

    def _document(self, task: _Task, slot: float) -> _Outcome:
        if polite.wait(self.stop, slot - time.monotonic()):
            raise polite.Stopped("scan stopped")
        return _Outcome(document=self.fetcher.document(task))

    @staticmethod
    def _result(task: _Task, fut: Future[_Outcome]) -> _Outcome:
        """A worker bug must cost one page, not the scan."""
        try:
            return fut.result()
        except Exception as exc:  # noqa: BLE001
            error = f"internal error: {type(exc).__name__}: {_short(exc)}"
            if task.document:
                return _Outcome(
                    document=DocumentResult(task.url, None, None, task.found_on, None, error)
                )
            return _Outcome(page=PageResult(url=task.url, depth=task.depth, error=error))


class _BrowserPolicy:
    """The browsers' fence decision and the gate's network check, bound to the crawler once
    it exists (the browsers start first, so a scan that cannot start a browser stores
    nothing); refuses all before, except during a scripted login (``login_scope``)."""

    fetcher: _Fetcher | None = None
    #: While the login step runs (before the crawler exists): its pages may come from the
    #: start hosts only, through the same network check; robots.txt and --exclude are for
    #: crawling, and the user named the login page.
    login_scope: urls.Scope | None = None
    auth: Auth | None = None
    #: The start URLs: whether the secrets may go over plain http (a11y.crawl.auth.origins).
    starts: tuple[str, ...] = ()

    def decide(self, url: str, document: bool, top_level: bool) -> str | None:
        fetcher = self.fetcher
        if fetcher is None:
            scope = self.login_scope
            if scope is None:
                return "the scan has not started"
            refused = scope.network.refusal(url)
            if refused or not document or urlsplit(url).netloc in scope.hosts:
                return refused
            return "outside the scan's scope"
        return fetcher.browser_refusal(url, document, top_level)

    def address_for(self, host: str) -> tuple[Address | None, str | None]:
        fetcher = self.fetcher
        if fetcher is None:
            if self.login_scope is not None:
                return self.login_scope.network.address_for(host)
            return None, "the scan has not started"
        return fetcher.scope.network.address_for(host)

    def headers(self, url: str) -> dict[str, str]:
        """The extra headers for a browser request to ``url``: only to the scope's hosts
        (cookies are in the browser's own store, bound to those hosts)."""
        scope = self.fetcher.scope if self.fetcher is not None else self.login_scope
        if self.auth is None or scope is None:
            return {}
        return self.auth.headers_for(url, origins(scope.hosts, self.starts), cookies=False)


def _start_scope(config: CrawlConfig) -> tuple[urls.Scope, tuple[str, ...]]:
    """The scope of the start URLs (as :class:`Crawler` builds it) and the start URLs,
    for an authenticated scan's cookies and login."""
    seeds = [urls.normalise(u, None, config.drop_tracking) for u in config.start_urls]
    starts = [u for u in seeds if u] or [urls.normalise(u) or u for u in config.sitemaps]
    return urls.Scope.from_start_urls(starts, allow_private=config.allow_private), tuple(starts)


def _logged_in(
    auth: Auth, sessions: list[BrowserSession], policy: _BrowserPolicy, config: CrawlConfig
) -> Auth:
    """Run the scripted login in the first browser; every browser then holds its cookies,
    and the returned Auth carries them for the Python side. Raises StartError."""
    scope, starts = _start_scope(config)
    login = auth.login
    assert login is not None
    if urlsplit(login.url).netloc not in scope.hosts:
        hosts = ", ".join(sorted(scope.hosts))
        raise StartError(auth_say("login_host", url=login.url, hosts=hosts))
    policy.login_scope = scope
    try:
        cookies = log_in(sessions[0], auth, scope.hosts, config.timeout)
    except LoginError as exc:
        raise StartError(auth.redact(str(exc))) from None
    finally:
        policy.login_scope = None
    auth = auth.with_cookies(cookies)
    for session in sessions:
        session.set_cookies(cookie_params(dict(auth.cookies), origins(scope.hosts, starts)))
    return auth


def scan(
    config: CrawlConfig,
    db: object = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_page: Callable[[PageResult], None] | None = None,
    resume: int | None = None,
    on_note: Callable[[str], None] | None = None,
    auth: Auth | None = None,
) -> int:
    """Crawl and check a site; returns the id of the stored scan.

    ``auth`` (an authenticated scan, :mod:`a11y.crawl.auth`) is kept apart from
    ``config`` on purpose: the config is stored with the scan, the secrets never are.
    Its headers and cookies go to the scope's hosts only; its login runs once in the
    browser before anything is stored, and a failed login is a StartError.

    With ``resume`` the unfinished scan of that id is continued (see
    :func:`resume_config`): its stored pages are kept and not checked again.
    ``on_note`` hears about waits the site asked for (a capped Crawl-delay, retries).

    Raises :class:`StartError` before anything is stored when the browser cannot start
    or an explicit sitemap cannot be read, and :class:`ScanInterrupted` on Ctrl-C once
    the scan is stored as unfinished.
    """
    if not config.start_urls and not config.sitemaps:
        raise StartError(say("start.no_start"))
    if config.checks != "axe":  # the second engine runs in 'standard' and 'full'
        try:
            ibm.require()
        except ibm.EngineMissing as exc:
            raise StartError(str(exc)) from None
    sessions: list[BrowserSession] = []
    interrupted = False
    policy = _BrowserPolicy()
    auth = auth or None
    cookies: list[dict[str, Any]] = []
    if auth is not None:
        if auth.headers and config.grid:
            raise StartError(auth_say("grid_headers"))
        scope, policy.starts = _start_scope(config)
        policy.auth = auth
        allowed = origins(scope.hosts, policy.starts)
        cookies = cookie_params(dict(auth.cookies), allowed)
        if on_note:
            on_note(auth.describe(allowed))
    # Every connection, the crawler's and a local browser's, goes through the gate
    # (a11y.crawl.gate); a browser on a Selenium Grid cannot reach it and gets the
    # host-resolver rules instead. --allow-private has nothing for it to refuse.
    gate = None if config.allow_private else Gate(policy.address_for, config.timeout)
    try:
        own = {urlsplit(u).hostname for u in (config.start_urls or config.sitemaps)}
        fence = None if config.allow_private else urls.browser_fence({h for h in own if h})
        for _ in range(max(1, config.workers)):
            session = BrowserSession(
                config.timeout,
                config.level,
                config.axe_script,
                fence,
                grid=config.grid,
                checks=config.checks,
                user_agent=settings.user_agent(config.contact_url),
                decide=policy.decide,
                gate=gate,
                extra_headers=policy.headers if auth and auth.headers else None,
                cookies=cookies,
                lang=config.lang,
            )
            sessions.append(session)
            session.start()
        if auth is not None and auth.login is not None:
            auth = _logged_in(auth, sessions, policy, config)
            policy.auth = auth
        database = open_db(db)
        if resume is None:
            writer = ScanWriter.start(
                database,
                list(config.start_urls) or list(config.sitemaps),
                config.level,
                {k: v for k, v in config.__dict__.items() if k != "axe_script"},
            )
        else:
            try:
                writer = ScanWriter.reopen(database, resume)
            except ScanFinished as exc:
                raise StartError(say("start.finished", id=resume)) from exc
            except ScanNotFound as exc:
                raise StartError(say("cli.no_scan", id=resume)) from exc
        crawler = Crawler(config, writer, on_progress, on_page, on_note, gate, auth)
        policy.fetcher = crawler.fetcher
        if resume is not None:
            crawler.restore(stored_scan(database, resume))
        try:
            crawler.seed()
            crawler.follow_restored()
            progress = crawler.run(sessions)
        except KeyboardInterrupt as exc:
            # Ctrl-C: keep the totals of what was stored, leave it unfinished for --resume.
            interrupted = True
            crawler.stop.set()
            p = crawler.progress
            writer.update(
                pages_discovered=p.discovered, pages_checked=p.checked, pages_failed=p.failed
            )
            raise ScanInterrupted(writer.scan_id) from exc
        except StartError:
            raise
        except Exception as exc:
            if not crawler.started_run:
                if resume is None:
                    writer.discard()
                raise StartError(str(exc)) from exc
            p = crawler.progress
            writer.update(
                pages_discovered=p.discovered, pages_checked=p.checked, pages_failed=p.failed
            )
            raise
        info = crawler.axe_info
        writer.finish(
            pages_discovered=progress.discovered,
            pages_checked=progress.checked,
            pages_failed=progress.failed,
            axe_version=info.version if info else None,
            covered_criteria=info.covered if info else (),
            statement_url=crawler.statement_url,
        )
        return writer.scan_id
    except BrowserError as exc:
        raise StartError(str(exc)) from exc
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        for session in sessions:
            # After Ctrl-C a driver may still be loading a page for a worker: kill it
            # rather than wait for a polite quit.
            session.close(graceful=not interrupted)
        if gate is not None:
            gate.close()
