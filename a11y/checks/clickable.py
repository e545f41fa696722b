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

from a11y.cdp import cdp
from a11y.checks.page import HELPERS

#: At most this many hits per page: one broken template component repeats a lot.
MAX_HITS = 25

_CLICK_JS = (
    HELPERS
    + r"""
const MAX = MAX_HITS;
const listeners = (typeof getEventListeners === 'function') ? getEventListeners
  : (el) => (el.onclick ? {click: [el.onclick]} : {});
const NATIVE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, option, '
  + 'summary, iframe, audio[controls], video[controls], label, [contenteditable]:not([contenteditable=false])';
const WIDGET_ROLES = ['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem',
  'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem', 'gridcell', 'slider', 'spinbutton',
  'combobox', 'textbox', 'searchbox'];
const COMPOSITE = '[role=listbox], [role=menu], [role=menubar], [role=tablist], [role=tree], '
  + '[role=treegrid], [role=grid], [role=radiogroup], [role=toolbar]';
// reached with Tab by itself, or hands its clicks to something that is (a label, an option)
const tabbable = (e) => {
  const ti = e.getAttribute('tabindex');
  if (ti !== null && ti.trim() !== '' && !isNaN(parseInt(ti, 10))) return parseInt(ti, 10) >= 0;
  return e.matches(NATIVE) && !e.disabled;
};
const controlInside = (e) => [...e.querySelectorAll(NATIVE + ', [tabindex]')].some(tabbable);
// a composite widget (listbox, menu, tabs ...) that moves focus among its items itself
const managed = (e) => {
  const box = e.closest(COMPOSITE);
  if (!box) return false;
  if (box.hasAttribute('tabindex') || box.hasAttribute('aria-activedescendant') || controlInside(box)) return true;
  if (!box.id) return false;
  const id = CSS.escape(box.id);
  return !!document.querySelector(`[aria-controls~="${id}"], [aria-owns~="${id}"]`);
};
const vw = innerWidth, vh = innerHeight, hits = [], flagged = [];
for (const el of document.body ? document.body.querySelectorAll('*') : []) {
  const l = listeners(el);
  if (!l.click || !l.click.length) continue;
  if (tabbable(el) || (el.parentElement && el.parentElement.closest(NATIVE)) || controlInside(el)) continue;
  let up = el.parentElement;
  while (up && up !== document.body && !tabbable(up)) up = up.parentElement;
  if (up && up !== document.body) continue;  // inside a custom control that has focus
  if (el.closest('[inert], [aria-disabled=true]') || !visible(el) || managed(el)) continue;
  if (getComputedStyle(el).pointerEvents === 'none') continue;  // the mouse cannot click it either
  const r = el.getBoundingClientRect();
  if (r.width >= 0.9 * vw && r.height >= 0.5 * vh) continue;  // an overlay or page wrapper
  if (flagged.some(f => f.contains(el))) continue;
  const role = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
  const pointer = getComputedStyle(el).cursor === 'pointer';
  const certain = pointer || WIDGET_ROLES.includes(role);
  const why = pointer ? 'shows a pointer cursor and reacts to clicks'
    : WIDGET_ROLES.includes(role) ? `has role "${role}" and reacts to clicks` : 'reacts to clicks';
  flagged.push(el);
  hits.push(['idesk-click-keyboard', certain ? 'failed' : 'needs-review', sel(el), snip(el),
    `This element ${why}, but the keyboard cannot reach it: it is no link, button or field, `
    + 'has no tabindex and contains no control.']);
  if (hits.length >= MAX) break;
}
return hits;
"""
).replace("MAX_HITS", str(MAX_HITS))
#: The same as one expression for ``Runtime.evaluate``, which takes no arguments.
_CLICK_EXPRESSION = f"(() => {{\n{_CLICK_JS}\n}})()"


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
    return driver.execute_script(_CLICK_JS)
