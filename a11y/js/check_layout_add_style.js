// Adds the style sheet arguments[0] (the WCAG text spacing) to the page.
const s = document.createElement('style'); s.id = 'idesk-spacing';
s.textContent = arguments[0]; document.documentElement.append(s);
