// Mouse-only controls, WCAG 2.1.1 (a11y.checks.clickable). arguments[0]: at most this
// many hits. Uses the console's getEventListeners when run through CDP.
const MAX = arguments[0];
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
