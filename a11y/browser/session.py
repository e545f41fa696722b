"""Headless Chromium sessions for the crawl: started with safe flags, reused, replaced.

A session is reused across many pages because starting Chromium costs far more than
loading a page. When a session crashes or hangs it is torn down completely (driver,
browser processes, profile folder) and a fresh one takes its place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from urllib3.exceptions import MaxRetryError, ReadTimeoutError
from urllib3.util.retry import Retry

from a11y import js, settings
from a11y.browser import axe, cdp, ibm
from a11y.browser.fence import Blocked, Decide, ExtraHeaders, Fence, FenceError
from a11y.checks import check_error, findings, registry, run_page_checks
from a11y.crawl import page_templates
from a11y.crawl.gate import Gate
from a11y.i18n import say

#: The page's links, its text (the first ``arguments[0]`` characters), title and final URL.
_LINKS_JS = js.load("links")


#: Resolves once the DOM has been quiet, so content that scripts add just after the load
#: event is checked too (the tracker of :mod:`a11y.browser.cdp` makes that moment known).
_SETTLE_JS = js.load("settle")


class BrowserError(Exception):
    """Raised by :class:`BrowserSession` when the browser crashed or stopped answering."""


class PageTimeout(Exception):
    """Raised by :meth:`BrowserSession.check` when a page did not load, or was not checked,
    within the timeout.

    ``partial`` holds what the page showed before axe ran out of time (links, title,
    text), so its links are still followed: a page too big to check must not hide the
    rest of the site.
    """

    def __init__(self, message: str, partial: Rendered | None = None) -> None:
        super().__init__(message)
        self.partial = partial


#: Ends a check: the document may no longer navigate (a page that reloads or redirects
#: itself on a timer would otherwise take over the next page's navigation).
_PIN_JS = js.load("pin")

#: Dialogs would block every driver call; a page is checked as if each was dismissed.
_NO_DIALOGS_JS = js.load("no_dialogs")


#: The HTTP status of the document the browser shows (see js/nav_status.js).
_STATUS_JS = js.load("nav_status")


class PageBusy(Exception):
    """Raised by :meth:`BrowserSession.check` when the browser was answered 429 or 503
    ("not now"): the caller waits and tries again instead of checking an error page."""

    def __init__(self, status: int, url: str = "") -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.url = url


class PageUnstable(Exception):
    """Raised by :meth:`BrowserSession.check` when a page kept navigating or reloading
    itself while it was being checked (the session stays usable)."""


@dataclasses.dataclass(frozen=True)
class Link:
    href: str
    text: str
    in_footer: bool


@dataclasses.dataclass(frozen=True)
class Rendered:
    """What the browser saw of one page after it rendered, and axe's verdict."""

    final_url: str
    title: str
    links: tuple[Link, ...]
    text: str
    axe: axe.AxeRun | None  # None when --sample left this page out
    info: axe.AxeInfo | None
    #: Layout fingerprint and sample reason ("template", "random", "not-checked") with --sample.
    template: str | None = None
    sample: str | None = None
    #: Navigations the page started itself that the fence refused (see a11y.browser.fence).
    blocked: tuple[Blocked, ...] = ()


