// Long passages [target, html, text, declared lang] (a11y.checks.lang): at least
// arguments[0] characters, the longest arguments[1] of them.
const out = [];
for (const el of document.querySelectorAll('p, li, td, blockquote, dd, figcaption')) {
  if (!visible(el) || el.querySelector('p, li, td, blockquote')) continue;
  const text = textOf(el);
  if (text.length < arguments[0]) continue;
  const holder = el.closest('[lang]');
  out.push([sel(el), snip(el), text.slice(0, 2000), holder ? holder.getAttribute('lang') : '']);
}
out.sort((a, b) => b[2].length - a[2].length);
return out.slice(0, arguments[1]);
