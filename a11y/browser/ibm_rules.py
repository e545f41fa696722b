"""Which rules of IBM's engine may report violations: earned on the W3C ACT test cases.

``bench/act_rules.py --ibm`` runs the engine on every ACT test page and counts, per IBM
rule, its certain failures on the pages of the ACT rules it implements (the engine's own
``act`` mapping) and on every passed or inapplicable page of all ACT rules. A rule that
flags more than 5% of either reports needs review instead of violations; a rule not in
the table (new in a later engine version, or never validated) reports needs review too.
The bench exits 1 when this table grants a status its figures do not earn.

Where IBM is stricter than ACT (an ``<svg>`` ACT calls inapplicable, ``autocomplete``
token lists ACT accepts), the rule's figures fall above 5% and ACT wins: needs review.
"""

from __future__ import annotations

FAILED = "failed"
REVIEW = "needs-review"

#: Rule -> status, figures of accessibility-checker-engine 4.0.34 on 2026-12-03
#: (filled in from bench/act_rules.py --ibm; see the comments per rule).
VALIDATION: dict[str, str] = {}


def status(rule: str) -> str:
    """'failed' when the rule's certain failures may be violations, else 'needs-review'."""
    return VALIDATION.get(rule, REVIEW)