class BrowserSession:
    """One Chromium + chromedriver pair with its own throw-away profile."""

    def __init__(
        self,
        timeout: float,
        level: str,
        axe_script: str | None = None,
        fence: str | None = None,
        grid: str | None = None,
        checks: str = settings.CHECKS,
        user_agent: str = settings.USER_AGENT,
        decide: Decide | None = None,
        gate: Gate | None = None,
        extra_headers: ExtraHeaders | None = None,
        cookies: list[dict[str, Any]] | None = None,
        lang: str = "en",
        ibm_script: str | None = None,
    ) -> None:
        self.timeout = timeout
        #: The language of axe's texts in this session's results (its own locale).
        self.lang = lang
        #: The same User-Agent as the Python side's requests (product, version, contact).
        self.user_agent = user_agent
        #: Which own checks run after axe: 'axe', 'standard' or 'full' (see settings.CHECKS).
        self.checks = checks
        #: Remote WebDriver URL (Selenium Grid, bare chromedriver --port); None: local.
        self.grid = grid
        self.level = level
        self.axe_script = axe_script or settings.axe_script_path()
        #: IBM's engine (a11y.browser.ibm), run after axe unless checks is 'axe'.
        self.ibm_script = ibm_script or settings.ibm_script_path()
        #: ``--host-resolver-rules`` that keep pages away from private addresses
        #: (see :func:`a11y.crawl.urls.browser_fence`); None with --allow-private.
        self.fence = fence
        #: The crawler's decision for every request the browser makes; with it each session
        #: intercepts its browser's requests (a11y.browser.fence). None: no interception.
        self.decide = decide
        #: The scan's gate (a11y.crawl.gate): a local Chromium connects only through it.
        self.gate = gate
        #: An authenticated scan's headers per request URL (the scan's own hosts only), added
        #: by the fence; and its cookies as CDP CookieParams, each bound to one of those
        #: hosts. Both survive :meth:`restart`, so a replaced browser stays logged in.
        self.extra_headers = extra_headers
        self.cookies = list(cookies or ())
        self._interceptor: Fence | None = None
        self.driver: webdriver.Chrome | None = None
        self._main_window: str | None = None
        self._profile: str | None = None
        self._info: axe.AxeInfo | None = None
        self._preloaded = False
        self._ibm_preloaded = False

    @property
    def driver_pid(self) -> int | None:
        """chromedriver's process id (tests kill it to simulate a crash)."""
        proc = getattr(getattr(self.driver, "service", None), "process", None)
        return proc.pid if proc else None

    def start(self) -> None:
        if self.checks != "axe":
            try:
                ibm.require(self.ibm_script)
            except ibm.EngineMissing as exc:
                raise BrowserError(str(exc)) from exc
        options = webdriver.ChromeOptions()
        if self.grid is None or "A11Y_CHROMIUM" in os.environ:
            # On a Grid the node's stereotype names its own browser binary.
            options.binary_location = settings.chromium_path()
        for arg in settings.CHROMIUM_ARGS:
            options.add_argument(arg)
        if self.grid is None:
            # A remote node makes its own throw-away profile on its own disk.
            self._profile = tempfile.mkdtemp(prefix="a11y-chromium-")
            options.add_argument(f"--user-data-dir={self._profile}")
        options.add_argument(f"--user-agent={self.user_agent}")
        if self.gate is not None and self.grid is None:
            for arg in self.gate.chromium_args:
                options.add_argument(arg)
            options.add_experimental_option("prefs", self.gate.chromium_prefs)
        elif self.fence:
            options.add_argument(f"--host-resolver-rules={self.fence}")
        options.page_load_strategy = "normal"
        # alert(), confirm(), prompt() and beforeunload dialogs are dismissed silently
        # instead of failing every following driver call.
        options.unhandled_prompt_behavior = "dismiss"
        try:
            if self.grid is None:
                service = Service(executable_path=settings.chromedriver_path())
                self.driver = webdriver.Chrome(options=options, service=service)
            else:
                self.driver = webdriver.Remote(command_executor=self.grid, options=options)
        except Exception as exc:  # noqa: BLE001 - WebDriverException, or a Grid not answering
            self.close()
            # the detail is chromedriver's or the Grid's own text, which only they can word
            msg = getattr(exc, "msg", None) or _first_line(exc)
            if self.grid:
                raise BrowserError(say("start.chromium_grid", grid=self.grid, error=msg)) from exc
            raise BrowserError(say("start.chromium", error=msg)) from exc
        self._main_window = self.driver.current_window_handle
        if self.decide is not None and self.grid is None:
            self._intercept()
        self._preloaded = cdp.prepare(self.driver, axe.script_source(self.axe_script, self.lang))
        self._ibm_preloaded = (
            self._preloaded
            and self.checks != "axe"
            and cdp.preload(self.driver, ibm.preload_source(self.ibm_script))
        )
        self._no_dialogs()
        if self.cookies:
            self.set_cookies(self.cookies)
        self.driver.set_page_load_timeout(self.timeout)
        self.driver.set_script_timeout(self.timeout * 2 + settings.FRAME_WAIT_MS / 1000)
        _set_client_timeout(self.driver, self._call_limit)

    def _intercept(self) -> None:
        """Start the fence on this browser; without it no page may load (fail closed)."""
        options = self.driver.capabilities.get("goog:chromeOptions") or {}
        self._interceptor = Fence(self.decide, self.extra_headers)
        try:
            self._interceptor.attach(options["debuggerAddress"])
        except (KeyError, FenceError) as exc:
            self.close()
            raise BrowserError(say("start.fence", error=exc)) from exc

    def open(self, url: str) -> None:
        """Load ``url`` as the session's own navigation, with no check (the login step of
        :mod:`a11y.browser.login`); the fence decides its redirects and what it loads."""
        if self.driver is None:
            self.start()
        if self._interceptor is not None:
            self._interceptor.begin(url)
        self.driver.get(url)

    def set_cookies(self, cookies: list[dict[str, Any]]) -> None:
        """Put these cookies (CDP CookieParams) into this browser and keep them for a restart."""
        self.cookies = list(cookies)
        try:
            cdp.cdp(self.driver, "Network.setCookies", {"cookies": self.cookies})
        except Exception as exc:  # noqa: BLE001 - without its cookies the scan checks the wrong pages
            self.close()
            raise BrowserError(say("start.cookies", error=_first_line(exc))) from exc

    @property
    def _call_limit(self) -> float:
        """Seconds one driver call may take before the session counts as hung."""
        return self.timeout * 3 + settings.DRIVER_CALL_GRACE

    def close(self, graceful: bool = True) -> None:
        """Quit (politely unless the session is broken), then make sure no process or
        profile of this session remains."""
        driver, self.driver = self.driver, None
        interceptor, self._interceptor = self._interceptor, None
        if interceptor is not None:
            interceptor.close()
        if driver is not None:
            if graceful:
                with contextlib.suppress(Exception):
                    driver.quit()
            proc = getattr(getattr(driver, "service", None), "process", None)
            if proc is not None and proc.poll() is None:
                with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                    proc.kill()
                    proc.wait(timeout=10)
        if self._profile:
            _kill_processes_using(self._profile)
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def restart(self) -> None:
        """Replace a crashed or hung session; a hung driver would not answer quit()."""
        self.close(graceful=False)
        self._info = None
        self.start()

    def check(self, url: str, decide: Callable[[str, str], str | None] | None = None) -> Rendered:
        """Load ``url``, wait for it to render, run axe, collect links and text.

        With ``decide`` (--sample, see :class:`a11y.crawl.page_templates.Sampler`) the page's
        layout is fingerprinted first and axe only runs if ``decide(url, template)``
        names a reason.

        Raises :class:`PageTimeout` for slow pages (the session stays usable) and
        :class:`BrowserError` when the session itself is broken.
        """
        if self.driver is None:
            self.start()
        driver = self.driver
        if self._interceptor is not None:
            self._interceptor.begin(url)
        try:
            driver.get(url)
        except TimeoutException as exc:
            partial = self._reset_page(keep_links=True)
            raise PageTimeout(f"page did not load within {self.timeout:g} s", partial) from exc
        except Exception as exc:  # noqa: BLE001 - WebDriverException or a dead connection
            raise BrowserError(_first_line(exc)) from exc
        partial = None
        loaded = time.monotonic()
        try:
            status = driver.execute_script(_STATUS_JS)
            if status in settings.RETRY_STATUSES:
                raise PageBusy(int(status), url)
            driver.execute_async_script(
                _SETTLE_JS,
                settings.SETTLE_QUIET_MS,
                settings.SETTLE_MAX_MS,
                settings.SETTLE_QUIET_TRACKED_MS,
            )
            template = sample = None
            if decide is not None:
                skeleton = driver.execute_script(page_templates.FINGERPRINT_JS)
                template = page_templates.fingerprint(str(skeleton))
                sample = decide(url, template) or "not-checked"
            # Links and text first: they are cheap, and kept if axe runs out of time.
            partial = self._links_and_text(template, sample)
            run = None
            if sample != "not-checked":
                run = axe.run_axe(driver, self.level, self.axe_script, self._preloaded, self.lang)
                if self.checks != "axe":  # our own checks (issue 8), then IBM's engine
                    run = run_page_checks(driver, run, full=self.checks == "full")
                    run = self._second_engine(run)
                if self._info is None:
                    self._info = axe.axe_info(driver, self.level)
            driver.execute_script(_PIN_JS)
        except PageBusy:
            raise
        except Exception as exc:  # noqa: BLE001
            timed_out = isinstance(exc, TimeoutException)
            if timed_out and time.monotonic() - loaded >= self.timeout * 2:
                self._reset_page(busy=True)
                raise PageTimeout(
                    f"axe did not finish within {self.timeout * 2:g} s", partial
                ) from exc
            # chromedriver also ends a running script with 'script timeout' at once when
            # its document unloads, long before the real limit.
            if timed_out or _navigated(exc):
                self._reset_page()
                raise PageUnstable(
                    "the page navigated or reloaded itself during the check"
                ) from exc
            if _client_timeout(exc) and self._driver_answers():
                # The driver is fine but the page's scripts (or axe on a huge page) keep
                # the renderer busy, so not even the script timeout could fire: replace
                # the session rather than retry the page and pay the same wait again.
                self._reset_page(busy=True)
                raise PageTimeout(
                    f"the page kept the browser busy for more than {self._call_limit:g} s",
                    partial,
                ) from exc
            raise BrowserError(_first_line(exc)) from exc
        self._close_other_windows()
        blocked = self._interceptor.take() if self._interceptor is not None else ()
        return dataclasses.replace(
            partial, axe=with_blocked(run, blocked), info=self._info, blocked=blocked
        )

    def _second_engine(self, run: axe.AxeRun) -> axe.AxeRun:
        """IBM's engine merged into ``run``; if it breaks, a needs-review note says so and
        the page keeps axe's and our results (a dead session still fails the next call)."""
        try:
            return ibm.check(self.driver, run, self.level, self.ibm_script, self._ibm_preloaded)
        except Exception as exc:  # noqa: BLE001
            if _navigated(exc) or isinstance(exc, TimeoutException):
                raise
            note = findings([check_error(ibm.ENGINE, exc)])[1]
            return dataclasses.replace(run, incomplete=run.incomplete + note)

    def _close_other_windows(self) -> None:
        """Close windows and tabs the page opened (window.open) and return to the main one."""
        driver = self.driver
        try:
            handles = driver.window_handles
            if handles == [self._main_window]:
                return
            for handle in handles:
                if handle != self._main_window:
                    driver.switch_to.window(handle)
                    driver.close()
            driver.switch_to.window(self._main_window)
        except Exception as exc:  # noqa: BLE001 - the main window itself is gone
            raise BrowserError(f"cannot close the windows a page opened: {exc}") from exc

    def _no_dialogs(self) -> None:
        """Replace alert/confirm/prompt in every new document (CDP, local driver only);
        the 'dismiss' prompt behaviour set in :meth:`start` covers the rest."""
        run = getattr(self.driver, "execute_cdp_cmd", None)
        if run is not None:
            with contextlib.suppress(Exception):
                run("Page.addScriptToEvaluateOnNewDocument", {"source": _NO_DIALOGS_JS})

    def _driver_answers(self) -> bool:
        """A driver that waits on a busy page still answers ``/status`` at once; a hung
        or frozen one does not (then the page deserves a second try on a new session)."""
        base = getattr(_client_config(self.driver), "remote_server_addr", None)
        if not base:
            return False
        try:
            direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with direct.open(base.rstrip("/") + "/status", timeout=3) as reply:
                return reply.status == 200
        except (OSError, ValueError):
            return False

    def _links_and_text(self, template: str | None, sample: str | None) -> Rendered:
        """What the page shows now, without axe's verdict."""
        links, text, title, final_url = self.driver.execute_script(
            _LINKS_JS, settings.MAX_TEXT_CHARS
        )
        return Rendered(
            final_url=final_url,
            title=title,
            links=tuple(Link(str(h), str(t), bool(f)) for h, t, f in links),
            text=text,
            axe=None,
            info=self._info,
            template=template,
            sample=sample,
        )

    def _reset_page(self, busy: bool = False, keep_links: bool = False) -> Rendered | None:
        """Leave a half-loaded page so the next check starts clean; with ``keep_links``
        return what it had shown so far (links, title, text), so its links are followed.

        A renderer still busy in a script (axe on a 100,000-element page, a page's own
        endless work) answers no driver call until it is done. So with ``busy``, or when
        a short reset fails, the session is replaced instead of waited for.
        """
        partial = None
        if not busy:
            _set_client_timeout(self.driver, self.timeout + settings.RESET_GRACE)
            try:
                self.driver.execute_script(_PIN_JS)
                if keep_links:
                    partial = self._links_and_text(None, None)
                self.driver.get("about:blank")
                _set_client_timeout(self.driver, self._call_limit)
                self._close_other_windows()
                return partial
            except Exception:  # noqa: BLE001 - any failure here: replace the session
                pass
        try:
            self.restart()
        except BrowserError as exc:
            raise BrowserError(f"browser stopped answering: {exc}") from exc
        return None


