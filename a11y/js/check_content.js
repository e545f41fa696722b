// Own content rules in one run per page (a11y.checks.content): alt texts that say
// nothing, conflicting image markup, empty headings, duplicate ids that matter,
// orientation locked in CSS. Arguments: placeholder alt words, review-only alt words,
// image file extensions. Returns {hits, lang, text}: text is the page's own-language
// text for the language check done in Python.
const [PLACEHOLDER_ALTS, REVIEW_ALTS, IMAGE_EXT] = arguments;
const hits = [], add = (rule, outcome, el, summary) =>
  hits.push([rule, outcome, sel(el), snip(el), summary]);
const roleOf = (el) => (el.getAttribute('role') || '').trim().toLowerCase().split(/\s+/)[0];
const hiddenStyle = (el) => {
  const s = getComputedStyle(el);
  return s.display === 'none' || s.visibility === 'hidden';
};

// Accessible name as ACT computes it, enough for headings: aria-labelledby (hidden
// referenced text counts), aria-label, then content without aria-hidden or CSS-hidden
// parts; images give their alt unless they are presentational.
const fromContent = (node, referenced) => {
  let out = '';
  for (const c of node.childNodes) {
    if (c.nodeType === 3) { out += c.textContent; continue; }
    if (c.nodeType !== 1) continue;
    if (!referenced && ((c.getAttribute('aria-hidden') || '').toLowerCase() === 'true' || hiddenStyle(c))) continue;
    const local = c.localName, role = roleOf(c);
    if (local === 'img' || local === 'area' || (local === 'input' && c.type === 'image')) {
      if (role === 'presentation' || role === 'none') continue;
      out += ' ' + ((c.getAttribute('aria-label') || '').trim() || c.getAttribute('alt') || '') + ' ';
    } else if (local === 'svg') {
      const t = c.querySelector('title');
      out += ' ' + ((c.getAttribute('aria-label') || '').trim() || (t ? t.textContent : '')) + ' ';
    } else if (local === 'br') out += ' ';
    else out += ' ' + ((c.getAttribute('aria-label') || '').trim() || fromContent(c, referenced)) + ' ';
  }
  return out;
};
const nameOf = (el) => {
  const lb = (el.getAttribute('aria-labelledby') || '').trim();
  if (lb) {
    const t = lb.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean)
      .map(r => (r.getAttribute('aria-label') || '').trim() || fromContent(r, true)).join(' ');
    if (t.trim()) return t.replace(/\s+/g, ' ').trim();
  }
  const al = (el.getAttribute('aria-label') || '').trim();
  if (al) return al;
  return fromContent(el, false).replace(/\s+/g, ' ').trim() || (el.getAttribute('title') || '').trim();
};

