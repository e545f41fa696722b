"""Every `helpdesk` command, given bad input or a bad environment, answers in one line.

The walk is built from the parser itself, so a new command without an entry in
``VALID_ARGS`` fails this test until someone decides what bad input means for it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpdesk.cli import build_parser
from helpdesk.store import open_store
from inclusiedesk.paths import bundled

if TYPE_CHECKING:
    from conftest import RunCli

# A valid call of each command (the environment is what goes wrong).
VALID_ARGS: dict[str, list[str]] = {
    "log": ["--org", "digid", "--subject", "digid-app", "--help-type", "help-along",
            "--outcome", "solved", "--location", "bieb", "--staff", "k1"],
    "list": ["--json"],
    "export": ["--format", "csv"],
    "taxonomy": ["--json"],
    "purge": ["--older-than", "0", "--yes"],
    "demo-data": ["--rows", "5", "--seed", "1"],
    "settings": [],
    "backup": ["-o", "{tmp}/backup.db"],
    "restore": ["{tmp}/backup-source.db", "--yes"],
    "audit": [],
    "guides list": [],
    "guides show": ["digid-aanvragen"],
    "guides search": ["digi"],
    "guides check": [],
    "guides export": ["digid-aanvragen", "-o", "{tmp}/handout.html"],
    "stats": ["--json"],
    "report": ["-o", "{tmp}/report.html"],
    "monitor": ["--format", "csv", "-o", "{tmp}/monitor.csv"],
    "serve": ["--port", "8765", "--check"],
    "merge": ["{tmp}/backup-source.db"],
}  # fmt: skip

# Malformed arguments per command: each must give exit 2 and one line.
BAD_ARGS: list[list[str]] = [
    ["log", "--org", "digid"],
    ["log", *VALID_ARGS["log"], "--minutes", "many"],
    ["log", *VALID_ARGS["log"], "--age-band", "90+"],
    ["log", *VALID_ARGS["log"], "--guide", "digid:stap3"],
    ["list", "--since", "gisteren"],
    ["list", "--since", "2026-02-30"],
    ["list", "--since", "2026-05-01", "--until", "2026-04-01"],
    ["export", "--format", "xlsx"],
    ["export", "--format", "csv", "-o", "/nonexistent-dir/x.csv"],
    ["purge", "--older-than", "-3", "--yes"],
    ["purge", "--older-than", "week"],
    ["demo-data", "--rows", "0"],
    ["settings", "--staff", "Jan Jansen"],
    ["settings", "--profile-fields", "maybe"],
    ["monitor", "--month", "2026-13"],
    ["monitor", "--format", "xlsx"],
    ["backup"],
    ["restore", "/nonexistent/backup.db", "--yes"],
    ["audit", "--until", "morgen"],
    ["guides", "show", "no-such-guide"],
    ["guides", "export", "no-such-guide", "-o", "x.html"],
    ["guides", "export", "digid-aanvragen", "--done", "0", "-o", "x.html"],
    ["guides", "export", "digid-aanvragen", "--done", "1,99999999999999999999", "-o", "x.html"],
    ["guides", "list", "--subject", "nonsense"],
    ["no-such-command"],
    # dates outside 1900-2100, at every place a date is typed
    ["log", *VALID_ARGS["log"], "--follow-up", "0999-01-01 10:00"],
    ["log", *VALID_ARGS["log"], "--follow-up", "0001-01-01 10:00"],
    ["log", *VALID_ARGS["log"], "--follow-up", "9999-12-31 23:59"],
    ["list", "--since", "0001-01-01"],
    ["list", "--until", "9999-12-31"],
    ["export", "--format", "csv", "--since", "0001-01-01"],
    ["export", "--format", "json", "--until", "9999-12-31"],
    ["export", "--format", "csv", "--aggregate", "--since", "0001-01-01", "--until", "9999-12-31"],
    ["audit", "--since", "0001-01-01"],
    ["audit", "--until", "9999-12-31"],
    ["stats", "--since", "0001-01-01"],
    ["stats", "--until", "9999-12-31"],
    ["stats", "--period", "9999"],
    ["stats", "--period", "0001-W01"],
    ["report", "--period", "0001-Q1", "-o", "report.html"],
    ["monitor", "--month", "0001-01"],
    ["monitor", "--month", "9999-12"],
    ["log", *VALID_ARGS["log"], "--follow-up", "2026-12-24 10:00", "--bring", "x" * 5000],
    # numbers out of range
    ["settings", "--note-retention-days", "4000000"],
    ["settings", "--note-retention-days", "-1"],
    ["purge", "--older-than", "99999999", "--yes"],
    ["demo-data", "--rows", "99999999999999999999"],
    ["log", *VALID_ARGS["log"], "--guide", "digid-aanvragen:99999999999999999999"],
    ["log", *VALID_ARGS["log"], "--guide", "digid-aanvragen:0"],
    # text that is not UTF-8 (a shell passes such bytes on as surrogates)
    ["log", *VALID_ARGS["log"], "--note", "\udcff"],
    ["list", "--location", "\udcff"],
    ["settings", "--desk-name", "\udcff"],
    ["guides", "search", "\udcff"],
    # unwritable targets
    ["backup", "-o", "/proc/helpdesk-backup.db"],
    ["report", "-o", "/proc/report.html"],
    ["monitor", "-o", "/proc/monitor.csv"],
]

# A BSN, a mobile number and an IBAN typed into every code field: refused, never repeated.
PERSONAL_NUMBERS = ["123456782", "0612345678", "NL91ABNA0417164300", "nl91abna0417164300"]
_LOG = VALID_ARGS["log"]


def _with(option: str, value: str) -> list[str]:
    """``log`` with ``option`` set to ``value`` (replacing its valid value, if any)."""
    argv = list(_LOG)
    if option in argv:
        argv[argv.index(option) + 1] = value
    else:
        argv += [option, value]
    return ["log", *argv]


CODE_FIELD_CALLS: list[list[str]] = [
    call
    for number in PERSONAL_NUMBERS
    for call in (
        _with("--staff", number),
        _with("--location", number),
        _with("--guide", number),
        _with("--guide", f"{number}:2"),
        _with("--org", number),
        ["log", *_with("--outcome", "referred")[1:], "--referred-to", number],
        ["settings", "--staff", number],
        ["settings", "--location", number],
    )
]


def commands() -> list[str]:
    found = []
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
                if nested:
                    found += [f"{name} {child}" for child in nested[0].choices]
                else:
                    found.append(name)
    return found


def assert_one_line_refusal(code: int, err: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def argv_for(command: str, tmp: Path) -> list[str]:
    return command.split() + [a.replace("{tmp}", str(tmp)) for a in VALID_ARGS[command]]


def test_every_command_has_a_valid_call_to_break() -> None:
    assert set(commands()) <= set(VALID_ARGS), set(commands()) - set(VALID_ARGS)


@pytest.mark.parametrize("argv", BAD_ARGS, ids=lambda a: " ".join(a)[:40])
def test_malformed_arguments_are_refused_in_one_line(run_cli: RunCli, argv: list[str]) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    code, _, err = run_cli(*argv)
    assert_one_line_refusal(code, err)
    if db.exists():
        with open_store(db) as store:
            assert store.count_requests() == 0


def _healthy_backup(tmp: Path) -> None:
    with open_store(tmp / "backup-source.db") as store:
        store.conn.execute("SELECT 1")


@pytest.mark.parametrize("damage", ["corrupt", "newer"])
def test_every_command_on_a_damaged_database_refuses_and_changes_nothing(
    run_cli: RunCli, tmp_path: Path, damage: str
) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    _healthy_backup(tmp_path)
    if damage == "corrupt":
        db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    else:
        with open_store(db) as store:
            store.conn.execute("INSERT INTO schema_migrations VALUES (999, 'future')")
        sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    before = db.read_bytes()
    for command in commands():
        code, _, err = run_cli(*argv_for(command, tmp_path))
        assert "Traceback" not in err
        if code != 0:  # commands that do not need the database may succeed
            assert_one_line_refusal(code, err)
        assert db.read_bytes() == before, f"{command} changed the damaged database"
    assert run_cli("list")[0] == 2  # and the database commands did refuse


def test_a_taxonomy_with_duplicate_codes_is_refused_by_every_command(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(bundled("data"), data, ignore=shutil.ignore_patterns("demo-site"))
    taxonomy = data / "taxonomy.toml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8")
        + '\n[[subject]]\ncode = "moving"\nnl = "x"\nen = "x"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("INCLUSIEDESK_DATA", str(data))
    _healthy_backup(tmp_path)
    refused = 0
    for command in commands():
        code, _, err = run_cli(*argv_for(command, tmp_path))
        assert "Traceback" not in err
        if code != 0:
            assert_one_line_refusal(code, err)
            assert "duplicate subject code 'moving'" in err
            refused += 1
    assert refused >= 3  # at least log, taxonomy and export depend on the codes
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        assert store.count_requests() == 0


def test_a_guide_with_broken_front_matter_is_reported_not_crashed(
    run_cli: RunCli, tmp_path: Path
) -> None:
    local = tmp_path / "guides" / "nl"
    local.mkdir(parents=True)
    (local / "kapot.md").write_text("---\nid: kapot\ntitle: [unclosed\n---\n\n## Stap 1: x\n\ny\n")
    code, out, err = run_cli("guides", "--guides-dir", str(tmp_path / "guides"), "check")
    assert code == 2 and "kapot.md:3" in out + err and "Traceback" not in out + err
    code, out, err = run_cli("guides", "--guides-dir", str(tmp_path / "guides"), "list")
    assert "Traceback" not in err and "digid-aanvragen" in out  # the bundled guides still load


# ---------------------------------------------------------------- issue 14, item 6


def _typed_values(argv: list[str]) -> list[str]:
    """The values in a refused call that a message must not repeat."""
    return [a for a in argv if a in PERSONAL_NUMBERS or a[:4] in ("0001", "0999", "9999")]


@pytest.mark.parametrize("argv", CODE_FIELD_CALLS, ids=lambda a: " ".join(a)[-40:])
def test_a_personal_number_in_a_code_field_is_refused_and_never_repeated(
    run_cli: RunCli, argv: list[str]
) -> None:
    code, out, err = run_cli(*argv)
    assert_one_line_refusal(code, err)
    for value in _typed_values(argv):
        assert value.lower() not in (out + err).lower(), err
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        assert store.count_requests() == 0
    assert (
        "123456782" not in Path(os.environ["HELPDESK_CONFIG"]).read_text()
        if Path(os.environ["HELPDESK_CONFIG"]).exists()
        else True
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_date_and_unknown_code_errors_never_repeat_the_typed_value(
    run_cli: RunCli, lang: str
) -> None:
    for argv in (
        ["log", *_LOG, "--follow-up", "0999-01-01 10:00"],
        ["list", "--since", "0001-01-01"],
        ["stats", "--period", "9999"],
        ["monitor", "--month", "9999-12"],
        _with("--subject", "geheim-onderwerp-x"),
        _with("--help-type", "geheime-hulp"),
        ["log", *_with("--outcome", "referred")[1:], "--referred-to", "geheime-plek"],
    ):
        code, _, err = run_cli("--lang", lang, *argv)
        assert_one_line_refusal(code, err)
        for typed in ("0999", "0001", "9999", "geheim", "geheime"):
            assert typed not in err, err
    # ... and they do say what is valid
    _, _, err = run_cli("--lang", "en", *_with("--subject", "geheim-onderwerp-x"))
    assert "valid: " in err and "digid-app" in err
    _, _, err = run_cli("--lang", "en", "list", "--since", "0001-01-01")
    assert "YYYY-MM-DD" in err and "1900" in err and "2100" in err


def test_a_follow_up_before_1900_is_never_stored_and_one_that_got_in_crashes_nothing(
    run_cli: RunCli, tmp_path: Path
) -> None:
    code, _, err = run_cli("log", *_LOG, "--follow-up", "0999-01-01 10:00")
    assert_one_line_refusal(code, err)
    code, good, _ = run_cli("log", *_LOG, "--follow-up", "2026-12-24 10:00")
    assert code == 0
    # A row from an old version or a crafted file holds a follow-up in year 999 and a
    # creation time that is no time at all.
    code, bad, _ = run_cli("log", *_LOG)
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        store.conn.execute(
            "INSERT INTO followups (request_id, at, bring) VALUES (?, '999-01-01T10:00', '[]')",
            (bad.strip(),),
        )
    assert run_cli("stats")[0] == 0
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        store.conn.execute(
            "UPDATE requests SET created_at = '0000-00-00' WHERE id = ?", (good.strip(),)
        )
    code, out, err = run_cli("--lang", "en", "list")
    assert code == 0 and "Traceback" not in err
    assert "follow-up: invalid date" in out and "invalid-date" in out
    code, out, err = run_cli("list", "--json")
    assert code == 0
    assert [r.get("followup") for r in __import__("json").loads(out)].count("invalid") == 1
    for fmt in ("csv", "json"):
        code, out, err = run_cli("export", "--format", fmt)
        assert code == 0 and bad.strip() in out, err
    assert run_cli("audit")[0] == 0


def test_the_desk_app_opens_on_a_stored_follow_up_in_year_999(run_cli: RunCli) -> None:
    from desk_pilot import run
    from textual.widgets import DataTable

    from helpdesk.screens.followups import FollowupsScreen

    run_cli("settings", "--location", "bieb", "--staff", "k1")
    _, rid, _ = run_cli("log", *_LOG, "--follow-up", "2026-12-24 10:00")
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        store.conn.execute("UPDATE followups SET at = '999-01-01T10:00'")

    async def scenario(app, pilot) -> None:  # type: ignore[no-untyped-def]
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1  # today's request is listed
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FollowupsScreen)  # the follow-ups open, without it

    run(scenario)
    assert rid.strip()


def test_the_app_refuses_a_follow_up_outside_1900_2100() -> None:
    from helpdesk.desk_state import DeskState

    for day in ("0999-01-01", "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"):
        state = DeskState()
        state.start_new()
        state.set_field("organisations", ("digid",))
        state.set_field("followup_date", day)
        state.set_field("followup_time", "10:00")
        req, problems = state.build_request("bieb", "k1")
        assert req.followup is None
        assert [p.field for p in problems] == ["followup"]
        assert day not in problems[0].text("nl")


def test_an_out_of_range_retention_is_refused_and_an_old_one_can_be_corrected(
    run_cli: RunCli,
) -> None:
    code, _, err = run_cli("settings", "--note-retention-days", "4000000")
    assert_one_line_refusal(code, err)
    assert "3650" in err
    assert run_cli("log", *_LOG)[0] == 0  # the refused value was not kept
    assert run_cli("settings", "--note-retention-days", "3650")[0] == 0
    assert run_cli("log", *_LOG)[0] == 0  # the longest allowed retention still saves
    # a settings file written before the bound: every command says so in one line...
    config = Path(os.environ["HELPDESK_CONFIG"])
    config.write_text(config.read_text().replace("3650", "4000000"))
    code, _, err = run_cli("log", *_LOG)
    assert_one_line_refusal(code, err)
    # ... and `settings` corrects it
    assert run_cli("settings", "--note-retention-days", "30")[0] == 0
    assert run_cli("log", *_LOG)[0] == 0


ODD_NAMES = ["a#b.db", "a?b.db", "a%20b.db", "100%.db", os.fsdecode(b"caf\xe9-\xff.db")]


@pytest.mark.parametrize(
    "name", ODD_NAMES, ids=["hash", "question", "percent-20", "percent", "latin1"]
)
def test_file_names_with_uri_characters_or_non_utf8_bytes_work(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    assert run_cli("log", *_LOG)[0] == 0
    target = tmp_path / name
    code, out, err = run_cli("backup", "-o", str(target))
    assert code == 0, err
    assert os.path.exists(os.fsencode(target))  # the file named, not one cut at # or ?
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == sorted(
        ["helpdesk.db", name]
    )
    code, _, err = run_cli("restore", str(target), "--yes")
    assert code == 0, err
    code, out, err = run_cli("merge", str(target))
    assert code == 0 and "Traceback" not in err, err
    for argv in (
        ["export", "--format", "csv", "-o", str(tmp_path / ("x" + name + ".csv"))],
        ["report", "-o", str(tmp_path / ("x" + name + ".html"))],
        ["--db", str(tmp_path / ("db-" + name)), "list"],
    ):
        code, _, err = run_cli(*argv)
        assert code == 0 and "Traceback" not in err, (argv, err)
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        assert store.count_requests() == 1


def test_unwritable_targets_are_refused_in_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    a_file = tmp_path / "plain-file"
    a_file.write_text("x")
    for argv in (
        ["backup", "-o", str(a_file / "backup.db")],  # a folder that is a file
        ["backup", "-o", "/proc/backup.db"],
        ["export", "--format", "csv", "-o", str(tmp_path)],  # a folder
        ["report", "-o", str(a_file / "r.html")],
        ["guides", "export", "digid-aanvragen", "-o", str(a_file / "h.html")],
        ["--db", str(a_file / "x.db"), "list"],
        ["--db", str(tmp_path), "list"],
    ):
        code, _, err = run_cli(*argv)
        assert_one_line_refusal(code, err)


def test_a_newer_database_is_refused_and_left_byte_for_byte_untouched(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A newer desk's database that is not in WAL mode (a backup, a copied file): opening
    it must not switch it to WAL, which rewrites its header, nor leave -wal files."""
    db = Path(os.environ["HELPDESK_DB"])
    _healthy_backup(tmp_path)
    with open_store(db) as store:
        store.conn.execute("INSERT INTO schema_migrations VALUES (999, 'future')")
        store.conn.execute("PRAGMA journal_mode = DELETE")
    before = db.read_bytes()
    for command in commands():
        code, _, err = run_cli(*argv_for(command, tmp_path))
        assert "Traceback" not in err
        if code != 0:
            assert_one_line_refusal(code, err)
        assert db.read_bytes() == before, f"{command} changed the newer database"
        assert not Path(f"{db}-wal").exists(), command
    code, _, err = run_cli("list")
    assert code == 2 and "newer" in err


