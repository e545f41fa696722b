"""Keyboard checks with real Tab presses: visible focus (2.4.7), focus traps (2.1.2)
and a focus order that jumps against the visual order (2.4.3).

Runs last: it moves focus and scrolls; at the end focus is released and the page is
scrolled back to the top. All three share one walk through the tab order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from a11y import js

#: Tab presses per page, and how many of the reached elements get the screenshot test.
MAX_TABS = 40
MAX_FOCUS_SHOTS = 10
#: Pixels around an element where a focus indicator is looked for.
MARGIN = 8
#: Steps against the reading order (up, or left on the same line) before the focus
#: order is worth a look: one or two are normal (a sidebar after the main text).
MIN_BACKWARD_STEPS = 3
#: Pixels of overlap or rounding that do not count as a step back.
SLACK = 2


@dataclass(frozen=True)
class Stop:
    """Where a Tab stop was, in document pixels (x mirrored on right-to-left pages)."""

    target: str
    html: str
    x: float
    y: float
    w: float
    h: float


def backward(a: Stop, b: Stop) -> bool:
    """True when moving focus from ``a`` to ``b`` goes against the reading order:
    up into the same or an earlier column, or leftwards on the same line. Up into a
    column further right is how columns are read, so it is not a step back."""
    if b.y + b.h <= a.y + SLACK:
        return b.x < a.x + a.w - SLACK
    same_line = b.y < a.y + a.h and b.y + b.h > a.y
    return same_line and b.x + b.w <= a.x + SLACK


def focus_order(stops: list[Stop]) -> list[str] | None:
    """A needs-review hit when Tab goes against the visual order several times."""
    back = [b for a, b in pairwise(stops) if backward(a, b)]
    if len(back) < MIN_BACKWARD_STEPS:
        return None
    return [
        "idesk-focus-order",
        "needs-review",
        back[0].target,
        back[0].html,
        f"Tab moves focus back up or leftwards {len(back)} times in the first {len(stops)} "
        "stops, here for the first time; check that the focus order follows the visual order.",
    ]


_ACTIVE_JS = js.load("check_helpers", "check_keyboard_active")


def _shot(driver: Any, clip: dict[str, float] | None) -> str:
    params: dict[str, Any] = {"format": "png", "captureBeyondViewport": False}
    if clip:
        params["clip"] = {**clip, "scale": 1}
    return driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]


#: Milliseconds to let focus handlers (which may refocus after a timeout) run after a key.
SETTLE_MS = 50


def _press(driver: Any, shift: bool = False) -> None:
    """A trusted Tab (Shift+Tab) key press through the DevTools protocol, as a user's."""
    key = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "modifiers": 8 if shift else 0}
    driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "rawKeyDown", **key})
    driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyUp", **key})


def _active(driver: Any) -> list[Any] | None:
    return driver.execute_async_script(_ACTIVE_JS, SETTLE_MS)


def check(driver: Any) -> list[list[str]]:
    hits: list[list[str]] = []
    driver.execute_script(_RELEASE_JS)
    seen: list[str] = []
    stops: list[Stop] = []
    shots = 0
    previous = None
    try:
        for _ in range(MAX_TABS):
            _press(driver)
            active = _active(driver)
            if active is None:
                if seen:
                    break  # left the page: the end of the tab order
                continue
            key, target, html, x, y, w, h, vw, vh, tag, itype, pinned, rtl = active
            if previous is not None and key == previous:
                _press(driver)
                again = _active(driver)
                _press(driver, shift=True)
                back = _active(driver)
                if again and again[0] == key and back and back[0] == key:
                    hits.append(
                        [
                            "idesk-keyboard-trap",
                            "failed",
                            target,
                            html,
                            "Tab and Shift+Tab both leave focus on this element.",
                        ]
                    )
                    break
            if key in seen:
                if key != seen[0] and not driver.execute_script(_EXPLAINS_KEYS_JS):
                    hits.append(
                        [
                            "idesk-keyboard-trap",
                            "needs-review",
                            target,
                            html,
                            f"Tab keeps cycling through {len(seen) - seen.index(key)} "
                            "elements and never reaches the rest of the page.",
                        ]
                    )
                break  # back at the start: the page wraps around
            seen.append(key)
            previous = key
            if not pinned and w > 0 and h > 0 and x + w > 0 and y + h > 0:
                stops.append(Stop(target, html, -(x + w) if rtl else x, y, w, h))
            if shots < MAX_FOCUS_SHOTS and w > 0 and h > 0 and tag not in ("iframe",):
                shots += 1
                hit = _focus_visible(driver, key, target, html, x, y, w, h, vw, vh)
                if hit:
                    hits.append(hit)
        order = focus_order(stops)
        if order:
            hits.append(order)
    finally:
        driver.execute_script(_RELEASE_JS)
    return hits


#: A page that mentions key combinations or offers help probably explains how to leave
#: a focus cycle (the ACT rule passes such pages); we cannot follow the instructions.
_EXPLAINS_KEYS_JS = js.load("check_keyboard_explains_keys")
#: Focus released and the page scrolled to the top, before and after the Tab walk.
_RELEASE_JS = js.load("check_keyboard_release")
_REFOCUS_JS = js.load("check_keyboard_refocus")
_BLUR_JS = js.load("check_keyboard_blur")


def _focus_visible(
    driver: Any,
    key: str,
    target: str,
    html: str,
    x: float,
    y: float,
    w: float,
    h: float,
    vw: float,
    vh: float,
) -> list[str] | None:
    """Compare the screen with and without focus, near the element and as a whole."""
    left, top = max(0.0, x - MARGIN), max(0.0, y - MARGIN)
    right, bottom = min(vw, x + w + MARGIN), min(vh, y + h + MARGIN)
    if right <= left or bottom <= top:
        return None  # off screen: cannot judge
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    focused_near = _shot(driver, clip)
    if driver.execute_async_script(_BLUR_JS, key, SETTLE_MS):
        return None  # the page takes focus straight back: cannot compare
    plain_near = _shot(driver, clip)
    if focused_near != plain_near:
        driver.execute_script(_REFOCUS_JS, key)
        return None
    plain_all = _shot(driver, None)
    if not driver.execute_script(_REFOCUS_JS, key):
        return None
    if _shot(driver, None) == plain_all:
        return [
            "idesk-focus-visible",
            "failed",
            target,
            html,
            "Nothing on the screen changes when this element gets keyboard focus.",
        ]
    return [
        "idesk-focus-visible",
        "needs-review",
        target,
        html,
        "Focusing this element changes nothing on or around it; check that the "
        "focus is visible elsewhere.",
    ]
