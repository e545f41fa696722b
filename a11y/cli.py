"""The ``a11y`` command: a thin layer over :mod:`a11y.crawl.engine`, :mod:`a11y.analysis` and
:mod:`a11y.store`.

Argument problems are one line on stderr and exit code 2, never a traceback; the
flags and exit codes are a stable contract that CI pipelines rely on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from dataclasses import fields
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from a11y import __version__, ci, settings
from a11y.analysis import Report, diff_scans, impact_rank, scan_report
from a11y.crawl.auth import Auth, AuthError
from a11y.crawl.engine import CrawlConfig, ScanInterrupted, StartError, resume_config, scan
from a11y.criteria import criteria
from a11y.i18n import t
from a11y.progress import ProgressPrinter
from a11y.store import ScanNotFound, list_scans
from inclusiedesk import cli, paths
from inclusiedesk.db import StoreError

FAIL_ON = ("minor", "moderate", "serious", "critical", "none")
OUTPUTS = ("json", "html", "csv", "junit")


class A11yCliError(cli.CliError):
    """Raised by argument checks in this module; main() prints it and exits 2."""


class _Interrupted(A11yCliError):
    """Ctrl-C during a scan: says which scan ``--resume`` continues; exit 130."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors on a single line (exit 2) instead of usage + error."""

    def error(self, message: str) -> NoReturn:
        raise A11yCliError(message)


def _positive_int(text: str) -> int:
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text!r}")
    return value


def _int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0, got {text!r}")
    return value


def _positive_seconds(text: str) -> float:
    value = _seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def _regex(text: str) -> str:
    try:
        re.compile(text)
    except re.error as exc:
        raise argparse.ArgumentTypeError(f"bad regular expression {text!r}: {exc}") from None
    return text


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {text!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad port in URL: {text!r}") from None
    return text


def _add_outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", metavar="FILE", help="write the JSON report ('-' for stdout)")
    p.add_argument("--html", metavar="FILE", help="write the self-contained HTML report")
    p.add_argument("--csv", metavar="FILE", help="write one CSV row per failing element")
    p.add_argument(
        "--junit", metavar="FILE", help="write JUnit XML, one test case per page and per document"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="a11y", description="Check a website against the Bdto (WCAG 2.1 AA).")
    parser.add_argument("--version", action="version", version=f"a11y {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("scan", help="crawl a site and check every page with axe-core")
    s.add_argument("urls", nargs="*", metavar="URL", type=_url, help="start URL(s)")
    s.add_argument(
        "--sitemap",
        action="append",
        default=[],
        type=_url,
        metavar="URL",
        help="also check the pages of this sitemap (index or .gz; repeatable)",
    )
    s.add_argument(
        "--max-pages",
        type=_positive_int,
        default=settings.MAX_PAGES,
        metavar="N",
        help=f"stop after N pages (default {settings.MAX_PAGES})",
    )
    s.add_argument(
        "--max-depth",
        type=_int,
        default=settings.MAX_DEPTH,
        metavar="N",
        help=f"follow links at most N clicks from a start URL (default {settings.MAX_DEPTH})",
    )
    s.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"browsers in parallel (default {settings.default_workers()} on this machine)",
    )
    s.add_argument(
        "--include",
        action="append",
        default=[],
        type=_regex,
        metavar="RE",
        help="only follow URLs matching this regular expression (repeatable)",
    )
    s.add_argument(
        "--exclude",
        action="append",
        default=[],
        type=_regex,
        metavar="RE",
        help="never request URLs matching this regular expression (repeatable)",
    )
    s.add_argument("--no-robots", action="store_true", help="ignore robots.txt rules")
    s.add_argument(
        "--allow-private",
        action="store_true",
        help="also reach loopback and private-network addresses other than the start"
        " URLs' own hosts (off by default, so a site cannot steer the crawler inside)",
    )
    s.add_argument("--keep-tracking-params", action="store_true", help="keep utm_* etc.")
    s.add_argument(
        "--level",
        choices=("A", "AA"),
        default=settings.LEVEL,
        help=f"WCAG level to check (default {settings.LEVEL}, what the Bdto requires)",
    )
    s.add_argument(
        "--checks",
        choices=settings.CHECK_SETS,
        default=settings.CHECKS,
        help="our own checks beyond axe: none (axe), the quick page and site checks"
        " (standard, the default) or also reflow, text spacing, zoom, focus and keyboard"
        " checks, which take seconds per page (full)",
    )
    s.add_argument(
        "--delay",
        type=_seconds,
        default=settings.DELAY,
        metavar="SECONDS",
        help="pause between requests to one host (robots.txt Crawl-delay wins if longer,"
        f" up to {settings.MAX_CRAWL_DELAY:g} s)",
    )
    s.add_argument(
        "--contact-url",
        type=_url,
        default=None,
        metavar="URL",
        help="named in the User-Agent, so the site's web team can see who is crawling"
        " (default: $A11Y_CONTACT_URL)",
    )
    s.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=settings.TIMEOUT,
        metavar="SECONDS",
        help=f"per page (default {settings.TIMEOUT:g})",
    )
    s.add_argument(
        "--axe-script",
        metavar="FILE",
        help="axe-core build to inject (default: $A11Y_AXE_SCRIPT or the bundled one)",
    )
    s.add_argument(
        "--resume",
        type=_positive_int,
        metavar="SCAN_ID",
        help="continue an interrupted scan; pages it stored are not checked again",
    )
    s.add_argument(
        "--grid",
        type=_url,
        metavar="URL",
        help="run the browsers on a Selenium Grid (or any W3C WebDriver endpoint)",
    )
    s.add_argument(
        "--sample",
        action="store_true",
        help=f"check up to {settings.SAMPLE_PER_TEMPLATE} pages per page template plus"
        f" a random {settings.SAMPLE_RANDOM_SHARE * 100:g}%% of the rest (WCAG-EM style)",
    )
    s.add_argument(
        "--sites",
        metavar="FILE",
        help="a file of start URLs, one per line: one scan per site in the same database",
    )
    s.add_argument("--db", metavar="PATH", help="scans database (default: $A11Y_DB or user data)")
    _add_outputs(s)
    s.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=settings.FAIL_ON,
        metavar="LEVEL",
        help=f"exit 1 on a violation of this impact or worse: {'|'.join(FAIL_ON)}"
        f" (default {settings.FAIL_ON})",
    )
    ci.add_scan_options(s, FAIL_ON)

    ls = sub.add_parser("scans", help="list stored scans")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.add_argument("--db", metavar="PATH")

    r = sub.add_parser("report", help="re-render a stored scan")
    r.add_argument("scan_id", type=_positive_int, metavar="SCAN_ID")
    _add_outputs(r)
    r.add_argument("--db", metavar="PATH")
    ci.add_config_option(r)

    d = sub.add_parser("diff", help="compare the grouped issues of two scans")
    d.add_argument("old_id", type=_positive_int, metavar="OLD_ID")
    d.add_argument("new_id", type=_positive_int, metavar="NEW_ID")
    d.add_argument("--json", action="store_true", help="print JSON instead of text")
    d.add_argument("--db", metavar="PATH")

    demo = sub.add_parser("demo", help="serve the bundled demo site and scan it")
    _add_outputs(demo)
    demo.add_argument("--workers", type=_positive_int, default=None, metavar="N")
    demo.add_argument(
        "--checks", choices=settings.CHECK_SETS, default="full", help="own checks (default full)"
    )
    demo.add_argument("--db", metavar="PATH")
    ci.add_baseline_command(sub, _positive_int)
    return parser


