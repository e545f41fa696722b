// Resolves once the DOM has been quiet for arguments[0] ms (at most arguments[1] ms),
// so content that scripts add just after the load event is checked too. With the
// tracker (tracker.js) in the page, quiet means no pending short timer or request
// and arguments[2] ms without DOM changes, which ends far sooner on static pages.
const [untracked, cap, tracked, done] = arguments;
const pending = window.__a11yPending;
const quiet = pending ? tracked : untracked;
const later = window.__a11ySetTimeout || setTimeout;  // the tracker must not count our timers
let finished = false, timer = null, last = Date.now();
const finish = () => { if (!finished) { finished = true; observer.disconnect(); done(true); } };
const check = () => {
  if (pending && pending() > 0) { timer = later(check, 10); return; }
  const idle = Date.now() - last;
  if (idle >= quiet) finish(); else timer = later(check, quiet - idle);
};
const observer = new MutationObserver(() => { last = Date.now(); });
observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
timer = later(check, quiet);
later(finish, cap);
