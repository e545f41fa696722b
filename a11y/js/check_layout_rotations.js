// [index, angle, target, html] of every visible element with text of its own.
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
