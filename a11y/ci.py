"""What a pipeline needs from ``a11y scan``: a config file, accepted findings, a baseline,
a threshold for pages that could not be loaded, and the ``a11y baseline`` command.

Kept apart from :mod:`a11y.cli` so the command module stays a list of commands: cli.py
calls :func:`add_scan_options` and friends while it builds its parser, :func:`prepare`
before a scan, :func:`accept` on every finished report and :func:`scan_exit` for the
exit code. Exit codes stay the contract of cli.py: 1 for barriers that fail the scan,
2 for a scan that did not check enough to say anything (bad input, the site down, or
more unreachable pages than ``--fail-on-unreachable`` allows).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from a11y import accepted, baseline, config
from a11y.analysis import Report, scan_report
from a11y.analysis.model import impact_rank
from a11y.i18n import cli_lang, say, t
from inclusiedesk import cli


def _say(key: str, /, **fields: object) -> str:
    """A line of the pipeline (``cli.ci_*`` in a11y/messages.toml) in the run's --lang."""
    return t(f"cli.ci_{key}", cli_lang(), **fields)


#: How many new issues the scan names on stderr before it says "and N more".
SHOW_NEW = 10
_IMPACTS = ("minor", "moderate", "serious", "critical")


def _percent(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(_say("not_percent")) from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(_say("percent_range"))
    return value


def add_config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        metavar="FILE",
        help="read options from FILE (default: a11y.toml, or [tool.a11y] in pyproject.toml,"
        " in the current folder); flags given here win",
    )


def add_scan_options(s: argparse.ArgumentParser, fail_on: tuple[str, ...]) -> None:
    """The pipeline flags of ``a11y scan`` (config, site, baseline, thresholds)."""
    add_config_option(s)
    s.add_argument("--site", metavar="NAME", help="scan the site [sites.NAME] of the config file")
    s.add_argument(
        "--baseline",
        metavar="SCAN_ID|FILE",
        help="a stored scan or a file from 'a11y baseline': only issues not in it fail the scan",
    )
    s.add_argument(
        "--fail-on-new",
        choices=fail_on,
        metavar="LEVEL",
        help="with --baseline: exit 1 on a new issue of this impact or worse"
        f" ({'|'.join(fail_on)}; default: the --fail-on level)",
    )
    s.add_argument(
        "--fail-on-unreachable",
        type=_percent,
        metavar="PERCENT",
        help="exit 2 when more than PERCENT %% of the pages visited could not be checked",
    )


def add_baseline_command(sub: argparse._SubParsersAction, scan_id: Callable[[str], int]) -> None:
    b = sub.add_parser("baseline", help="write a stored scan's grouped issues as a baseline file")
    b.add_argument("scan_id", type=scan_id, metavar="SCAN_ID")
    b.add_argument(
        "-o", "--output", metavar="FILE", default="-", help="file to write (default: stdout)"
    )
    b.add_argument("--db", metavar="PATH")


def cmd_baseline(args: argparse.Namespace) -> int:
    report = scan_report(args.db, args.scan_id)
    if args.output == "-":
        import json

        print(json.dumps(baseline.to_dict(report), ensure_ascii=False, indent=2))
    else:
        parent = Path(args.output).expanduser().resolve().parent
        if not parent.is_dir():
            raise cli.CliError(_say("no_folder", folder=parent))
        baseline.write(report, args.output)
        print(_say("baseline_written", id=args.scan_id, n=len(report.issues), path=args.output))
    return 0


def read_config(args: argparse.Namespace, build: Callable[[], argparse.ArgumentParser]) -> None:
    """Merge the configuration file into ``args`` and keep its accepted findings there."""
    argv = getattr(args, "_argv", None)
    argv = sys.argv[1:] if argv is None else argv
    if args.command == "scan":
        found = config.merge_into(args, argv, build)
    else:
        path = config.find(getattr(args, "config", None))
        found = config.load(path, config.flag_names(build()))
    args.accepted_entries = found.accepted
    args.auth_table = found.auth


