"""``helpdesk stats``, ``helpdesk report`` and ``helpdesk merge``: statistics from the shell.

A thin layer: each handler opens the database, calls one library function
(`counting.dashboard`, `council_report.render_report`, `merge.merge_file`) and turns every
expected failure into one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from helpdesk import clock, merge
from helpdesk.cli import ERRORS, HelpdeskCliError, message
from helpdesk.i18n import t
from helpdesk.settings import LANGUAGES, load_settings
from helpdesk.stats import council_report, counting, monitor, periods, suppression
from helpdesk.stats.council_report import cell_text, label, share_text
from helpdesk.store import Store, open_store
from helpdesk.taxonomy import taxonomy
from inclusiedesk import cli, paths
from inclusiedesk.cli import EXIT_OK, EXIT_USAGE
from inclusiedesk.i18n import number

Handler = Callable[[argparse.Namespace], int]


def _run(handler: Handler) -> Handler:
    """Wrap a handler so refused input is one line on stderr and exit code 2, also
    when it is called without ``helpdesk.cli.main`` (as the merge tests do)."""

    def run(args: argparse.Namespace) -> int:
        return cli.run(
            lambda: handler(args),
            prog="helpdesk",
            errors=ERRORS,
            text=lambda exc: message(exc, getattr(args, "lang", None)),
            interrupt=False,
        )

    run.__doc__ = handler.__doc__
    return run


def _store(args: argparse.Namespace) -> Store:
    return open_store(Path(args.db) if getattr(args, "db", None) else paths.desk_db_path())


def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "out_lang", None) or getattr(args, "lang", None)
    if lang in LANGUAGES:
        return lang
    return load_settings().lang


def _period(args: argparse.Namespace) -> periods.Period:
    return periods.choose_period(args.period, args.since, args.until)


def _threshold(args: argparse.Namespace) -> int:
    return suppression.check_threshold(args.threshold)


# ------------------------------------------------------------------- stats


def render_text(figures: dict, lang: str) -> str:
    """The protected figures as plain text, one breakdown after another."""
    tax = taxonomy()
    period = figures["period"]
    lines = [
        t(
            "stats_text.period",
            lang,
            label=period["label"],
            since=period["since"],
            until=period["until"],
        )
    ]
    if figures["location"]:
        lines.append(t("stats_text.location", lang, location=figures["location"]))
    prev = figures["previous"]
    pct = prev["change_pct"]
    change = "" if pct is None else f" ({'+' if pct > 0 else ''}{number(pct, lang, 1)}%)"
    lines.append(
        t(
            "stats_text.requests",
            lang,
            total=cell_text(figures["total"], lang),
            prev=prev["period"]["label"],
            prev_total=cell_text(prev["total"], lang),
            change=change,
        )
    )
    lines.append(
        t("stats_text.solved", lang, pct=share_text(figures["solved_at_desk_share"], lang))
    )
    mins = figures["minutes"]
    lines.append(
        t(
            "stats_text.minutes",
            lang,
            total=cell_text(mins["total"], lang),
            median=cell_text(mins["median"], lang),
            p90=cell_text(mins["p90"], lang),
        )
    )
    for key in council_report.BREAKDOWNS:
        table = figures.get(key)
        if table is None:
            if key == "by_staff":
                lines += [
                    "",
                    f"{t(f'report.breakdown.{key}', lang)}: "
                    + t("report.sentence.staff_hidden", lang),
                ]
            continue
        lines += ["", f"{t(f'report.breakdown.{key}', lang)}:"]
        if not table:
            lines.append("  -")
        for code, value in table.items():
            lines.append(f"  {label(tax, key, code, lang):<40} {cell_text(value, lang):>9}")
    lines += ["", f"{t('report.breakdown.per_week', lang)}:"]
    for row in figures["per_week"]:
        lines.append(f"  {row['week']:<10} {cell_text(row['count'], lang):>9}")
    lines += [
        "",
        t("report.sentence.suppression_short", lang, n=figures["suppression_threshold"]),
    ]
    return "\n".join(lines) + "\n"


def cmd_stats(args: argparse.Namespace) -> int:
    """Headline numbers and every breakdown of a period, protected against small numbers."""
    period = _period(args)
    threshold = _threshold(args)
    with _store(args) as store:
        dash = counting.dashboard(store, period, args.location)
    figures = suppression.protect(dash, threshold)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(figures, _lang(args)))
    return EXIT_OK


# ------------------------------------------------------------------- report


def cmd_report(args: argparse.Namespace) -> int:
    """A self-contained HTML report for a board or council."""
    period = _period(args)
    threshold = _threshold(args)
    with _store(args) as store:
        dash = counting.dashboard(store, period, args.location)
    html = council_report.render_report(dash, lang=_lang(args), threshold=threshold)
    try:
        Path(args.output).write_text(html, encoding="utf-8")
    except OSError as exc:
        raise HelpdeskCliError(f"cannot write {args.output}: {exc.strerror}") from None
    return EXIT_OK


# ------------------------------------------------------------------- monitor


def _month(text: str | None) -> periods.Period:
    """The month asked for; by default the last whole month, the one a coordinator
    reports at the start of a new one."""
    if text is None:
        last = clock.local_today().replace(day=1) - timedelta(days=1)
        return periods.month(last.year, last.month)
    period = periods.parse_period(text)
    if period.kind != "month":
        raise periods.PeriodError("not a month: use e.g. 2026-11")
    return period


def cmd_monitor(args: argparse.Namespace) -> int:
    """One month in the Bibliotheekmonitor's categories: text, JSON or CSV."""
    period = _month(args.month)
    threshold = _threshold(args)
    with _store(args) as store:
        figures = monitor.protect(monitor.month_counts(store, period, args.location), threshold)
    lang = _lang(args)
    out = io.StringIO()
    if args.format == "json":
        out.write(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        monitor.write_csv(figures, lang, out)
    else:
        out.write(monitor.render_text(figures, lang))
    if args.output is None:
        sys.stdout.write(out.getvalue())
        return EXIT_OK
    try:
        Path(args.output).write_text(out.getvalue(), encoding="utf-8")
    except OSError as exc:
        raise HelpdeskCliError(f"cannot write {args.output}: {exc.strerror}") from None
    return EXIT_OK


# ------------------------------------------------------------------- merge


def cmd_merge(args: argparse.Namespace) -> int:
    """Import other locations' databases; one line per file with what changed."""
    code = EXIT_OK
    from helpdesk.settings import load_settings

    settings = load_settings()
    with _store(args) as store:
        for name in args.files:
            try:
                result = merge.merge_file(
                    store,
                    Path(name),
                    actor=settings.staff,
                    note_retention_days=settings.note_retention_days,
                )
            except merge.MergeError as exc:
                print(f"helpdesk: {message(exc, args.lang)}", file=sys.stderr)
                code = EXIT_USAGE
                continue
            print(
                f"{name}: added {result.added}, updated {result.updated}, "
                f"deleted {result.deleted}, unchanged {result.unchanged}"
            )
    return code


# ------------------------------------------------------------------- parser


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period",
        metavar="P",
        help="2026, 2026-Q3, 2026-10 or 2026-W40 (default: this year to date)",
    )
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="first local day")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="last local day (inclusive)")
    parser.add_argument("--location", metavar="CODE", help="only this location")
    _add_threshold(parser)


