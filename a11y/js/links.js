// The page's links [href, text, in footer], its text (first arguments[0] characters),
// title and final URL.
const out = [];
for (const a of document.querySelectorAll('a[href], area[href]')) {
  const text = (a.innerText || a.getAttribute('aria-label') || a.title || '').trim();
  out.push([a.href, text.slice(0, 200), !!a.closest('footer, [role=contentinfo]')]);
}
const text = document.body ? document.body.innerText : '';
return [out, text.slice(0, arguments[0]), document.title || '', location.href];
