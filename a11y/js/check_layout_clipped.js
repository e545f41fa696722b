// Elements that clip their text now: {index: [target, html, axis]}, for
// before/after comparison.
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
