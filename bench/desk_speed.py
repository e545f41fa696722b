"""Benchmark: how fast the desk feels (issue 13's targets), in the real app at 120x40.

Usage: .venv/bin/python bench/desk_speed.py [--today 300] [--saves 13] [--parts keys,stats]
                                            [--year-rows 100000] [--stats-runs 5]
                                            [--stats-db PATH]

Prints figures and asserts nothing (timings depend on the machine; read them beside the
load average printed before and after):

* key to screen: with ``--today`` requests logged today and ``--saves`` requests typed
  (letters, arrows and Backspace in the organisation picker, then the common case
  ``d ⏎ act ⏎ mee ⏎ opg ⏎``), the time from a key press to the
  first screen update it causes (the letter or the focus move shows) and to the last
  one (the screen has settled: match lists, chips, footer);
* save: ``ctrl+s`` to the first and to the last screen update (the cleared form, then
  the saved row in today's list a frame later);
* statistics: F3 to the figures on the screen (the default period, this year to date),
  over a year of ``--year-rows`` requests made by ``helpdesk.demo_data``; the first
  opening and the p50 of ``--stats-runs`` openings.

The app runs headless (``App.run_test``), where Textual computes every screen update but
writes it nowhere; this script wraps ``App._display`` to render each update into an
in-memory terminal, as a real terminal would be written, and notes the time. "Screen
showing it" is the first update after the key; "settled" the last before the app is idle
again. The targets of the issue: key p95 under 50 ms, save under 150 ms, statistics
under 1 s.

So that "first update" is the key's own and not a paint that was due anyway, each key
is pressed one frame (``SETTLE_S``) after the screen settled from the previous one, and
the boxes' cursors do not blink during the run (a blink is a screen update of its own,
every half second, which otherwise is now and then taken for the key's first update).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desk_keys import COMMON_CASE, LOCATION, STAFF, TYPING
from desk_keys import seed as seed_today
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input

from helpdesk.app import DeskApp, create_app
from helpdesk.demo_data import generate
from helpdesk.screens.stats import StatsScreen
from helpdesk.settings import Settings, save_settings
from helpdesk.store import open_store

SIZE = (120, 40)  # desk, request and seeding as in desk_keys.py (bieb-centrum is demo_data's)
SETTLE_S = 0.03  # longer than one frame at Textual's 60 fps: an update still due is painted


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def line(label: str, ms: list[float], target: str) -> str:
    if not ms:
        return f"{label:<22} no samples"
    return (
        f"{label:<22} n={len(ms):<4} p50 {statistics.median(ms):7.1f} ms"
        f"   p95 {percentile(ms, 0.95):7.1f} ms   max {max(ms):7.1f} ms   target {target}"
    )


class Screenwatch:
    """Renders every screen update of ``app`` into an in-memory terminal and notes when."""

    def __init__(self, app: DeskApp) -> None:
        self.app = app
        self.updates: list[float] = []
        self.console = Console(
            width=SIZE[0],
            height=SIZE[1],
            file=io.StringIO(),
            force_terminal=True,
            color_system="truecolor",
            legacy_windows=False,
            safe_box=False,
        )
        original: Callable = app._display

        def display(screen: object, renderable: object) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.console.print(renderable)  # what a terminal would be sent
                self.console.file = io.StringIO()
                self.updates.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]

    async def press(self, pilot: Pilot, key: str) -> tuple[float, float] | None:
        """Milliseconds from the key to the first and to the last screen update it caused
        (None: it changed nothing on the screen)."""
        await asyncio.sleep(SETTLE_S)
        start = time.perf_counter()
        seen = len(self.updates)
        await pilot.press(key)
        if len(self.updates) == seen:
            return None
        return (self.updates[seen] - start) * 1000, (self.updates[-1] - start) * 1000


# ------------------------------------------------------------------ keys and saves


async def keys_and_saves(app: DeskApp, saves: int) -> tuple[list, list, int]:
    """(first, last) screen update per key and per save, and the keys that showed nothing."""
    key_ms: list[tuple[float, float]] = []
    save_ms: list[tuple[float, float]] = []
    silent = 0
    async with app.run_test(size=SIZE) as pilot:
        watch = Screenwatch(app)
        await pilot.pause()
        for box in app.screen.query(Input):
            box.cursor_blink = False
        for _ in range(saves):
            for key in TYPING:  # ends with the box empty again
                ms = await watch.press(pilot, key)
                silent += ms is None
                key_ms += [ms] if ms is not None else []
            for key in COMMON_CASE:
                ms = await watch.press(pilot, key)
                silent += ms is None
                key_ms += [ms] if ms is not None else []
            ms = await watch.press(pilot, "ctrl+s")
            save_ms += [ms] if ms is not None else []
        await pilot.pause()
    return key_ms, save_ms, silent


def run_keys(today: int, saves: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db, settings_path = Path(folder) / "desk.db", Path(folder) / "settings.json"
        save_settings(Settings(location=LOCATION, staff=STAFF), settings_path)
        seed_today(db, today)
        app = create_app(db_path=db, settings_path=settings_path)
        key_ms, save_ms, silent = asyncio.run(keys_and_saves(app, saves))
        with open_store(db) as store:
            logged = store.count_requests()
    print(f"\nrequest form at {SIZE[0]}x{SIZE[1]}, {today} requests today")
    print(line("key: first update", [f for f, _ in key_ms], "p95 < 50 ms"))
    print(line("key: screen settled", [last for _, last in key_ms], "p95 < 50 ms"))
    print(line("save: first update", [f for f, _ in save_ms], "< 150 ms"))
    print(line("save: screen settled", [last for _, last in save_ms], "< 150 ms"))
    if silent:
        print(f"({silent} keys changed nothing on the screen; left out)")
    if logged != today + len(save_ms):
        print(f"warning: {logged} requests stored, expected {today + len(save_ms)}")


# ------------------------------------------------------------------ statistics


def year_db(path: Path, rows: int) -> None:
    """A year of ``rows`` demo requests (reused when the file already holds requests)."""
    with open_store(path) as store:
        have = store.count_requests()
        if have >= rows:
            print(f"\nreusing {path} ({have:,} requests)")
            return
        started = time.perf_counter()
        generate(store, rows, seed=1)
        print(f"\ngenerated {rows:,} requests in {time.perf_counter() - started:.1f} s")


async def open_stats(app: DeskApp, runs: int) -> tuple[list[float], list[float]]:
    """Wall and process CPU milliseconds from F3 to the figures painted, per opening."""
    wall: list[float] = []
    cpu: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        watch = Screenwatch(app)
        await pilot.pause()
        for _ in range(runs):
            kept = app.get_screen("stats") if app.is_screen_installed("stats") else None
            shown = kept.seq if isinstance(kept, StatsScreen) else 0
            start, cpu_start = time.perf_counter(), time.process_time()
            await pilot.press("f3")
            while not (  # this opening's own figures, not the ones of the last opening
                isinstance(app.screen, StatsScreen)
                and app.screen.seq > shown
                and app.screen.shown_seq == app.screen.seq
            ):
                await asyncio.sleep(0.002)
            await pilot.pause()  # the figures painted
            wall.append((watch.updates[-1] - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return wall, cpu


def run_stats(db: Path, rows: int, runs: int) -> None:
    year_db(db, rows)
    with tempfile.TemporaryDirectory() as folder:
        settings_path = Path(folder) / "settings.json"
        save_settings(Settings(location=LOCATION, staff=STAFF), settings_path)
        app = create_app(db_path=db, settings_path=settings_path)
        ms, cpu = asyncio.run(open_stats(app, runs))
    print(f"statistics (F3, this year to date) over a year of {rows:,} requests")
    print(f"{'first opening':<22} {ms[0]:7.1f} ms (process CPU {cpu[0]:.1f} ms)")
    print(line("every opening", ms, "< 1000 ms"))
    print(line("  its process CPU", cpu, "(what the app spends)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=int, default=300, help="requests already logged today")
    parser.add_argument(
        "--saves", type=int, default=13, help="requests typed and saved (16 keys each)"
    )
    parser.add_argument("--year-rows", type=int, default=100_000)
    parser.add_argument("--stats-runs", type=int, default=5)
    parser.add_argument("--stats-db", type=Path, help="keep (and reuse) the year's database")
    parser.add_argument("--parts", default="keys,stats", help="keys, stats or both")
    args = parser.parse_args()
    parts = args.parts.split(",")
    print(f"load average before: {loadavg()}  ({os.cpu_count()} cores)")
    if "keys" in parts:
        run_keys(args.today, args.saves)
    if "stats" not in parts:
        pass
    elif args.stats_db:
        run_stats(args.stats_db, args.year_rows, args.stats_runs)
    else:
        with tempfile.TemporaryDirectory() as folder:
            run_stats(Path(folder) / "year.db", args.year_rows, args.stats_runs)
    print(f"\nload average after: {loadavg()}")


if __name__ == "__main__":
    main()
