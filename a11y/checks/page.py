"""Cheap, certain checks read from one rendered page's DOM (no state is changed).

Each check returns hits as ``(rule, outcome, target, html, summary)``; the runner in
:mod:`a11y.checks` turns them into findings. Thresholds are the WCAG ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: JavaScript helpers shared by the check families: a CSS path and a short HTML snippet.
HELPERS = r"""
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
"""

_PAGE_JS = (
    HELPERS
    + r"""
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
  const d = (a.getAttribute('aria-describedby') || '').split(/\s+/)
    .map(id => document.getElementById(id)).filter(Boolean).map(textOf).join(' ');
  return (t + ' ' + d).trim();
};
const links = [...document.querySelectorAll('a[href], area[href], [role=link]')]
  .filter(a => a.localName === 'area' || visible(a));
for (const a of links) {
  const name = accName(a).toLowerCase().replace(/[\s.…:»›>→]+$/g, '').replace(/\s+/g, ' ');
  if (!name) continue;  // empty names: axe's link-name
  if (GENERIC_LINKS.includes(name)) {
    const ctx = contextOf(a), rest = ctx.toLowerCase().replace(name, '').replace(/\W+/g, ' ').trim();
    if (rest.split(' ').filter(Boolean).length < 3)
      add('idesk-link-purpose', 'needs-review', a, `The link text "${accName(a)}" does not say where it goes.`);
  }
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
"""
)

#: Titles that name no page (compared lower-case, trailing dots removed).
GENERIC_TITLES = [
    "home",
    "homepage",
    "home page",
    "index",
    "untitled",
    "untitled document",
    "naamloos",
    "new page",
    "nieuwe pagina",
    "document",
    "pagina",
    "page",
    "welkom",
    "welcome",
    "title",
    "titel",
    "default",
    "test",
]
#: Link texts that say nothing about their target by themselves (nl and en).
GENERIC_LINKS = [
    "klik hier",
    "hier",
    "lees meer",
    "lees verder",
    "meer",
    "meer info",
    "meer informatie",
    "verder",
    "link",
    "deze link",
    "download",
    "bekijk",
    "ga",
    "ga naar",
    "click here",
    "here",
    "read more",
    "more",
    "more info",
    "learn more",
    "continue",
    "this link",
    "details",
]
#: (regex on name/id/label/placeholder/type, description, autocomplete token).
PERSONAL = [
    [r"\be-?mail|\bemail\b|e-mailadres", "e-mail", "email"],
    [r"\btel\b|telefoon|phone|mobiel|mobile", "phone", "tel"],
    [r"postcode|postal|zip\b|zipcode", "postcode", "postal-code"],
    [r"voornaam|first.?name|given.?name", "first name", "given-name"],
    [r"achternaam|last.?name|family.?name|surname", "last name", "family-name"],
    [r"^(naam|name|volledige naam|full name)\b|\bfullname\b|\bnaam\b", "name", "name"],
    [r"straat|street|adres\b|address", "address", "street-address"],
    [r"woonplaats|\bcity\b|\bplaats\b", "town", "address-level2"],
]


def _more() -> tuple[tuple[str, Callable[[Any], list[list[str]]]], ...]:
    """The other quick checks of the standard set, in their own modules (imported here
    because they reuse :data:`HELPERS`)."""
    from a11y.checks import clickable, names

    return (("label in name", names.check), ("click handler", clickable.check))


def check(driver: Any) -> tuple[list[list[str]], dict[str, Any]]:
    """Hits of the DOM-only checks, and facts the site-level checks need.

    Each further check is isolated as the runner isolates whole check families: one
    that breaks on a page becomes a note and costs the others nothing."""
    out = driver.execute_script(_PAGE_JS, GENERIC_TITLES, GENERIC_LINKS, PERSONAL)
    hits: list[list[str]] = out["hits"]
    for name, fn in _more():
        try:
            hits.extend(fn(driver))
        except Exception as exc:  # noqa: BLE001 - a check must never cost the page the others
            from a11y.checks import check_error

            hits.append(check_error(name, exc))
    return hits, {"title": out["title"]}
