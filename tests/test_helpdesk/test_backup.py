"""Backups while desks write, and restores that check before they replace anything."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import desk_request

from helpdesk.records import DeskRequest
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from helpdesk.records import DeskRequest
    from helpdesk.store import open_store
    with open_store(Path(sys.argv[1])) as store:
        for n in range(int(sys.argv[2])):
            store.add_request(DeskRequest(("digid",), ("digid-app",), "help-along", "solved", "bieb", "w1"))
    """
)


def request() -> DeskRequest:
    return desk_request(
        organisations=("svb",), subjects=("aow-pension",), help_type="information", staff="k7"
    )


def test_backup_while_another_process_writes_is_consistent(run_cli: RunCli, tmp_path: Path) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    open_store(db).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), "400"], stderr=subprocess.PIPE, text=True
    )
    copies = []
    for n in range(3):
        target = tmp_path / f"copy{n}.db"
        code, out, err = run_cli("backup", "-o", str(target))
        assert code == 0, err
        copies.append(target)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    for target in copies:
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        requests = conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
        codes = conn.execute("SELECT COUNT(DISTINCT request_id) FROM request_codes").fetchone()[0]
        conn.close()
        assert requests == codes  # no request without its codes: a transaction-consistent copy
    assert "wrote" in out and "request(s)" in out


def test_backup_refuses_to_overwrite(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "exists.db"
    target.write_text("keep me")
    code, _, err = run_cli("backup", "-o", str(target))
    assert code == 2 and "already exists" in err
    assert target.read_text() == "keep me"


def test_restore_replaces_the_database_and_keeps_the_old_one(
    run_cli: RunCli, tmp_path: Path
) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    with open_store(db) as store:
        kept = store.add_request(request().with_changes(minutes=6, minutes_source="measured"))
    target = tmp_path / "backup.db"
    assert run_cli("backup", "-o", str(target))[0] == 0
    with open_store(db) as store:
        store.add_request(request())
        store.delete_request(kept.id)
    code, out, err = run_cli("restore", str(target), "--yes")
    assert code == 0, err
    assert "restored 1 request" in out and "before-restore" in out
    with open_store(db) as store:
        assert [r.id for r in store.list_requests()] == [kept.id]
        assert store.get_request(kept.id or "").minutes_source == "measured"
    safety = next(tmp_path.glob("helpdesk.before-restore-*.db"))
    assert sqlite3.connect(safety).execute("SELECT COUNT(*) FROM requests").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all" * 50, "not a readable database"),
        (None, "not an inclusiedesk database"),
    ],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    run_cli: RunCli, tmp_path: Path, content: bytes | None, message: str
) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    with open_store(db) as store:
        store.add_request(request())
    bad = tmp_path / "bad.db"
    if content is None:
        sqlite3.connect(bad).execute("CREATE TABLE other (x)").connection.commit()
    else:
        bad.write_bytes(content)
    code, _, err = run_cli("restore", str(bad), "--yes")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    with open_store(db) as store:
        assert store.count_requests() == 1
    assert not list(tmp_path.glob("*.before-restore-*"))