# --- outputs ----------------------------------------------------------------------------


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse before a long scan if a report could not be written afterwards."""
    for name in OUTPUTS:
        target = getattr(args, name, None)
        if target and target != "-":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise A11yCliError(f"--{name}: folder does not exist: {parent}")
            if Path(target).is_dir():
                raise A11yCliError(f"--{name}: is a folder: {target}")


def _write_outputs(report: Report, args: argparse.Namespace) -> None:
    for name in OUTPUTS:
        target = getattr(args, name, None)
        if not target:
            continue
        if name == "csv":
            from a11y.report.csv import write_csv

            write_csv(report, "/dev/stdout" if target == "-" else target)
            continue
        if name == "json":
            text = report.to_json() + "\n"
        elif name == "html":
            from a11y.report.html import render_html

            text = render_html(report)
        else:
            from a11y.report.junit import render_junit

            text = render_junit(report)
        if target == "-":
            sys.stdout.write(text)
        else:
            Path(target).expanduser().write_text(text, encoding="utf-8")


def _summary(report: Report) -> str:
    s = report.scan
    impacts: dict[str | None, int] = {}
    certain = report.violations()
    for issue in certain:
        impacts[issue.impact] = impacts.get(issue.impact, 0) + 1
    by_impact = ", ".join(f"{impacts[i]} {i}" for i in reversed(settings.IMPACTS) if i in impacts)
    review = len(report.issues) - len(certain)
    statement = report.statement
    return (
        f"scan {s.id}: {s.pages_checked} pages checked, {s.pages_failed} failed,"
        f" {len(certain)} grouped issues ({by_impact or 'none'})"
        f"{f', {review} site-level to review' if review else ''};"
        f" statement {'found: ' + str(statement.url) if statement.found else 'not found'}"
        f"{' (status ' + statement.status + ')' if statement.status else ''}"
    )


def exit_code(report: Report, fail_on: str) -> int:
    """0 when no violation reaches ``fail_on`` (``none`` never fails), else 1."""
    if fail_on == "none":
        return 0
    threshold = impact_rank(fail_on)
    return int(
        any(impact_rank(i.impact) >= threshold and not i.is_accepted for i in report.violations())
    )


# --- commands ---------------------------------------------------------------------------


def _run_scan(args: argparse.Namespace, start_urls: list[str], sitemaps: list[str]) -> Report:
    # Read the bundled criteria table before anything is stored: a broken installation
    # must stop here, not leave an empty scan behind that reports later count as a site.
    criteria()
    # Options a command does not offer (demo has no --max-pages) keep CrawlConfig's
    # defaults, which come from a11y.settings: each default is stated there once.
    given = {f.name: getattr(args, f.name) for f in fields(CrawlConfig) if hasattr(args, f.name)}
    explicit = ("start_urls", "sitemaps", "obey_robots", "drop_tracking")
    given = {k: v for k, v in given.items() if v is not None and k not in explicit}
    config = CrawlConfig(
        **{name: tuple(v) if isinstance(v, list) else v for name, v in given.items()},
        start_urls=tuple(start_urls),
        sitemaps=tuple(sitemaps),
        obey_robots=not getattr(args, "no_robots", False),
        drop_tracking=not getattr(args, "keep_tracking_params", False),
    )
    if config.axe_script and not Path(config.axe_script).is_file():
        raise A11yCliError(f"--axe-script: no such file: {config.axe_script}")
    resume = getattr(args, "resume", None)
    if resume is not None:
        config = resume_config(
            args.db,
            resume,
            workers=args.workers,
            grid=config.grid,
            axe_script=config.axe_script,
            contact_url=getattr(args, "contact_url", None),
        )
    auth = _auth(args) if args.command == "scan" else None
    printer = ProgressPrinter(limit=config.max_pages)
    try:
        scan_id = scan(
            config, args.db, on_progress=printer, resume=resume, on_note=printer.note, auth=auth
        )
    except ScanInterrupted as exc:
        db = f" --db {shlex.quote(str(args.db))}" if args.db else ""
        raise _Interrupted(
            t("polite.interrupted", settings.CLI_LANG, scan_id=exc.scan_id, db=db),
            cli.EXIT_INTERRUPTED,
        ) from None
    finally:
        printer.finish()
    return scan_report(args.db, scan_id)


def _auth(args: argparse.Namespace) -> Auth | None:
    """An authenticated scan's headers, cookies and login: from A11Y_HEADERS /
    A11Y_COOKIES and the config file's ``[auth]`` table (which wins per name).

    No flag turns this on and none carries a secret: a value on the command line ends up
    in shell history and in every process listing, while a CI system hands its secrets
    to a job as environment variables. The scan says on stderr which header and cookie
    names it sends to which hosts, so a variable left over in a shell is never silent.
    """
    try:
        auth = Auth.from_env(os.environ)
        table = getattr(args, "auth_table", None)
        if table:
            auth = auth.merged(Auth.from_table(table, os.environ))
        return auth or None
    except AuthError as exc:
        raise A11yCliError(str(exc)) from None


def _read_sites(path: str) -> list[str]:
    """Start URLs from a --sites file: one per line, blank lines and # comments skipped."""
    try:
        lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise A11yCliError(f"--sites: cannot read {path}: {exc.strerror or exc}") from None
    sites = []
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            sites.append(_url(text))
        except argparse.ArgumentTypeError as exc:
            raise A11yCliError(f"--sites: line {number}: {exc}") from None
    if not sites:
        raise A11yCliError(f"--sites: no start URLs in {path}")
    return sites


