"""The 50 WCAG 2.1 A/AA success criteria the Bdto requires, and axe tag mapping.

Reports speak in success criteria (with their official Dutch names) and EN 301 549
clauses, because that is how an accessibility statement lists what does not comply;
axe speaks in tags like ``wcag143``. This module translates between the two.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from inclusiedesk.paths import data_file

_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")
_EN_TAG = re.compile(r"^EN-(9\.\d+\.\d+\.\d+)$")


@dataclass(frozen=True)
class Criterion:
    number: str  # '1.4.3'
    level: str  # 'A' or 'AA'
    wcag_version: str  # '2.0' or '2.1'
    slug: str
    name_en: str
    name_nl: str
    en301549: str  # '9.1.4.3'


@lru_cache(maxsize=1)
def criteria() -> tuple[Criterion, ...]:
    """All Bdto success criteria in WCAG order."""
    with data_file("wcag21-aa-nl.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            Criterion(
                number=row["number"],
                level=row["level"],
                wcag_version=row["wcag_version"],
                slug=row["slug"],
                name_en=row["name_en"],
                name_nl=row["name_nl"],
                en301549=row["en301549_clause"],
            )
            for row in csv.DictReader(fh)
        )


@lru_cache(maxsize=1)
def criteria_by_number() -> dict[str, Criterion]:
    return {c.number: c for c in criteria()}


def wcag_numbers_from_tags(tags: Iterable[str]) -> list[str]:
    """``['wcag2aa', 'wcag143']`` -> ``['1.4.3']``; only Bdto criteria, in WCAG order."""
    found = set()
    for tag in tags:
        match = _WCAG_TAG.match(tag)
        if match:
            number = ".".join(match.groups())
            if number in criteria_by_number():
                found.add(number)
    return [c.number for c in criteria() if c.number in found]


def en301549_from_tags(tags: Iterable[str]) -> list[str]:
    """EN 301 549 clauses: axe's own ``EN-9.x.y.z`` tags, else derived from the WCAG ones."""
    tags = list(tags)
    clauses = {m.group(1) for t in tags if (m := _EN_TAG.match(t))}
    clauses |= {criteria_by_number()[n].en301549 for n in wcag_numbers_from_tags(tags)}
    order = {c.en301549: i for i, c in enumerate(criteria())}
    return sorted(clauses, key=lambda clause: (order.get(clause, len(order)), clause))
