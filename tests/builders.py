"""Request builders the desk tests share, instead of a copy per test file.

``desk_request()`` is the desk's most common case (DigiD, applying for DigiD, helped
along, solved) at one location by one staff code; a test changes only the fields it is
about, so what differs from the common case is what the test reads as important.
"""

from __future__ import annotations

import sqlite3

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


def without_noise(conn: sqlite3.Connection) -> None:
    """Give every request the record key 0, so published figures carry no noise.

    For tests of what is counted and how it is shown; the noise itself is tested in
    test_disclosure.py. Cell key 0 stands for noise 0 (``cell_key.NOISE`` starts at 0).
    The days are marked for a recount so the summaries' key sums follow.
    """
    conn.execute("UPDATE requests SET stats_key = 0")
    conn.execute(
        "INSERT OR IGNORE INTO stats_dirty (day) SELECT DISTINCT substr(created_at, 1, 10) "
        "FROM requests"
    )
    conn.commit()
