// The layout skeleton of the loaded page as one string (see a11y.crawl.page_templates).
const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);
const name = el => el.tagName.toLowerCase()
  + (el.classList.length ? '.' + [...el.classList].sort().join('.') : '');
const skeleton = (el, depth) => {
  if (!el || depth < 0) return '';
  const kids = [...el.children].filter(c => !skip.has(c.tagName));
  const inner = [...new Set(kids.map(c => skeleton(c, depth - 1)))].join(',');
  return name(el) + (inner ? '(' + inner + ')' : '');
};
const region = sel => [...document.querySelectorAll(sel)].map(e => skeleton(e, 3)).join('|');
const main = document.querySelector('main, [role=main]');
const blocks = main ? [...new Set([...main.children]
  .filter(c => !skip.has(c.tagName)).map(name))].sort().join(',') : '';
return [document.body ? document.body.className : '',
        region('header, [role=banner]'), region('nav, [role=navigation]'),
        region('footer, [role=contentinfo]'), blocks].join('\n');
