// What the site-level checks need from this page (a11y.checks.site): navigation,
// home link and search field names, ways to find pages, links and the URL.
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim().toLowerCase();
// An SVG <a>'s href is an SVGAnimatedString, not a string: resolve it the same way.
const hrefOf = (a) => {
  try { return new URL(typeof a.href === 'string' ? a.href : (a.href && a.href.baseVal) || '', location.href); }
  catch (e) { return null; }
};
const links = [...document.querySelectorAll('a[href]')].map(a => [a, hrefOf(a)]).filter(([, u]) => u);
const navs = [...document.querySelectorAll('nav, [role=navigation]')].filter(visible)
  .filter(n => !n.parentElement.closest('nav, [role=navigation]'));
const nav = navs.length ? [...navs[0].querySelectorAll('a[href]')].map(a => norm(accName(a))).filter(Boolean) : [];
const home = [...document.querySelectorAll('header a[href], [role=banner] a[href]')]
  .find(a => { const u = hrefOf(a); return u && u.pathname === '/' && u.origin === location.origin; });
const search = document.querySelector('input[type=search], [role=search] input, form[role=search] input, input[name=q], input[name=zoek], input[name=search]');
const linkText = links.map(([a, u]) => norm(accName(a)) + ' ' + u.href.toLowerCase());
const ways = [];
if (search) ways.push('search');
if (nav.length >= 3) ways.push('navigation');
if (linkText.some(t => /sitemap|sitekaart|site map|inhoudsopgave/.test(t))) ways.push('sitemap');
if (linkText.some(t => /\ba-z\b|a tot z|a-z-lijst|onderwerpen/.test(t))) ways.push('a-z');
return {nav, home: home ? norm(accName(home)) : null,
        search: search ? norm(accName(search) || (search.labels && search.labels[0] ? search.labels[0].innerText : '') || search.placeholder) : null,
        ways, links: links.map(([a, u]) => [u.href, accName(a).slice(0, 200)]), url: location.href};
