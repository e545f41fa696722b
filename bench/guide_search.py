"""Search latency over 1,000 generated guides: prints median and p95 per prefix query.

Run: ``.venv/bin/python bench/guide_search.py [--guides N] [--repeat R]``. Prints figures
only; it asserts nothing, because timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

from helpdesk.guides.library import Guide, Step, load_guides
from helpdesk.guides.search import GuideIndex

WORDS = [
    "digid",
    "aanvragen",
    "inloggen",
    "toeslag",
    "huurtoeslag",
    "zorgtoeslag",
    "belasting",
    "aangifte",
    "berichtenbox",
    "mijnoverheid",
    "aow",
    "pensioen",
    "uitkering",
    "werkmap",
    "zorgverzekering",
    "betalingsregeling",
    "paspoort",
    "afspraak",
    "gemeente",
    "verhuizing",
    "adres",
    "email",
    "phishing",
    "bankieren",
    "wachtwoord",
    "sms",
    "code",
    "app",
    "telefoon",
    "brief",
    "formulier",
    "klik",
    "knop",
    "scherm",
    "website",
    "controle",
    "inkomen",
    "partner",
    "huur",
]
FILLER = [
    "u",
    "de",
    "het",
    "een",
    "op",
    "in",
    "met",
    "naar",
    "en",
    "of",
    "dan",
    "uw",
    "ziet",
    "nu",
    "kies",
    "vul",
    "typ",
    "open",
]
QUERIES = (
    "toesl",
    "digi",
    "aang",
    "zorg",
    "paspo",
    "verhui",
    "wacht",
    "digid app",
    "b",
    "xyz",
    "wachtwoord vergeten",
    "brief kwijt",
    "mijn nieuwe telefoon doet het niet",
)


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS if rng.random() < 0.4 else FILLER) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(count: int, seed: int = 4) -> list[Guide]:
    rng = random.Random(seed)
    guides = []
    for i in range(count):
        steps = tuple(
            Step(
                number=n,
                title=sentence(rng, 4),
                text=" ".join(sentence(rng, 8) for _ in range(3)),
                tip=sentence(rng, 8) if rng.random() < 0.5 else None,
                warning=sentence(rng, 8) if rng.random() < 0.3 else None,
                check=sentence(rng, 6),
                line=n * 6,
            )
            for n in range(1, rng.randint(5, 10) + 1)
        )
        lang = "nl" if i % 3 else "en"
        guides.append(
            Guide(
                id=f"guide-{i}",
                lang=lang,
                title=sentence(rng, 5),
                subjects=("other",),
                organisations=("other",),
                summary=sentence(rng, 12),
                bring=(),
                audience=sentence(rng, 8),
                sources=("https://www.example.nl",),
                last_reviewed=dt.date(2026, 11, 1),
                steps=steps,
                path=Path(f"/generated/{lang}/guide-{i}.md"),
            )
        )
    return guides


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(index: GuideIndex, repeat: int) -> None:
    print(f"{'query':<12}{'hits':>6}{'median ms':>12}{'p95 ms':>10}")
    for query in QUERIES:
        timings = []
        hits = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            hits = len(index.search(query, limit=20))
            timings.append((time.perf_counter() - t0) * 1000)
        print(
            f"{query!r:<12}{hits:>6}{statistics.median(timings):>12.3f}"
            f"{percentile(timings, 0.95):>10.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guides", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    guides = generate(args.guides)
    start = time.perf_counter()
    index = GuideIndex(guides)
    build_ms = (time.perf_counter() - start) * 1000
    steps = sum(len(g.steps) for g in guides)
    print(f"{len(index)} guides, {steps} steps; index built in {build_ms:.0f} ms")
    report(index, args.repeat)

    bundled = load_guides(errors=[])
    if bundled:
        print(f"\nbundled guides: {len(bundled)}")
        report(GuideIndex(bundled), args.repeat)


if __name__ == "__main__":
    main()
