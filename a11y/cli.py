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
from a11y.i18n import cli_lang, os_reason, set_cli_lang, t
from a11y.progress import ProgressPrinter
from a11y.store import ScanNotFound, list_scans
from inclusiedesk import cli, paths
from inclusiedesk.db import StoreError

FAIL_ON = ("minor", "moderate", "serious", "critical", "none")
OUTPUTS = ("json", "html", "csv", "junit")
LANGS = ("nl", "en")


def _t(key: str, **fields: object) -> str:
    """A line of the command (``cli.*`` in a11y/messages.toml) in the run's --lang."""
    return t(f"cli.{key}", cli_lang(), **fields)


class A11yCliError(cli.CliError):
    """Raised by argument checks in this module; main() prints it and exits 2."""


class _Interrupted(A11yCliError):
    """Ctrl-C during a scan: says which scan ``--resume`` continues; exit 130."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors on a single line (exit 2) instead of usage + error."""

    def error(self, message: str) -> NoReturn:
        raise A11yCliError(_argparse_message(message))


#: argparse's own messages (Python's wording), turned into the run's language; the typed
#: value of an invalid choice is left out, the valid choices are named.
_ARGPARSE = (
    (
        re.compile(
            r"argument (?P<name>[^:]+): invalid choice: .* \(choose from (?P<choices>.*)\)$"
        ),
        "invalid_choice",
    ),
    (re.compile(r"argument (?P<name>[^:]+): expected one argument$"), "expected_value"),
    (re.compile(r"the following arguments are required: (?P<names>.*)$"), "required"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)$"), "unrecognized"),
    (re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)$"), "argument"),
)


def _argparse_message(message: str) -> str:
    for pattern, key in _ARGPARSE:
        found = pattern.match(message)
        if found:
            fields = found.groupdict()
            if "choices" in fields:
                fields["choices"] = fields["choices"].replace("'", "")
            return _t(key, **fields)
    return _t("usage", message=message)


def _lang_of(argv: list[str]) -> str:
    """--lang as typed, read before parsing so even argument errors speak it."""
    lang = settings.CLI_LANG
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGS else settings.CLI_LANG


def _add_lang(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: set on the command or before it, the subcommand's default cannot overwrite it.
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=_t("lang_help"))


def _positive_int(text: str) -> int:
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_t("at_least_one"))
    return value


def _int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_t("not_whole")) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_t("negative"))
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_t("not_seconds")) from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(_t("not_finite"))
    return value


def _positive_seconds(text: str) -> float:
    value = _seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError(_t("zero_seconds"))
    return value