def with_blocked(run: axe.AxeRun | None, blocked: tuple[Blocked, ...]) -> axe.AxeRun | None:
    """``run`` plus a needs-review finding listing the navigations the fence refused and
    one listing the other requests it refused, so the report shows them on the page that
    tried (never silently)."""
    if run is None or not blocked:
        return run
    findings = []
    for rule, navigation, verb in (
        (registry.BLOCKED_NAVIGATION, True, "go to"),
        (registry.BLOCKED_REQUEST, False, "load"),
    ):
        nodes = [
            ("html", b.url, f"The page tried to {verb} {b.url}: not allowed ({b.reason})")
            for b in blocked
            if b.navigation is navigation
        ]
        if nodes:
            findings.append(registry.finding(rule, nodes))
    return dataclasses.replace(run, incomplete=(*run.incomplete, *findings))


def _navigated(exc: BaseException) -> bool:
    """True when a script call failed because the page unloaded (reload, location change)."""
    text = str(getattr(exc, "msg", None) or exc).lower()
    return any(
        s in text
        for s in ("document unloaded", "navigated", "execution context was destroyed", "detached")
    )


def _client_timeout(exc: BaseException) -> bool:
    """True when our side gave up waiting for the driver (see :func:`_set_client_timeout`)."""
    while exc is not None:
        if isinstance(exc, (TimeoutError, ReadTimeoutError)):
            return True
        if isinstance(exc, MaxRetryError) and isinstance(exc.reason, ReadTimeoutError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _first_line(exc: BaseException) -> str:
    msg = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {msg.strip().splitlines()[0] if msg.strip() else ''}"


def _client_config(driver: Any) -> Any | None:
    """Selenium's client settings (timeout, retries, the driver's address).

    Selenium offers no public knob for these on a local driver. If its internals
    move this is None: the defaults (no timeout) are kept and only hang recovery is lost.
    """
    return getattr(driver.command_executor, "_client_config", None)


def _set_client_timeout(driver: Any, seconds: float) -> None:
    """Bound every driver call, so a hung browser surfaces as an error instead of a freeze."""
    config = _client_config(driver)
    if config is None:
        return
    config.timeout = seconds
    # urllib3 retries a GET that timed out (window_handles, current_url) three more
    # times, which would make the bound four times as long: never retry a read.
    config.init_args_for_pool_manager = {
        "init_args_for_pool_manager": {"retries": Retry(total=2, read=0, redirect=0)}
    }
    executor = driver.command_executor
    with contextlib.suppress(AttributeError):
        executor._conn = executor._get_connection_manager()


def _kill_processes_using(marker: str) -> None:
    """SIGKILL this session's leftover browser processes: those whose command line holds
    its unique profile folder (a crashed chromedriver leaves Chromium orphaned)."""
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read()
        except OSError:
            continue
        if marker.encode() in cmdline:
            with contextlib.suppress(OSError):
                os.kill(int(pid), signal.SIGKILL)
