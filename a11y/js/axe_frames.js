// Appended to the axe build when it is injected by hand: the document's origin and its
// frames, so axe is injected into the same-origin ones too.
return [location.origin, [...document.querySelectorAll('iframe, frame')]];
