// Counts short timers and in-flight fetch/XHR; window.__a11yPending() reads it.
// Timers longer than arguments[0] ms (the settle cap) and setInterval are ignored
// (carousels never end). Runs at the start of every document (a11y.browser.cdp).
if (window.__a11yPending) return;
const timers = new Set(); let requests = 0;
const st = window.setTimeout, ct = window.clearTimeout, cap = arguments[0];
window.setTimeout = function (fn, ms, ...rest) {
  if (typeof fn !== 'function' || (+ms || 0) > cap) return st.call(this, fn, ms, ...rest);
  const id = st.call(this, function () { timers.delete(id); return fn.apply(this, arguments); },
                     ms, ...rest);
  timers.add(id);
  return id;
};
window.clearTimeout = function (id) { timers.delete(id); return ct.call(this, id); };
if (window.fetch) {
  const f = window.fetch;
  window.fetch = function () {
    requests++;
    return f.apply(this, arguments).finally(() => { requests--; });
  };
}
if (window.XMLHttpRequest) {
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function () {
    requests++;
    this.addEventListener('loadend', () => { requests--; }, {once: true});
    return send.apply(this, arguments);
  };
}
Object.defineProperty(window, '__a11yPending', {value: () => timers.size + requests});
Object.defineProperty(window, '__a11ySetTimeout', {value: (fn, ms) => st.call(window, fn, ms)});
