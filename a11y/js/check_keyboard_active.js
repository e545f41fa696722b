// The focused element after a Tab press, once focus handlers had arguments[0] ms.
const done = arguments[arguments.length - 1];
const report = () => {
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
if (!el.__ideskId) el.__ideskId = 'f' + Math.random().toString(36).slice(2);
const r = el.getBoundingClientRect();
let pinned = false;  // fixed or sticky: where it is depends on the scroll position
for (let e = el; e && e.nodeType === 1 && !pinned; e = e.parentElement)
  pinned = /^(fixed|sticky)$/.test(getComputedStyle(e).position);
return [el.__ideskId, sel(el), snip(el), r.left + scrollX, r.top + scrollY, r.width, r.height,
        scrollX + innerWidth, scrollY + innerHeight, el.localName, (el.getAttribute('type') || '').toLowerCase(),
        pinned, getComputedStyle(el).direction === 'rtl'];
};
// let focus handlers that refocus after a short timeout run first
setTimeout(() => requestAnimationFrame(() => done(report())), arguments[0]);
