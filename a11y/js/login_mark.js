// Set on the login page before submitting (a11y.browser.login): gone once a new document
// has loaded.
window.__a11yLoginPending = true;
