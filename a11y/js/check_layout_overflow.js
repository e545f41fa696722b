// At most arguments[0] elements that make the page scroll sideways.
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
