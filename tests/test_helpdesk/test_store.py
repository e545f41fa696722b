"""The desk database on a real SQLite file: migrations, refusal of newer files, writes."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from builders import desk_request

from helpdesk import clock
from helpdesk.records import FollowUp, GuideUse
from helpdesk.store import (
    SCHEMA_VERSION,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    open_store,
)

request = desk_request


def test_new_database_is_at_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_of_an_older_schema_opens_and_keeps_its_requests(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = open_store(path, migrate=False)
    old.migrate(target=1)
    old.conn.execute(
        "INSERT INTO requests (id, created_at, updated_at, location, staff, help_type, outcome) "
        "VALUES ('01OLD', '2025-01-02T10:00:00.000000Z', '2025-01-02T10:00:00.000000Z', "
        "'bieb-noord', 'x1', 'information', 'solved')"
    )
    old.conn.execute(
        "INSERT INTO request_codes VALUES ('01OLD', 'organisation', 'svb'), "
        "('01OLD', 'subject', 'aow-pension')"
    )
    assert old.schema_version() == 1
    old.close()

    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        upgraded = store.get_request("01OLD")
        assert upgraded.organisations == ("svb",)
        assert upgraded.subjects == ("aow-pension",)
        assert upgraded.note_expires_at is None
        # the upgraded schema works for new writes too
        store.add_request(request(), note_retention_days=30)
        assert store.count_requests() == 2


def test_a_database_from_before_minutes_source_gains_the_column_empty(tmp_path: Path) -> None:
    """A real desk file of schema 4 (tests/fixtures/db): old rows do not know their source."""
    path = tmp_path / "old-desk.sqlite"
    shutil.copyfile(Path(__file__).parent.parent / "fixtures" / "db" / "old-desk.sqlite", path)
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(requests)")}
    assert "minutes_source" not in columns
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        [old] = store.list_requests()
        assert old.minutes_source is None and old.organisations == ("digid",)
        new = store.add_request(request(minutes=4, minutes_source="measured"))
        typed = store.add_request(request(minutes=30, minutes_source="typed"))
        assert store.get_request(new.id or "").minutes_source == "measured"
        assert store.get_request(typed.id or "").minutes_source == "typed"
        store.update_request(old.with_changes(minutes=10, minutes_source="typed"))
        assert store.get_request(old.id or "").minutes_source == "typed"
    with sqlite3.connect(path) as conn:
        stored = dict(conn.execute("SELECT id, minutes_source FROM requests"))
    assert stored == {old.id: "typed", new.id: "measured", typed.id: "typed"}


def test_database_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(path) as store:
        store.add_request(request())
        store.conn.execute("INSERT INTO schema_migrations VALUES (99, '2030-01-01')")
    with pytest.raises(SchemaTooNewError, match="newer inclusiedesk"):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0] == 1


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(path)


def test_save_read_edit_delete_round_trip(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        full = request(
            organisations=("toeslagen", "gemeente"),
            subjects=("allowance", "moving"),
            outcome="referred",
            referred_to="schuldhulp",
            channel="appointment",
            visitor_type="helper-on-behalf",
            age_band="75+",
            first_visit=True,
            barriers=("language", "no-device"),
            minutes=25,
            note="Kwam terug voor zorgtoeslag",
            guides=(GuideUse("toeslag-aanvragen-wijzigen", 4),),
            followup=FollowUp(datetime(2026, 12, 3, 10, 30), ("brief van Toeslagen",)),
        )
        saved = store.add_request(full, note_retention_days=30)
        assert len(saved.id) == 26 and saved.created_at == saved.updated_at
        loaded = store.get_request(saved.id)
        assert loaded == saved

        edited = store.update_request(loaded.with_changes(outcome="solved", referred_to=None))
        again = store.get_request(saved.id)
        assert again.outcome == "solved" and again.referred_to is None
        assert again.created_at == saved.created_at
        assert again.updated_at == edited.updated_at >= saved.updated_at

        store.delete_request(saved.id)
        with pytest.raises(NotFoundError):
            store.get_request(saved.id)
        for table in ("request_codes", "request_guides", "followups"):
            assert store.db[table].count == 0
        assert store.db["deletions"].count == 1


def test_ids_are_unique_and_sort_by_time(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        ids = [store.add_request(request()).id for _ in range(50)]
    assert len(set(ids)) == 50
    assert ids == sorted(ids)


def test_purge_deletes_only_older_requests(tmp_path: Path) -> None:
    now = clock.utc_now()
    with open_store(tmp_path / "desk.db") as store:
        old = store.add_request(request(created_at=clock.to_stored(now - timedelta(days=400))))
        recent = store.add_request(request(created_at=clock.to_stored(now - timedelta(days=10))))
        assert store.count_older_than(365) == 1
        assert store.purge(365) == 1
        remaining = [r.id for r in store.list_requests()]
    assert remaining == [recent.id]
    assert old.id not in remaining


def test_notes_expire_but_coded_fields_stay(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        saved = store.add_request(request(note="bellen over aanslag"), note_retention_days=7)
        assert store.expire_notes(now=clock.utc_now() + timedelta(days=6)) == 0
        assert store.get_request(saved.id).note == "bellen over aanslag"
        assert store.expire_notes(now=clock.utc_now() + timedelta(days=8)) == 1
        after = store.get_request(saved.id)
    assert after.note == ""
    assert after.organisations == ("digid",) and after.outcome == "solved"


def test_list_filters_by_period_and_location(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        a = store.add_request(request(created_at="2026-03-01T10:00:00.000000Z"))
        b = store.add_request(
            request(created_at="2026-03-05T10:00:00.000000Z", location="bieb-zuid")
        )
        c = store.add_request(request(created_at="2026-04-01T10:00:00.000000Z"))
        assert [r.id for r in store.list_requests()] == [c.id, b.id, a.id]
        march = store.list_requests(
            since="2026-03-01T00:00:00.000000Z", until="2026-04-01T00:00:00.000000Z"
        )
        assert [r.id for r in march] == [b.id, a.id]
        assert [r.id for r in store.list_requests(location="bieb-zuid")] == [b.id]


def test_upcoming_followups_are_soonest_first(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        late = store.add_request(request(followup=FollowUp(datetime(2026, 12, 10, 9, 0), ("pas",))))
        soon = store.add_request(request(followup=FollowUp(datetime(2026, 12, 1, 14, 0), ())))
        store.add_request(request(followup=FollowUp(datetime(2026, 11, 1, 14, 0), ())))
        store.add_request(request())
        upcoming = store.upcoming_followups(datetime(2026, 11, 28, 12, 0))
    assert [r.id for r in upcoming] == [soon.id, late.id]
    assert upcoming[1].followup.bring == ("pas",)
