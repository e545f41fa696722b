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

    examples = [e for t in negatives.values() for e in t.examples]
    examples += [e for _, t in families.values() for e in t.examples]
    if examples:
        print("\nexamples of misses and false alarms:")
        for line in examples:
            print(f"  {line}")


if __name__ == "__main__":
    main()
