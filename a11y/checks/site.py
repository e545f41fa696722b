"""Site-level checks: compare what every checked page offers (only a crawler can).

During the crawl :func:`facts` records per page what these checks need (navigation
order, the names of the home link and search field, ways to find pages, whether the
statement is linked); it is stored in the page's own ``facts`` column, beside the raw
axe JSON. :func:`apply` runs in the report's analysis step (:mod:`a11y.analysis`) and
adds needs-review results to the pages, in the contract's shape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from a11y import js
from a11y.checks import registry

_FACTS_JS = js.load("check_helpers", "check_site_facts")


def facts(driver: Any) -> dict[str, Any]:
    out = driver.execute_script(_FACTS_JS)
    links, url = out.pop("links"), out.pop("url")  # the URL in the same call: one trip less
    try:
        from a11y.statement import find_statement_link

        out["statement_link"] = find_statement_link(url, links)
    except ImportError:
        out["statement_link"] = None
    return out


def _item(rule_id: str, targets: list[tuple[str, str, str]]) -> dict[str, Any]:
    f = registry.finding(rule_id, targets)
    return {
        "rule": f.rule,
        "impact": f.impact,
        "wcag": list(f.wcag),
        "en301549": list(f.en301549),
        "help": f.help,
        "help_url": f.help_url,
        "targets": [n.target for n in f.nodes],
        "nodes": len(f.nodes),
        "node_details": [
            {"target": n.target, "html": n.html, "failure_summary": n.failure_summary}
            for n in f.nodes
        ],
    }


def apply(pages: list[dict[str, Any]], page_facts: list[dict[str, Any] | None]) -> None:
    """Add the site-level needs-review results to ``pages`` (same order as ``page_facts``)."""
    checked = [(p, f) for p, f in zip(pages, page_facts, strict=True) if f is not None]
    if len(checked) < 2:
        return
    titles = Counter((p.get("title") or "").strip().lower() for p, _ in checked)
    navs = [tuple(f.get("nav") or ()) for _, f in checked if f.get("nav")]
    common_nav = Counter(navs).most_common(1)[0][0] if navs else ()
    homes = Counter(f["home"] for _, f in checked if f.get("home"))
    searches = Counter(f["search"] for _, f in checked if f.get("search"))
    for page, f in checked:
        title = (page.get("title") or "").strip()
        if title and titles[title.lower()] > 1:
            page["needs_review"].append(
                _item(
                    "idesk-title-unique",
                    [
                        (
                            "title",
                            f"<title>{title}</title>",
                            f'{titles[title.lower()]} checked pages share the title "{title}".',
                        )
                    ],
                )
            )
        nav = tuple(f.get("nav") or ())
        if nav and common_nav and nav != common_nav:
            shared = [n for n in nav if n in common_nav]
            expected = [n for n in common_nav if n in nav]
            if shared != expected:
                page["needs_review"].append(
                    _item(
                        "idesk-consistent-navigation",
                        [
                            (
                                "nav",
                                "",
                                "The navigation links come in another order than on most pages: "
                                + ", ".join(shared[:8]),
                            )
                        ],
                    )
                )
        for key, counts, what in (
            ("home", homes, "home link"),
            ("search", searches, "search field"),
        ):
            if f.get(key) and len(counts) > 1 and f[key] != counts.most_common(1)[0][0]:
                page["needs_review"].append(
                    _item(
                        "idesk-consistent-identification",
                        [
                            (
                                what,
                                "",
                                f'The {what} is called "{f[key]}" here but '
                                f'"{counts.most_common(1)[0][0]}" on most pages.',
                            )
                        ],
                    )
                )
        if not f.get("statement_link"):
            page["needs_review"].append(
                _item(
                    "idesk-statement-link",
                    [("body", "", "This page has no link to the accessibility statement.")],
                )
            )
    ways = set()
    for _, f in checked:
        ways.update(f.get("ways") or ())
    if len(ways) < 2:
        checked[0][0]["needs_review"].append(
            _item(
                "idesk-multiple-ways",
                [
                    (
                        "body",
                        "",
                        "Only "
                        + (", ".join(sorted(ways)) or "no")
                        + " way to find pages was found "
                        "(looked for: search, sitemap page, navigation menu, A-Z list).",
                    )
                ],
            )
        )
