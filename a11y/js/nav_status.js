// The HTTP status the browser got for the document now shown (0 when unknown: a file,
// about:blank, or a browser without PerformanceNavigationTiming.responseStatus). A 429
// or 503 served only to the browser must be retried, not checked as if it were the page.
const entry = performance.getEntriesByType('navigation')[0];
return (entry && entry.responseStatus) || 0;
