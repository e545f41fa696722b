// Cheap, certain DOM-only checks (a11y.checks.page). Arguments: generic titles,
// generic link texts, personal-data field patterns. Returns {hits, title}.
const [GENERIC_TITLES, GENERIC_LINKS, PERSONAL] = arguments;
const hits = [], add = (rule, outcome, el, summary) =>
  hits.push([rule, outcome, sel(el), snip(el), summary]);

// 2.4.2 page title: the first <title> in the document (in any place, as browsers do)
const isHtml = document.documentElement.namespaceURI === 'http://www.w3.org/1999/xhtml';
const titleEl = [...document.getElementsByTagName('title')]
  .find(t => t.namespaceURI === 'http://www.w3.org/1999/xhtml');
const title = titleEl ? titleEl.textContent.replace(/\s+/g, ' ').trim() : '';
if (!isHtml) {}
else if (!titleEl) add('idesk-page-title', 'failed', document.documentElement, 'The page has no <title> element.');
else if (!title) add('idesk-page-title', 'failed', titleEl, 'The page title is empty.');
else if (GENERIC_TITLES.includes(title.toLowerCase().replace(/[.!\s]+$/, '')))
  add('idesk-page-title', 'needs-review', titleEl, `The title "${title}" says nothing about this page.`);

// 1.4.4 viewport meta that blocks zoom
for (const m of document.querySelectorAll('meta[name=viewport i][content]')) {
  const props = {};
  for (const part of m.content.toLowerCase().split(/[,;]/)) {
    const [k, v] = part.split('=').map(s => (s || '').trim());
    if (k) props[k] = v;
  }
  // values as the CSS Device Adaptation spec translates them: unknown words count as 'no'
  const num = (v) => v === 'yes' ? 1 : (v === 'device-width' || v === 'device-height') ? 10
    : /^-?[\d.]+/.test(v) ? parseFloat(v) : 0.1;
  const us = props['user-scalable'], ms = props['maximum-scale'];
  if (us !== undefined && us !== '' && num(us) > -1 && num(us) < 1)
    add('idesk-meta-viewport', 'failed', m, `user-scalable=${us} blocks zooming.`);
  else if (ms !== undefined && ms !== '' && num(ms) >= 0 && num(ms) < 2)
    add('idesk-meta-viewport', 'failed', m, `maximum-scale=${ms} stops zooming to 200%.`);
}

