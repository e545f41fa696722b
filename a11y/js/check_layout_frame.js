// Resolves after two animation frames, when a new viewport size has been laid out.
const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(1)));
