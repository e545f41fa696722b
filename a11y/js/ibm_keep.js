// After the engine's build in a preloaded page (a11y.browser.ibm.preload_source): keep its
// `ace` in a property no loop over window sees, for ibm_preloaded.js.
Object.defineProperty(window, '__ideskIbmEngine', {value: ace, configurable: true});
