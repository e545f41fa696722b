"""Small-number protection for every figure that leaves the desk screen.

The rule (also printed in the council report):

1. A count of 1 up to the threshold minus one (default threshold 5) is shown as ``<5``
   (``<N`` for threshold N); a count at or above the threshold is shown as it is, so
   4 becomes ``<5`` and 5 stays 5. Zero is not a person and is not listed at all.
2. Totals are computed from the real counts and shown unchanged; only the cells of a
   breakdown are protected.
3. Only one-way breakdowns leave the desk (by organisation, by age band, ...). Cross-
   tabulations that could single out a resident, such as staff code by age band or
   location by barrier, are never exported. Narrowing to one location makes every
   breakdown a location-by-X table; rule 1 protects its cells.
4. The breakdown by staff code is shown only when every staff code counts at least the
   threshold; otherwise it is left out as a whole, because a small count next to a
   pseudonymous code points at one colleague and their few residents.
5. Median and 90th percentile of minutes are left out when fewer requests than the
   threshold have minutes recorded; a median of two visits describes two people.

A suppressed cell can sometimes be worked out from a total minus the other cells; it
then still only tells that between 1 and N-1 residents are in it, which rule 1 already
shows. Managers who need stronger protection raise the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from helpdesk.stats.counting import Dashboard

DEFAULT_THRESHOLD = 5  # the usual minimum cell size of Dutch municipal statistics
MIN_THRESHOLD = 1  # 1 switches protection off, for the desk's own screen


class ThresholdError(ValueError):
    """Raised for a threshold below MIN_THRESHOLD."""


def check_threshold(threshold: int) -> int:
    if threshold < MIN_THRESHOLD:
        raise ThresholdError(f"--threshold must be {MIN_THRESHOLD} or more")
    return threshold


def cell(count: int, threshold: int = DEFAULT_THRESHOLD) -> int | str:
    """One protected cell: the count, or ``<threshold`` for 1..threshold-1."""
    return f"<{threshold}" if 0 < count < threshold else count


def table(counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD) -> dict[str, int | str]:
    """A protected one-way breakdown; zero cells are dropped, the order is kept."""
    return {code: cell(n, threshold) for code, n in counts.items() if n > 0}


def partition(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD
) -> dict[str, int | str]:
    """A protected breakdown whose cells add up to a total that is shown beside it.

    When only one cell would be hidden, the total minus the others gives it exactly; so
    the smallest shown cell is hidden too, as ``>=N``: true, and the two hidden cells
    can then only be worked out together.
    """
    out = table(counts, threshold)
    hidden = [code for code, value in out.items() if is_suppressed(value)]
    shown = sorted((n, code) for code, n in counts.items() if n >= threshold)
    if len(hidden) == 1 and shown:
        out[shown[0][1]] = f">={threshold}"
    return out


def staff_safe(counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether the breakdown by staff code may be shown at all (rule 4)."""
    return all(n >= threshold for n in counts.values() if n > 0)


def is_suppressed(value: int | str) -> bool:
    return isinstance(value, str)


def protect(dash: Dashboard, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The figures of a dashboard as they may leave the desk: the ``--json`` contract of
    ``helpdesk stats`` (stable keys), with every rule above applied."""
    check_threshold(threshold)
    minutes_safe = dash.minutes.recorded >= threshold
    staff = staff_safe(dash.by_staff, threshold)
    prev = dash.previous
    return {
        "period": dash.period.to_dict(),
        "location": dash.location,
        "total": dash.total,
        "by_org": table(dash.by_org, threshold),
        "by_subject": table(dash.by_subject, threshold),
        "by_government_level": table(dash.by_government_level, threshold),
        "by_help_type": table(dash.by_help_type, threshold),
        "by_channel": table(dash.by_channel, threshold),
        "by_outcome": table(dash.by_outcome, threshold),
        "solved_at_desk_share": round(dash.solved_at_desk_share, 4),
        "referrals": table(dash.referrals, threshold),
        "minutes": {
            "total": dash.minutes.total,
            "median": dash.minutes.median if minutes_safe else None,
            "p90": dash.minutes.p90 if minutes_safe else None,
        },
        "by_age_band": table(dash.by_age_band, threshold),
        "by_location": table(dash.by_location, threshold),
        "per_week": [{"week": w, "count": cell(n, threshold)} for w, n in dash.per_week],
        "suppression_threshold": threshold,
        # extras beyond the contract
        "by_first_visit": table(dash.by_first_visit, threshold),
        "by_barrier": table(dash.by_barrier, threshold),
        "by_visitor_type": table(dash.by_visitor_type, threshold),
        "by_staff": table(dash.by_staff, threshold) if staff else None,
        "by_staff_suppressed": not staff,
        "per_month": [{"month": m, "count": cell(n, threshold)} for m, n in dash.per_month],
        "previous": {
            "period": prev.period.to_dict(),
            "total": prev.total,
            "solved_at_desk_share": round(prev.solved_share, 4),
            "minutes_total": prev.minutes_total,
            "change": dash.change,
            "change_pct": dash.change_pct,
        },
    }
