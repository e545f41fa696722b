"""Every default of the a11y checker in one place, each with the reason for its value.

Environment variables override the paths so tests and CI machines can point the
checker at their own browser, driver, axe build and database without flags.
"""

from __future__ import annotations

import os
from pathlib import Path

from a11y import __version__
from inclusiedesk import paths

#: Sent as User-Agent when no contact URL is set (see :func:`user_agent`).
USER_AGENT = f"inclusiedesk-a11y/{__version__}"
#: The token robots.txt rules are matched against (the product name only).
ROBOTS_AGENT = "inclusiedesk-a11y"
#: Where a site's web team can read who is crawling them and reach whoever runs the scan,
#: named in the User-Agent (``--contact-url``, or $A11Y_CONTACT_URL). The project has no
#: public home page yet, so there is no built-in default: set one per installation.
CONTACT_URL = ""

#: The default language of the ``a11y`` command's lines and reports (``--lang nl|en``):
#: Dutch, because its readers are Dutch public bodies' web teams. The flags and exit codes
#: stay the contract CI pipelines read; the words follow ``--lang`` (a11y.i18n.cli_lang).
CLI_LANG = "nl"

#: robots.txt ``Crawl-delay`` is honoured up to this many seconds. Crawl-delay is written
#: for search engines that revisit millions of pages; a site that asks 86400 s would make
#: a 500-page scan take 500 days. 10 s still leaves a site six pages a minute at most,
#: and a 500-page scan ends within 1.5 hours. The scan says when the cap applies.
MAX_CRAWL_DELAY = 10.0
#: Requests that may be open to one host at once from the Python side (status probes,
#: documents, robots.txt, sitemaps); page loads in the browser are bounded by --workers.
MAX_PER_HOST = 2
#: HTTP answers that mean "not now": retried with backoff, honouring Retry-After.
RETRY_STATUSES = frozenset({429, 503})
#: Retries after a 429/503 (so at most RETRIES + 1 requests for one URL).
RETRIES = 3
#: First backoff wait in seconds when the answer has no Retry-After; doubled per retry.
BACKOFF = 1.0
#: Longest wait for one retry, also when Retry-After asks more: a site that says "come
#: back in an hour" gets its retries a minute apart rather than a scan that seems hung.
MAX_RETRY_WAIT = 60.0
#: Waits (crawl delay, Retry-After) sleep in steps of at most this many seconds, so
#: Ctrl-C ends a scan within 2 s even in the middle of a long wait.
WAIT_STEP = 0.2

#: Default page limit: large enough for a small municipal site, small enough to end.
MAX_PAGES = 500
#: Link depth from the start URLs; sitemap URLs count as depth 1.
MAX_DEPTH = 10
#: Distinct query strings allowed per path, so calendar-style URL traps end.
MAX_QUERY_VARIANTS = 10
#: Seconds between two requests to the same host; polite but not slow.
DELAY = 0.0
#: Seconds a page may take to answer or to load in the browser.
TIMEOUT = 30.0
#: Seconds between two progress lines on stderr when it is no terminal (a CI log): often
#: enough to see a scan is alive, rare enough that a 1-hour scan logs 360 lines, not 18000.
PROGRESS_EVERY = 10.0
#: Impact at or above which `a11y scan` exits 1.
FAIL_ON = "serious"
#: Conformance level checked; the Bdto requires AA.
LEVEL = "AA"
#: Which of our own checks (beyond axe) run per page: 'axe' none; 'standard' the cheap
#: read-only page checks and site-level checks; 'full' also the ones that resize, restyle
#: and tab through the page (reflow, text spacing, 200% text, focus, keyboard, language of
#: parts), which cost seconds per page. `a11y demo` uses 'full'.
CHECKS = "standard"
CHECK_SETS = ("axe", "standard", "full")
#: Documents are listed, not checked; recognised by extension before any request.
DOCUMENT_EXTENSIONS = frozenset(
    [
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
        ".rtf",
        ".zip",
        ".csv",
        ".txt",
        ".epub",
    ]
)
#: Query parameters that only track visitors; dropped so a page is visited once.
TRACKING_PARAMS = frozenset(
    ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid", "_ga", "_gl", "igshid"]
)
TRACKING_PREFIXES = ("utm_",)
#: Longest visible text kept per page (used for the statement's compliance status).
MAX_TEXT_CHARS = 200_000
#: After the load event, wait until the DOM has been quiet this long (ms) before axe runs,
#: so barriers and links that scripts add count; never longer than SETTLE_MAX_MS.
SETTLE_QUIET_MS = 300
SETTLE_MAX_MS = 3_000
#: Seconds a single driver call may take beyond 3 x the page timeout before the session
#: counts as hung and is replaced (page load + axe can legitimately take 3 x timeout).
DRIVER_CALL_GRACE = 30.0
#: Extra seconds (beyond the page timeout) a half-loaded page gets to stop before the
#: session is replaced instead.
RESET_GRACE = 5.0
#: How long axe waits for a frame to answer; cross-origin frames never do.
FRAME_WAIT_MS = 5_000

