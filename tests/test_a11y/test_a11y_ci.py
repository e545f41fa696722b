"""The pipeline parts without a browser: accepted findings, baselines, the unreachable
threshold, progress lines without a terminal, and the report's JSON Schema."""

from __future__ import annotations

import argparse
import io
import json
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from sample_report import empty_report, sample_report, sampled_report

from a11y import accepted, baseline, ci
from a11y.analysis import Report, report_from_dict
from a11y.analysis.schema import report_schema, shipped_schema
from a11y.cli import exit_code
from a11y.i18n import set_cli_lang
from a11y.progress import Progress, ProgressPrinter
from a11y.report.html import render_html

TODAY = date(2027, 1, 15)


def report() -> Report:
    return report_from_dict(sample_report())


def entries(*tables: dict) -> tuple[accepted.Accept, ...]:
    return accepted.parse(list(tables))


def by_rule(r: Report) -> dict[str, object]:
    return {str(i.rule): i for i in r.issues}


# --- accepted findings ----------------------------------------------------------------


def test_accepted_issue_stays_in_the_report_and_stops_failing() -> None:
    plain = report()
    critical = ("image-alt", "label", "button-name", "link-name", "color-contrast")
    marked = accepted.apply(
        plain, entries(*({"rule": r, "reason": f"plan {r}"} for r in critical)), TODAY
    )
    assert len(marked.issues) == len(plain.issues)  # never dropped
    assert exit_code(plain, "serious") == 1 and exit_code(marked, "serious") == 0
    assert exit_code(marked, "moderate") == 1  # heading-order is not accepted
    issue = by_rule(marked)["image-alt"]
    assert issue.is_accepted and issue.accepted.reason == "plan image-alt"
    assert by_rule(marked)["heading-order"].accepted is None
    data = marked.as_dict()
    found = next(i for i in data["issues"] if i["rule"] == "image-alt")
    assert found["accepted"] == {
        "rule": "image-alt",
        "url": None,
        "selector": None,
        "reason": "plan image-alt",
        "until": None,
        "expired": False,
    }
    assert report_from_dict(data).issues == marked.issues  # the JSON reads back


def test_expired_acceptance_fails_again_and_says_so() -> None:
    entry = entries(
        {"rule": "image-alt", "reason": "nieuw logo in december", "until": "2027-01-15"}
    )
    r = replace(report(), issues=tuple(i for i in report().issues if i.rule == "image-alt"))
    assert exit_code(accepted.apply(r, entry, TODAY), "serious") == 0  # the day itself counts
    late = accepted.apply(r, entry, date(2027, 1, 16))
    issue = late.issues[0]
    assert issue.accepted.expired and not issue.is_accepted
    assert exit_code(late, "serious") == 1
    html = render_html(late, "nl")
    assert "acceptatie verlopen op 2027-01-15, telt weer als fout: nieuw logo in december" in html
    assert "acceptance expired on 2027-01-15" in render_html(late, "en")
    assert "verlopen op 2027-01-15, telt weer als fout" in ci.accepted_line(late)  # Dutch default
    # a renewed entry wins over the expired one
    renewed = entries(
        {"rule": "image-alt", "reason": "oud", "until": "2026-12-31"},
        {"rule": "image-alt", "reason": "verlengd", "until": "2027-03-01"},
    )
    assert accepted.apply(r, renewed, TODAY).issues[0].accepted.reason == "verlengd"


def test_html_shows_the_reason() -> None:
    marked = accepted.apply(
        report(),
        entries({"rule": "color-contrast", "reason": "huisstijl <b>", "until": "2027-06-30"}),
        TODAY,
    )
    html = render_html(marked, "nl")
    assert "geaccepteerd tot en met 2027-06-30: huisstijl &lt;b&gt;" in html
    assert "Geaccepteerd" in html
    assert "Geaccepteerd" not in render_html(report(), "nl")