def _scan_sites(args: argparse.Namespace) -> int:
    """One scan per start URL of --sites, each stored as its own scan; worst exit code."""
    if args.urls or args.sitemap or args.resume:
        raise A11yCliError("--sites: give no URLs, --sitemap or --resume with it")
    if any(getattr(args, name) for name in OUTPUTS):
        raise A11yCliError("--sites: write reports per scan afterwards with a11y report SCAN_ID")
    if _auth(args):
        # One token or session for many sites would hand it to every one of them.
        raise A11yCliError(t("auth.sites", settings.CLI_LANG))
    worst = 0
    for url in _read_sites(args.sites):
        try:
            report = ci.accept(_run_scan(args, [url], []), args)
        except StartError as exc:
            print(f"a11y: {url}: cannot start scan: {exc}", file=sys.stderr)
            worst = 2
            continue
        print(_summary(report), file=sys.stderr)
        code = exit_code(report, args.fail_on) if report.scan.pages_checked else 2
        worst = max(worst, code)
    return worst


def cmd_scan(args: argparse.Namespace) -> int:
    ci.prepare(args, build_parser)
    if args.sites:
        return _scan_sites(args)
    if args.resume and (args.urls or args.sitemap):
        raise A11yCliError("--resume: the scan's own start URLs are used; give no URLs")
    if not args.urls and not args.sitemap and not args.resume:
        raise A11yCliError("scan: give at least one URL or --sitemap URL")
    _check_outputs(args)
    report = ci.accept(_run_scan(args, args.urls, args.sitemap), args)
    _write_outputs(report, args)
    print(_summary(report), file=sys.stderr)
    if report.scan.pages_checked == 0:
        # Nothing could be checked (site down, every start URL failing): for a CI
        # pipeline that is a scan that did not start, not a clean bill of health.
        errors = [p.error for p in report.pages if p.error]
        first = f" (first error: {errors[0]})" if errors else ""
        raise StartError(f"no page could be checked{first}")
    return ci.scan_exit(report, args, exit_code)


