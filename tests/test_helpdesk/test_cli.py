"""The `helpdesk` CLI, called in-process against a real database file in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import without_noise

from helpdesk.settings import update_settings
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli

COMMON = ["--org", "digid", "--subject", "digid-apply", "--help-type", "help-along"]
WHO = ["--location", "bieb-centrum", "--staff", "m12"]


def db_path() -> Path:
    return Path(os.environ["HELPDESK_DB"])


def rows() -> int:
    with open_store(db_path()) as store:
        return store.count_requests()


def test_log_saves_exactly_what_was_given(run_cli: RunCli) -> None:
    code, out, err = run_cli(
        "log",
        "--org", "toeslagen", "--org", "belastingdienst",
        "--subject", "allowance", "tax-return",
        "--help-type", "help-along", "--outcome", "referred", "--referred-to", "schuldhulp",
        "--minutes", "22", "--channel", "appointment", "--age-band", "65-74", "--returning",
        "--barrier", "language", "--barrier", "no-device",
        "--note", "Brief over terugvordering meegenomen",
        "--guide", "toeslag-aanvragen-wijzigen:3",
        "--follow-up", "2026-12-03 10:30", "--bring", "de brief", "--bring", "bankpasje",
        *WHO,
    )  # fmt: skip
    assert code == 0, err
    request_id = out.strip()
    with open_store(db_path()) as store:
        saved = store.get_request(request_id)
    assert saved.organisations == ("toeslagen", "belastingdienst")
    assert saved.subjects == ("allowance", "tax-return")
    assert (saved.help_type, saved.outcome, saved.referred_to) == (
        "help-along",
        "referred",
        "schuldhulp",
    )
    assert (saved.minutes, saved.channel, saved.age_band, saved.first_visit) == (
        22,
        "appointment",
        "65-74",
        False,
    )
    assert saved.barriers == ("language", "no-device")
    assert saved.note == "Brief over terugvordering meegenomen"
    assert [(g.guide_id, g.step_reached) for g in saved.guides] == [
        ("toeslag-aanvragen-wijzigen", 3)
    ]
    assert saved.followup.bring == ("de brief", "bankpasje")
    assert saved.followup.at.strftime("%Y-%m-%d %H:%M") == "2026-12-03 10:30"
    assert (saved.location, saved.staff) == ("bieb-centrum", "m12")


def test_location_and_staff_come_from_settings(run_cli: RunCli) -> None:
    update_settings(location="gemeente-loket", staff="gl01")
    code, out, _ = run_cli("log", *COMMON, "--outcome", "solved")
    assert code == 0
    with open_store(db_path()) as store:
        assert store.get_request(out.strip()).location == "gemeente-loket"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            [
                "--org",
                "ddigid",
                "--subject",
                "digid-apply",
                "--help-type",
                "help-along",
                "--outcome",
                "solved",
            ],
            "valid: digid, belastingdienst",
        ),
        ([*COMMON, "--outcome", "solvd"], "valid: solved, partly-solved"),
        ([*COMMON, "--outcome", "referred"], "referral target"),
        (
            [*COMMON, "--outcome", "solved", "--referred-to", "schuldhulp"],
            "needs outcome 'referred'",
        ),
        (
            [
                "--org",
                "digid",
                "--subject",
                "digid-apply",
                "--help-type",
                "take-over",
                "--outcome",
                "solved",
            ],
            "take-over",
        ),
        ([*COMMON, "--outcome", "solved", "--minutes", "-4"], "minutes"),
        ([*COMMON, "--outcome", "solved", "--minutes", "ten"], "invalid int value"),
        ([*COMMON, "--outcome", "solved", "--follow-up", "morgen"], "YYYY-MM-DD HH:MM"),
        ([*COMMON, "--outcome", "solved", "--note", "BSN 111222333 gecontroleerd"], "BSN"),
        ([*COMMON, "--outcome", "solved", "--note", "mail naar j.jansen@example.nl"], "e-mail"),
        (["--subject", "digid-apply", "--help-type", "help-along", "--outcome", "solved"], "--org"),
    ],
)
def test_refused_input_exits_2_with_one_line_and_saves_nothing(
    run_cli: RunCli, argv: list[str], expected: str
) -> None:
    code, out, err = run_cli("--lang", "en", "log", *argv, *WHO)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert expected.lower() in err.lower()
    assert "Traceback" not in err
    assert rows() == 0


def test_refused_note_does_not_echo_the_personal_data(run_cli: RunCli) -> None:
    code, _, err = run_cli("log", *COMMON, "--outcome", "solved", "--note", "bsn 111.222.333", *WHO)
    assert code == 2
    assert "111" not in err and "BSN" in err


def test_take_over_is_allowed_at_a_municipal_counter(run_cli: RunCli) -> None:
    update_settings(location_kind="municipal")
    argv = [
        "--org",
        "gemeente",
        "--subject",
        "moving",
        "--help-type",
        "take-over",
        "--outcome",
        "solved",
    ]
    code, _, err = run_cli("log", *argv, *WHO)
    assert code == 0, err


def _log(run_cli: RunCli, *extra: str) -> str:
    code, out, err = run_cli("log", *COMMON, "--outcome", "solved", *WHO, *extra)
    assert code == 0, err
    return out.strip()


def test_list_json_and_date_filters(run_cli: RunCli) -> None:
    first = _log(run_cli, "--note", "eerste")
    second = _log(run_cli, "--location", "bieb-zuid")
    code, out, _ = run_cli("list", "--json")
    listed = json.loads(out)
    assert [r["id"] for r in listed] == [second, first]
    assert listed[1]["note"] == "eerste" and listed[1]["organisations"] == ["digid"]
    code, out, _ = run_cli("list", "--json", "--until", "2000-01-01")
    assert json.loads(out) == []
    code, out, _ = run_cli("list")
    assert first in out and second in out
    code, _, err = run_cli("list", "--since", "28-11-2026")
    assert code == 2 and "JJJJ-MM-DD" in err and "28-11-2026" not in err


def test_minutes_given_to_log_are_typed_and_listed_and_exported_as_such(
    run_cli: RunCli, tmp_path: Path
) -> None:
    typed = _log(run_cli, "--minutes", "15")
    without = _log(run_cli)
    code, out, _ = run_cli("list", "--json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert (listed[typed]["minutes"], listed[typed]["minutes_source"]) == (15, "typed")
    assert (listed[without]["minutes"], listed[without]["minutes_source"]) == (None, None)
    target = tmp_path / "out.csv"
    assert run_cli("export", "--format", "csv", "-o", str(target))[0] == 0
    exported = {r["id"]: r for r in csv.DictReader(io.StringIO(target.read_text("utf-8")))}
    assert (exported[typed]["minutes"], exported[typed]["minutes_source"]) == ("15", "typed")
    assert exported[without]["minutes_source"] == ""
    code, out, _ = run_cli("export", "--format", "json")
    assert {r["id"]: r["minutes_source"] for r in json.loads(out)} == {
        typed: "typed",
        without: None,
    }


def test_export_csv_joins_codes_and_leaves_notes_out(run_cli: RunCli, tmp_path: Path) -> None:
    _log(run_cli, "--org", "gemeente", "--barrier", "language", "literacy", "--note", "geheim")
    target = tmp_path / "out.csv"
    code, _, err = run_cli("export", "--format", "csv", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "geheim" not in text
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["organisations"] == "digid;gemeente"
    assert row["government_levels"] == "rijk;gemeente"
    assert row["barriers"] == "language;literacy"
    assert row["help_type"] == "help-along" and row["location"] == "bieb-centrum"
    code, out, _ = run_cli("export", "--format", "json")
    assert json.loads(out)[0]["subjects"] == ["digid-apply"]


def test_taxonomy_lists_every_kind_in_both_languages(run_cli: RunCli) -> None:
    code, out, _ = run_cli("taxonomy", "--json")
    data = json.loads(out)
    assert {
        "organisation",
        "subject",
        "help_type",
        "channel",
        "outcome",
        "visitor_type",
        "age_band",
        "barrier",
    } <= set(data)
    svb = next(o for o in data["organisation"] if o["code"] == "svb")
    assert svb["level"] == "rijk" and svb["nl"] and svb["en"]
    code, out, _ = run_cli("--lang", "en", "taxonomy")
    assert "Tax Administration" in out
    code, out, _ = run_cli("--lang", "nl", "taxonomy")
    assert "Belastingdienst" in out and "organisatie:" in out


def test_purge_asks_for_yes_then_deletes(run_cli: RunCli) -> None:
    _log(run_cli)
    code, out, _ = run_cli("purge", "--older-than", "0")
    assert code == 0 and "nothing deleted" in out
    assert rows() == 1
    code, out, _ = run_cli("purge", "--older-than", "0", "--yes")
    assert code == 0 and "deleted 1 request" in out
    assert rows() == 0


def test_demo_data_has_plausible_distributions(run_cli: RunCli) -> None:
    code, out, _ = run_cli("demo-data", "--rows", "3000", "--seed", "7")
    assert code == 0 and "added 3000" in out
    with open_store(db_path()) as store:
        conn = store.conn
        subjects = Counter(
            dict(
                conn.execute(
                    "SELECT code, COUNT(*) FROM request_codes WHERE kind='subject' GROUP BY code"
                )
            )
        )
        orgs = Counter(
            dict(
                conn.execute(
                    "SELECT code, COUNT(*) FROM request_codes WHERE kind='organisation' GROUP BY code"
                )
            )
        )
        known_age = conn.execute(
            "SELECT COUNT(*) FROM requests WHERE age_band IS NOT NULL"
        ).fetchone()[0]
        older = conn.execute(
            "SELECT COUNT(*) FROM requests WHERE age_band IN ('65-74', '75+')"
        ).fetchone()[0]
        solved = conn.execute("SELECT COUNT(*) FROM requests WHERE outcome = 'solved'").fetchone()[
            0
        ]
        locations = conn.execute(
            "SELECT COUNT(DISTINCT location), COUNT(DISTINCT staff) FROM requests"
        ).fetchone()
        span = conn.execute(
            "SELECT julianday(MAX(created_at)) - julianday(MIN(created_at)) FROM requests"
        ).fetchone()[0]
        assert store.count_requests() == 3000
    assert orgs.most_common(1)[0][0] == "digid"
    assert subjects.most_common(1)[0][0].startswith("digid")
    assert 0.52 <= older / known_age <= 0.68
    assert 0.58 <= solved / 3000 <= 0.74
    assert locations[0] >= 3 and locations[1] >= 6
    assert span > 330


def test_a_corrupt_or_newer_database_is_one_line_exit_2(run_cli: RunCli) -> None:
    db_path().write_bytes(b"garbage" * 200)
    code, _, err = run_cli("list")
    assert code == 2 and "cannot" in err and len(err.strip().splitlines()) == 1
    assert db_path().read_bytes() == b"garbage" * 200


def test_export_aggregate_counts_per_month_with_small_numbers_hidden(
    run_cli: RunCli,
) -> None:
    for _ in range(5):
        _log(run_cli)
    svb = ["--org", "svb", "--subject", "aow-pension", "--help-type", "information"]
    for _ in range(4):
        assert run_cli("log", *svb, "--outcome", "solved", *WHO)[0] == 0
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        without_noise(store.conn)  # exact counts: every record key 0
    code, out, err = run_cli("export", "--format", "csv", "--aggregate")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    cells = {(r["dimension"], r["code"]): r["count"] for r in rows}
    assert cells[("total", "")] == "9"
    assert cells[("organisation", "digid")] == "5"  # 5 is shown
    assert cells[("organisation", "svb")] == "<5"  # 4 is not
    assert cells[("subject", "aow-pension")] == "<5"
    assert {r["month"] for r in rows} == {rows[0]["month"]}
    code, _, err = run_cli("export", "--format", "json", "--aggregate")
    assert code == 2 and "only available with --format csv" in err
