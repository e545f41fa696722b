"""Killing a desk process mid-write never damages the database or loses an acknowledged save."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

LOGGER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from helpdesk.desk import log_request
    from helpdesk.records import DeskRequest
    from helpdesk.settings import Settings
    from helpdesk.store import open_store
    settings = Settings(location="bieb", staff="k1")
    with open_store(Path(sys.argv[1])) as store:
        print("ready", flush=True)
        n = 0
        while True:
            req = DeskRequest(("toeslagen",), ("allowance",), "help-along", "solved", "bieb", "k1",
                              barriers=("language",), note=f"verzoek {n}")
            saved = log_request(store, req, settings)
            print(saved.id, flush=True)  # acknowledged: the save returned
            n += 1
    """
)


def test_sigkill_at_random_moments_keeps_every_acknowledged_request(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(20261128)
    acknowledged: list[str] = []
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", LOGGER, str(db)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        acknowledged += [line for line in out.split() if len(line) == 26]

        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM requests")}
        with_codes = conn.execute(
            "SELECT COUNT(*) FROM requests r WHERE NOT EXISTS "
            "(SELECT 1 FROM request_codes c WHERE c.request_id = r.id)"
        ).fetchone()[0]
        conn.close()
        assert set(acknowledged) <= stored
        assert with_codes == 0  # no half-saved request
    assert len(acknowledged) > 0
