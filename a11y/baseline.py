"""Baselines: fail a pipeline only on barriers that were not there before.

A team that inherits a site with forty known issues wants its pipeline to go red on the
forty-first, not on the forty it is already working through. ``a11y baseline SCAN_ID -o
FILE`` writes the grouped issues of a scan as a small JSON file the team commits;
``a11y scan … --baseline FILE|SCAN_ID --fail-on-new LEVEL`` then fails only on issues
whose fingerprint (:func:`a11y.grouping.fingerprint`: rule, frame path and normalised
HTML, so the same barrier from the same template keeps its key across scans) is not in
it. The file lists each issue's rule and an example so a reviewer can read what was
accepted as known.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from a11y.analysis.model import Issue, Report, impact_rank
from a11y.i18n import os_reason, say

#: The ``a11y_baseline`` key's value: bumped when the file's shape changes.
FORMAT = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class Baseline:
    """The fingerprints of a scan's grouped issues, and where they came from."""

    fingerprints: frozenset[str]
    source: str


def to_dict(report: Report) -> dict[str, Any]:
    """The baseline file's content: the scan it was taken from and its grouped issues."""
    scan = report.scan
    return {
        "a11y_baseline": FORMAT,
        "scan": {
            "id": scan.id,
            "started_at": scan.started_at,
            "start_urls": list(scan.start_urls),
        },
        "issues": [
            {
                "fingerprint": i.fingerprint,
                "rule": i.rule,
                "impact": i.impact,
                "outcome": i.outcome,
                "pages": i.pages,
                "target": i.target,
                "example_url": i.example_urls[0] if i.example_urls else None,
            }
            for i in report.issues
        ],
    }


def write(report: Report, path: str) -> None:
    text = json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
    Path(path).expanduser().write_text(text, encoding="utf-8")


def from_report(report: Report, source: str) -> Baseline:
    return Baseline(frozenset(str(i.fingerprint) for i in report.issues), source)


def read(path: Path) -> Baseline:
    """A baseline file written by :func:`write` (raises :class:`BaselineError`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(say("baseline.unreadable", path=path, error=os_reason(exc))) from None
    except UnicodeDecodeError:
        raise BaselineError(say("baseline.not_utf8", path=path)) from None
    except json.JSONDecodeError as exc:
        # json's wording is English; where the file stops being JSON is not
        raise BaselineError(
            say("baseline.not_json", path=path, line=exc.lineno, column=exc.colno)
        ) from None
    if not isinstance(data, dict) or data.get("a11y_baseline") != FORMAT:
        raise BaselineError(say("baseline.not_baseline", path=path))
    issues = data.get("issues")
    if not isinstance(issues, list) or not all(
        isinstance(i, dict) and isinstance(i.get("fingerprint"), str) for i in issues
    ):
        raise BaselineError(say("baseline.no_fingerprint", path=path))
    return Baseline(frozenset(i["fingerprint"] for i in issues), str(path))


def new_issues(report: Report, baseline: Baseline) -> tuple[Issue, ...]:
    """Certain violations of ``report`` that the baseline does not know."""
    return tuple(i for i in report.violations() if str(i.fingerprint) not in baseline.fingerprints)


def failing_new(report: Report, baseline: Baseline, level: str) -> tuple[Issue, ...]:
    """New violations at ``level`` or worse that are not accepted: these fail the scan."""
    if level == "none":
        return ()
    threshold = impact_rank(level)
    return tuple(
        i
        for i in new_issues(report, baseline)
        if impact_rank(i.impact) >= threshold and not i.is_accepted
    )