// 2.4.4 link purpose: generic names without distinguishing context
const contextOf = (a) => {
  let block = a.closest('p, li, td, th, dd, figcaption');
  const parent = a.parentElement;
  if (!block && parent && !['body', 'main', 'nav', 'header', 'footer', 'section', 'article'].includes(parent.localName)
      && textOf(parent).length < 400) block = parent;
  let t = block ? textOf(block) : '';
  // a heading before the link in its own card or section is context too (technique H80)
  const box = a.closest('article, section, li, div, td');
  const h = box && [...box.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
    .find(x => x.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (h && box !== document.body) t += ' ' + textOf(h);
  // a table cell's associated header cells are context too (WCAG's definition)
  const cell = a.closest('td');
  if (cell && cell.parentElement) {
    const row = cell.parentElement, col = [...row.cells].indexOf(cell), table = cell.closest('table');
    const heads = [...row.cells].filter(c => c.localName === 'th');
    const top = table && table.rows[0] && table.rows[0].cells[col];
    if (top && top.localName === 'th') heads.push(top);
    for (const id of (cell.getAttribute('headers') || '').split(/\s+/)) {
      const hd = id && document.getElementById(id);
      if (hd) heads.push(hd);
    }
    t += ' ' + heads.map(textOf).join(' ');
  }
  const d = (a.getAttribute('aria-describedby') || '').split(/\s+/)
    .map(id => document.getElementById(id)).filter(Boolean).map(textOf).join(' ');
  return (t + ' ' + d).trim();
};
const links = [...document.querySelectorAll('a[href], area[href], [role=link]')]
  .filter(a => a.localName === 'area' || visible(a));
for (const a of links) {
  const raw = accName(a).toLowerCase().replace(/\s+/g, ' ').trim();
  const name = raw.replace(/[\s.…:»›>→]+$/g, '');
  // a lone full stop or other punctuation names nothing (empty names: axe's link-name)
  const bare = raw && !/[\p{L}\p{N}]/u.test(raw);
  if (!bare && !GENERIC_LINKS.includes(name)) continue;
  const ctx = contextOf(a), rest = ctx.toLowerCase().replace(name || raw, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (rest.split(' ').filter(Boolean).length < 3)
    add('idesk-link-purpose', 'failed', a, bare
      ? `The link text "${raw}" is only punctuation and does not say where it goes.`
      : `The link text "${accName(a)}" does not say where it goes.`);
}

// 1.3.5 personal data fields without autocomplete
for (const f of document.querySelectorAll('input, select, textarea')) {
  const type = (f.getAttribute('type') || 'text').toLowerCase();
  if (!['text', 'email', 'tel', 'search', 'url', ''].includes(type) && f.localName === 'input') continue;
  if (f.disabled || f.readOnly || !visible(f) || f.hasAttribute('autocomplete')) continue;
  if (f.form && f.form.hasAttribute('autocomplete') && f.form.getAttribute('autocomplete') !== 'off') continue;
  const label = [...(f.labels || [])].map(textOf).join(' ');
  const words = [f.name, f.id, label, f.getAttribute('aria-label'), f.placeholder, type]
    .filter(Boolean).join(' ').toLowerCase();
  const purpose = PERSONAL.find(([re]) => new RegExp(re).test(words));
  if (purpose)
    add('idesk-input-purpose', 'needs-review', f,
      `This looks like a ${purpose[1]} field; add autocomplete="${purpose[2]}".`);
}

// 2.4.3 positive tabindex
for (const el of document.querySelectorAll('[tabindex]'))
  if (parseInt(el.getAttribute('tabindex'), 10) > 0)
    add('idesk-tabindex', 'needs-review', el, `tabindex="${el.getAttribute('tabindex')}" changes the focus order.`);

// 1.4.12 !important spacing in style attributes that is too small
for (const el of document.querySelectorAll('[style]')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const r = el.getBoundingClientRect();
  if (!own || !visible(el) || r.bottom + scrollY <= 0 || r.right + scrollX <= 0) continue;
  const st = el.style, cs = getComputedStyle(el), fs = parseFloat(cs.fontSize);
  const checks = [
    ['letter-spacing', 0.12, 'letter spacing'],
    ['word-spacing', 0.16, 'word spacing'],
    ['line-height', 1.5, 'line height'],
  ];
  for (const [prop, factor, label] of checks) {
    if (st.getPropertyPriority(prop) !== 'important') continue;
    if (/^(inherit|initial|unset|revert|revert-layer)$/.test(st.getPropertyValue(prop).trim())) continue;
    let v = cs.getPropertyValue(prop);
    let px = v === 'normal' ? (prop === 'line-height' ? 1.2 * fs : 0) : parseFloat(v);
    if (prop === 'line-height' && /^[\d.]+$/.test(st.getPropertyValue(prop))) px = parseFloat(st.getPropertyValue(prop)) * fs;
    if (prop === 'line-height' && el.getClientRects().length < 2 && el.getBoundingClientRect().height <= px * 1.5 + 1
        && !/\n/.test(el.innerText.trim())) continue;  // one line of text: line height cannot hurt
    if (px + 0.01 < factor * fs)
      add('idesk-text-spacing-important', 'failed', el,
        `${label} is fixed with !important at ${v} (${(px / fs).toFixed(2)} × font size; needs ${factor}).`);
  }
}
return {hits, title};
