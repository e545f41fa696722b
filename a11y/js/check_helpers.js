// Helpers shared by the own checks (a11y.checks): a CSS path, a short HTML snippet,
// visibility, text and accessible name. Loaded before the check scripts that use them.
const sel = (el) => {
  if (!(el instanceof Element)) return 'html';
  if (el.id && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1)
    return '#' + CSS.escape(el.id);
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
    let s = e.localName;
    const p = e.parentElement;
    if (p) {
      const same = [...p.children].filter(c => c.localName === e.localName);
      if (same.length > 1) s += ':nth-child(' + ([...p.children].indexOf(e) + 1) + ')';
    }
    parts.unshift(s);
    if (e.id && document.querySelectorAll('#' + CSS.escape(e.id)).length === 1) {
      parts[0] = '#' + CSS.escape(e.id); break;
    }
  }
  return parts.join(' > ') || 'html';
};
const snip = (el) => {
  if (!(el instanceof Element)) return '';
  const o = el.outerHTML, i = el.innerHTML;
  return (i && o.length > 300) ? o.slice(0, o.length - i.length).replace(/<\/[^>]+>$/, '') : o.slice(0, 300);
};
const visible = (el) => {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
};
const textOf = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
const accName = (el) => {
  const lb = el.getAttribute('aria-labelledby');
  if (lb) {
    const t = lb.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean)
      .map(textOf).join(' ').trim();
    if (t) return t;
  }
  const al = (el.getAttribute('aria-label') || '').trim();
  if (al) return al;
  let t = textOf(el);
  if (!t) t = [...el.querySelectorAll('img[alt]')].map(i => i.alt).join(' ').trim();
  return t || (el.getAttribute('title') || '').trim();
};
