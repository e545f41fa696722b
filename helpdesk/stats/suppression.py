"""Small-number protection for every figure that leaves the desk screen.

The rule (also printed in the council report):

1. Every count, totals included, is published with the cell-key method
   (``cell_key.py``): a count from 1 to N-1 (threshold N, default 5) is shown as ``<N``;
   a count of N or more gets a small consistent noise of -2 to +2 and is never shown
   below N. The same requests always give the same figure, in every output; so no
   combination of outputs (overlapping periods, all locations minus one, a total minus
   its parts) tells a small count for certain. Parts need not add up to the total.
2. Figures that leave the desk cover whole periods: weeks, months, quarters, years (the
   current one so far), or a run of whole weeks or months (``periods.is_whole``).
3. When a period's total is below N nothing else of it is shown: its breakdowns would
   describe those few residents. Zero cells are not listed.
4. Only one-way breakdowns leave the desk (by organisation, by age band, ...). Cross-
   tabulations that could single out a resident, such as staff code by age band or
   location by barrier, are never exported.
5. The breakdown by staff code is shown only when every staff code counts at least the
   threshold; otherwise it is left out as a whole, because a small count next to a
   pseudonymous code points at one colleague and their few residents.
6. Minutes: the total gets noise in steps of a quarter of an hour; median and 90th
   percentile are left out when fewer requests than the threshold have minutes.
   Shares and changes are worked out from published figures only, and are left out
   when one of them is ``<N``.

A threshold of 1 switches protection off, for the desk's own use: never share such
figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from helpdesk.stats.cell_key import Cell, perturb_minutes

if TYPE_CHECKING:
    from helpdesk.stats.counting import Dashboard

SOLVED = "solved"  # the outcome that counts as helped directly at the desk

DEFAULT_THRESHOLD = 5  # the usual minimum cell size of Dutch municipal statistics
MIN_THRESHOLD = 1  # 1 switches protection off, for the desk's own screen


class ThresholdError(ValueError):
    """Raised for a threshold below MIN_THRESHOLD."""


def check_threshold(threshold: int) -> int:
    if threshold < MIN_THRESHOLD:
        raise ThresholdError(f"--threshold must be {MIN_THRESHOLD} or more")
    return threshold


def cell(count: int, threshold: int = DEFAULT_THRESHOLD, key: int = 0) -> int | str:
    """One published count (rule 1): ``<N`` for 1..N-1, else the count with its noise."""
    return Cell(count, key).publish(threshold)


def table(
    counts: Mapping[str, int],
    threshold: int = DEFAULT_THRESHOLD,
    keys: Mapping[str, int] | None = None,
) -> dict[str, int | str]:
    """A protected one-way breakdown (``keys``: each cell's key); zero cells are dropped,
    the order is kept."""
    keys = keys or {}
    return {code: cell(n, threshold, keys.get(code, 0)) for code, n in counts.items() if n > 0}


def partition(
    counts: Mapping[str, int],
    threshold: int = DEFAULT_THRESHOLD,
    keys: Mapping[str, int] | None = None,
) -> dict[str, int | str]:
    """A protected breakdown whose cells add up to a total that is shown beside it.

    When only one cell would be hidden, the total minus the others gives it exactly; so
    the smallest shown cell is hidden too, as ``>=N``: true, and the two hidden cells
    can then only be worked out together.
    """
    out = table(counts, threshold, keys)
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


def _share(part: int | str, whole: int | str) -> float | None:
    """A share worked out from two published figures; none when one is hidden."""
    if not whole:
        return 0.0  # nothing to share: the contract's 0.0
    if is_suppressed(part) or is_suppressed(whole):
        return None
    return round(min(1.0, int(part) / int(whole)), 4)


def protect(dash: Dashboard, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The figures of a dashboard as they may leave the desk: the ``--json`` contract of
    ``helpdesk stats`` (stable keys), with every rule above applied."""
    check_threshold(threshold)
    total = dash.cell("total").publish(threshold)
    hidden = total != 0 and is_suppressed(total)  # rule 3: a few residents, nothing more

    def breakdown(name: str) -> dict[str, int | str]:
        if hidden:
            return {}
        counts: Mapping[str, int] = getattr(dash, name)
        return {
            code: dash.cell(name, code).publish(threshold) for code, n in counts.items() if n > 0
        }

    def series(name: str, unit: str) -> list[dict[str, int | str]]:
        return [
            {unit: label, "count": dash.cell(name, label).publish(threshold)}
            for label, _ in getattr(dash, name)
        ]

    staff = not hidden and staff_safe(dash.by_staff, threshold)
    prev = dash.previous
    prev_total = Cell(prev.total, prev.keys.get("total", 0)).publish(threshold)
    prev_solved = Cell(prev.solved, prev.keys.get("solved", 0)).publish(threshold)
    comparable = not (is_suppressed(total) or is_suppressed(prev_total))
    change = int(total) - int(prev_total) if comparable else None
    by_outcome = breakdown("by_outcome")
    solved = by_outcome.get(SOLVED, 0)
    return {
        "period": dash.period.to_dict(),
        "location": dash.location,
        "total": total,
        "by_org": breakdown("by_org"),
        "by_subject": breakdown("by_subject"),
        "by_government_level": breakdown("by_government_level"),
        "by_help_type": breakdown("by_help_type"),
        "by_channel": breakdown("by_channel"),
        "by_outcome": by_outcome,
        "solved_at_desk_share": None if hidden else _share(solved, total),
        "referrals": breakdown("referrals"),
        "minutes": _minutes(dash, threshold, hidden),
        "by_age_band": breakdown("by_age_band"),
        "by_location": breakdown("by_location"),
        "per_week": series("per_week", "week"),
        "suppression_threshold": threshold,
        # extras beyond the contract
        "by_first_visit": breakdown("by_first_visit"),
        "by_barrier": breakdown("by_barrier"),
        "by_visitor_type": breakdown("by_visitor_type"),
        "by_staff": breakdown("by_staff") if staff else None,
        "by_staff_suppressed": not staff,
        "per_month": series("per_month", "month"),
        "previous": {
            "period": prev.period.to_dict(),
            "total": prev_total,
            "solved_at_desk_share": _share(prev_solved, prev_total),
            "minutes_total": None
            if is_suppressed(prev_total)
            else _published_minutes(prev.minutes_total, prev.keys.get("minutes", 0), threshold),
            "change": change,
            "change_pct": (
                round(100 * change / int(prev_total), 1)
                if change is not None and prev_total
                else None
            ),
        },
    }


def _published_minutes(total: int, key: int, threshold: int) -> int:
    return total if threshold <= 1 or not total else perturb_minutes(total, key)


def _minutes(dash: Dashboard, threshold: int, hidden: bool) -> dict[str, int | None]:
    """Rule 6: the minutes of fewer than N requests would describe those residents."""
    recorded = dash.minutes.recorded
    if hidden or 0 < recorded < threshold:
        return {"total": None, "median": None, "p90": None}
    return {
        "total": _published_minutes(dash.minutes.total, dash.keys.get("minutes", 0), threshold),
        "median": dash.minutes.median,
        "p90": dash.minutes.p90,
    }