// Text from CSS (::before/::after content) is part of the name too; an icon font's
// private-use glyph counts as well here, so such headings are left alone (no false alarm).
const generated = (el) => [el, ...el.querySelectorAll('*')].some(e => ['::before', '::after']
  .some(p => (getComputedStyle(e, p).content || 'none').replace(/^(none|normal)$/, '').replace(/["'\s]/g, '') !== ''));

// 1.3.1 empty headings (ACT ffd0e9): a heading in the accessibility tree without a name
for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')) {
  const role = roleOf(h);
  if (/^h\d$/.test(h.localName) && role && role !== 'heading') continue;
  if (h.closest('[aria-hidden=true i]') || hiddenStyle(h)) continue;
  if (!nameOf(h) && !generated(h))
    add('idesk-empty-heading', 'failed', h, 'This heading is empty: screen readers announce a heading without words.');
}

// 1.1.1 alt texts that say nothing, and images whose markup contradicts itself
const extRe = new RegExp('^[^\\s/\\\\]+\\.(' + IMAGE_EXT.join('|') + ')$', 'i');
const baseName = (src) => decodeURIComponent((src || '').split(/[?#]/)[0].split('/').pop() || '').toLowerCase();
for (const img of document.querySelectorAll('img, input[type=image i]')) {
  if (img.closest('[aria-hidden=true i]') || hiddenStyle(img)) continue;
  const role = roleOf(img);
  const hasAlt = img.hasAttribute('alt');
  const alt = (img.getAttribute('alt') || '').trim();
  const title = (img.getAttribute('title') || '').trim();
  const named = (img.getAttribute('aria-label') || '').trim() || (img.getAttribute('aria-labelledby') || '').trim();
  if (named) continue;  // the alt text is not the name
  if ((role === 'presentation' || role === 'none') && alt && img.localName === 'img') {
    // ACT (46ca7f, e88epe) calls this a decorative image that passes: a person decides
    add('idesk-decorative-alt', 'needs-review', img,
      `role="${role}" hides this image, but its alt text "${alt.slice(0, 60)}" suggests it carries information.`);
    continue;
  }
  if (hasAlt && !alt && title && img.localName === 'img' && !role) {
    add('idesk-alt-text', 'failed', img,
      `The empty alt marks this image as decoration, but its title "${title.slice(0, 60)}" says it carries information.`);
    continue;
  }
  if (!alt) continue;
  const low = alt.toLowerCase().replace(/\s+/g, ' ').replace(/[.:!]+$/, '');
  if (extRe.test(low) || (low === baseName(img.getAttribute('src')) && low.includes('.')))
    add('idesk-alt-text', 'failed', img, `The alt text "${alt.slice(0, 60)}" is a file name, not a description.`);
  else if (PLACEHOLDER_ALTS.includes(low))
    add('idesk-alt-text', 'failed', img, `The alt text "${alt.slice(0, 60)}" only says that this is an image.`);
  else if (REVIEW_ALTS.includes(low))
    add('idesk-alt-text', 'needs-review', img, `The alt text "${alt.slice(0, 60)}" does not say whose it is or what it shows.`);
}

// 4.1.1 duplicate ids that matter: on a focusable element, or referenced by ARIA,
// label for or headers (a screen reader then names or describes the wrong element)
const REFS = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns',
  'aria-activedescendant', 'aria-details', 'aria-errormessage', 'aria-flowto'];
const referenced = new Set();
for (const el of document.querySelectorAll(REFS.map(a => `[${a}]`).join(', ') + ', label[for], td[headers], th[headers]'))
  for (const a of [...REFS, 'for', 'headers'])
    for (const id of (el.getAttribute(a) || '').split(/\s+/)) if (id) referenced.add(id);
const byId = new Map();
for (const el of document.querySelectorAll('[id]')) {
  const id = el.getAttribute('id');
  if (!id) continue;
  if (!byId.has(id)) byId.set(id, []);
  byId.get(id).push(el);
}
const focusable = (el) => el.tabIndex >= 0 && !el.disabled && !hiddenStyle(el)
  && (el.hasAttribute('tabindex') || el.matches('a[href], area[href], button, input:not([type=hidden i]), select, textarea, summary, iframe, [contenteditable=""], [contenteditable=true i]'));
for (const [id, els] of byId) {
  if (els.length < 2) continue;
  const why = referenced.has(id) ? 'referenced by another element (label, ARIA or headers)'
    : els.some(focusable) ? 'on an element that takes keyboard focus' : '';
  if (!why) continue;
  add('idesk-duplicate-id', 'failed', els[1],
    `The id "${id.slice(0, 40)}" is used ${els.length} times and is ${why}; only the first one counts.`);
}

// 1.3.4 orientation locked in CSS: a rule inside an (orientation: ...) media query that
// turns the whole page a quarter turn, or hides it (the browser check of 'full' stays)
const quarter = (value) => {
  let m;
  try { m = new DOMMatrix(value); } catch (e) { return false; }
  const deg = Math.abs(Math.atan2(m.b, m.a) * 180 / Math.PI) % 180;
  return deg > 45 && deg < 135;
};
const rotateToTransform = (v) => {
  v = (v || '').trim();
  if (!v || v === 'none') return '';
  const parts = v.split(/\s+/);
  if (parts.length === 1) return `rotate(${parts[0]})`;
  if (parts.length === 2 && parts[0] === 'z') return `rotate(${parts[1]})`;
  if (parts.length === 4) return `rotate3d(${parts.slice(0, 3).join(',')},${parts[3]})`;
  return '';
};
const wholePage = (selector) => {
  let els;
  try { els = [...document.querySelectorAll(selector)]; } catch (e) { return null; }
  const all = (document.body ? document.body.textContent : '').replace(/\s+/g, '').length;
  return els.find(e => e === document.documentElement || e === document.body
    || (all > 0 && e.textContent.replace(/\s+/g, '').length >= 0.8 * all)) || null;
};
const mediaRules = [];
const walk = (rules, inOrientation) => {
  for (const r of rules) {
    if (r.cssRules && r.media) walk(r.cssRules, inOrientation || /orientation\s*:\s*(portrait|landscape)/i.test(r.media.mediaText));
    else if (r.cssRules && !r.style) walk(r.cssRules, inOrientation);
    else if (inOrientation && r.style && r.selectorText) mediaRules.push(r);
  }
};
for (const sheet of document.styleSheets) {
  let rules;
  try { rules = sheet.cssRules; } catch (e) { continue; }  // another origin: not readable
  if (rules) walk(rules, false);
}
for (const r of mediaRules) {
  const st = r.style;
  const turned = quarter(st.getPropertyValue('transform')) || quarter(rotateToTransform(st.getPropertyValue('rotate')));
  const hidden = st.getPropertyValue('display').trim() === 'none' || st.getPropertyValue('visibility').trim() === 'hidden';
  if (!turned && !hidden) continue;
  const el = wholePage(r.selectorText);
  if (!el) continue;
  add('idesk-orientation-css', 'failed', el, turned
    ? `A style rule for one screen orientation turns the whole page a quarter turn (${r.selectorText.slice(0, 40)}).`
    : `A style rule for one screen orientation hides the whole page (${r.selectorText.slice(0, 40)}).`);
  break;
}

// 3.1.1 page language: the text in the page's own language, judged in Python
const root = document.documentElement;
const pageLang = root.getAttribute('lang') || root.getAttribute('xml:lang') || '';
const parts = [];
let size = 0;
if (document.body) {
  const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = tw.nextNode(); n && size < 3000; n = tw.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest('script, style, noscript, template, code, pre, [aria-hidden=true i]')) continue;
    if (p.closest('[lang]') !== root && p.closest('[lang]')) continue;
    const t = n.textContent.replace(/\s+/g, ' ').trim();
    if (t) { parts.push(t); size += t.length; }
  }
}
return {hits, lang: pageLang, text: parts.join(' ')};