def _regex(text: str) -> str:
    try:
        re.compile(text)
    except re.error as exc:
        raise argparse.ArgumentTypeError(_t("bad_regex", error=exc)) from None
    return text


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(_t("not_url", text=text))
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise argparse.ArgumentTypeError(_t("bad_port", text=text)) from None
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
    _add_lang(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("scan", help="crawl a site and check every page with axe-core")
    s.add_argument("urls", nargs="*", metavar="URL", type=_url, help="start URL(s)")
    _add_lang(s)
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
    _add_lang(ls)

    r = sub.add_parser("report", help="re-render a stored scan")
    r.add_argument("scan_id", type=_positive_int, metavar="SCAN_ID")
    _add_outputs(r)
    r.add_argument("--db", metavar="PATH")
    _add_lang(r)
    ci.add_config_option(r)

    d = sub.add_parser("diff", help="compare the grouped issues of two scans")
    d.add_argument("old_id", type=_positive_int, metavar="OLD_ID")
    d.add_argument("new_id", type=_positive_int, metavar="NEW_ID")
    d.add_argument("--json", action="store_true", help="print JSON instead of text")
    d.add_argument("--db", metavar="PATH")
    _add_lang(d)

    demo = sub.add_parser("demo", help="serve the bundled demo site and scan it")
    _add_outputs(demo)
    demo.add_argument("--workers", type=_positive_int, default=None, metavar="N")
    demo.add_argument(
        "--checks", choices=settings.CHECK_SETS, default="full", help="own checks (default full)"
    )
    demo.add_argument("--db", metavar="PATH")
    _add_lang(demo)
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
                raise A11yCliError(_t("no_folder", name=name, folder=parent))
            if Path(target).is_dir():
                raise A11yCliError(_t("is_folder", name=name, target=target))


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

            text = render_html(report, cli_lang())
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
    by_impact = ", ".join(
        f"{impacts[i]} {t(f'report.{i}', cli_lang())}"
        for i in reversed(settings.IMPACTS)
        if i in impacts
    )
    review = len(report.issues) - len(certain)
    statement = report.statement
    found = _t("statement_found", url=statement.url) if statement.found else _t("statement_missing")
    if statement.status:
        found += _t("statement_status", status=statement.status)
    return _t(
        "summary",
        id=s.id,
        n=s.pages_checked,
        checked=s.pages_checked,
        failed=s.pages_failed,
        issues=len(certain),
        impacts=by_impact or t("report.none", cli_lang()),
        review=_t("summary_review", n=review) if review else "",
        statement=found,
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
    explicit = ("start_urls", "sitemaps", "obey_robots", "drop_tracking", "lang")
    given = {k: v for k, v in given.items() if v is not None and k not in explicit}
    config = CrawlConfig(
        **{name: tuple(v) if isinstance(v, list) else v for name, v in given.items()},
        start_urls=tuple(start_urls),
        sitemaps=tuple(sitemaps),
        obey_robots=not getattr(args, "no_robots", False),
        drop_tracking=not getattr(args, "keep_tracking_params", False),
        lang=cli_lang(),
    )
    if config.axe_script and not Path(config.axe_script).is_file():
        raise A11yCliError(_t("no_axe_script", path=config.axe_script))
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
    _note_axe_locale(config)
    auth = _auth(args) if args.command == "scan" else None
    printer = ProgressPrinter(limit=config.max_pages)
    try:
        scan_id = scan(
            config, args.db, on_progress=printer, resume=resume, on_note=printer.note, auth=auth
        )
    except ScanInterrupted as exc:
        db = f" --db {shlex.quote(str(args.db))}" if args.db else ""
        raise _Interrupted(
            t("polite.interrupted", cli_lang(), scan_id=exc.scan_id, db=db),
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
        raise A11yCliError(_t("sites_unreadable", path=path, error=os_reason(exc))) from None
    sites = []
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            sites.append(_url(text))
        except argparse.ArgumentTypeError as exc:
            raise A11yCliError(_t("sites_line", number=number, error=exc)) from None
    if not sites:
        raise A11yCliError(_t("sites_empty", path=path))
    return sites


def _scan_sites(args: argparse.Namespace) -> int:
    """One scan per start URL of --sites, each stored as its own scan; worst exit code."""
    if args.urls or args.sitemap or args.resume:
        raise A11yCliError(_t("sites_alone"))
    if any(getattr(args, name) for name in OUTPUTS):
        raise A11yCliError(_t("sites_outputs"))
    if _auth(args):
        # One token or session for many sites would hand it to every one of them.
        raise A11yCliError(t("auth.sites", cli_lang()))
    worst = 0
    for url in _read_sites(args.sites):
        try:
            report = ci.accept(_run_scan(args, [url], []), args)
        except StartError as exc:
            print(f"a11y: {_t('site_not_started', url=url, error=exc)}", file=sys.stderr)
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
        raise A11yCliError(_t("resume_urls"))
    if not args.urls and not args.sitemap and not args.resume:
        raise A11yCliError(_t("need_url"))
    _check_outputs(args)
    report = ci.accept(_run_scan(args, args.urls, args.sitemap), args)
    _write_outputs(report, args)
    print(_summary(report), file=sys.stderr)
    if report.scan.pages_checked == 0:
        # Nothing could be checked (site down, every start URL failing): for a CI
        # pipeline that is a scan that did not start, not a clean bill of health.
        errors = [p.error for p in report.pages if p.error]
        message = _t("nothing_checked")
        raise StartError(_t("first_error", message=message, error=errors[0]) if errors else message)
    return ci.scan_exit(report, args, exit_code)


def cmd_scans(args: argparse.Namespace) -> int:
    rows = list_scans(args.db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(_t("database", path=Path(args.db) if args.db else paths.scans_db_path()))
    if not rows:
        print(_t("no_scans"))
        return 0
    print(_t("scans_head"))
    for r in rows:
        print(
            f"{r['id']:>4}  {r['started_at']:25}  {r['level']:6}  {r['pages_checked'] or 0:>8}"
            f"  {r['pages_failed'] or 0:>7}  {r['violations']:>6}  {' '.join(r['start_urls'])}"
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    if not any(getattr(args, name) for name in OUTPUTS):
        raise A11yCliError(_t("report_outputs"))
    _check_outputs(args)
    ci.read_config(args, build_parser)
    _note_scan_lang(args.db, args.scan_id)
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
        print(f"{_t('diff_' + kind)} ({len(result[kind])})")
        for issue in result[kind]:
            wcag = ", ".join(issue["wcag"]) or "-"
            example = issue["example_urls"][0] if issue["example_urls"] else ""
            # Site-level findings need a person to confirm them; older scans lack the keys.
            mark = _t("diff_review" if issue.get("outcome") == "needs-review" else "diff_fail")
            where = issue.get("region") or "-"
            impact = t(f"report.{issue['impact']}", cli_lang()) if issue["impact"] else "-"
            pages = t("statement.page", cli_lang(), n=issue["pages"])
            print(
                f"  {impact:9} {mark:8} {issue['rule']:32} WCAG {wcag:10}"
                f" {pages:>13}  {where:8}  {example}"
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
    print(_t("html_written", path=Path(args.html).resolve()))
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

    words = sys.argv[1:] if argv is None else argv
    set_cli_lang(_lang_of(words))

    def body() -> int:
        args = build_parser().parse_args(words)
        args._argv = argv  # a11y.ci: which options the command line itself gave
        return COMMANDS[args.command](args)

    return cli.run(
        body,
        prog="a11y",
        errors=(StartError, ScanNotFound, StoreError, OSError),
        text=_message,
        interrupted=lambda: _t("interrupted"),
    )


def _message(exc: Exception) -> str:
    if isinstance(exc, StartError):
        return _t("start_error", error=exc)
    if isinstance(exc, cli.CliError):  # ours, a11y.config's and a11y.ci's: already one line
        return str(exc)
    if isinstance(exc, ScanNotFound):
        return _t("no_scan", id=exc.scan_id)
    return _t("error", error=exc)


def _note_axe_locale(config: CrawlConfig) -> None:
    """Say once, before a Dutch scan, when axe-core's Dutch texts are not installed."""
    from a11y.browser.axe_locale import build_version, locale_json

    script = config.axe_script or settings.axe_script_path()
    if config.lang != "en" and locale_json(script, config.lang) is None:
        print(
            f"a11y: {_t('no_axe_locale', version=build_version(script) or '?')}",
            file=sys.stderr,
        )


def _note_scan_lang(db: object, scan_id: int) -> None:
    """axe's texts are stored in the scan's language: say so when the report asks another."""
    from a11y.store import open_db, stored_scan

    try:
        options = stored_scan(open_db(db), scan_id).options
    except Exception:  # noqa: BLE001 - the report itself says what is wrong with the scan
        return
    scan_lang = options.get("lang", "en")  # scans before --lang stored English texts
    if scan_lang != cli_lang():
        print(
            "a11y: "
            + _t(
                "scan_lang",
                scan_lang=scan_lang,
                lang=cli_lang(),
                language=_t(f"lang_name_{cli_lang()}"),
            ),
            file=sys.stderr,
        )


if __name__ == "__main__":
    sys.exit(main())
