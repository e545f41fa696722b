"""Every `helpdesk` command, given bad input or a bad environment, answers in one line.

The walk is built from the parser itself, so a new command without an entry in
``VALID_ARGS`` fails this test until someone decides what bad input means for it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
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
    ["guides", "list", "--subject", "nonsense"],
    ["no-such-command"],
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
