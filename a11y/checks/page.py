"""Cheap, certain checks read from one rendered page's DOM (no state is changed).

Each check returns hits as ``(rule, outcome, target, html, summary)``; the runner in
:mod:`a11y.checks` turns them into findings. Thresholds are the WCAG ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from a11y import js
from a11y.checks import clickable, content, names

_PAGE_JS = js.load("check_helpers", "check_page")

#: Titles that name no page (compared lower-case, trailing dots removed).
GENERIC_TITLES = [
    "home",
    "homepage",
    "home page",
    "index",
    "untitled",
    "untitled document",
    "naamloos",
    "new page",
    "nieuwe pagina",
    "document",
    "pagina",
    "page",
    "welkom",
    "welcome",
    "title",
    "titel",
    "default",
    "test",
]
#: Link texts that say nothing about their target by themselves (nl and en).
GENERIC_LINKS = [
    "klik hier",
    "hier",
    "lees meer",
    "lees verder",
    "meer",
    "meer info",
    "meer informatie",
    "verder",
    "link",
    "deze link",
    "download",
    "bekijk",
    "ga",
    "ga naar",
    "click here",
    "here",
    "read more",
    "more",
    "more info",
    "learn more",
    "continue",
    "this link",
    "details",
]
#: (regex on name/id/label/placeholder/type, description, autocomplete token).
PERSONAL = [
    [r"\be-?mail|\bemail\b|e-mailadres", "e-mail", "email"],
    [r"\btel\b|telefoon|phone|mobiel|mobile", "phone", "tel"],
    [r"postcode|postal|zip\b|zipcode", "postcode", "postal-code"],
    [r"voornaam|first.?name|given.?name", "first name", "given-name"],
    [r"achternaam|last.?name|family.?name|surname", "last name", "family-name"],
    [r"^(naam|name|volledige naam|full name)\b|\bfullname\b|\bnaam\b", "name", "name"],
    [r"straat|street|adres\b|address", "address", "street-address"],
    [r"woonplaats|\bcity\b|\bplaats\b", "town", "address-level2"],
]


def _more() -> tuple[tuple[str, Callable[[Any], list[list[str]]]], ...]:
    """The other quick checks of the standard set, in their own modules."""
    return (
        ("label in name", names.check),
        ("click handler", clickable.check),
        ("content", content.check),
    )


def check(driver: Any) -> tuple[list[list[str]], dict[str, Any]]:
    """Hits of the DOM-only checks, and facts the site-level checks need.

    Each further check is isolated as the runner isolates whole check families: one
    that breaks on a page becomes a note and costs the others nothing."""
    out = driver.execute_script(_PAGE_JS, GENERIC_TITLES, GENERIC_LINKS, PERSONAL)
    hits: list[list[str]] = out["hits"]
    for name, fn in _more():
        try:
            hits.extend(fn(driver))
        except Exception as exc:  # noqa: BLE001 - a check must never cost the page the others
            from a11y.checks import check_error

            hits.append(check_error(name, exc))
    return hits, {"title": out["title"]}