def test_url_pattern_must_hold_for_every_page_and_selector_matches_within() -> None:
    r = report()
    # image-alt is on the home page too, so a pattern for two pages does not cover it
    only_two = accepted.apply(r, entries({"url": "paspoort|contact", "reason": "x"}), TODAY)
    assert by_rule(only_two)["image-alt"].accepted is None
    assert by_rule(only_two)["button-name"].is_accepted  # only on contact.html
    everywhere = accepted.apply(r, entries({"url": "voorbeeldrecht", "reason": "x"}), TODAY)
    assert by_rule(everywhere)["image-alt"].is_accepted
    selector = accepted.apply(r, entries({"selector": ".site-header", "reason": "x"}), TODAY)
    assert [i.rule for i in selector.issues if i.accepted] == ["image-alt"]
    both = accepted.apply(
        r, entries({"rule": "color-contrast", "selector": ".site-header", "reason": "x"}), TODAY
    )
    assert not any(i.accepted for i in both.issues)


# --- baselines ------------------------------------------------------------------------


def test_baseline_new_versus_known_by_fingerprint(tmp_path: Path) -> None:
    r = report()
    file = tmp_path / "baseline.json"
    older = replace(r, issues=tuple(i for i in r.issues if i.rule != "button-name"))
    baseline.write(older, str(file))
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["a11y_baseline"] == 1 and data["scan"]["id"] == r.scan.id
    assert {i["rule"] for i in data["issues"]} == {str(i.rule) for i in older.issues}
    known = baseline.read(file)
    assert [i.rule for i in baseline.new_issues(r, known)] == ["button-name"]
    assert [i.rule for i in baseline.failing_new(r, known, "critical")] == ["button-name"]
    assert baseline.failing_new(r, known, "none") == ()
    # same rule, other element: a new fingerprint is a new issue
    moved = replace(
        r,
        issues=tuple(
            replace(i, fingerprint="button-name:#elders") if i.rule == "button-name" else i
            for i in r.issues
        ),
    )
    assert [i.fingerprint for i in baseline.new_issues(moved, baseline.from_report(r, "x"))] == [
        "button-name:#elders"
    ]
    accepted_new = accepted.apply(r, entries({"rule": "button-name", "reason": "x"}), TODAY)
    assert baseline.failing_new(accepted_new, known, "critical") == ()


def scan_args(**given: object) -> argparse.Namespace:
    values = {"fail_on": "serious", "fail_on_new": None, "fail_on_unreachable": None}
    return argparse.Namespace(**{"baseline_set": None, **values, **given})


def test_scan_exit_with_baseline_names_new_issues(capsys) -> None:
    set_cli_lang("en")  # what main() does for --lang en
    r = report()
    known = baseline.from_report(
        replace(r, issues=tuple(i for i in r.issues if i.rule != "button-name")), "b.json"
    )
    assert ci.scan_exit(r, scan_args(baseline_set=known), exit_code) == 1
    err = capsys.readouterr().err
    assert "1 issue(s) not in the baseline (b.json), 1 at serious or worse" in err
    assert "new: critical button-name https://www.voorbeeldrecht.nl/contact.html" in err
    set_cli_lang("nl")
    assert ci.scan_exit(r, scan_args(baseline_set=known), exit_code) == 1
    err = capsys.readouterr().err
    assert "1 probleem niet in de baseline (b.json), 1 ernstig of erger" in err
    assert "nieuw: kritiek button-name https://www.voorbeeldrecht.nl/contact.html" in err
    everything = baseline.from_report(r, "b.json")
    assert ci.scan_exit(r, scan_args(baseline_set=everything), exit_code) == 0


def test_unreachable_threshold(capsys) -> None:
    r = report()  # 5 pages checked, 2 could not be loaded: 2 of 7
    assert ci.unreachable_share(r) == pytest.approx(200 / 7)
    args = scan_args(fail_on="none", fail_on_unreachable=28.0)
    set_cli_lang("en")
    assert ci.scan_exit(r, args, exit_code) == 2
    err = capsys.readouterr().err
    assert "2 of 7 pages (29%) could not be checked, more than --fail-on-unreachable 28%" in err
    set_cli_lang("nl")
    assert ci.scan_exit(r, args, exit_code) == 2
    err = capsys.readouterr().err
    assert "2 van 7 pagina's (29%) konden niet worden gecontroleerd" in err
    assert ci.scan_exit(r, scan_args(fail_on="none", fail_on_unreachable=29.0), exit_code) == 0
    assert ci.scan_exit(r, scan_args(fail_on="none"), exit_code) == 0
    assert ci.unreachable_share(report_from_dict(empty_report())) == 0