def cmd_scans(args: argparse.Namespace) -> int:
    rows = list_scans(args.db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"database: {Path(args.db) if args.db else paths.scans_db_path()}")
    if not rows:
        print("no scans stored yet")
        return 0
    print(f"{'ID':>4}  {'STARTED':25}  {'LEVEL':5}  {'PAGES':>5}  {'FAILED':>6}  {'VIOL':>5}  URL")
    for r in rows:
        print(
            f"{r['id']:>4}  {r['started_at']:25}  {r['level']:5}  {r['pages_checked'] or 0:>5}"
            f"  {r['pages_failed'] or 0:>6}  {r['violations']:>5}  {' '.join(r['start_urls'])}"
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    if not any(getattr(args, name) for name in OUTPUTS):
        raise A11yCliError("report: give at least one of --json, --html, --csv, --junit FILE")
    _check_outputs(args)
    ci.read_config(args, build_parser)
    _write_outputs(ci.accept(scan_report(args.db, args.scan_id), args), args)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    result = diff_scans(args.db, args.old_id, args.new_id)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for kind in ("new", "fixed", "persisting", "not_rechecked"):
        if kind == "not_rechecked" and not result[kind]:
            continue  # only when the new scan did not look again where the old found it
        print(f"{kind.replace('_', ' ')} ({len(result[kind])})")
        for issue in result[kind]:
            wcag = ", ".join(issue["wcag"]) or "-"
            example = issue["example_urls"][0] if issue["example_urls"] else ""
            # Site-level findings need a person to confirm them; older scans lack the keys.
            mark = "review" if issue.get("outcome") == "needs-review" else "fail"
            where = issue.get("region") or "-"
            print(
                f"  {issue['impact'] or '-':9} {mark:6} {issue['rule']:32} WCAG {wcag:10}"
                f" {issue['pages']:>3} pages  {where:8}  {example}"
            )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from a11y.demo import serve_demo

    _check_outputs(args)
    if not args.html:
        args.html = "demo-report.html"  # in the current folder, where the user will look
    server, start_url = serve_demo(0)
    try:
        report = _run_scan(args, [start_url], [])
    finally:
        server.shutdown()
        server.server_close()
    _write_outputs(report, args)
    print(_summary(report))
    print(f"HTML report: {Path(args.html).resolve()}")
    return 0


COMMANDS = {
    "scan": cmd_scan,
    "scans": cmd_scans,
    "report": cmd_report,
    "diff": cmd_diff,
    "demo": cmd_demo,
    "baseline": ci.cmd_baseline,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``a11y`` console script; returns the exit code."""

    def body() -> int:
        args = build_parser().parse_args(argv)
        args._argv = argv  # a11y.ci: which options the command line itself gave
        return COMMANDS[args.command](args)

    return cli.run(
        body, prog="a11y", errors=(StartError, ScanNotFound, StoreError, OSError), text=_message
    )


def _message(exc: Exception) -> str:
    if isinstance(exc, StartError):
        return f"cannot start scan: {exc}"
    if isinstance(exc, _Interrupted):
        return str(exc)
    return f"error: {exc}"


if __name__ == "__main__":
    sys.exit(main())
