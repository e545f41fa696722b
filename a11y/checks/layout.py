"""Checks that change the layout: viewport size, orientation, text size and spacing.

Every change is undone before returning (device metrics cleared, injected style and
inline font sizes removed), so later checks and the link collection see the page as
it was rendered.
"""

from __future__ import annotations

from typing import Any

from a11y import js

#: Width (CSS px) WCAG 1.4.10 asks content to reflow into, and a matching height.
REFLOW_WIDTH, REFLOW_HEIGHT = 320, 256
#: 200% browser zoom of the default 1280x1024 window, as the ACT rules model it.
ZOOM_WIDTH, ZOOM_HEIGHT = 640, 512
MAX_NODES = 10

_FRAME_JS = js.load("check_layout_frame")

_ROTATIONS_JS = js.load("check_helpers", "check_layout_rotations")

_OVERFLOW_JS = js.load("check_helpers", "check_layout_overflow")

#: Elements that clip their text now: [index, axis] per element, for before/after comparison.
_CLIPPED_JS = js.load("check_helpers", "check_layout_clipped")

_SPACING_CSS = (
    "*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}"
    "p{margin-bottom:2em!important}"
)
_ADD_STYLE_JS = js.load("check_layout_add_style")
_REMOVE_STYLE_JS = js.load("check_layout_remove_style")


def _metrics(driver: Any, width: int, height: int, portrait: bool | None = None) -> None:
    params: dict[str, Any] = {
        "width": width,
        "height": height,
        "deviceScaleFactor": 1,
        "mobile": False,
    }
    if portrait is not None:
        params["screenOrientation"] = (
            {"type": "portraitPrimary", "angle": 0}
            if portrait
            else {"type": "landscapePrimary", "angle": 90}
        )
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", params)
    driver.execute_async_script(_FRAME_JS)


def _clear(driver: Any) -> None:
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_async_script(_FRAME_JS)


def orientation(driver: Any) -> list[list[str]]:
    """Text turned a quarter turn in one orientation only: the page locks orientation."""
    try:
        _metrics(driver, 800, 1000, portrait=True)
        portrait = {i: (a, s, h) for i, a, s, h in driver.execute_script(_ROTATIONS_JS)}
        _metrics(driver, 1000, 800, portrait=False)
        landscape = {i: a for i, a, _, _ in driver.execute_script(_ROTATIONS_JS)}
    finally:
        _clear(driver)
    hits = []
    for i, (a, target, html) in portrait.items():
        if i not in landscape:
            continue
        diff = abs(a - landscape[i]) % 180
        if 80 <= diff <= 100:
            hits.append(
                [
                    "idesk-orientation",
                    "failed",
                    target,
                    html,
                    "This text is turned a quarter turn in one orientation only, so the page "
                    "forces the reader to hold the screen one way.",
                ]
            )
    return hits[:MAX_NODES]


def reflow(driver: Any) -> list[list[str]]:
    try:
        _metrics(driver, REFLOW_WIDTH, REFLOW_HEIGHT)
        found = driver.execute_script(_OVERFLOW_JS, MAX_NODES)
    finally:
        _clear(driver)
    return [["idesk-reflow", "needs-review", t, h, s] for t, h, s in found]


def text_spacing(driver: Any) -> list[list[str]]:
    before = driver.execute_script(_CLIPPED_JS)
    try:
        driver.execute_script(_ADD_STYLE_JS, _SPACING_CSS)
        after = driver.execute_script(_CLIPPED_JS)
    finally:
        driver.execute_script(_REMOVE_STYLE_JS)
    return [
        [
            "idesk-text-spacing",
            "needs-review",
            t,
            h,
            f"With the WCAG text spacing this text is cut off {axis}.",
        ]
        for i, (t, h, axis) in after.items()
        if i not in before
    ][:MAX_NODES]


def resize_text(driver: Any) -> list[list[str]]:
    """200% zoom as the ACT rules model it: half the viewport, so media queries react."""
    try:
        _metrics(driver, ZOOM_WIDTH, ZOOM_HEIGHT)
        clipped = driver.execute_script(_CLIPPED_JS)
    finally:
        _clear(driver)
    return [
        [
            "idesk-resize-text",
            "needs-review",
            t,
            h,
            f"At 200% zoom this text is cut off {axis} by a box that hides overflow.",
        ]
        for t, h, axis in clipped.values()
    ][:MAX_NODES]


def check(driver: Any) -> tuple[list[list[str]], dict[str, Any]]:
    hits = orientation(driver) + reflow(driver) + text_spacing(driver) + resize_text(driver)
    return hits, {}
