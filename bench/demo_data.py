"""Benchmark: how long `helpdesk demo-data --rows N` takes, and how big the database gets.

Usage: .venv/bin/python bench/demo_data.py [--rows 1000000] [--keep PATH]
Runs the real command in a subprocess on a fresh database file and prints figures.
The machine is shared, so it also prints the command's CPU seconds (user + system, which
other work on the machine hardly changes) and the load average before and after: read
the wall-clock seconds beside them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="copy the generated database here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    db = folder / "bench.db"
    env = dict(os.environ, HELPDESK_CONFIG=str(folder / "settings.json"))
    command = [sys.executable, "-m", "helpdesk.cli", "--db", str(db), "demo-data"]
    command += ["--rows", str(args.rows), "--seed", str(args.seed)]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = child.ru_utime + child.ru_stime
    load_after = os.getloadavg()[0]
    # fold the WAL into the main file so the size is what a copy of the database costs
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = db.stat().st_size
    print(f"rows                 {args.rows:>12,}")
    print(f"seconds              {seconds:>12.1f}")
    print(f"rows per second      {args.rows / seconds:>12,.0f}")
    print(f"CPU seconds          {cpu:>12.1f}")
    print(f"load before / after  {load_before:>5.1f} / {load_after:.1f}")
    print(f"database size (MB)   {size / 1e6:>12.1f}")
    print(f"bytes per request    {size / args.rows:>12.0f}")
    if args.keep:
        shutil.copy(db, args.keep)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