# --- progress without a terminal ------------------------------------------------------


class Clock:
    """A clock the test moves: what the progress line computes must not hang on real time."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def wait_for(condition, seconds: float = 10.0) -> None:
    """Poll until ``condition()`` holds; a timeout only guards against a hang."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "condition not reached"
        time.sleep(0.01)


def test_progress_lines_without_a_terminal() -> None:
    stream = io.StringIO()
    clock = Clock()
    printer = ProgressPrinter(stream=stream, every=0.01, limit=20, clock=clock, lang="en")
    assert not printer.live
    time.sleep(0.05)
    assert stream.getvalue() == ""  # nothing before the scan reports anything
    printer(Progress(discovered=12, checked=3, failed=1, elapsed=4.0))
    wait_for(lambda: stream.getvalue().count("\n") >= 2)
    first = stream.getvalue().splitlines()[0]
    assert first == "a11y: 3 pages checked, 1 failed · queue 8 · 1.00 pages/s · about 8 s left"
    clock.now += 4.0  # stuck on a slow page: the rate drops, the estimate grows
    wait_for(lambda: "0.50 pages/s" in stream.getvalue())
    assert "queue 8 · 0.50 pages/s · about 16 s left" in stream.getvalue()
    printer.finish()
    after = stream.getvalue()
    assert after.endswith("a11y: " + Progress(12, 3, 1, 0, 0, 4.0).line("en") + "\n")
    assert "\r" not in after
    time.sleep(0.05)
    assert stream.getvalue() == after  # the ticker stopped
    assert not any(t.name == "a11y-progress" and t.is_alive() for t in threading.enumerate())


def test_progress_queue_limit_and_estimates() -> None:
    assert Progress(discovered=900, checked=290, failed=0, elapsed=290).queue(300) == 10
    assert Progress(discovered=5, checked=0, elapsed=2).status(lang="en") == (
        "0 pages checked, 0 failed · queue 5 · 0.00 pages/s · about unknown left"
    )
    assert "about 2 h 00 min left" in Progress(7201, 1, elapsed=1).status(lang="en")
    assert "about 10 min left" in Progress(601, 1, elapsed=1).status(lang="en")
    assert "nog ongeveer 2 u 00 min" in Progress(7201, 1, elapsed=1).status()  # Dutch default


def test_terminal_gets_a_live_bar() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    printer = ProgressPrinter(stream=stream, interval=0, limit=10)
    printer(Progress(discovered=4, checked=1, failed=1, elapsed=2))
    assert "\r\x1b[K[##########----------] 2/4 · gevonden 4" in stream.getvalue()
    printer.finish()
    assert stream.getvalue().count("\n") == 1


# --- the JSON Schema ------------------------------------------------------------------


def test_shipped_schema_is_the_one_the_model_gives() -> None:
    assert shipped_schema() == report_schema()
    jsonschema.Draft202012Validator.check_schema(shipped_schema())


@pytest.mark.parametrize("make", [sample_report, empty_report, sampled_report])
def test_reports_validate_against_the_schema(make) -> None:
    data = report_from_dict(make()).as_dict()
    jsonschema.validate(data, shipped_schema())
    marked = accepted.apply(
        report_from_dict(make()),
        entries({"rule": "image-alt", "reason": "x", "until": "2027-02-01"}),
        TODAY,
    )
    jsonschema.validate(marked.as_dict(), shipped_schema())


def test_schema_rejects_a_changed_report() -> None:
    schema = shipped_schema()
    data = report().as_dict()
    for broken in (
        {**data, "schema_version": 2},
        {k: v for k, v in data.items() if k != "coverage"},
        {**data, "scan": {**data["scan"], "pages_checked": "vijf"}},
        {**data, "issues": [{**data["issues"][0], "accepted": {"reason": "x"}}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
