"""The cell-key method: a small, consistent change to every count that leaves the desk.

Why: suppressing small cells is not enough when several outputs can be combined. Two
overlapping periods, a total minus its shown cells, all locations minus the others:
each difference of exact figures gives a small count exactly, and so one resident's
profile. Statistics offices (the Australian Bureau of Statistics, Destatis, the
European census of 2021) publish with a cell-key method against exactly this; the desk
follows it:

* Every request gets a secret random *record key* when it is saved (``stats_key``, 32
  bits, never shown or exported). The key of a cell is the sum of the keys of the
  requests in it, modulo 2**32. The same requests always give the same key; any other
  set of requests gives an unrelated one.
* A count n of the threshold N or more is published as n + d, where the noise d in
  -2..+2 is read from the cell key with a fixed table (``NOISE``: mean 0, variance 1.2),
  and never below N. A count from 1 to N-1 is shown as ``<N``; zero stays zero.
* Because the noise depends only on which requests are in the cell, asking again, in
  another output or for another overlapping period gives the same figure for the same
  requests: averaging repeated requests learns nothing. A difference of two published
  figures carries the noise of both (d1 - d2, from -4 to +4), so it never tells a small
  count for certain, and guessing it is right about one time in four.
* Minutes are a sum, not a count: the total is changed by steps of ``MINUTES_STEP``
  minutes read from the same kind of key, so the minutes of one visit do not show
  through a difference either.

The price: published parts need not add up exactly to the published total (a few either
way). Every report says so.
"""

from __future__ import annotations

from dataclasses import dataclass

KEY_SPACE = 2**32  # record keys are 0 <= key < 2**32; cell keys are sums modulo this
# (noise, probability): symmetric, so the figures stay right on average
NOISE: tuple[tuple[int, float], ...] = ((0, 0.4), (-1, 0.2), (1, 0.2), (-2, 0.1), (2, 0.1))
MINUTES_STEP = 15  # minutes per noise step for a minutes total
# An odd multiplier mixes a cell key into a second, unrelated-looking one (a bijection
# modulo 2**32), so the minutes of a set of requests get other noise than their count.
_MIX = 2654435761


def noise(key: int) -> int:
    """The noise of a cell whose key is ``key``, read from ``NOISE``."""
    position = (key % KEY_SPACE) / KEY_SPACE
    edge = 0.0
    for noise, chance in NOISE:
        edge += chance
        if position < edge:
            return noise
    return NOISE[-1][0]


def perturb(count: int, key: int, threshold: int) -> int:
    """The published value of a count of ``threshold`` or more."""
    return max(threshold, count + noise(key))


def perturb_minutes(total: int, key: int) -> int:
    """The published total of minutes of a set of requests (never below zero)."""
    return max(0, total + MINUTES_STEP * noise((key * _MIX + 1) % KEY_SPACE))


@dataclass(frozen=True)
class Cell:
    """One count with the key of its requests: what a published figure is made of."""

    count: int
    key: int = 0

    def publish(self, threshold: int) -> int | str:
        """``<N`` for 1 to N-1, 0 for nothing, else the count with its noise.

        A threshold of 1 switches protection off (the desk's own use): the exact count.
        """
        if self.count <= 0:
            return 0
        if threshold <= 1:
            return self.count
        if self.count < threshold:
            return f"<{threshold}"
        return perturb(self.count, self.key, threshold)
