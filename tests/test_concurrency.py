"""Two desk processes writing into one database file at the same time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from helpdesk.store import open_store

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from helpdesk.desk import log_request
    from helpdesk.records import DeskRequest
    from helpdesk.settings import Settings
    from helpdesk.store import open_store

    path, staff, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    settings = Settings(location="bieb-centrum", staff=staff)
    with open_store(path) as store:
        for n in range(count):
            req = DeskRequest(("digid",), ("digid-app",), "help-along", "solved",
                              "bieb-centrum", staff, minutes=n % 60, note=f"verzoek {n}")
            log_request(store, req, settings)
    print("done", staff)
    """
)


def test_two_processes_write_500_requests_each_without_lock_errors(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_store(path).close()  # both writers find the schema in place, as two desks would
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), staff, "500"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for staff in ("a1", "b2")
    ]
    results = [w.communicate(timeout=300) for w in writers]
    for writer, (_out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    with open_store(path) as store:
        assert store.count_requests() == 1000
        per_staff = dict(store.conn.execute("SELECT staff, COUNT(*) FROM requests GROUP BY staff"))
        distinct = store.conn.execute("SELECT COUNT(DISTINCT id) FROM requests").fetchone()[0]
    assert per_staff == {"a1": 500, "b2": 500}
    assert distinct == 1000


def test_two_processes_creating_a_new_database_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), staff, "20"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for staff in ("a1", "b2")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    with open_store(path) as store:
        assert store.count_requests() == 40
