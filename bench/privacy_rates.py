"""Measured false-negative and false-positive rates of the privacy guard, per kind.

Run: ``.venv/bin/python bench/privacy_rates.py [--samples 10000] [--seed 1]``.

Draws ``--samples`` notes from every positive generator and every look-alike family in
``tests/privacy_generators.py`` (the generators the property tests use) and prints:

- per kind, the false-negative rate: positives where no finding of that kind covers the
  value, and the false-positive rate over the look-alikes that resemble that kind (any
  finding at all counts as a false alarm);
- per look-alike family, its false-positive rate;
- a few missed or wrongly flagged examples, so a non-zero rate can be acted on;
- the rates on the documented gaps (``GAP_POSITIVE``, ``GAP_LOOKALIKE``): real personal data
  the guard deliberately misses and harmless text it deliberately flags, so that the price
  of each trade-off in the module docstring is measured too.

The rates describe these generators, not real notes: the generators render the formats the
guard promises to catch and the look-alikes it promises to accept, so the figures show
whether promise and code agree on many more samples than the test suite draws.

Then the same figures on the hand-written corpus of desk notes (``tests/desk_notes.py``),
written as staff write them: per kind, the notes with that kind of data and how many were
missed (false negatives), and the clean notes that raised an alarm of that kind (false
positives); then the corpus's documented-gap notes apart. Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from desk_notes import CLEAN, GAP_CLEAN, GAP_WITH_DATA, WITH_DATA  # noqa: E402
from desk_notes import TODAY as CORPUS_TODAY  # noqa: E402
from privacy_generators import (  # noqa: E402
    GAP_LOOKALIKE,
    GAP_POSITIVE,
    LOOKALIKE,
    POSITIVE,
    TODAY,
    Sample,
)

from helpdesk.privacy import KINDS, find_personal_data  # noqa: E402

if TYPE_CHECKING:
    from privacy_generators import Generator


@dataclass(frozen=True)
class Tally:
    """Counts for one kind or family; rates derive from them."""

    samples: int
    wrong: int
    examples: tuple[str, ...]

    @property
    def rate(self) -> float:
        return self.wrong / self.samples if self.samples else 0.0


def _is_found(sample: Sample) -> bool:
    findings = find_personal_data(sample.text, TODAY)
    return any(
        f.kind == sample.kind and f.start <= sample.start and f.end >= sample.end for f in findings
    )


def _describe(sample: Sample) -> str:
    found = [
        f"{f.kind}:{sample.text[f.start : f.end]!r}" for f in find_personal_data(sample.text, TODAY)
    ]
    return f"[{sample.family}] {sample.text!r} -> {', '.join(found) or 'nothing'}"


def measure_positive(generator: Generator, rng: random.Random, n: int) -> Tally:
    missed = [s for s in (generator(rng) for _ in range(n)) if not _is_found(s)]
    return Tally(n, len(missed), tuple(_describe(s) for s in missed[:3]))


def measure_lookalike(generator: Generator, rng: random.Random, n: int) -> tuple[str, Tally]:
    samples = [generator(rng) for _ in range(n)]
    flagged = [s for s in samples if find_personal_data(s.text, TODAY)]
    return samples[0].kind, Tally(n, len(flagged), tuple(_describe(s) for s in flagged[:3]))


def _covered(text: str, kind: str, value: str) -> bool:
    start = text.index(value)
    end = start + len(value)
    return any(
        f.kind == kind and f.start <= start and f.end >= end
        for f in find_personal_data(text, CORPUS_TODAY)
    )


def print_corpus() -> None:
    """False negatives and false positives per kind on the hand-written desk notes."""
    positives: Counter[str] = Counter(kind for _, kind, _ in WITH_DATA)
    missed = [(text, kind) for text, kind, value in WITH_DATA if not _covered(text, kind, value)]
    missed_per_kind = Counter(kind for _, kind in missed)
    alarms: Counter[str] = Counter()
    flagged_notes = []
    for note in CLEAN:
        findings = find_personal_data(note, CORPUS_TODAY)
        if findings:
            flagged_notes.append(note)
        for kind in {f.kind for f in findings}:
            alarms[kind] += 1
    print(f"\ndesk-note corpus: {len(WITH_DATA)} values in notes, {len(CLEAN)} clean notes")
    print(
        f"{'kind':<24}{'values':>8}{'missed':>8}{'FN rate':>10}{'clean flagged':>15}{'FP rate':>10}"
    )
    for kind in KINDS:
        n = positives[kind]
        fn_rate = missed_per_kind[kind] / n if n else 0.0
        fp_rate = alarms[kind] / len(CLEAN)
        print(
            f"{kind:<24}{n:>8}{missed_per_kind[kind]:>8}{fn_rate:>10.2%}"
            f"{alarms[kind]:>15}{fp_rate:>10.2%}"
        )
    total_fn = len(missed) / len(WITH_DATA)
    total_fp = len(flagged_notes) / len(CLEAN)
    print(f"{'all kinds':<24}{len(WITH_DATA):>8}{len(missed):>8}{total_fn:>10.2%}", end="")
    print(f"{len(flagged_notes):>15}{total_fp:>10.2%}")
    for text, kind in missed:
        print(f"  missed {kind}: {text!r}")
    for note in flagged_notes:
        print(f"  false alarm: {note!r}")

    gap_missed = [(t, k) for t, k, v in GAP_WITH_DATA if not _covered(t, k, v)]
    gap_flagged = [n for n in GAP_CLEAN if find_personal_data(n, CORPUS_TODAY)]
    print(
        f"documented gaps in the corpus: {len(gap_missed)}/{len(GAP_WITH_DATA)} values missed "
        f"on purpose, {len(gap_flagged)}/{len(GAP_CLEAN)} harmless notes flagged on purpose"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000, help="per generator")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    negatives = {kind: measure_positive(POSITIVE[kind], rng, args.samples) for kind in KINDS}
    families = {name: measure_lookalike(gen, rng, args.samples) for name, gen in LOOKALIKE.items()}
    fp_samples: Counter[str] = Counter()
    fp_wrong: Counter[str] = Counter()
    for kind, tally in families.values():
        fp_samples[kind] += tally.samples
        fp_wrong[kind] += tally.wrong

    print(f"privacy guard rates: {args.samples} samples per generator, seed {args.seed}")
    print(f"today fixed at {TODAY.isoformat()}\n")
    print(f"{'kind':<24}{'positives':>10}{'FN rate':>10}{'look-alikes':>13}{'FP rate':>10}")
    for kind in KINDS:
        fn = negatives[kind]
        fp_rate = fp_wrong[kind] / fp_samples[kind] if fp_samples[kind] else 0.0
        print(f"{kind:<24}{fn.samples:>10}{fn.rate:>10.4%}{fp_samples[kind]:>13}{fp_rate:>10.4%}")
    print(f"\n{'look-alike family':<34}{'resembles':<24}{'samples':>8}{'FP rate':>10}")
    for family, (kind, tally) in families.items():
        print(f"{family:<34}{kind:<24}{tally.samples:>8}{tally.rate:>10.4%}")

    gaps = args.samples // 10
    print(f"\ndocumented gaps, outside the promise ({gaps} samples each)")
    print(f"{'missed on purpose':<34}{'kind':<24}{'samples':>8}{'FN rate':>10}")
    for name, generator in GAP_POSITIVE.items():
        tally = measure_positive(generator, rng, gaps)
        print(f"{name:<34}{generator(rng).kind:<24}{tally.samples:>8}{tally.rate:>10.4%}")
    print(f"{'flagged on purpose':<34}{'resembles':<24}{'samples':>8}{'FP rate':>10}")
    for name, generator in GAP_LOOKALIKE.items():
        kind, tally = measure_lookalike(generator, rng, gaps)
        print(f"{name:<34}{kind:<24}{tally.samples:>8}{tally.rate:>10.4%}")

    print_corpus()

    examples = [e for t in negatives.values() for e in t.examples]
    examples += [e for _, t in families.values() for e in t.examples]
    if examples:
        print("\nexamples of misses and false alarms:")
        for line in examples:
            print(f"  {line}")


if __name__ == "__main__":
    main()
