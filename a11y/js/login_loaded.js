// True once the page after the login form has loaded (a11y.browser.login).
return window.__a11yLoginPending !== true && document.readyState === 'complete';
