"""``helpdesk merge`` against location files someone crafted or broke (issue 14, item 2).

Each other file is a real desk database whose rows were then changed with plain SQL, as
an attacker or a broken tool would. A refused file changes nothing here, and the one-line
message names the row and the field but never repeats the stored value.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import desk_request

from helpdesk import clock, merge, row_check
from helpdesk.records import DeskRequest, FollowUp
from helpdesk.store import Store, open_store

if TYPE_CHECKING:
    from conftest import RunCli


def recent(days: float = 1) -> str:
    return clock.to_stored(clock.utc_now() - timedelta(days=days))


def request(**changes: object) -> DeskRequest:
    fields = {"location": "bieb-noord", "staff": "bn01", "created_at": recent()}
    return desk_request(**{**fields, **changes})


def here() -> Store:
    return open_store(Path(os.environ["HELPDESK_DB"]))


def other_file(tmp_path: Path, sql: str = "", params: tuple = (), n: int = 3) -> tuple[Path, str]:
    """A location file with ``n`` valid requests (notes included); ``sql`` then changes the
    newest one (``?`` first bound to its id unless ``params`` are given). Returns the
    path and that request's id."""
    path = tmp_path / "noord.db"
    with open_store(path) as store:
        saved = [
            store.add_request(request(note="pas verlopen, nieuwe aangevraagd"), 30)
            for _ in range(n)
        ]
    victim = saved[-1].id or ""
    if sql:
        conn = sqlite3.connect(path)
        conn.execute(sql, params or (victim,))
        conn.commit()
        conn.close()
    return path, victim


def refused(run_cli: RunCli, path: Path, *, value: str, words: tuple[str, ...]) -> str:
    """Merge ``path`` through the CLI; assert it is refused in one line naming ``words``,
    never ``value``, and that nothing changed here."""
    with here() as store:
        store.add_request(request(location="bieb-centrum", staff="bc01"))
        before = [(r.id, r.updated_at) for r in store.list_requests()]
        trail = len(store.audit_trail())
    code, out, err = run_cli("merge", str(path))
    assert code == 2, (out, err)
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert "niets samengevoegd" in err  # in the desk's language (Dutch by default)
    for word in words:
        assert word in err, err
    assert value not in err
    with here() as store:
        assert [(r.id, r.updated_at) for r in store.list_requests()] == before
        assert len(store.audit_trail()) == trail
    return err


