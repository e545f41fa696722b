"""What checking every row costs a merge and a restore (issue 14): prints figures.

Makes a location file of N synthetic requests (``helpdesk demo-data``'s generator, a
third with a short note so the privacy guard runs), then times, on real files in a
temporary folder:

* ``read + check``: ``merge.read_checked`` alone (one snapshot, every row validated);
* ``merge``: ``merge.merge_file`` into an empty database (check + insert);
* ``check_backup``: a restore's checks of a backup of that file (schema + rows);
* ``restore``: ``backup.restore`` over a live database of the same size.

Run: ``python bench/merge_checks.py [--rows 20000]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from helpdesk import backup, merge
from helpdesk.demo_data import generate
from helpdesk.store import open_store

NOTES = ("komt terug met de brief", "aanvraag half af, formulier thuis", "app werkt niet")


def make_location(path: Path, rows: int) -> None:
    with open_store(path) as store:
        generate(store, rows, seed=7)
        with store.transaction() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM requests WHERE rowid % 3 = 0")]
            conn.executemany(
                "UPDATE requests SET note = ?, note_expires_at = '2099-01-01T00:00:00.000000Z' "
                "WHERE id = ?",
                [(NOTES[n % len(NOTES)], rid) for n, rid in enumerate(ids)],
            )


def timed(label: str, rows: int, work) -> None:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<14} {seconds:8.2f} s   {rows / seconds:10.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        other = tmp / "noord.db"
        make_location(other, rows)
        print(f"{rows} requests, a third with a note")
        timed("read + check", rows, lambda: merge.read_checked(other))
        with open_store(tmp / "central.db") as store:
            timed("merge", rows, lambda: merge.merge_file(store, other))
        copy = tmp / "backup.db"
        backup.backup(other, copy)
        timed("check_backup", rows, lambda: backup.check_backup(copy))
        live = tmp / "live.db"
        backup.backup(other, live)
        timed("restore", rows, lambda: backup.restore(copy, live))


if __name__ == "__main__":
    main()
