"""Mouse-only controls (WCAG 2.1.1): click handlers on elements the keyboard cannot reach.

A ``<div onclick>`` works for a mouse but never gets keyboard focus, so keyboard and
switch users cannot use it. Handlers added with ``addEventListener`` leave no trace in
the DOM; the DevTools protocol can list them: ``Runtime.evaluate`` with the console's
command-line API offers ``getEventListeners(node)``, so one round trip inspects every
element of the page (tens of milliseconds on a page of 15,000 elements). Without the
DevTools protocol (another browser) only ``onclick`` attributes and properties are seen.

Deliberately not flagged, as they are usually fine: handlers on html, body or the
document (delegation), containers with a link, button or field inside (delegation to
real controls), anything inside a native control or a label, items of a composite
widget that manages focus itself (``aria-activedescendant``, roving tabindex), hidden
elements and page-sized overlays.
"""

from __future__ import annotations

from typing import Any

from selenium.common.exceptions import WebDriverException

from a11y import js
from a11y.browser.cdp import cdp

#: At most this many hits per page: one broken template component repeats a lot.
MAX_HITS = 25

_CLICK_JS = js.load("check_helpers", "check_clickable")
#: The same as one expression for ``Runtime.evaluate``, which takes no arguments.
_CLICK_EXPRESSION = js.call_expression(_CLICK_JS, MAX_HITS)


def check(driver: Any) -> list[list[str]]:
    """Hits of the mouse-only-control rule on the current page."""
    try:
        answer = cdp(
            driver,
            "Runtime.evaluate",
            {"expression": _CLICK_EXPRESSION, "includeCommandLineAPI": True, "returnByValue": True},
        )
    except WebDriverException:
        answer = None
    if answer and "exceptionDetails" not in answer:
        return answer["result"].get("value") or []
    # no DevTools protocol: only onclick attributes and properties are visible
    return driver.execute_script(_CLICK_JS, MAX_HITS)
