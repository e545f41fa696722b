"""Checks that change the layout: viewport size, orientation, text size and spacing.

Every change is undone before returning (device metrics cleared, injected style and
inline font sizes removed), so later checks and the link collection see the page as
it was rendered.
"""

from __future__ import annotations

from typing import Any

from a11y.checks.page import HELPERS

#: Width (CSS px) WCAG 1.4.10 asks content to reflow into, and a matching height.
REFLOW_WIDTH, REFLOW_HEIGHT = 320, 256
#: 200% browser zoom of the default 1280x1024 window, as the ACT rules model it.
ZOOM_WIDTH, ZOOM_HEIGHT = 640, 512
MAX_NODES = 10

_FRAME_JS = (
    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(1)));"
)

_ROTATIONS_JS = (
    HELPERS
    + r"""
const angle = (el) => {
  let total = 0;
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const t = getComputedStyle(e).transform;
    if (!t || t === 'none') continue;
    const m = t.match(/matrix(3d)?\(([^)]+)\)/);
    if (!m) continue;
    const v = m[2].split(',').map(parseFloat);
    total += Math.atan2(v[1], v[0]) * 180 / Math.PI;
  }
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const r = getComputedStyle(e).rotate;  // the individual 'rotate' property
    const m = r && r !== 'none' && r.match(/(-?[\d.]+)(deg|rad|turn|grad)\s*$/);
    if (m) total += parseFloat(m[1]) * {deg: 1, rad: 180 / Math.PI, turn: 360, grad: 0.9}[m[2]];
  }
  return ((total % 360) + 360) % 360;
};
const out = [];
const all = [...document.querySelectorAll('body *'), document.body].filter(Boolean);
all.forEach((el, i) => {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (own && visible(el)) out.push([i, angle(el), sel(el), snip(el)]);
});
return out;
"""
)

_OVERFLOW_JS = (
    HELPERS
    + r"""
const W = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= W + 1) return [];
const EXEMPT = 'table, pre, code, img, video, canvas, svg, iframe, map, object, embed, math, [role=img], [role=application], [role=grid], [role=toolbar]';
const scroller = (e) => { const o = getComputedStyle(e).overflowX; return o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip'; };
const found = [];
for (const el of document.querySelectorAll('body *')) {
  if (!visible(el) || el.closest(EXEMPT)) continue;
  const r = el.getBoundingClientRect();
  if (r.right <= W + 1 && r.left >= -1) continue;
  let clipped = false;
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement)
    if (scroller(p)) { clipped = true; break; }
  if (clipped || getComputedStyle(el).position === 'fixed' && r.left >= W) continue;
  if (found.some(f => f.contains(el))) continue;
  found.push(el);
}
return found.slice(0, arguments[0]).map(el => [sel(el), snip(el),
  `At ${W} CSS px wide this element reaches ${Math.round(el.getBoundingClientRect().right)} px, so the page scrolls sideways.`]);
"""
)

#: Elements that clip their text now: [index, axis] per element, for before/after comparison.
_CLIPPED_JS = (
    HELPERS
    + r"""
const out = {};
const all = document.querySelectorAll('body *');
all.forEach((el, i) => {
  const s = getComputedStyle(el);
  const hx = s.overflowX === 'hidden' || s.overflowX === 'clip';
  const hy = s.overflowY === 'hidden' || s.overflowY === 'clip';
  if (!hx && !hy) return;
  if (!visible(el) || !textOf(el)) return;
  const r = el.getBoundingClientRect();
  if (r.width <= 2 || r.height <= 2) return;  // visually hidden text (sr-only)
  if (s.position === 'absolute' && (r.width <= 2 || r.height <= 2)) return;
  // whole lines hidden (line-clamp style) is a design choice; a line cut through is not
  const lh = parseFloat(s.lineHeight), rest = lh > 0 ? el.clientHeight % lh : 1;
  const wholeLines = lh > 0 && el.clientHeight >= lh - 1 && (rest < 1 || lh - rest < 1);
  const y = hy && el.scrollHeight > el.clientHeight + 2 && !wholeLines;
  const x = hx && el.scrollWidth > el.clientWidth + 2 && s.textOverflow !== 'ellipsis';
  if (x || y) out[i] = [sel(el), snip(el), y ? 'vertically' : 'horizontally'];
});
return out;
"""
)

_SPACING_CSS = (
    "*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}"
    "p{margin-bottom:2em!important}"
)
_ADD_STYLE_JS = (
    "const s = document.createElement('style'); s.id = 'idesk-spacing';"
    "s.textContent = arguments[0]; document.documentElement.append(s);"
)
_REMOVE_STYLE_JS = "const s = document.getElementById('idesk-spacing'); if (s) s.remove();"


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