#: Pages whose Content-Length is larger than this are recorded as an error, not rendered:
#: no municipal page is 10 MB of HTML, and a browser chewing on 50 MB stalls the scan.
MAX_PAGE_BYTES = 10_000_000
#: robots.txt bytes read (Google's limit is 500 KiB); rules after it are ignored.
MAX_ROBOTS_BYTES = 512_000
#: Sitemap bytes read, also after gunzipping (the sitemap protocol's own limit is 50 MB).
MAX_SITEMAP_BYTES = 50_000_000

#: With the pending-work tracker of :mod:`a11y.browser.cdp` the DOM only needs to be quiet this
#: long (ms) once no short timer or request is pending; SETTLE_QUIET_MS is the fallback.
SETTLE_QUIET_TRACKED_MS = 50
#: URL patterns (Network.setBlockedURLs) the browser never loads: fonts, audio/video and
#: trackers cannot change axe's verdict (fonts only shift text a few pixels).
BLOCKED_URL_PATTERNS = (
    *(f"*.{ext}" for ext in ("woff", "woff2", "ttf", "otf", "eot")),
    *(f"*.{ext}" for ext in ("mp4", "webm", "m4v", "mov", "avi", "mp3", "m4a", "wav", "m3u8")),
    "*google-analytics.com/*",
    "*googletagmanager.com/*",
    "*doubleclick.net/*",
    "*connect.facebook.net/*",
    "*hotjar.com/*",
    "*siteimproveanalytics.com/*",
    "*clarity.ms/*",
)
#: Pages stored per SQLite transaction during a scan (and at least once a second):
#: one commit per page costs a disk sync each; a killed scan re-checks at most these.
WRITE_BATCH = 20
#: --sample: pages checked per template before the rest is sampled at random.
SAMPLE_PER_TEMPLATE = 3
#: --sample: share of the remaining pages of each template checked at random (WCAG-EM's
#: random sample is at least 10 % of the structured one).
SAMPLE_RANDOM_SHARE = 0.1

#: Impact order used for sorting and --fail-on, lowest first (axe's own scale).
IMPACTS = ("minor", "moderate", "serious", "critical")


def contact_url() -> str:
    """The contact URL for the User-Agent: $A11Y_CONTACT_URL, else :data:`CONTACT_URL`."""
    return os.environ.get("A11Y_CONTACT_URL", CONTACT_URL).strip()


def user_agent(contact: str | None = None) -> str:
    """``inclusiedesk-a11y/<version> (+<contact URL>)``: the product, its version and
    where to read about the crawl, as polite crawlers announce themselves."""
    contact = (contact or contact_url()).strip()
    return f"{USER_AGENT} (+{contact})" if contact else USER_AGENT


def default_workers() -> int:
    """Two browsers use two cores well; more only adds memory pressure on small machines."""
    return max(1, min(2, os.cpu_count() or 1))


def chromium_path() -> str:
    """The browser binary; Selenium Manager cannot download one on a closed network."""
    return os.environ.get("A11Y_CHROMIUM", "/usr/bin/chromium")


def chromedriver_path() -> str:
    return os.environ.get("A11Y_CHROMEDRIVER", "/usr/bin/chromedriver")


def axe_script_path() -> str:
    """The axe-core build to inject; defaults to the one selenium-axe-python bundles."""
    override = os.environ.get("A11Y_AXE_SCRIPT")
    if override:
        return override
    import selenium_axe_python

    return str(Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js")


#: IBM's Equal Access engine (npm ``accessibility-checker-engine``, Apache-2.0), the second
#: engine of the ``standard`` and ``full`` check sets (a11y.browser.ibm). Pinned to one
#: version with the registry's integrity hash, so every installation runs the same rules
#: that bench/act_rules.py validated; scripts/setup.sh installs exactly this tarball.
IBM_ENGINE_PACKAGE = "accessibility-checker-engine"
IBM_ENGINE_VERSION = "4.0.34"
IBM_ENGINE_INTEGRITY = "sha512-nGE7j5gI/914QLgt1tFcjM9kCr4EKx3HxctsZE8BobObYmQr+UoYsKdWVLowG4QHCB7G/F0Prr3kTwKENPHrcA=="
#: The rule set the engine runs: WCAG 2.1 A and AA, what the Bdto (EN 301 549) requires.
IBM_POLICY = "WCAG_2_1"


def ibm_engine_dir() -> Path:
    """Where scripts/setup.sh unpacks the pinned engine: the user's cache, outside the repo."""
    return paths.user_cache_dir() / f"{IBM_ENGINE_PACKAGE}-{IBM_ENGINE_VERSION}"


def ibm_script_path() -> str:
    """The engine's browser build (``ace.js``): $A11Y_IBM_SCRIPT, else the installed one."""
    return os.environ.get("A11Y_IBM_SCRIPT") or str(ibm_engine_dir() / "ace.js")


#: Flags Chromium needs on a closed network and in containers; without them it hangs.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1024",
)
