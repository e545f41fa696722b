"""The ``helpdesk`` command: starts the app, or runs one desk task from the shell.

Each command opens the database, calls one library function and turns library errors
into a one-line message with exit code 2, so scripts and staff never see a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from helpdesk import clock, desk, export, merge
from helpdesk.i18n import t
from helpdesk.records import (
    GUIDE_STEP_MAX,
    DeskRequest,
    FieldError,
    FollowUp,
    GuideUse,
    ValidationError,
    code_error,
)
from helpdesk.settings import (
    LANGUAGES,
    LOCATION_KINDS,
    THEMES,
    SettingsError,
    load_settings,
    read_unvalidated,
    update_settings,
)
from helpdesk.stats import periods, suppression
from helpdesk.store import Store, StoreError, open_store
from helpdesk.taxonomy import KINDS, TaxonomyError, UnknownCodeError, taxonomy
from inclusiedesk import __version__, cli, paths
from inclusiedesk.cli import EXIT_USAGE

#: What ends a desk command with one line and exit code 2, besides HelpdeskCliError.
ERRORS: tuple[type[Exception], ...] = (
    ValidationError,
    StoreError,
    SettingsError,
    TaxonomyError,
    UnknownCodeError,
    clock.DateFormatError,
    periods.PeriodError,
    suppression.ThresholdError,
    merge.MergeError,
    paths.MissingResourceError,  # a broken installation: say so, never an empty answer
)


class HelpdeskCliError(cli.CliError):
    """Raised by a command handler for input it refuses; becomes one line on stderr, exit 2."""


#: Arguments that name files: any bytes the file system allows (``os.fsencode`` gives
#: them back). Every other argument is text and must be valid UTF-8.
PATH_ARGS = frozenset({"db", "output", "file", "files", "guides_dir"})
#: Upper bounds of numeric arguments, each with its reason.
PURGE_MAX_DAYS = 36500  # 100 years: older than anything stored; keeps the cutoff a valid date
DEMO_MAX_ROWS = 2_000_000  # twice the largest benchmark; a typo must not fill the disk


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error message instead of the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


# ------------------------------------------------------------------- helpers


def _store(args: argparse.Namespace) -> Store:
    return open_store(_db_path(args))


def _guide_use(text: str) -> GuideUse:
    guide_id, _, step = text.partition(":")
    if step and not (step.isascii() and step.isdigit() and 1 <= int(step) <= GUIDE_STEP_MAX):
        raise ValidationError(
            [
                FieldError(
                    "guides",
                    t("bad_input.guide_ref", "en", max=GUIDE_STEP_MAX),
                    t("bad_input.guide_ref", "nl", max=GUIDE_STEP_MAX),
                )
            ]
        )
    return GuideUse(guide_id, int(step) if step else None)


def _followup(args: argparse.Namespace) -> FollowUp | None:
    if not args.follow_up:
        if args.bring:
            raise HelpdeskCliError("--bring needs --follow-up 'YYYY-MM-DD HH:MM'")
        return None
    return FollowUp(clock.parse_followup(args.follow_up), tuple(args.bring or ()))


def _period(args: argparse.Namespace) -> tuple[str | None, str | None]:
    since = clock.parse_day(args.since) if args.since else None
    until = clock.parse_day(args.until) if args.until else None
    if since and until and since > until:
        raise HelpdeskCliError("--since is after --until")
    return clock.day_range(since, until)


def _confirmed(question: str) -> bool:
    """Ask on a terminal; without one (scripts, cron) the answer is no and nothing changes."""
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "j", "yes", "ja")


def _write_output(text: str, path: str | None) -> None:
    if path:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise HelpdeskCliError(f"cannot write {path}: {exc.strerror}") from None
    else:
        sys.stdout.write(text)


# ------------------------------------------------------------------- commands


def cmd_app(args: argparse.Namespace) -> int:
    from helpdesk.app import create_app  # Textual is only loaded when the app starts

    create_app(db_path=Path(args.db) if args.db else None, lang=args.lang).run()
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    settings = load_settings()
    req = DeskRequest(
        organisations=tuple(args.org),
        subjects=tuple(args.subject),
        help_type=args.help_type,
        outcome=args.outcome,
        referred_to=args.referred_to,
        channel=args.channel,
        visitor_type=args.visitor_type,
        age_band=args.age_band,
        first_visit=args.first_visit,
        barriers=tuple(args.barrier or ()),
        location=args.location or settings.location,
        staff=args.staff or settings.staff,
        minutes=args.minutes,
        minutes_source=None if args.minutes is None else "typed",
        note=args.note or "",
        guides=tuple(_guide_use(g) for g in args.guide or ()),
        followup=_followup(args),
    )
    if not req.location or not req.staff:
        raise HelpdeskCliError(
            "no location or staff code: pass --location and --staff (or set them in the app)"
        )
    with _store(args) as store:
        saved = desk.log_request(store, req, settings)
    print(saved.id)
    return 0


def _list_line(req: DeskRequest, lang: str = "en") -> str:
    invalid = t("bad_input.invalid_date", lang)
    when = clock.show_local(req.created_at, "%Y-%m-%d %H:%M", invalid)
    referred = f"->{req.referred_to}" if req.referred_to else ""
    return (
        f"{when}  {req.location:<14} {req.staff:<6} {','.join(req.organisations):<22} "
        f"{','.join(req.subjects):<24} {req.help_type:<15} {req.outcome}{referred:<12} "
        f"{req.minutes if req.minutes is not None else '-':>4} min  {req.id}"
        + (f"  {t('bad_input.followup_invalid', lang)}" if req.extra.get("followup") else "")
    )


def cmd_list(args: argparse.Namespace) -> int:
    since, until = _period(args)
    with _store(args) as store:
        found = store.list_requests(since=since, until=until, location=args.location)
    if args.json:
        tax = taxonomy()
        records = [
            export.export_record(r, tax)
            | {"note": r.note}
            | ({"followup": "invalid"} if r.extra.get("followup") else {})
            for r in found
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for req in found:
            print(_list_line(req, args.lang))
        print(f"{len(found)} request(s)", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.aggregate:
        return _export_aggregate(args)
    since, until = _period(args)
    with _store(args) as store:
        found = store.list_requests(since=since, until=until, location=args.location)
    found.reverse()  # oldest first reads naturally in a spreadsheet
    render = export.to_csv if args.format == "csv" else export.to_json
    _write_output(render(found, taxonomy()), args.output)
    return 0


def _export_aggregate(args: argparse.Namespace) -> int:
    """Monthly counts per national-registration category, small numbers suppressed."""
    from helpdesk.stats.counting import aggregate_rows, write_aggregate_csv

    if args.format != "csv":
        raise HelpdeskCliError("--aggregate is only available with --format csv")
    if args.threshold < 1:
        raise HelpdeskCliError("--threshold must be 1 or more")
    since = clock.parse_day(args.since) if args.since else None
    until = clock.parse_day(args.until) if args.until else None
    with _store(args) as store:
        rows = aggregate_rows(store, since, until, args.location, args.threshold)
    out = io.StringIO()
    write_aggregate_csv(rows, out)
    _write_output(out.getvalue(), args.output)
    return 0


def cmd_taxonomy(args: argparse.Namespace) -> int:
    tax = taxonomy()
    if args.json:
        data = {
            kind: [
                {"code": c.code, "nl": c.nl, "en": c.en}
                | ({"level": c.level} if c.level else {})
                | ({} if c.library else {"library": False})
                | ({"synonyms_nl": list(c.synonyms_nl)} if c.synonyms_nl else {})
                | ({"synonyms_en": list(c.synonyms_en)} if c.synonyms_en else {})
                for c in tax.codes(kind)
            ]
            for kind in KINDS
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for kind in KINDS:
        print(f"{t(f'kind.{kind}', args.lang)}:")
        for c in tax.codes(kind):
            level = f"  [{c.level}]" if c.level else ""
            print(f"  {c.code:<22} {c.label(args.lang)}{level}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    _in_bounds("--older-than", args.older_than, 0, PURGE_MAX_DAYS)
    with _store(args) as store:
        if not args.yes:
            count = store.count_older_than(args.older_than)
            what = f"{count} request(s) older than {args.older_than} days"
            if not _confirmed(f"Delete {what}?"):
                print(f"{what}; nothing deleted (add --yes to delete)")
                return 0
        deleted = store.purge(args.older_than, actor=load_settings().staff)
        cleared = store.expire_notes()
    print(
        f"deleted {deleted} request(s) older than {args.older_than} days; cleared {cleared} expired note(s)"
    )
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from helpdesk.demo_data import generate
    from helpdesk.stats.counting import refresh_summaries

    _in_bounds("--rows", args.rows, 1, DEMO_MAX_ROWS)
    with _store(args) as store:
        result = generate(store, args.rows, seed=args.seed)
        refresh_summaries(store)  # the bulk load pays the recount, not the first dashboard
    print(
        f"added {result.rows} synthetic request(s) from {result.first[:10]} to {result.last[:10]}"
    )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    changes = {
        k: v
        for k, v in {
            "location": args.location,
            "staff": args.staff,
            "location_kind": args.location_kind,
            "lang": args.set_lang,
            "theme": args.theme,
            "note_retention_days": args.note_retention_days,
            "profile_fields": None if args.profile_fields is None else args.profile_fields == "on",
            "desk_name": args.desk_name,
            "desk_address": args.desk_address,
            "desk_hours": args.desk_hours,
            "desk_phone": args.desk_phone,
        }.items()
        if v is not None
    }
    for key in ("location", "staff"):
        if key in changes and (found := code_error(f"--{key}", changes[key])):
            raise HelpdeskCliError(found.text(args.lang))
    settings = update_settings(**changes) if changes else load_settings()
    for key, value in vars(settings).items():
        print(f"{key} = {value}")
    # Where this desk's data is: the first thing IT asks when moving or backing up a desk.
    print(f"database = {_db_path(args)}")
    print(f"settings_file = {paths.desk_settings_path()}")
    return 0


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else paths.desk_db_path()


def cmd_backup(args: argparse.Namespace) -> int:
    from helpdesk.backup import backup

    info = backup(_db_path(args), Path(args.output))
    print(f"wrote {info.path} ({info.requests} request(s), schema {info.schema_version})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from helpdesk.backup import check_backup, restore

    retention = load_settings().note_retention_days
    info = check_backup(Path(args.file), retention)
    question = f"Replace the database with {info.path} ({info.requests} request(s))?"
    if not args.yes and not _confirmed(question):
        print(
            f"{info.path} is a healthy backup ({info.requests} request(s)); nothing restored (add --yes)"
        )
        return 0
    info, safety = restore(
        info.path, _db_path(args), actor=load_settings().staff, note_retention_days=retention
    )
    kept = f"; the previous database is kept as {safety}" if safety else ""
    print(f"restored {info.requests} request(s) from {info.path}{kept}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from helpdesk import serve

    if not 1 <= args.port <= 65535:
        raise HelpdeskCliError(f"--port {args.port}: use a port number from 1 to 65535")
    lang = args.lang or "nl"
    try:
        import textual_serve  # noqa: F401  (only to say clearly when it is missing)
    except ImportError:
        raise HelpdeskCliError(t("serve.missing", lang)) from None
    # Only a language given on the command line is passed on: otherwise every session
    # reads the settings, so ctrl+l in the app keeps working as on a single desk.
    serve_plan = serve.plan(args.host, args.port, _db_path(args), args.lang_given, args.public_url)
    with _store(args):  # a damaged or newer database: refuse now, not in every browser
        pass
    if serve_plan.open_to_network:
        print(t("serve.open_network", lang, url=serve_plan.url), file=sys.stderr, flush=True)
    if args.check:
        print(serve_plan.url)
        return 0
    print(t("serve.starting", lang, url=serve_plan.url), flush=True)
    serve.run(serve_plan)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    since, until = _period(args)
    with _store(args) as store:
        entries = store.audit_trail(since=since, until=until)
    if args.json:
        print(json.dumps([vars(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        when = clock.show_local(e.at, "%Y-%m-%d %H:%M:%S", t("bad_input.invalid_date", args.lang))
        print(f"{when}  {e.staff or '-':<8} {e.action:<13} {e.request_id or '':<26}  {e.detail}")
    return 0


def desk_code_ok(code: str) -> bool:
    return code_error("code", code) is None


def _in_bounds(option: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise HelpdeskCliError(t("bad_input.too_many", "en", option=option, min=low, max=high))


def _print_any_file_name() -> None:
    """Let output name files whose names hold non-UTF-8 bytes, instead of crashing.

    On the real terminal or pipe such a name is written back as the bytes it was typed
    with (``surrogateescape``, as ``ls`` does); any other text stream (a test's capture)
    shows the bytes as ``\\xff`` escapes.
    """
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or stream.encoding.lower() not in (
            "utf-8",
            "utf8",
        ):
            continue
        real = stream is sys.__stdout__ or stream is sys.__stderr__
        stream.reconfigure(errors="surrogateescape" if real else "backslashreplace")


def _refuse_undecodable(args: argparse.Namespace, lang: str) -> None:
    """Refuse text arguments holding bytes that are not UTF-8 (they arrive as surrogates).

    File names may hold any bytes and are passed on as they came; a note, code or search
    text with such bytes cannot be stored or shown, so it is refused in one line.
    """
    for dest, value in vars(args).items():
        if dest in PATH_ARGS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not _is_utf8(item):
                option = "--" + dest.replace("_", "-")
                raise HelpdeskCliError(t("bad_input.not_text", lang, option=option))


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# ------------------------------------------------------------------- parser


def build_parser() -> Parser:
    parser = Parser(
        prog="helpdesk",
        description="inclusiedesk: log assisted digital service requests (starts the app without a command)",
    )
    parser.add_argument("--version", action="version", version=f"helpdesk {__version__}")
    parser.add_argument(
        "--db", help="database file (default: the user's data folder, or $HELPDESK_DB)"
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="interface language (default nl)"
    )
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    log = sub.add_parser("log", help="save a request and print its id")
    log.add_argument("--org", action="extend", nargs="+", required=True, metavar="CODE")
    log.add_argument("--subject", action="extend", nargs="+", required=True, metavar="CODE")
    log.add_argument("--help-type", required=True, metavar="CODE")
    log.add_argument("--outcome", required=True, metavar="CODE")
    log.add_argument("--referred-to", metavar="CODE")
    log.add_argument("--minutes", type=int, metavar="N")
    log.add_argument("--channel", default="walk-in", metavar="CODE")
    log.add_argument("--visitor-type", default="resident", metavar="CODE")
    log.add_argument("--age-band", metavar="CODE")
    visit = log.add_mutually_exclusive_group()
    visit.add_argument("--first-visit", dest="first_visit", action="store_true", default=None)
    visit.add_argument("--returning", dest="first_visit", action="store_false")
    log.add_argument("--barrier", action="extend", nargs="+", metavar="CODE")
    log.add_argument("--location", metavar="CODE", help="default: the location in settings")
    log.add_argument("--staff", metavar="CODE", help="default: the staff code in settings")
    log.add_argument("--note", metavar="TEXT", help="short note; personal data is refused")
    log.add_argument("--guide", action="extend", nargs="+", metavar="ID[:STEP]")
    log.add_argument("--follow-up", metavar="'YYYY-MM-DD HH:MM'", help="follow-up appointment")
    log.add_argument("--bring", action="append", metavar="TEXT", help="what to bring (repeatable)")
    log.set_defaults(func=cmd_log)

    lst = sub.add_parser("list", help="list requests, newest first")
    lst.add_argument("--since", metavar="YYYY-MM-DD")
    lst.add_argument("--until", metavar="YYYY-MM-DD")
    lst.add_argument("--location", metavar="CODE")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)

    exp = sub.add_parser("export", help="export the coded fields, one row per request")
    exp.add_argument("--format", choices=("csv", "json"), required=True)
    exp.add_argument("--since", metavar="YYYY-MM-DD")
    exp.add_argument("--until", metavar="YYYY-MM-DD")
    exp.add_argument("--location", metavar="CODE")
    exp.add_argument("-o", "--output", metavar="FILE")
    exp.add_argument(
        "--aggregate",
        action="store_true",
        help="monthly counts per national-registration category instead of one row per request",
    )
    exp.add_argument(
        "--threshold",
        type=int,
        default=5,
        metavar="N",
        help="with --aggregate: show counts below N as <N",
    )
    exp.set_defaults(func=cmd_export)

    tax = sub.add_parser("taxonomy", help="print all codes with their labels")
    tax.add_argument("--json", action="store_true")
    tax.set_defaults(func=cmd_taxonomy)

    purge = sub.add_parser("purge", help="delete requests older than DAYS")
    purge.add_argument("--older-than", type=int, required=True, metavar="DAYS")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    purge.set_defaults(func=cmd_purge)

    demo = sub.add_parser("demo-data", help="add synthetic requests for demos and benchmarks")
    demo.add_argument("--rows", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, metavar="S")
    demo.set_defaults(func=cmd_demo_data)

    conf = sub.add_parser("settings", help="show or change this desk's settings")
    conf.add_argument("--location", metavar="CODE")
    conf.add_argument("--staff", metavar="CODE")
    conf.add_argument("--location-kind", choices=LOCATION_KINDS)
    conf.add_argument("--set-lang", choices=LANGUAGES)
    conf.add_argument("--theme", choices=THEMES)
    conf.add_argument("--note-retention-days", type=int, metavar="DAYS")
    conf.add_argument(
        "--profile-fields",
        choices=("on", "off"),
        help="ask age band, first visit and barriers at this location (default on)",
    )
    # Printed on follow-up slips and handouts: where and when residents find the desk.
    conf.add_argument("--desk-name", metavar="TEXT", help="e.g. 'Bibliotheek Centrum'")
    conf.add_argument("--desk-address", metavar="TEXT", help="e.g. 'Stationsplein 1, Stad'")
    conf.add_argument("--desk-hours", metavar="TEXT", help="e.g. 'ma-vr 10.00-17.00'")
    conf.add_argument("--desk-phone", metavar="TEXT", help="the desk's public phone number")
    conf.set_defaults(func=cmd_settings)

    bak = sub.add_parser(
        "backup", help="write a consistent copy of the database, also while desks work"
    )
    bak.add_argument("-o", "--output", required=True, metavar="FILE")
    bak.set_defaults(func=cmd_backup)

    res = sub.add_parser("restore", help="check a backup, then replace the database with it")
    res.add_argument("file", metavar="FILE")
    res.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    res.set_defaults(func=cmd_restore)

    aud = sub.add_parser("audit", help="who created, edited, deleted or purged what, and when")
    aud.add_argument("--since", metavar="YYYY-MM-DD")
    aud.add_argument("--until", metavar="YYYY-MM-DD")
    aud.add_argument("--json", action="store_true")
    aud.set_defaults(func=cmd_audit)

    srv = sub.add_parser(
        "serve", help="serve the desk app to browsers (several desks, one database)"
    )
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: the network)",
    )
    srv.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    srv.add_argument(
        "--public-url",
        metavar="URL",
        help="the address desks open, when it differs (e.g. behind a proxy)",
    )
    srv.add_argument(
        "--check",
        action="store_true",
        help="check the database and print the address desks open, then stop",
    )
    srv.set_defaults(func=cmd_serve)

    # command groups of their own live in their own modules, which import this one
    from helpdesk.guides import cli as guides_cli
    from helpdesk.stats import cli as stats_cli

    guides_cli.register(sub)
    stats_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _print_any_file_name()

    def body() -> int:
        args.lang_given = args.lang  # before the settings fill it in (``serve`` passes it on)
        _refuse_undecodable(args, args.lang or "nl")
        if args.lang is None and args.func is cmd_settings:
            # `settings` must be able to correct a settings file that no longer validates
            lang = read_unvalidated().lang
            args.lang = lang if lang in LANGUAGES else "nl"
        elif args.lang is None and args.func is not cmd_app:  # the app reads settings itself
            args.lang = load_settings().lang
        code = args.func(args)
        sys.stdout.flush()  # a reader that left (``| head``) shows here, inside ``run``
        return code

    return cli.run(body, prog="helpdesk", errors=ERRORS, text=lambda exc: message(exc, args.lang))


def message(exc: Exception, lang: str | None) -> str:
    """The one line for a refused command; validation and date errors speak the desk's language."""
    if isinstance(exc, (ValidationError, clock.DateFormatError, periods.PeriodError)):
        return exc.text(lang or "nl")
    localized = getattr(exc, "localized", None)  # merge and restore refusals
    if callable(localized):
        return localized(lang or "nl")
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())
