// Ends a check: the document may no longer navigate. A page that reloads or redirects
// itself on a timer would otherwise take over the next page's navigation, and that
// page would be recorded with this one's content. window.stop cancels a navigation
// already under way; the Navigation API cancels the page's later ones (the driver's own
// navigations are browser-initiated and not cancelable, so they still go through).
window.stop();
if (window.navigation) {
  navigation.addEventListener('navigate', e => { if (e.cancelable) e.preventDefault(); });
}
