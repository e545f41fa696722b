"""Key presses and saves in the desk app with 0, 1,000 and 5,000 requests logged today.

Run: ``.venv/bin/python bench/desk_keys.py [--today 0,1000,5000] [--keys N] [--saves N]``.

For each size it seeds a fresh database in a temporary folder with that many requests
at this desk's location today, starts the real app headless (``App.run_test``) and
drives it with Pilot as staff would: letters, arrows and Enter in the code pickers,
then ``ctrl+s``. It prints the median and p95 per key press and per save, both as
process CPU time (what the app itself spends) and as wall time (which includes Pilot's
idle detection, a few tens of milliseconds per press). Prints figures only; it asserts
nothing, because timings depend on the machine (read them beside the load average).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from helpdesk.app import DeskApp, create_app
from helpdesk.desk import log_request
from helpdesk.records import DeskRequest
from helpdesk.settings import Settings, save_settings
from helpdesk.store import open_store

LOCATION, STAFF = "bieb-centrum", "m01"
# One request as staff type it: DigiD / DigiD activeringscode / meehelpen / opgelost.
COMMON_CASE = ["d", "enter", *"act", "enter", *"mee", "enter", *"opg", "enter"]
# Keys typed into the organisation picker between saves: filter, move, erase.
TYPING = ["b", "e", "l", "down", "up", "backspace", "backspace", "backspace"]


def seed(db: Path, count: int) -> None:
    """``count`` requests at this desk's location, all created today."""
    settings = Settings(location=LOCATION, staff=STAFF)
    with open_store(db) as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # seeding only; the app uses FULL
        for n in range(count):
            req = DeskRequest(
                organisations=("digid",),
                subjects=("digid-apply",),
                help_type="help-along",
                outcome="solved",
                location=LOCATION,
                staff=STAFF,
                minutes=n % 60 + 1,
            )
            log_request(store, req, settings)


async def timed(pilot: object, key: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    await pilot.press(key)  # type: ignore[attr-defined]
    return time.process_time() - cpu, time.perf_counter() - wall


def summary(label: str, samples: list[tuple[float, float]]) -> str:
    def fig(values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return f"{statistics.median(ordered) * 1000:7.1f} {p95 * 1000:7.1f}"

    cpu = [c for c, _ in samples]
    wall = [w for _, w in samples]
    return f"{label:<10} {len(samples):>5}  {fig(cpu)}   {fig(wall)}"


async def drive(app: DeskApp, keys: int, saves: int) -> tuple[list, list]:
    key_times: list[tuple[float, float]] = []
    save_times: list[tuple[float, float]] = []
    async with app.run_test(size=(150, 60)) as pilot:
        await pilot.pause()
        while len(key_times) < keys:
            for key in TYPING:
                key_times.append(await timed(pilot, key))
        for _ in range(saves):
            for key in COMMON_CASE:
                key_times.append(await timed(pilot, key))
            save_times.append(await timed(pilot, "ctrl+s"))
        await pilot.pause()
    return key_times, save_times


def run(today: int, keys: int, saves: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db, settings_path = Path(folder) / "desk.db", Path(folder) / "settings.json"
        save_settings(Settings(location=LOCATION, staff=STAFF), settings_path)
        started = time.perf_counter()
        seed(db, today)
        seeded = time.perf_counter() - started
        app = create_app(db_path=db, settings_path=settings_path)
        started = time.perf_counter()
        key_times, save_times = asyncio.run(drive(app, keys, saves))
        total = time.perf_counter() - started
        with open_store(db) as store:
            logged = store.count_requests()
    print(f"\n{today:,} requests today (seeded in {seeded:.1f} s; app run {total:.1f} s)")
    print(f"{'':<10} {'n':>5}  {'cpu ms':>7} {'p95':>7}   {'wall ms':>7} {'p95':>7}")
    print(summary("key press", key_times))
    print(summary("save", save_times))
    if logged != today + saves:
        print(f"warning: {logged} requests in the database, expected {today + saves}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="0,1000,5000", help="comma-separated list sizes")
    parser.add_argument("--keys", type=int, default=80, help="key presses in the picker")
    parser.add_argument("--saves", type=int, default=20, help="requests saved per size")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for today in (int(x) for x in args.today.split(",")):
        run(today, args.keys, args.saves)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
