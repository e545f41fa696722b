"""The desk's most frequent cases this month: one key fills the whole request.

Most residents at a desk come with one of a handful of questions (the DigiD activation
letter, logging in, the allowance), and staff log them many times a day. A case is what
the form needs for them: organisations, subjects, help type and outcome (and where the
resident was referred, for a referral). ``frequent_cases`` counts the requests of this
location in the current calendar month and returns the most frequent combinations,
most frequent first; with too little data (a new desk, the first of the month) it tops
the list up from ``DEFAULT_CASES``, the cases most desks see most.

Only codes are counted, never notes or anything about a resident, and only the
combinations are shown: a count is never shown, so no case can single anyone out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from helpdesk import clock
from helpdesk.taxonomy import taxonomy

if TYPE_CHECKING:
    from helpdesk.store import Store

CASE_COUNT = 5  # one key each: F5 to F9
CASE_KEYS = ("f5", "f6", "f7", "f8", "f9")


@dataclass(frozen=True)
class FrequentCase:
    """One combination of codes the form can be filled with."""

    organisations: tuple[str, ...]
    subjects: tuple[str, ...]
    help_type: str
    outcome: str
    referred_to: str | None = None

    def label(self, lang: str) -> str:
        """'DigiD activeringscode of -brief · Meehelpen · Opgelost': what the key fills."""
        tax = taxonomy()
        parts = [" + ".join(tax.label("subject", s, lang) for s in self.subjects)]
        parts.append(tax.label("help_type", self.help_type, lang))
        outcome = tax.label("outcome", self.outcome, lang)
        if self.referred_to:
            outcome += " → " + tax.referral_label(self.referred_to, lang)
        parts.append(outcome)
        return " · ".join(parts)


# The questions most desks get most, for a desk without a month of its own yet.
DEFAULT_CASES = (
    FrequentCase(("digid",), ("digid-activation",), "help-along", "solved"),
    FrequentCase(("digid",), ("login-trouble",), "help-along", "solved"),
    FrequentCase(("digid",), ("digid-app",), "help-along", "solved"),
    FrequentCase(("toeslagen",), ("allowance",), "help-along", "solved"),
    FrequentCase(("belastingdienst",), ("tax-return",), "help-along", "solved"),
)

_COUNT_SQL = """
    SELECT
        (SELECT group_concat(code, ';') FROM (
            SELECT code FROM request_codes
            WHERE request_id = r.id AND kind = 'organisation' ORDER BY rowid)) AS orgs,
        (SELECT group_concat(code, ';') FROM (
            SELECT code FROM request_codes
            WHERE request_id = r.id AND kind = 'subject' ORDER BY rowid)) AS subjects,
        r.help_type, r.outcome, r.referred_to, COUNT(*) AS n, MAX(r.created_at) AS last
    FROM requests r
    WHERE r.location = ? AND r.created_at >= ? AND r.created_at < ?
    GROUP BY orgs, subjects, r.help_type, r.outcome, r.referred_to
    ORDER BY n DESC, last DESC
    LIMIT ?
"""


def _valid(case: FrequentCase) -> bool:
    """Every code still in the lists (a case must fill a form that can be saved)."""
    tax = taxonomy()
    return (
        bool(case.organisations and case.subjects)
        and all(tax.has("organisation", c) for c in case.organisations)
        and all(tax.has("subject", c) for c in case.subjects)
        and tax.has("help_type", case.help_type)
        and tax.has("outcome", case.outcome)
        and (case.referred_to is None or case.referred_to in tax.valid_codes("referral_target"))
    )


def frequent_cases(
    store: Store, location: str, today: date | None = None, count: int = CASE_COUNT
) -> list[FrequentCase]:
    """The ``count`` most frequent cases at ``location`` this month, topped up with defaults."""
    today = today or clock.local_today()
    first = today.replace(day=1)
    since, until = clock.day_range(first, today)
    rows = store.conn.execute(_COUNT_SQL, (location, since, until, count * 2)).fetchall()
    cases: list[FrequentCase] = []
    for orgs, subjects, help_type, outcome, referred_to, _n, _last in rows:
        case = FrequentCase(
            tuple((orgs or "").split(";")) if orgs else (),
            tuple((subjects or "").split(";")) if subjects else (),
            help_type,
            outcome,
            referred_to if outcome == "referred" else None,
        )
        if _valid(case) and case not in cases:
            cases.append(case)
    for case in DEFAULT_CASES:
        if len(cases) >= count:
            break
        if case not in cases:
            cases.append(case)
    return cases[:count]
