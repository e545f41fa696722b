"""Per-session browser set-up through the Chrome DevTools protocol (CDP).

Injecting the 550 KB axe build with ``execute_script`` on every page costs a
WebDriver round trip carrying the whole script each time. Instead the browser is
told once per session to evaluate axe (and a small tracker of pending timers and
requests, so a page's "settled" moment is known instead of guessed) at the start of
every new document, including same-origin frames. Resources that cannot change axe's
verdict (fonts, audio and video, well-known trackers) are blocked.

Works on a local chromedriver and on a Selenium Grid node running Chromium (through
chromedriver's ``goog/cdp/execute`` endpoint, which the Grid forwards). When CDP is
not available the session falls back to injecting per page (:mod:`a11y.browser.axe`).
"""

from __future__ import annotations

from typing import Any

from selenium.common.exceptions import WebDriverException

from a11y import js, settings

#: Counts short timers and in-flight fetch/XHR; ``window.__a11yPending()`` reads it.
#: Timers longer than the settle cap and setInterval are ignored (carousels never end).
TRACKER_JS = js.call_expression(js.load("tracker"), settings.SETTLE_MAX_MS)

_COMMAND = "executeCdpCommand"


def cdp(driver: Any, cmd: str, params: dict[str, Any]) -> Any:
    """Run one CDP command on a local Chrome driver or a Remote (Grid) one."""
    if hasattr(driver, "execute_cdp_cmd"):
        return driver.execute_cdp_cmd(cmd, params)
    executor = driver.command_executor
    if _COMMAND not in getattr(executor, "_commands", {}):
        executor.add_command(_COMMAND, "POST", "/session/$sessionId/goog/cdp/execute")
    return driver.execute(_COMMAND, {"cmd": cmd, "params": params})["value"]


def preload(driver: Any, source: str) -> bool:
    """Have every new document run ``source`` first; False when that cannot be done."""
    try:
        cdp(driver, "Page.addScriptToEvaluateOnNewDocument", {"source": source})
    except (WebDriverException, KeyError, AttributeError):
        return False
    return True


def prepare(driver: Any, axe_source: str) -> bool:
    """Have every new document (frames too) load axe and the tracker; block what
    cannot change axe's results. False when the driver does not speak CDP."""
    if not preload(driver, axe_source + "\n;" + TRACKER_JS):
        return False
    try:
        cdp(driver, "Network.enable", {})
        cdp(driver, "Network.setBlockedURLs", {"urls": list(settings.BLOCKED_URL_PATTERNS)})
    except WebDriverException:
        pass  # blocking is only an optimisation
    return True
