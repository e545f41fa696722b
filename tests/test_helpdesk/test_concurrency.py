"""Several desk processes using one database file at the same time.

Processes opening one new file at the same instant: tests/test_db.py.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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


APP_WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from helpdesk import clock
    from helpdesk.app import create_app
    from helpdesk.desk import log_request, requests_on_day
    from helpdesk.records import DeskRequest
    from helpdesk.settings import Settings, save_settings

    db, staff, count, per_save = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    settings_path = db.with_name(f"settings-{staff}.json")
    save_settings(Settings(location="bieb-noord", staff=staff), settings_path)

    async def main():
        app = create_app(db_path=db, settings_path=settings_path)
        async with app.run_test(size=(150, 60)) as pilot:
            await pilot.pause()
            form, table = app.screen.form, app.screen.table
            for n in range(count // per_save):
                # Requests logged on this desk's own connection between two saves in the
                # form (as by a second window): the next save must bring them into the list.
                for k in range(per_save - 1):
                    req = DeskRequest(("uwv",), ("benefit",), "information", "solved",
                                      "bieb-noord", staff, minutes=k + 1)
                    log_request(app.store, req, app.settings)
                form.picker("organisations").set_value(("toeslagen",))
                form.picker("subjects").set_value(("allowance",))
                form.picker("help_type").set_value(("help-along",))
                form.picker("outcome").set_value(("solved",))
                await pilot.press("ctrl+s")
            await pilot.pause()
            app.screen.refresh_list()  # as after a save: the day may have turned meanwhile
            today = requests_on_day(app.store, clock.local_today(), "bieb-noord")
            missing = {r.id for r in today if r.staff == staff} - set(table.versions)
            if missing:
                sys.exit(f"{staff}: {len(missing)} requests missing from today's list")
    asyncio.run(main())
    print("done", staff)
    """
)

CLI_WRITER = textwrap.dedent(
    """
    import sys
    from helpdesk.cli import main
    db, staff, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for n in range(count):
        code = main(["--db", db, "log", "--org", "digid", "--subject", "digid-app",
                     "--help-type", "help-along", "--outcome", "solved",
                     "--location", "bieb-zuid", "--staff", staff, "--note", f"cli {n}"])
        if code != 0:
            sys.exit(code)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from helpdesk.cli import main
    db, stop = sys.argv[1], Path(sys.argv[2])
    rounds = 0
    while not stop.exists():
        for argv in (["stats", "--json"], ["purge", "--older-than", "3650", "--yes"]):
            if main(["--db", db, *argv]) != 0:
                sys.exit(1)
        rounds += 1
    print("rounds", rounds, file=sys.stderr)
    """
)


@pytest.mark.timeout(1800)  # 4,000 requests next to two headless apps: minutes under load
def test_four_writers_and_a_reader_keep_every_request_once(tmp_path: Path) -> None:
    """Two app instances and two CLI loops log 1,000 requests each while stats and purges run.

    Each app instance saves 200 requests through the real form and save key, and logs
    the other 800 on its own connection between saves, four before each save. Both
    instances are at one location, so every save must bring into today's list its own
    four and whatever the other instance logged meanwhile; at the end each instance
    checks that its list holds every request it logged.

    Why not 1,000 saves through the form: a save costs 0.3 to 0.7 s of CPU in the headless
    app (two layouts and repaints of a 150x60 screen, more as today's list grows;
    bench/desk_keys.py), so 2,000 of them need some 1,000 CPU seconds next to the CLI
    writers and the reader: more than the suite's 600 s per test on a 2-core machine.
    """
    path = tmp_path / "network.db"
    open_store(path).close()
    stop = tmp_path / "stop"

    def start(script: str, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", script, str(path), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    writers = [start(APP_WRITER, "app1", "1000", "5"), start(APP_WRITER, "app2", "1000", "5")]
    writers += [start(CLI_WRITER, "cli1", "1000"), start(CLI_WRITER, "cli2", "1000")]
    reader = start(READER, str(stop))
    try:
        outputs = [w.communicate(timeout=1700) for w in writers]
        stop.touch()
        _, reader_err = reader.communicate(timeout=90)
    finally:  # a failed run must not leave writers behind for the rest of the suite
        for proc in (*writers, reader):
            if proc.poll() is None:
                proc.kill()

    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err[-2000:]
        assert "locked" not in err and "Traceback" not in err
    assert reader.returncode == 0, reader_err[-2000:]
    assert "locked" not in reader_err
    with open_store(path) as store:
        per_staff = dict(store.conn.execute("SELECT staff, COUNT(*) FROM requests GROUP BY staff"))
        distinct = store.conn.execute("SELECT COUNT(DISTINCT id) FROM requests").fetchone()[0]
        assert store.count_requests() == 4000
    assert per_staff == {"app1": 1000, "app2": 1000, "cli1": 1000, "cli2": 1000}
    assert distinct == 4000
