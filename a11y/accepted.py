"""Accepted findings: a known barrier a team has decided to live with, for a reason, until a date.

A site with forty known issues can never go green, and teams then switch the check off;
an ``[[accepted]]`` entry in ``a11y.toml`` lets them keep it on. An accepted issue is
never dropped: every report still shows it, marked accepted with the reason, and it
only stops failing the scan. After ``until`` it fails again and says it expired, so an
acceptance cannot outlive the plan it was made for.

An entry matches a grouped issue on any of rule (exact), selector (a substring of the
issue's selector or of one of its elements' selectors) and URL (a regular expression,
searched like ``--include``, that every page of the issue must match); it needs at
least one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from a11y import grouping
from a11y.analysis.model import Acceptance, Issue, Report
from a11y.i18n import say

#: Keys an ``[[accepted]]`` entry may have.
KEYS = ("rule", "url", "selector", "reason", "until")


class AcceptedError(ValueError):
    """An ``[[accepted]]`` entry that cannot be used; the message names the entry and key."""


@dataclass(frozen=True)
class Accept:
    """One ``[[accepted]]`` entry as the configuration gives it."""

    reason: str
    rule: str | None = None
    url: str | None = None
    selector: str | None = None
    until: date | None = None

    def expired(self, today: date) -> bool:
        """The day ``until`` names is still accepted; the day after it fails again."""
        return self.until is not None and today > self.until


def parse(entries: Any) -> tuple[Accept, ...]:
    """The ``accepted`` list of a configuration, checked (raises :class:`AcceptedError`)."""
    if not isinstance(entries, list):
        raise AcceptedError(say("accepted.not_list"))
    out = []
    for number, entry in enumerate(entries, start=1):
        where = f"accepted #{number}"
        if not isinstance(entry, dict):
            raise AcceptedError(say("accepted.not_table", where=where))
        for key in entry:
            if key not in KEYS:
                raise AcceptedError(
                    say("accepted.unknown_key", where=where, key=repr(key), known=", ".join(KEYS))
                )
        for key in ("rule", "url", "selector", "reason"):
            if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
                raise AcceptedError(say("accepted.not_string", where=where, key=key))
        if not entry.get("reason"):
            raise AcceptedError(say("accepted.no_reason", where=where))
        if not any(entry.get(k) for k in ("rule", "url", "selector")):
            raise AcceptedError(say("accepted.no_match", where=where))
        if "url" in entry:
            try:
                re.compile(entry["url"])
            except re.error as exc:
                # re's own wording is English; the position where it failed is not
                pos = "?" if exc.pos is None else exc.pos + 1
                raise AcceptedError(say("accepted.bad_regex", where=where, pos=pos)) from None
        out.append(
            Accept(
                reason=entry["reason"].strip(),
                rule=entry.get("rule"),
                url=entry.get("url"),
                selector=entry.get("selector"),
                until=_date(entry.get("until"), where),
            )
        )
    return tuple(out)


def _date(value: Any, where: str) -> date | None:
    """TOML has dates (``until = 2027-06-30``); a quoted ISO date is taken too."""
    if value is None:
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise AcceptedError(say("accepted.bad_date", where=where))


def _issue_pages(report: Report) -> dict[str, set[str]]:
    """Every page URL each page-level fingerprint occurs on (issues keep only examples)."""
    pages: dict[str, set[str]] = {}
    for page in report.pages:
        url = page.final_url or page.url or ""
        for result in page.violations:
            for element in result.elements:
                key = grouping.fingerprint(
                    str(result.rule or ""), str(element.target or ""), str(element.html or "")
                )
                pages.setdefault(key, set()).add(url)
    return pages


def _element_targets(report: Report) -> dict[str, set[str]]:
    targets: dict[str, set[str]] = {}
    for page in report.pages:
        for result in page.violations:
            for element in result.elements:
                key = grouping.fingerprint(
                    str(result.rule or ""), str(element.target or ""), str(element.html or "")
                )
                targets.setdefault(key, set()).add(str(element.target or ""))
    return targets


def matches(
    entry: Accept, issue: Issue, pages: set[str] | None = None, targets: set[str] | None = None
) -> bool:
    """Whether ``entry`` covers ``issue`` (see the module docstring)."""
    if entry.rule is not None and entry.rule != issue.rule:
        return False
    if entry.selector is not None:
        seen = {str(issue.target or ""), *(targets or ())}
        if not any(entry.selector in target for target in seen):
            return False
    if entry.url is not None:
        urls = pages or set(issue.example_urls)
        if not urls or not all(re.search(entry.url, u) for u in urls):
            return False
    return True


def apply(report: Report, entries: tuple[Accept, ...], today: date) -> Report:
    """The report with every matching issue marked accepted (or accepted but expired).

    When several entries match, one still running wins over an expired one: a team that
    renews an acceptance adds a new entry and the old one stops mattering.
    """
    if not entries:
        return report
    pages = _issue_pages(report)
    targets = _element_targets(report)
    issues = []
    for issue in report.issues:
        key = str(issue.fingerprint or "")
        page_scope = issue.scope != "site"
        found = [
            e
            for e in entries
            if matches(
                e,
                issue,
                pages.get(key) if page_scope else None,
                targets.get(key) if page_scope else None,
            )
        ]
        if not found:
            issues.append(issue)
            continue
        best = min(found, key=lambda e: e.expired(today))
        issues.append(replace(issue, accepted=acceptance(best, today)))
    return replace(report, issues=tuple(issues))


def acceptance(entry: Accept, today: date) -> Acceptance:
    """The report's record of an entry: what matched, why, until when, and whether it ran out."""
    return Acceptance(
        rule=entry.rule,
        url=entry.url,
        selector=entry.selector,
        reason=entry.reason,
        until=entry.until.isoformat() if entry.until else None,
        expired=entry.expired(today),
    )
