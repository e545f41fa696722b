"""Benchmark: the whole statistics dashboard for the last year of 1,000,000 requests.

Usage: .venv/bin/python bench/stats_dashboard.py [--rows 1000000] [--db PATH] [--runs 5]

Generates the requests with the real ``helpdesk demo-data --rows N --seed 1`` into a
temporary database (or reuses the database given with --db when it already holds
requests: generating a million rows takes minutes on a slow disk), then times
``counting.dashboard`` for the last 365 local days:

* the one-off recount of the summaries after the bulk load (triggers only mark the
  days a write touched; ``counting.refresh_summaries`` recounts them before reading),
* cold: a fresh process and connection per run (SQLite's page cache empty; the
  operating system's file cache is left alone, so this is "first screen after start"),
* warm: repeated runs on one open connection (the statistics screen changing period),

and prints the median and spread of each, plus a one-location dashboard, the
aggregated export and the HTML report for comparison. The target is under one second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from helpdesk import clock
from helpdesk.stats import council_report, counting, periods
from helpdesk.store import open_store


def last_year() -> periods.Period:
    today = clock.local_today()
    return periods.day_range(today - timedelta(days=364), today)


def one_cold_run(db: Path) -> float:
    """Open the database in this (fresh) process and time one dashboard."""
    start = time.perf_counter()
    with open_store(db) as store:
        counting.dashboard(store, last_year())
    return time.perf_counter() - start


def timed(func: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        out.append(time.perf_counter() - start)
    return out


def line(name: str, seconds: list[float]) -> str:
    return (
        f"{name:<34} median {statistics.median(seconds) * 1000:8.1f} ms"
        f"   min {min(seconds) * 1000:8.1f}   max {max(seconds) * 1000:8.1f}   runs {len(seconds)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="reuse (or create and keep) this database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one cold measurement, in its own process
        print(one_cold_run(args.db))
        return

    folder = Path(tempfile.mkdtemp(prefix="bench-stats-"))
    db = args.db or folder / "bench.db"
    env = dict(os.environ, HELPDESK_CONFIG=str(folder / "settings.json"))
    existing = 0
    if db.exists():
        with open_store(db) as store:
            existing = store.count_requests()
    if existing:
        print(f"reusing {db} with {existing:,} requests")
    else:
        command = [sys.executable, "-m", "helpdesk.cli", "--db", str(db), "demo-data"]
        command += ["--rows", str(args.rows), "--seed", str(args.seed)]
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        print(f"generated {args.rows:,} requests in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    with open_store(db) as store:  # applies pending migrations
        print(f"open (and migrate) {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        days = counting.refresh_summaries(store)
        print(
            f"one-off summary refresh after the load: {days} days in {time.perf_counter() - start:.1f} s"
        )
        total = store.count_requests()
        summary = store.conn.execute("SELECT COUNT(*) FROM stats_daily").fetchone()[0]
    period = last_year()
    print(f"period {period.label}; {total:,} requests; {summary:,} summary rows")

    cold = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--db", str(db), "--child"],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        cold.append(float(out.stdout.strip()))
    with open_store(db) as store:
        dash = counting.dashboard(store, period)
        warm = timed(lambda: counting.dashboard(store, period), args.runs)
        place = next(iter(dash.by_location), None)
        local = timed(lambda: counting.dashboard(store, period, location=place), args.runs)
        since, until = period.start, period.end
        export = timed(lambda: counting.aggregate_rows(store, since, until), args.runs)
        report = timed(lambda: council_report.render_report(counting.dashboard(store, period)), 3)
    print(f"dashboard total {dash.total:,}; solved at desk {dash.solved_at_desk_share:.1%}")
    print(line("dashboard, cold (fresh process)", cold))
    print(line("dashboard, warm", warm))
    print(line(f"dashboard, location {place}", local))
    print(line("aggregated export (12+ months)", export))
    print(line("HTML report incl. dashboard", report))
    verdict = "under" if statistics.median(cold) < 1 else "OVER"
    print(f"cold median is {verdict} the 1 s target")
    if not args.db:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