def prepare(args: argparse.Namespace, build: Callable[[], argparse.ArgumentParser]) -> None:
    """Before a scan: the config file merged in, and the baseline read, so a mistake in
    either ends the command at once rather than after an hour of crawling."""
    read_config(args, build)
    args.baseline_set = None
    if args.fail_on_new and not args.baseline:
        raise cli.CliError(say("pipeline.new_needs_baseline"))
    if args.baseline:
        if args.sites:
            raise cli.CliError(say("pipeline.baseline_sites"))
        args.baseline_set = load_baseline(args.baseline, args.db)


def load_baseline(value: str, db: str | None) -> baseline.Baseline:
    path = Path(value).expanduser()
    if path.is_file():
        try:
            return baseline.read(path)
        except baseline.BaselineError as exc:
            raise cli.CliError(str(exc)) from None
    if value.isdigit():
        return baseline.from_report(
            scan_report(db, int(value)), say("pipeline.scan_source", id=value)
        )
    raise cli.CliError(_say("no_baseline", value=value))


def today() -> date:
    """The day acceptances are judged on; a function so tests can fix the day."""
    return date.today()


def accept(report: Report, args: argparse.Namespace) -> Report:
    """The report with the configuration's accepted findings marked."""
    return accepted.apply(report, getattr(args, "accepted_entries", ()), today())


def unreachable_share(report: Report) -> float:
    """Percentage of the pages visited that could not be checked (errors, timeouts)."""
    checked, failed = report.scan.pages_checked, report.scan.pages_failed
    visited = checked + failed
    return 100.0 * failed / visited if visited else 0.0


def accepted_line(report: Report) -> str | None:
    """One stderr line on accepted findings, saying which acceptances ran out."""
    marked = [i for i in report.violations() if i.accepted is not None]
    if not marked:
        return None
    expired = [i for i in marked if i.accepted and i.accepted.expired]
    line = _say("accepted", n=len(marked) - len(expired))
    for issue in expired:
        until = issue.accepted.until if issue.accepted else ""
        line += _say("expired", rule=issue.rule, until=until)
    return line


def scan_exit(report: Report, args: argparse.Namespace, fail_on_level: Callable) -> int:
    """The exit code of a finished scan, with a line on stderr for each reason it fails.

    Every reason is said, not only the first: a pipeline that stops on unreachable
    pages also shows which new issues it found. Unreachable pages win (exit 2), since
    a scan that could not check enough has no say on the rest.
    """
    note = accepted_line(report)
    if note:
        print(f"a11y: {note}", file=sys.stderr)
    known = getattr(args, "baseline_set", None)
    code = fail_on_level(report, args.fail_on) if known is None else _new_code(report, args, known)
    limit = getattr(args, "fail_on_unreachable", None)
    if limit is not None and unreachable_share(report) > limit:
        failed = report.scan.pages_failed
        visited = report.scan.pages_checked + failed
        share = f"{unreachable_share(report):.0f}"
        print(
            "a11y: " + _say("unreachable", n=failed, of=visited, share=share, limit=f"{limit:g}"),
            file=sys.stderr,
        )
        return cli.EXIT_USAGE
    return code


def _new_code(report: Report, args: argparse.Namespace, known: baseline.Baseline) -> int:
    """--baseline: 1 when a new, not accepted issue reaches --fail-on-new (or --fail-on)."""
    level = args.fail_on_new or args.fail_on
    new = baseline.new_issues(report, known)
    failing = baseline.failing_new(report, known, level)
    word = t(f"report.{level}", cli_lang()) if level in _IMPACTS else level
    print(
        "a11y: " + _say("new", n=len(new), source=known.source, failing=len(failing), level=word),
        file=sys.stderr,
    )
    for issue in sorted(failing, key=lambda i: -impact_rank(i.impact))[:SHOW_NEW]:
        example = issue.example_urls[0] if issue.example_urls else ""
        impact = t(f"report.{issue.impact}", cli_lang()) if issue.impact in _IMPACTS else "-"
        print(
            f"a11y: {_say('new_issue', impact=impact, rule=issue.rule, url=example)}",
            file=sys.stderr,
        )
    if len(failing) > SHOW_NEW:
        print(f"a11y: {_say('more_new', n=len(failing) - SHOW_NEW)}", file=sys.stderr)
    return int(bool(failing))