@pytest.mark.parametrize(
    "note",
    ["bsn 111222333 gecontroleerd", "bel haar terug op 06-12345678", "mail naar jan@voorbeeld.nl"],
    ids=["bsn", "phone", "email"],
)
def test_a_note_with_personal_data_in_the_other_file_is_refused(
    run_cli: RunCli, tmp_path: Path, note: str
) -> None:
    path, victim = other_file(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE requests SET note = ? WHERE id = ?", (note, victim))
    conn.commit()
    conn.close()
    refused(run_cli, path, value=note.split()[-1], words=(victim, "note"))


@pytest.mark.parametrize(
    ("sql", "field", "value"),
    [
        (
            'UPDATE request_codes SET code = \'=HYPERLINK("http://x.test","klik")\' '
            "WHERE request_id = ? AND kind = 'organisation'",
            "organisations",
            "HYPERLINK",
        ),
        ("UPDATE requests SET location = '=1+2' WHERE id = ?", "location", "=1+2"),
        ("UPDATE requests SET staff = '@SUM(A1)' WHERE id = ?", "staff", "@SUM"),
        (
            "UPDATE request_codes SET code = 'nep-organisatie' "
            "WHERE request_id = ? AND kind = 'organisation'",
            "organisations",
            "nep-organisatie",
        ),
        ("UPDATE requests SET help_type = 'hacken' WHERE id = ?", "help_type", "hacken"),
    ],
    ids=["formula-code", "formula-location", "formula-staff", "unknown-org", "unknown-help"],
)
def test_formula_looking_and_unknown_codes_are_refused(
    run_cli: RunCli, tmp_path: Path, sql: str, field: str, value: str
) -> None:
    path, victim = other_file(tmp_path, sql)
    refused(run_cli, path, value=value, words=(victim, field))


@pytest.mark.parametrize(
    ("sql", "field"),
    [
        (
            "UPDATE requests SET created_at = '2026-13-45T25:00:00.000000Z' WHERE id = ?",
            "created_at",
        ),
        (
            "UPDATE requests SET created_at = '0001-01-01T00:00:00.000000Z' WHERE id = ?",
            "created_at",
        ),
        ("UPDATE requests SET updated_at = 'gisteren' WHERE id = ?", "updated_at"),
        ("UPDATE requests SET minutes = -5 WHERE id = ?", "minutes"),
        ("UPDATE requests SET minutes = 100000 WHERE id = ?", "minutes"),
        ("UPDATE requests SET minutes = 'veel' WHERE id = ?", "minutes"),
        ("UPDATE requests SET minutes = 12.5 WHERE id = ?", "minutes"),
        ("UPDATE requests SET first_visit = 7 WHERE id = ?", "first_visit"),
        (
            "INSERT INTO followups (request_id, at, bring) VALUES (?, 'morgen', '[]')",
            "followup",
        ),
        ("UPDATE requests SET note_expires_at = 'nooit' WHERE id = ?", "note_expires_at"),
    ],
    ids=[
        "impossible-date",
        "year-1",
        "word-date",
        "negative-minutes",
        "huge-minutes",
        "text-minutes",
        "fraction-minutes",
        "first-visit",
        "followup-date",
        "expiry",
    ],
)
def test_malformed_dates_and_minutes_are_refused(
    run_cli: RunCli, tmp_path: Path, sql: str, field: str
) -> None:
    path, victim = other_file(tmp_path, sql)
    refused(run_cli, path, value="veel", words=(victim, field))


def test_the_refusal_speaks_english_when_asked(run_cli: RunCli, tmp_path: Path) -> None:
    path, victim = other_file(tmp_path, "UPDATE requests SET minutes = -1 WHERE id = ?")
    code, _, err = run_cli("--lang", "en", "merge", str(path))
    assert code == 2 and f"1 row not valid, nothing merged: {victim}: minutes" in err


def test_a_20_mb_note_is_refused_without_reading_it_out(run_cli: RunCli, tmp_path: Path) -> None:
    path, victim = other_file(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE requests SET note = ? WHERE id = ?", ("x" * 20_000_000, victim))
    conn.commit()
    conn.close()
    err = refused(run_cli, path, value="xxxxxxxx", words=(victim, "note"))
    assert len(err) < 500


def test_an_id_of_the_wrong_shape_is_named_by_position_not_by_value(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path, victim = other_file(tmp_path)
    conn = sqlite3.connect(path)
    for table in ("request_codes", "requests"):
        column = "id" if table == "requests" else "request_id"
        conn.execute(f"UPDATE {table} SET {column} = '111222333' WHERE {column} = ?", (victim,))
    conn.commit()
    conn.close()
    refused(run_cli, path, value="111222333", words=("#", ": id"))


def test_every_bad_row_is_reported_and_none_of_the_good_ones_is_taken(tmp_path: Path) -> None:
    path, first = other_file(tmp_path, "UPDATE requests SET minutes = 9999 WHERE id = ?", n=4)
    with open_store(path) as store:
        second = store.list_requests()[-1].id or ""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE requests SET location = 'Jan Jansen' WHERE id = ?", (second,))
    conn.commit()
    conn.close()
    with here() as store, pytest.raises(merge.MergeError) as caught:
        merge.merge_file(store, path)
    problems = {(p.row, p.fields) for p in caught.value.problems}
    assert problems == {(first, ("minutes",)), (second, ("location",))}
    assert "Jan" not in str(caught.value)
    with here() as store:
        assert store.count_requests() == 0


def test_a_clock_running_ahead_cannot_win_a_conflict(run_cli: RunCli, tmp_path: Path) -> None:
    path, victim = other_file(tmp_path)
    code, _, err = run_cli("merge", str(path))
    assert code == 0, err
    with here() as store:  # edited here now
        mine = store.get_request(victim)
        store.update_request(mine.with_changes(minutes=20))
    ahead = clock.to_stored(clock.utc_now() + timedelta(hours=3))
    conn = sqlite3.connect(path)  # the other desk's clock is three hours ahead
    conn.execute("UPDATE requests SET minutes = 45, updated_at = ? WHERE id = ?", (ahead, victim))
    conn.commit()
    conn.close()
    refused(run_cli, path, value=ahead, words=(victim, "updated_at"))
    with here() as store:
        assert store.get_request(victim).minutes == 20


def test_a_clock_a_little_ahead_is_within_the_allowed_skew(tmp_path: Path) -> None:
    path, victim = other_file(tmp_path)
    with here() as store:
        merge.merge_file(store, path)
    ahead = clock.to_stored(clock.utc_now() + row_check.CLOCK_SKEW - timedelta(minutes=1))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE requests SET minutes = 45, updated_at = ? WHERE id = ?", (ahead, victim))
    conn.commit()
    conn.close()
    with here() as store:
        assert merge.merge_file(store, path).updated == 1
        assert store.get_request(victim).minutes == 45


def test_a_tombstone_from_the_future_is_refused(tmp_path: Path) -> None:
    path, victim = other_file(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO deletions VALUES (?, ?)",
        (victim, clock.to_stored(clock.utc_now() + timedelta(days=2))),
    )
    conn.commit()
    conn.close()
    with here() as store, pytest.raises(merge.MergeError, match="deleted_at"):
        merge.merge_file(store, path)


def test_purged_requests_do_not_come_back_with_the_next_merge(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "noord.db"
    with open_store(path) as store:
        old = store.add_request(request(created_at=recent(days=400)))
        new = store.add_request(request())
    with here() as store:
        assert merge.merge_file(store, path).added == 2
        assert store.purge(365) == 1
        again = merge.merge_file(store, path)
        assert (again.added, again.updated) == (0, 0)
        assert [r.id for r in store.list_requests()] == [new.id]
    third = tmp_path / "zuid.db"
    with open_store(third) as store:  # a desk that still has it learns of the purge
        merge.merge_file(store, path)
        assert store.count_requests() == 2
        result = merge.merge_file(store, Path(os.environ["HELPDESK_DB"]))
        assert result.deleted == 1
        assert [r.id for r in store.list_requests()] == [new.id]
    assert old.id


def test_the_other_file_is_read_in_one_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another desk commits an edit while the merge is reading the request rows: the
    merge must not combine the request row from before with the codes from after."""
    path, victim = other_file(tmp_path)
    real = row_check.ID_PATTERN

    class WriteWhileReading:
        done = False

        def match(self, text: str) -> object:
            if not self.done:
                self.done = True
                with open_store(path) as writer:
                    req = writer.get_request(victim)
                    writer.update_request(
                        req.with_changes(organisations=("svb",), subjects=("aow-pension",))
                    )
            return real.match(text)

    monkeypatch.setattr(row_check, "ID_PATTERN", WriteWhileReading())
    with here() as store:
        merge.merge_file(store, path)
        got = store.get_request(victim)
    assert (got.organisations, got.subjects) == (("digid",), ("digid-apply",))


def test_followups_and_valid_data_still_merge(tmp_path: Path) -> None:
    path = tmp_path / "noord.db"
    at = (clock.utc_now() + timedelta(days=7)).replace(tzinfo=None, second=0, microsecond=0)
    with open_store(path) as store:
        saved = store.add_request(request(followup=FollowUp(at, ("de brief",))))
    with here() as store:
        assert merge.merge_file(store, path).added == 1
        assert store.get_request(saved.id or "").followup == FollowUp(at, ("de brief",))
