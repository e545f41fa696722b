// axe-core's own translation (a11y.browser.axe_locale), run right after the axe build:
// arguments[0] is the locale object of the same axe-core version.
if (window.axe) {
  axe.configure({locale: arguments[0]});
}
