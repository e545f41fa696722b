"""Realistic synthetic requests for demos, statistics and benchmarks.

The shape follows what government information points report: DigiD questions most
frequent, then device basics and municipal services; about six in ten residents 65 or
older; about two in three helped at the desk. Rows are written straight into the schema
in one transaction, with the statistics triggers paused and the summaries recounted once
before it commits, because a benchmark asks for a million of them: an interrupted load
leaves nothing behind, and a finished one leaves the summaries exact.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ulid import ULID

from helpdesk import clock
from helpdesk.stats.counting import refresh_summaries
from helpdesk.store import Store

# subject: (weight, organisations it usually concerns)
SUBJECTS: dict[str, tuple[int, tuple[str, ...]]] = {
    "digid-app": (120, ("digid",)),
    "digid-apply": (80, ("digid",)),
    "digid-activation": (55, ("digid",)),
    "login-trouble": (45, ("digid",)),
    "forgot-credentials": (30, ("digid",)),
    "letter-not-received": (20, ("digid", "belastingdienst")),
    "device-basics": (110, ("other",)),
    "passport-id": (60, ("gemeente",)),
    "tax-return": (70, ("belastingdienst",)),
    "allowance": (65, ("toeslagen",)),
    "berichtenbox": (45, ("mijnoverheid",)),
    "moving": (40, ("gemeente",)),
    "wmo-support": (35, ("gemeente",)),
    "machtigen": (40, ("digid",)),
    "aow-pension": (40, ("svb",)),
    "benefit": (30, ("uwv",)),
    "healthcare-costs": (30, ("zorgverzekeraar", "cak")),
    "email-account": (30, ("other",)),
    "online-banking": (28, ("bank",)),
    "phishing-scam": (20, ("bank", "other")),
    "fine": (12, ("cjib",)),
    "vehicle": (10, ("rdw", "cbr")),
    "student-finance": (8, ("duo",)),
    "other": (15, ("other",)),
}
AGE_BANDS = {"<18": 1, "18-34": 8, "35-49": 12, "50-64": 19, "65-74": 30, "75+": 30}
OUTCOMES = {"solved": 66, "partly-solved": 12, "referred": 10, "follow-up": 8, "not-solved": 4}
HELP_TYPES = {"help-along": 55, "information": 30, "referral": 8, "course-guidance": 7}
CHANNELS = {"walk-in": 70, "appointment": 22, "phone": 6, "email": 1, "home-visit": 1}
VISITORS = {"resident": 90, "helper-on-behalf": 8, "entrepreneur": 2}
REFERRALS = {
    "juridisch-loket": 15,
    "schuldhulp": 15,
    "digisterker-course": 25,
    "klik-en-tik-course": 10,
    "taalhuis": 10,
    "social-work": 10,
    "other": 15,
}
BARRIERS = {"digital-skills": 60, "language": 15, "literacy": 10, "no-device": 8, "disability": 5}
# location: (weight, staff codes)
LOCATIONS = {
    "bieb-centrum": (40, ("bc01", "bc02", "bc03", "bc04")),
    "bieb-noord": (20, ("bn01", "bn02")),
    "bieb-zuid": (15, ("bz01", "bz02")),
    "gemeente-loket": (25, ("gl01", "gl02", "gl03")),
}
OPENING_HOURS = range(9, 17)  # local hours a desk is open
BATCH = 20_000  # rows generated and inserted per executemany
# SQLite page cache (KiB) while loading, instead of the default 2 MiB: the indexes of a
# million requests are written in random order, and the recount sorts them, so with the
# small cache most index writes and sorts go through the disk
BULK_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class DemoResult:
    rows: int
    first: str
    last: str


def _picker(rng: random.Random, table: dict, n: int) -> list:
    keys = list(table)
    weights = [v[0] if isinstance(v, tuple) else v for v in table.values()]
    return rng.choices(keys, weights=weights, k=n)


def generate(
    store: Store, rows: int, seed: int | None = None, now: datetime | None = None
) -> DemoResult:
    """Insert ``rows`` synthetic requests spread over the 12 months before ``now``.

    All or nothing: one write transaction adds the rows and recounts the statistics
    summaries of the days they fall on, like the triggers and the next statistics run
    would have, at a fraction of the cost (``Store.stats_triggers_paused``). It holds the
    write lock for the whole load (a million rows: minutes), so desks writing to the same
    database meanwhile wait and may time out: load demo data into a database of its own.
    """
    cache = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        with store.transaction() as conn:
            with store.stats_triggers_paused():
                result = _insert_rows(conn, rows, random.Random(seed), now or clock.utc_now())
            refresh_summaries(conn)
    finally:
        store.conn.execute(f"PRAGMA cache_size = {cache}")
    return result


def _insert_rows(
    conn: sqlite3.Connection, rows: int, rng: random.Random, now: datetime
) -> DemoResult:
    start = now - timedelta(days=365)
    first = last = ""
    done = 0
    while done < rows:
        n = min(BATCH, rows - done)
        subjects = _picker(rng, SUBJECTS, n)
        ages = _picker(rng, AGE_BANDS, n)
        outcomes = _picker(rng, OUTCOMES, n)
        helps = _picker(rng, HELP_TYPES, n)
        channels = _picker(rng, CHANNELS, n)
        visitors = _picker(rng, VISITORS, n)
        locations = _picker(rng, LOCATIONS, n)
        request_rows, code_rows = [], []
        for i in range(n):
            day = start + timedelta(days=rng.randrange(365))
            while day.weekday() >= 5 and rng.random() < 0.9:  # few weekend desks
                day += timedelta(days=1)
            local = day.astimezone().replace(
                hour=rng.choice(OPENING_HOURS), minute=rng.randrange(60), second=rng.randrange(60)
            )
            moment = min(local.astimezone(UTC), now)
            stamp = clock.to_stored(moment)
            rid = str(ULID.from_timestamp(moment.timestamp()))
            location = locations[i]
            outcome = outcomes[i]
            subject = subjects[i]
            orgs = {rng.choice(SUBJECTS[subject][1])}
            subject_set = {subject}
            if rng.random() < 0.12:  # a second question in the same visit
                extra = _picker(rng, SUBJECTS, 1)[0]
                subject_set.add(extra)
                orgs.add(rng.choice(SUBJECTS[extra][1]))
            barriers = set(_picker(rng, BARRIERS, rng.choice((0, 1, 1, 1, 2))))
            request_rows.append(
                (
                    rid,
                    stamp,
                    stamp,
                    location,
                    rng.choice(LOCATIONS[location][1]),
                    helps[i] if outcome != "referred" else "referral",
                    outcome,
                    _picker(rng, REFERRALS, 1)[0] if outcome == "referred" else None,
                    channels[i],
                    visitors[i],
                    ages[i] if rng.random() < 0.9 else None,
                    int(rng.random() < 0.35),
                    max(3, int(rng.gauss(18, 9))),
                    rng.getrandbits(32),  # the record key of the statistics (cell_key.py)
                )
            )
            code_rows += [(rid, "organisation", c) for c in sorted(orgs)]
            code_rows += [(rid, "subject", c) for c in sorted(subject_set)]
            code_rows += [(rid, "barrier", c) for c in sorted(barriers)]
            first = min(first, stamp) if first else stamp
            last = max(last, stamp)
        conn.executemany(
            "INSERT INTO requests (id, created_at, updated_at, location, staff, help_type, "
            "outcome, referred_to, channel, visitor_type, age_band, first_visit, minutes, "
            "stats_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            request_rows,
        )
        conn.executemany(
            "INSERT INTO request_codes (request_id, kind, code) VALUES (?, ?, ?)", code_rows
        )
        done += n
    return DemoResult(rows=done, first=first, last=last)
