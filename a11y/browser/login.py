"""The scripted form login of an authenticated scan, run once in the browser before the crawl.

A form login is done the way a visitor does it, in Chromium: open the login page, type
each value into its field, click the submit control and wait for the next page. The
session cookies the site then sets are what the crawl needs; they are read from the
browser and handed to every browser session and to the Python side's requests (see
:func:`a11y.crawl.engine.scan`). Only cookies for the scan's own hosts are taken.

A login that did not work must stop the scan before anything is stored: a scan of the
login page instead of the pages behind it would report the wrong site as checked. So a
missing field, no new page after submitting, the form still there afterwards, or a
missing ``success`` element each raise :class:`LoginError`. Its message names the
selector and the URL, never a typed value.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

from a11y import js
from a11y.browser import cdp
from a11y.crawl.auth import Auth, Login, say

#: Set on the login page before submitting: gone once a new document has loaded.
_MARK_JS = js.load("login_mark")
_LOADED_JS = js.load("login_loaded")


class LoginError(Exception):
    """Raised by :func:`log_in` when the login did not work; the message holds no secret."""


def log_in(session: Any, auth: Auth, hosts: Iterable[str], timeout: float) -> dict[str, str]:
    """Log in with ``auth.login`` in ``session`` (a started BrowserSession); returns the
    cookies (name -> value) the browser then holds for the scan's ``hosts``."""
    login = auth.login
    assert login is not None
    try:
        session.open(login.url)
    except WebDriverException as exc:
        reason = auth.redact(_first_line(exc))
        raise LoginError(say("login_no_page", url=login.url, reason=reason)) from None
    driver = session.driver
    for selector, value in login.fields.items():
        element = _find(driver, selector)
        if element is None:
            raise LoginError(say("login_no_field", selector=selector, url=login.url))
        try:
            element.clear()
            element.send_keys(value)
        except WebDriverException:
            raise LoginError(say("login_no_field", selector=selector, url=login.url)) from None
    submit = _find(driver, login.submit)
    if submit is None:
        raise LoginError(say("login_no_field", selector=login.submit, url=login.url))
    try:
        driver.execute_script(_MARK_JS)
        submit.click()
    except WebDriverException:
        raise LoginError(say("login_no_field", selector=login.submit, url=login.url)) from None
    if not _wait_for_new_page(driver, timeout):
        raise LoginError(say("login_no_navigation", url=login.url))
    _check_logged_in(driver, login)
    cookies = _cookies_for(driver, hosts)
    with contextlib.suppress(WebDriverException):  # the next check navigates anyway
        driver.get("about:blank")
    return cookies


def cookie_params(cookies: dict[str, str], origins: Iterable[str]) -> list[dict[str, Any]]:
    """CDP CookieParams: each cookie once per host of ``origins`` (``scheme://host:port``,
    see :func:`a11y.crawl.auth.origins`), host-only (no Domain attribute), so Chromium sends
    it to that host and no other; Secure when the secrets may go over https only, so it
    never crosses the network in the clear."""
    origins = list(origins)
    secure = not any(o.startswith("http:") for o in origins)
    scheme = "https" if secure else "http"
    netlocs = sorted({urlsplit(o).netloc for o in origins})
    return [
        {
            "name": name,
            "value": value,
            "url": f"{scheme}://{netloc}/",
            "path": "/",
            "secure": secure,
        }
        for netloc in netlocs
        for name, value in cookies.items()
    ]


def _find(driver: Any, selector: str) -> Any | None:
    try:
        found = driver.find_elements(By.CSS_SELECTOR, selector)
    except WebDriverException:  # an invalid selector counts as not found
        return None
    return found[0] if found else None


def _wait_for_new_page(driver: Any, timeout: float) -> bool:
    """True once a new document replaced the login page and finished loading."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if driver.execute_script(_LOADED_JS):
                return True
        except WebDriverException:
            pass  # the old document is unloading
        time.sleep(0.1)
    return False


def _check_logged_in(driver: Any, login: Login) -> None:
    """Raise LoginError when the page after submitting does not look logged in."""
    url = driver.current_url
    if login.success:
        if _find(driver, login.success) is None:
            raise LoginError(say("login_no_success", selector=login.success, url=url))
        return
    same_page = urlsplit(url).path == urlsplit(login.url).path
    if same_page and all(_find(driver, s) is not None for s in login.fields):
        raise LoginError(say("login_still_there", url=url))


def _cookies_for(driver: Any, hosts: Iterable[str]) -> dict[str, str]:
    """The browser's cookies that a page on one of ``hosts`` (``host:port``) would get."""
    names = {urlsplit(f"//{h}").hostname or "" for h in hosts}
    cookies = cdp.cdp(driver, "Network.getAllCookies", {}).get("cookies", [])
    found = {}
    for cookie in cookies:
        domain = str(cookie.get("domain", "")).lstrip(".").lower()
        if any(name == domain or name.endswith(f".{domain}") for name in names):
            found[str(cookie["name"])] = str(cookie.get("value", ""))
    return found


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "msg", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
