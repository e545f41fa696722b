"""``helpdesk merge``: other locations' databases on real files, idempotent and refusing."""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from builders import desk_request

from helpdesk import cli, merge
from helpdesk.records import DeskRequest, FollowUp, GuideUse
from helpdesk.stats import cli as stats_cli
from helpdesk.stats import counting, periods
from helpdesk.store import Store, open_store


def request(**changes: object) -> DeskRequest:
    """A request of the other location (bieb-noord), by default on 1 September 2026."""
    fields = {
        "location": "bieb-noord",
        "staff": "bn01",
        "created_at": "2026-09-01T09:00:00.000000Z",
    }
    return desk_request(**{**fields, **changes})


def here() -> Store:
    return open_store(Path(os.environ["HELPDESK_DB"]))


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """Another location's database: three requests, one with guides and a follow-up."""
    path = tmp_path / "noord.db"
    with open_store(path) as store:
        store.add_request(
            request(
                organisations=("belastingdienst", "toeslagen"),
                subjects=("tax-return",),
                barriers=("language",),
                guides=(GuideUse("aangifte-doen", 3),),
                followup=FollowUp(datetime(2026, 9, 8, 10, 30), ("de brief",)),
            )
        )
        store.add_request(request(staff="bn02", minutes=12, minutes_source="measured"))
        store.add_request(request(outcome="referred", referred_to="schuldhulp"))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    built = cli.build_parser()
    sub = next(a for a in built._actions if isinstance(a, argparse._SubParsersAction))
    if "merge" not in sub.choices:
        stats_cli.register(sub)
    try:
        args = built.parse_args(list(argv))
        args.lang = args.lang or "nl"
        code = args.func(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_merge_adds_everything_then_nothing(other: Path) -> None:
    before = digest(other)
    with here() as store:
        store.add_request(request(location="bieb-centrum", staff="bc01"))
        first = merge.merge_file(store, other)
        second = merge.merge_file(store, other)
        assert (first.added, first.updated, first.deleted, first.unchanged) == (3, 0, 0, 0)
        assert (second.added, second.updated, second.deleted, second.unchanged) == (0, 0, 0, 3)
        assert store.count_requests() == 4
        with open_store(other) as source:
            theirs = {r.id: r for r in source.list_requests()}
        for mine in store.list_requests(location="bieb-noord"):
            assert mine == theirs[mine.id]  # codes, guides, follow-up and times as they were
        measured = [r for r in store.list_requests() if r.staff == "bn02"]
        assert [(r.minutes, r.minutes_source) for r in measured] == [(12, "measured")]
        d = counting.dashboard(store, periods.parse_period("2026-09"))
        assert d.by_location == {"bieb-noord": 3, "bieb-centrum": 1}
        assert d.by_government_level == {"rijk": 4}
        assert [e.action for e in store.audit_trail()][-2:] == ["merge", "merge"]
    assert digest(other) == before  # opened read-only


def test_later_edit_wins_and_earlier_edit_loses(other: Path) -> None:
    with here() as store:
        merge.merge_file(store, other)
    with open_store(other) as source:
        a, b, _ = source.list_requests()
        source.update_request(
            a.with_changes(outcome="partly-solved", referred_to=None, subjects=("allowance",))
        )
    with here() as store:
        store.update_request(b.with_changes(minutes=25))  # edited here after the copy
    with here() as store:
        result = merge.merge_file(store, other)
        assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
        got = store.get_request(a.id or "")
        assert (got.outcome, got.subjects) == ("partly-solved", ("allowance",))
        assert store.get_request(b.id or "").minutes == 25


def test_tombstones_delete_here_and_travel_on(other: Path, tmp_path: Path) -> None:
    third = tmp_path / "zuid.db"
    with here() as store:
        merge.merge_file(store, other)
    with open_store(third) as store:  # a third desk that got the requests earlier
        merge.merge_file(store, other)
    with open_store(other) as source:
        victim = source.list_requests()[0].id or ""
        source.delete_request(victim)
    with here() as store:
        result = merge.merge_file(store, other)
        assert (result.added, result.deleted, result.unchanged) == (0, 1, 2)
        assert store.count_requests() == 2
        assert store.conn.execute(
            "SELECT COUNT(*) FROM deletions WHERE request_id = ?", (victim,)
        ).fetchone() == (1,)
        again = merge.merge_file(store, other)
        assert (again.added, again.deleted, again.unchanged) == (0, 0, 2)
    with open_store(third) as store:  # our copy of the tombstone deletes it there too
        result = merge.merge_file(store, Path(os.environ["HELPDESK_DB"]))
        assert (result.added, result.deleted, result.unchanged) == (0, 1, 2)
        assert store.count_requests() == 2


def test_a_request_deleted_here_is_not_brought_back(other: Path) -> None:
    with here() as store:
        merge.merge_file(store, other)
        gone = store.list_requests()[0].id or ""
        store.delete_request(gone)
        result = merge.merge_file(store, other)
        assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
        assert store.count_requests() == 2


def test_cli_reports_per_file_and_refuses_bad_files(
    capsys: pytest.CaptureFixture[str], other: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100, encoding="utf-8")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.db"
    with open_store(newer) as store:
        store.add_request(request())
        with store.transaction() as conn:
            conn.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'x')")
    code, out, err = run(capsys, "merge", str(other))
    assert code == 0 and out.strip().endswith("added 3, updated 0, deleted 0, unchanged 0")
    for bad, words in (
        (text, "not a desk database"),
        (foreign, "not a desk database"),
        (newer, "newer inclusiedesk"),
        (tmp_path / "missing.db", "no such file"),
    ):
        before = bad.read_bytes() if bad.exists() else None
        code, out, err = run(capsys, "merge", str(bad))
        assert code == 2, bad
        assert out == "" and len(err.strip().splitlines()) == 1 and words in err
        assert (bad.read_bytes() if bad.exists() else None) == before
    with here() as store:
        assert store.count_requests() == 3
    code, out, err = run(capsys, "merge", os.environ["HELPDESK_DB"])
    assert code == 2 and "own database" in err


def test_merges_a_file_of_an_older_schema(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    store = open_store(old, migrate=False)
    store.migrate(target=1)  # no tombstones, no note expiry, no summaries
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO requests (id, created_at, updated_at, location, staff, help_type, "
            "outcome, channel, visitor_type) VALUES ('01JB0000000000000000000D00', '2026-09-02T08:00:00.000000Z', "
            "'2026-09-02T08:00:00.000000Z', 'bieb-zuid', 'bz01', 'information', 'solved', "
            "'walk-in', 'resident')"
        )
        conn.execute(
            "INSERT INTO request_codes VALUES ('01JB0000000000000000000D00', 'organisation', 'svb'), "
            "('01JB0000000000000000000D00', 'subject', 'aow-pension')"
        )
    store.close()
    with here() as mine:
        result = merge.merge_file(mine, old)
        assert (result.added, result.unchanged) == (1, 0)
        got = mine.get_request("01JB0000000000000000000D00")
        assert (got.organisations, got.subjects, got.location) == (
            ("svb",),
            ("aow-pension",),
            "bieb-zuid",
        )
        assert got.minutes_source is None  # the old file never said where minutes came from
        d = counting.dashboard(mine, periods.parse_period("2026-09"))
        assert d.by_org == {"svb": 1} and d.by_government_level == {"rijk": 1}
