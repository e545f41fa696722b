// Runs axe and hands back its results as one JSON string: the driver's own conversion
// of a large object graph is many times slower than JSON.stringify. With
// arguments[1] it first answers {"missing": true} when axe is absent from the
// page or one of its same-origin frames (a document the CDP preload did not reach),
// which saves a separate driver call on every page. arguments[0]: axe.run options.
const [options, checkMissing, done] = arguments;
const missing = (w, depth) => {
  let origin;
  try { origin = w.location.origin; if (!w.axe) return true; } catch (e) { return false; }
  if (depth >= 5) return false;
  for (let i = 0; i < w.frames.length; i++) {
    try { if (w.frames[i].location.origin !== origin) continue; } catch (e) { continue; }
    if (missing(w.frames[i], depth + 1)) return true;
  }
  return false;
};
if (checkMissing && missing(window, 0)) {
  done('{"missing": true}');
} else {
  axe.run(document, options)
    .then(r => done(JSON.stringify(r)))
    .catch(e => done(JSON.stringify({error: String(e && e.message || e)})));
}
