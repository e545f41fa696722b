"""Which single-barrier pages axe alone flags and which the default (standard) set flags.

Serves the corpus of :mod:`barrier_pages` on 127.0.0.1 and checks each page once in
headless Chromium: axe-core with the WCAG 2.0/2.1 A and AA tags (``--checks axe``),
then our quick own checks and IBM's Equal Access engine on the same loaded page (the
``standard`` set, graded by the validation tables and merged as a scan does). A page counts as flagged when it gets at least
one violation (a certain failure; needs-review does not count). Prints a row per page
and the totals: barrier pages flagged by axe alone vs by the default, and violations
on the clean control pages (false alarms).

    .venv/bin/python bench/barriers_vs_axe.py [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from barrier_pages import PAGES, page_html  # noqa: E402

from a11y import settings  # noqa: E402
from a11y.browser import axe, ibm  # noqa: E402
from a11y.browser.session import BrowserSession  # noqa: E402
from a11y.checks import run_page_checks  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sites import Response, Site  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="show needs-review too")
    args = parser.parse_args(argv)
    site = Site(routes={f"/{n}.html": Response(body=page_html(n).encode()) for n in PAGES}).start()
    session = BrowserSession(settings.TIMEOUT, "AA")
    session.start()
    rows = []
    try:
        for name, (kind, _, _) in PAGES.items():
            driver = session.driver
            driver.get(f"{site.url}/{name}.html")
            run = axe.run_axe(driver, "AA")
            by_axe = sorted({f.rule for f in run.violations})
            both = run_page_checks(driver, run, full=False)
            both = ibm.check(driver, both, "AA", ibm.require())
            by_default = sorted({f.rule for f in both.violations})
            review = sorted(
                {f.rule for f in both.incomplete if f.rule.startswith(("idesk", ibm.PREFIX))}
            )
            rows.append((name, kind, by_axe, by_default, review))
    finally:
        session.close()
        site.stop()
    print(f"{'page':28} {'kind':12} {'axe':4} {'default':8} default's rules")
    for name, kind, by_axe, by_default, review in rows:
        extra = f"  (review: {', '.join(review)})" if args.verbose and review else ""
        print(
            f"{name:28} {kind:12} {'yes' if by_axe else '-':4} {'yes' if by_default else '-':8} "
            f"{', '.join(by_default)}{extra}"
        )
    barriers = [r for r in rows if r[1] != "clean"]
    clean = [r for r in rows if r[1] == "clean"]
    n_axe = sum(bool(r[2]) for r in barriers)
    n_default = sum(bool(r[3]) for r in barriers)
    print(
        f"\n{len(barriers)} barrier pages: flagged by axe alone {n_axe}, by the default "
        f"{n_default} ({n_default / max(n_axe, 1):.1f}x)"
    )
    print(
        f"{len(clean)} clean pages: with a violation under axe {sum(bool(r[2]) for r in clean)}, "
        f"under the default {sum(bool(r[3]) for r in clean)}"
    )
    kinds = sorted({r[1] for r in barriers})
    for kind in kinds:
        mine = [r for r in barriers if r[1] == kind]
        print(
            f"  {kind:12} {len(mine):>3} pages  axe {sum(bool(r[2]) for r in mine):>3}  "
            f"default {sum(bool(r[3]) for r in mine):>3}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
