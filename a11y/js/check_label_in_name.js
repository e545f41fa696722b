// Label in name, WCAG 2.5.3 (a11y.checks.names). arguments[0]: visible labels with more
// words than this are only reported for review.
const [MAX_WORDS] = arguments;
const hits = [];
// widgets whose name can come from their content (ACT: name from content)
const ROLES = ['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem',
  'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem'];
const NATIVE = 'a[href], area[href], button, summary, input[type=button], input[type=submit], input[type=reset]';
const FIELDS = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]), select, textarea';

// the name aria gives, or null when the name comes from content
const ariaName = (el) => {
  const ids = (el.getAttribute('aria-labelledby') || '').trim();
  if (ids) {
    const t = ids.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean)
      .map(e => (e.getAttribute('aria-label') || '').trim() || e.textContent || '').join(' ').trim();
    if (t) return t;
  }
  const al = (el.getAttribute('aria-label') || '').trim();
  return al || null;
};

// clipped to nothing, moved off screen, or fully transparent: not seen
const hiddenBox = (e) => {
  const s = getComputedStyle(e);
  if (s.display === 'none' || parseFloat(s.opacity) === 0) return true;
  if (/inset\(\s*50%/.test(s.clipPath) || /rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(s.clip)) return true;
  const r = e.getBoundingClientRect();
  if (s.overflow !== 'visible' && (r.width <= 1 || r.height <= 1)) return true;
  return r.right + scrollX < 0 || r.bottom + scrollY < 0;
};
const iconFont = (e) => /icon|awesome|glyph|symbols/i.test(getComputedStyle(e).fontFamily);
const INLINE = /^(inline|contents|ruby)/;

// the text a sighted user sees inside el, with spaces where blocks and line breaks are
const visibleText = (root) => {
  let out = '';
  const walk = (node) => {
    for (const n of node.childNodes) {
      if (n.nodeType === 3) {
        if (getComputedStyle(n.parentElement).visibility === 'visible') out += n.textContent;
      } else if (n.nodeType === 1) {
        if (n.localName === 'br') { out += ' '; continue; }
        if (['script', 'style', 'template', 'img', 'svg', 'canvas', 'noscript', 'input', 'select', 'textarea'].includes(n.localName)) continue;
        if (hiddenBox(n) || iconFont(n)) continue;
        const block = !INLINE.test(getComputedStyle(n).display);
        if (block) out += ' ';
        walk(n);
        if (block) out += ' ';
      }
    }
  };
  if (!iconFont(root)) walk(root);
  return out;
};

// lower case words without punctuation or symbols; '-', '.' and apostrophes inside a
// word join it ('e-mail' = 'email'); a word that ended in '.' may be an abbreviation
// ('Stationsstr.' for 'Stationsstraat')
const words = (text) => {
  const s = text.normalize('NFKC').toLowerCase()
    .replace(/([\p{L}\p{N}])[-\u2010\u2011'\u2019.]+(?=[\p{L}\p{N}])/gu, '$1');
  const out = [];
  for (const m of s.matchAll(/([\p{L}\p{N}]+)(\.?)/gu))
    out.push({w: m[1], abbr: m[2] === '.' && /^\p{L}+$/u.test(m[1])});
  return out;
};
const same = (label, name) => label.w === name || (label.abbr && name.startsWith(label.w));
const contained = (label, name) => {
  if (!label.length) return true;
  for (let i = 0; i + label.length <= name.length; i++)
    if (label.every((l, j) => same(l, name[i + j]))) return true;
  return false;
};

const candidates = [];
for (const el of document.querySelectorAll('[aria-label], [aria-labelledby]')) {
  const role = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
  // a field's visible label is its <label>, whatever its role (a checkbox's value is not)
  if (el.matches(FIELDS)) { if (el.labels && el.labels.length) candidates.push([el, [...el.labels]]); }
  else if (role ? ROLES.includes(role) : el.matches(NATIVE)) candidates.push([el, null]);
}
for (const [el, labels] of candidates) {
  if (el.closest('[aria-hidden=true]') || !visible(el)) continue;
  const name = ariaName(el);
  if (name === null) continue;
  let shown;
  if (labels) shown = labels.map(visibleText).join(' ');
  else if (el.localName === 'input') shown = el.value;
  else shown = visibleText(el);
  shown = shown.replace(/\s+/g, ' ').trim();
  let label = words(shown);
  // a single letter or sign ('X', '×', '☰') is an icon, not a text label
  if (!label.length || (label.length === 1 && label[0].w.length === 1 && !/\d/.test(label[0].w))) continue;
  const nameWords = words(name).map(x => x.w);
  if (contained(label, nameWords)) continue;
  // a hint in brackets after the label, such as '(YYYY-MM-DD)', is not part of the label
  const bare = words(shown.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  if (bare.length && contained(bare, nameWords)) continue;
  const outcome = label.length > MAX_WORDS ? 'needs-review' : 'failed';
  hits.push(['idesk-label-in-name', outcome, sel(el), snip(el),
    `The visible label "${shown.slice(0, 80)}" is not part of the accessible name "${name.slice(0, 80)}".`]);
}
return hits;
