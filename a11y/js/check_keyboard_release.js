// Releases focus and scrolls back to the top, before and after the Tab walk.
if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);
