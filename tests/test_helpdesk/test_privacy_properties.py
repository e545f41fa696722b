"""Property tests: generated personal data is always refused, look-alikes always pass.

The generators live in `tests/privacy_generators.py` so that `bench/privacy_rates.py` measures
false-positive and false-negative rates on exactly the distributions tested here. Hypothesis
draws the seed of a `random.Random`, so every failure is reproducible from its seed.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from privacy_generators import LOOKALIKE, POSITIVE, TODAY

from helpdesk.privacy import KINDS, PersonalDataError, check_free_text, find_personal_data

# One drawn seed per example: the generators make many small choices, and drawing each one
# through hypothesis (st.randoms) trips its 'large base example' check for no gain here.
SEEDED = st.integers(min_value=0, max_value=2**64 - 1).map(random.Random)
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_every_kind_has_a_generator() -> None:
    assert set(POSITIVE) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
@PROPERTY_SETTINGS
@given(rng=SEEDED)
def test_personal_data_is_always_found(kind: str, rng: random.Random) -> None:
    sample = POSITIVE[kind](rng)
    findings = find_personal_data(sample.text, TODAY)
    assert any(
        f.kind == kind and f.start <= sample.start and f.end >= sample.end for f in findings
    ), (sample, findings)
    with pytest.raises(PersonalDataError) as caught:
        check_free_text("note", sample.text, TODAY)
    digits = re.sub(r"\D", "", sample.value)
    for lang in ("nl", "en"):
        message = caught.value.message(lang)
        assert sample.value not in message
        assert len(digits) < 5 or digits not in re.sub(r"\D", "", message)


@pytest.mark.parametrize("family", list(LOOKALIKE))
@PROPERTY_SETTINGS
@given(rng=SEEDED)
def test_lookalikes_are_accepted(family: str, rng: random.Random) -> None:
    sample = LOOKALIKE[family](rng)
    assert find_personal_data(sample.text, TODAY) == [], sample
    check_free_text("note", sample.text, TODAY)


@PROPERTY_SETTINGS
@given(
    rng=SEEDED,
    kind=st.sampled_from(KINDS),
    family=st.sampled_from(list(LOOKALIKE)),
)
def test_personal_data_is_found_among_lookalikes(
    rng: random.Random, kind: str, family: str
) -> None:
    noise = LOOKALIKE[family](rng)
    sample = POSITIVE[kind](rng)
    text = f"{noise.text}\n{sample.text}"
    start, end = len(noise.text) + 1 + sample.start, len(noise.text) + 1 + sample.end
    findings = find_personal_data(text, TODAY)
    assert any(f.kind == kind and f.start <= start and f.end >= end for f in findings), (
        text,
        findings,
    )
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))
