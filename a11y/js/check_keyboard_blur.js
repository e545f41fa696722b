// Blurs the focused element; true when the page took focus straight back.
const [key, wait, done] = arguments;
const el = document.activeElement; if (el) el.blur();
setTimeout(() => requestAnimationFrame(() => done(!!el && document.activeElement === el)), wait);
