"""Our own checks for what axe-core leaves out, run in the page after axe.

:func:`run_page_checks` is the one call the per-page pipeline makes. Each check is
isolated: an exception becomes an ``idesk-check-error`` needs-review note and never
touches axe's results. Checks that change the page (viewport, styles, focus) undo the
change themselves; the keyboard checks, which move focus, run last.
Rules, their success criteria and their limits are in :mod:`a11y.checks.registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from a11y.browser.axe import AxeRun, Finding
from a11y.checks import keyboard, lang, layout, page, registry, site

#: The checks of ``--checks full`` in the order they run (state-changing ones last); they
#: resize, restyle or tab through the page and cost seconds per page.
FULL_CHECKS: tuple[tuple[str, Callable[[Any], list[list[str]]]], ...] = (
    ("language of parts", lang.check),
    ("orientation", layout.orientation),
    ("reflow", layout.reflow),
    ("text spacing", layout.text_spacing),
    ("resize text", layout.resize_text),
    ("keyboard", keyboard.check),
)


def check_error(name: str, exc: BaseException) -> list[str]:
    """A check that broke becomes a needs-review note, so the page keeps its other results."""
    first = (str(getattr(exc, "msg", "") or exc).strip().splitlines() or [""])[0][:200]
    return [
        "idesk-check-error",
        "needs-review",
        "html",
        "",
        f"The {name} check could not run: {type(exc).__name__}: {first}",
    ]


def collect(driver: Any, full: bool = True) -> tuple[list[list[str]], dict[str, Any]]:
    """All hits ``[rule, outcome, target, html, summary]`` and the per-page site facts."""
    hits: list[list[str]] = []
    facts: dict[str, Any] = {}
    try:
        found, facts = page.check(driver)
        hits.extend(found)
    except Exception as exc:  # noqa: BLE001 - a check must never cost the page its axe results
        hits.append(check_error("page", exc))
    try:
        facts.update(site.facts(driver))
    except Exception as exc:  # noqa: BLE001
        hits.append(check_error("site facts", exc))
    for name, fn in FULL_CHECKS if full else ():
        try:
            hits.extend(fn(driver))
        except Exception as exc:  # noqa: BLE001
            hits.append(check_error(name, exc))
    if any(h[0] == "idesk-orientation" for h in hits):  # one barrier, one finding
        hits = [h for h in hits if h[0] != "idesk-orientation-css"]
    return [registry.graded(h) for h in hits], facts


def findings(hits: list[list[str]]) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Hits grouped per rule into (violations, needs review)."""
    grouped: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for rule, outcome, target, html, summary in hits:
        grouped.setdefault((rule, outcome), []).append((target, html, summary))
    failed = tuple(registry.finding(r, n) for (r, o), n in grouped.items() if o == registry.FAILED)
    review = tuple(registry.finding(r, n) for (r, o), n in grouped.items() if o != registry.FAILED)
    return failed, review


def run_page_checks(driver: Any, run: AxeRun, full: bool = True) -> AxeRun:
    """axe's run plus our findings and the page's site facts; axe's raw JSON is untouched."""
    hits, facts = collect(driver, full)
    failed, review = findings(hits)
    return replace(
        run, violations=run.violations + failed, incomplete=run.incomplete + review, facts=facts
    )