def _add_threshold(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--threshold",
        type=int,
        default=suppression.DEFAULT_THRESHOLD,
        metavar="N",
        help=f"show counts below N as <N (default {suppression.DEFAULT_THRESHOLD})",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``stats``, ``report``, ``monitor`` and ``merge`` to the ``helpdesk`` parser."""
    st = subparsers.add_parser("stats", help="statistics of a period (small numbers protected)")
    _add_period(st)
    st.add_argument("--json", action="store_true", help="the stable JSON contract")
    st.set_defaults(func=_run(cmd_stats))

    rep = subparsers.add_parser("report", help="HTML statistics report for a board or council")
    _add_period(rep)
    rep.add_argument("--lang", dest="out_lang", choices=LANGUAGES, help="report language")
    rep.add_argument("-o", "--output", required=True, metavar="FILE")
    rep.set_defaults(func=_run(cmd_report))

    mon = subparsers.add_parser(
        "monitor", help="one month in the Bibliotheekmonitor's IDO categories"
    )
    mon.add_argument("--month", metavar="YYYY-MM", help="default: last month")
    mon.add_argument("--location", metavar="CODE", help="only this location")
    _add_threshold(mon)
    mon.add_argument("--format", choices=("text", "json", "csv"), default="text")
    mon.add_argument("--lang", dest="out_lang", choices=LANGUAGES, help="language of labels")
    mon.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    mon.set_defaults(func=_run(cmd_monitor))

    mer = subparsers.add_parser("merge", help="import other locations' desk databases")
    mer.add_argument("files", nargs="+", metavar="FILE")
    mer.set_defaults(func=_run(cmd_merge))
