"""Two scans compared: which barriers are new, fixed, persisting, or not looked for again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlite_utils

from a11y import criteria, store
from a11y.analysis.build import analyse
from a11y.checks import registry as own_rules


def diff_scans(
    db: str | Path | sqlite_utils.Database | None, old_id: int, new_id: int
) -> dict[str, list[dict[str, Any]]]:
    """Grouped issues of two scans compared by fingerprint: new, fixed and persisting.

    An issue of the old scan that the new scan did not look for again is
    ``not_rechecked``, not fixed: none of its pages was checked this time (a smaller
    scan, --sample, a page that failed to load), its rule did not run (--checks axe or
    standard, --level A for an AA criterion), or, for a site-level finding, the site
    checks did not run. A smaller scan must not make a barrier look solved.
    """
    database = store.open_db(db)
    new_rows = store.read_scan(database, new_id)
    old_rows = store.read_scan(database, old_id)
    new_report = analyse(new_rows).as_dict()
    old = {i["fingerprint"]: i for i in analyse(old_rows).as_dict()["issues"]}
    new = {i["fingerprint"]: i for i in new_report["issues"]}
    checked = {
        url
        for p in new_report["pages"]
        if not p["error"] and p["sample"] != "not-checked"
        for url in (p["url"], p["final_url"])
        if url
    }
    old_urls = {p["id"]: (p["url"], p["final_url"]) for p in old_rows.pages}
    old_pages: dict[str, set[str]] = {}
    for node in old_rows.nodes:
        old_pages.setdefault(node["fingerprint"], set()).update(
            u for u in old_urls[node["page_id"]] if u
        )
    scan = new_rows.scan
    checks = scan["options"].get("checks", "full")
    level = scan["level"] or "AA"
    by_number = criteria.criteria_by_number()

    def rule_ran(issue: dict[str, Any]) -> bool:
        rule = issue["rule"]
        if rule in own_rules.RULES and (
            checks == "axe" or (checks == "standard" and rule in own_rules.FULL_ONLY_RULES)
        ):
            return False
        if rule.startswith("ibm:") and checks == "axe":  # IBM's engine: standard and full
            return False
        levels = {by_number[n].level for n in issue["wcag"] if n in by_number}
        return not (level == "A" and levels == {"AA"})

    def rechecked(issue: dict[str, Any]) -> bool:
        if not rule_ran(issue):
            return False
        if issue.get("scope") == "site":
            pages = set(issue["example_urls"]) if new_report["site_checks"]["ran"] else set()
        else:
            pages = old_pages.get(issue["fingerprint"], set(issue["example_urls"]))
        return not pages.isdisjoint(checked)

    gone = [i for f, i in old.items() if f not in new]
    return {
        "new": [i for f, i in new.items() if f not in old],
        "fixed": [i for i in gone if rechecked(i)],
        "persisting": [i for f, i in new.items() if f in old],
        "not_rechecked": [i for i in gone if not rechecked(i)],
    }