BROKEN_PIPE_COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["export", "--format", "csv"],
    ["audit"],
    ["taxonomy"],
]


def test_output_piped_into_head_ends_quietly_with_exit_0(tmp_path: Path) -> None:
    """``helpdesk list | head -1``: the reader leaves early. We chose exit 0, not the
    SIGPIPE convention 141: the reader stopped on purpose, which is no failure of the
    command (and ``set -o pipefail`` scripts keep working); stderr stays empty."""
    env = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    helpdesk = [sys.executable, "-m", "helpdesk"]
    subprocess.run([*helpdesk, "demo-data", "--rows", "3000", "--seed", "1"], env=env, check=True)
    for argv in BROKEN_PIPE_COMMANDS:
        piped = subprocess.run(
            [
                "bash",
                "-c",
                '"$@" | head -1 > /dev/null; exit "${PIPESTATUS[0]}"',
                "-",
                *helpdesk,
                *argv,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        assert "Traceback" not in piped.stderr, (argv, piped.stderr)
        assert "Exception ignored" not in piped.stderr, (argv, piped.stderr)
        assert piped.stderr == "", (argv, piped.stderr)
        assert piped.returncode == 0, (argv, piped.returncode)


def test_the_desk_setup_refuses_a_phone_number_as_staff_code() -> None:
    from desk_pilot import run, type_text
    from textual.widgets import Input, Static

    from helpdesk.screens.setup import SetupScreen

    async def scenario(app, pilot) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "bieb")
        await pilot.press("enter")
        await type_text(pilot, "0612345678")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # not saved
        shown = str(app.screen.query_one("#error-staff", Static).render())
        assert "BSN" in shown and "0612345678" not in shown
        app.screen.query_one("#staff", Input).value = ""

    run(scenario)
    assert not Path(os.environ["HELPDESK_CONFIG"]).exists()
