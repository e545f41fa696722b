"""Request builders the desk tests share, instead of a copy per test file.

``desk_request()`` is the desk's most common case (DigiD, applying for DigiD, helped
along, solved) at one location by one staff code; a test changes only the fields it is
about, so what differs from the common case is what the test reads as important.
"""

from __future__ import annotations

from helpdesk.records import DeskRequest


def desk_request(**changes: object) -> DeskRequest:
    """A valid request with ``changes`` applied (any DeskRequest field)."""
    common = DeskRequest(
        organisations=("digid",),
        subjects=("digid-apply",),
        help_type="help-along",
        outcome="solved",
        location="bieb-centrum",
        staff="m12",
    )
    return common.with_changes(**changes)
