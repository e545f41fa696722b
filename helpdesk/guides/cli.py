"""``helpdesk guides ...``: list, show, search, check and export guides from the shell.

A thin layer over `helpdesk.guides.library`, `guides_check`, `guides_search` and `handout`:
each handler loads the guides, calls one library function and turns every expected
failure into one line on stderr with exit code 2, in the desk's language (``--lang``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from helpdesk import settings
from helpdesk.cli import HelpdeskCliError
from helpdesk.guides.check import ERROR, WARNING, check_guides
from helpdesk.guides.handout import COMPACT, FULL, DoneStepsError, parse_done, render_handout
from helpdesk.guides.library import (
    Guide,
    GuideError,
    GuideNotFound,
    get_guide,
    guide_files,
    load_guides,
)
from helpdesk.guides.search import GuideIndex
from helpdesk.i18n import t
from helpdesk.taxonomy import TaxonomyError, taxonomy
from inclusiedesk import cli, paths
from inclusiedesk.cli import EXIT_OK, EXIT_USAGE
from inclusiedesk.i18n import format_date


def _count(n: int, noun: str, lang: str) -> str:
    return t(f"guides_cli.count.{noun}", lang, n=n)


def _say(key: str, lang: str, **fields: Any) -> str:
    return t(f"guides_cli.{key}", lang, **fields)


def _ui_lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None)
    return lang if lang in settings.LANGUAGES else "nl"


def _local_dir(args: argparse.Namespace, lang: str) -> Path | None:
    local = paths.local_guides_dir(getattr(args, "guides_dir", None))
    if local is not None and not local.is_dir():
        raise HelpdeskCliError(_say("no-dir", lang, path=local))
    return local


def _load(args: argparse.Namespace, lang: str) -> list[Guide]:
    """Every usable guide; broken ones are named on stderr and skipped, not fatal."""
    errors: list[GuideError] = []
    guides = load_guides(_local_dir(args, lang), errors=errors)
    for error in errors:
        where = f"{error.path}:{error.line}: {error.text(lang)}"
        print(_say("skipped", lang, error=where), file=sys.stderr)
    return guides


def _guide_dict(guide: Guide) -> dict[str, Any]:
    return {
        "id": guide.id,
        "lang": guide.lang,
        "title": guide.title,
        "summary": guide.summary,
        "subjects": list(guide.subjects),
        "organisations": list(guide.organisations),
        "steps": len(guide.steps),
        "last_reviewed": guide.last_reviewed.isoformat(),
        "path": str(guide.path),
    }


def _run(handler: Any) -> Any:
    """Wrap a handler so refused input is one line on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        return cli.run(
            lambda: handler(args, _ui_lang(args)),
            prog="helpdesk guides",
            errors=(TaxonomyError,),
            interrupt=False,  # helpdesk.cli.main reports Ctrl-C
        )

    run.__doc__ = handler.__doc__
    return run


def cmd_list(args: argparse.Namespace, lang: str) -> int:
    """Guides, optionally only those for one subject, organisation or language."""
    codes = taxonomy()
    for kind, code in (("subject", args.subject), ("organisation", args.org)):
        if code and not codes.has(kind, code):
            # what was typed is not repeated: it may be anything, even a BSN
            raise HelpdeskCliError(codes.unknown_message(kind, code, lang))
    guides = [
        g
        for g in _load(args, lang)
        if (not args.subject or args.subject in g.subjects)
        and (not args.org or args.org in g.organisations)
        and (not args.guide_lang or g.lang == args.guide_lang)
    ]
    if args.json:
        print(json.dumps([_guide_dict(g) for g in guides], ensure_ascii=False, indent=2))
    elif not guides:
        print(_say("none", lang))
    else:
        width = max(len(g.id) for g in guides)
        for g in guides:
            print(f"{g.id:<{width}}  {g.lang}  {g.title}")
    return EXIT_OK


def _find(args: argparse.Namespace, lang: str) -> Guide:
    try:
        return get_guide(args.id, args.guide_lang or lang, _load(args, lang))
    except GuideNotFound:
        raise HelpdeskCliError(_say("not-found", lang)) from None


_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def terminal_text(text: str) -> str:
    """Markdown as plain terminal text: links as 'text (url)', no ** markers."""
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return text.replace("**", "")


def render_text(guide: Guide) -> str:
    """The guide as readable terminal text, labelled in the guide's own language."""
    lang = guide.lang

    def label(key: str, **fields: object) -> str:
        return t(f"handout.{key}", lang, **fields)

    out = [guide.title, "=" * len(guide.title), "", terminal_text(guide.summary), ""]
    out += [f"{label('audience')}: {terminal_text(guide.audience)}", ""]
    if guide.bring:
        out.append(label("bring"))
        out += [f"  [ ] {terminal_text(item)}" for item in guide.bring]
        out.append("")
    total = len(guide.steps)
    for step in guide.steps:
        heading = f"{label('step', n=step.number, total=total)}: {step.title}"
        out += [heading, "-" * len(heading)]
        out += terminal_text(step.text).splitlines()
        for kind, note in (("warning", step.warning), ("tip", step.tip), ("check", step.check)):
            if note:
                prefix = f"  {label(kind).upper() if kind == 'warning' else label(kind)}: "
                lines = terminal_text(note).splitlines() or [""]
                out.append(prefix + lines[0])
                out += [" " * len(prefix) + line for line in lines[1:]]
        out.append("")
    out.append(f"{label('sources')}:")
    out += [f"  {url}" for url in guide.sources]
    out.append(f"{label('reviewed')} {format_date(guide.last_reviewed, lang)}")
    return "\n".join(out)


def cmd_show(args: argparse.Namespace, lang: str) -> int:
    """The steps of one guide as text in the terminal."""
    print(render_text(_find(args, lang)))
    return EXIT_OK


def cmd_search(args: argparse.Namespace, lang: str) -> int:
    """Full-text prefix search over titles, summaries and steps."""
    index = GuideIndex(_load(args, lang))
    hits = index.search(args.text, lang=args.guide_lang, limit=args.limit)
    if args.json:
        rows = [
            {
                "id": h.guide_id,
                "lang": h.lang,
                "title": h.title,
                "snippet": h.snippet,
                "rank": h.rank,
            }
            for h in hits
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not hits:
        print(_say("no-hits", lang, text=args.text))
    else:
        for h in hits:
            print(f"{h.guide_id} ({h.lang})  {h.title}")
            print(f"    {h.snippet}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, lang: str) -> int:
    """Validate guides; exit 2 when any error, 0 when only warnings."""
    if args.paths:
        roots = [Path(p) for p in args.paths]
        for root in roots:
            if not root.exists():
                raise HelpdeskCliError(_say("no-paths", lang, path=root))
    else:
        roots = [paths.bundled_guides_dir()]
        local = _local_dir(args, lang)
        if local is not None:
            roots.append(local)
    problems = check_guides(roots, lang=lang)
    for problem in problems:
        print(problem.format(lang))
    files = sum(1 if r.is_file() else len(guide_files(r)) for r in roots)
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    print(
        _say(
            "summary",
            lang,
            files=_count(files, "guide", lang),
            errors=_count(errors, "error", lang),
            warnings=_count(warnings, "warning", lang),
        )
    )
    return EXIT_USAGE if errors else EXIT_OK


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    """Write the printable handout of one guide: compact (two A4 pages) unless ``--full``.

    The desk's details come from the settings, like on the follow-up slip.
    """
    guide = _find(args, lang)
    total = len(guide.steps)
    try:
        done = parse_done(args.done or "", total)
    except DoneStepsError:
        raise HelpdeskCliError(_say("export.bad_done", lang, max=total)) from None
    html = render_handout(
        guide,
        guide.lang,
        layout=FULL if args.full else COMPACT,
        done=done,
        desk=settings.load_settings(),
    )
    path = Path(args.output)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise HelpdeskCliError(_say("cannot-write", lang, path=path, reason=exc.strerror)) from None
    print(_say("written", lang, path=path))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``guides`` and its subcommands to the ``helpdesk`` parser."""
    guides = subparsers.add_parser("guides", help="step-by-step guides for the desk")
    guides.add_argument(
        "--guides-dir",
        metavar="PATH",
        help=f"this library's own guides, beside the bundled ones (default: ${paths.ENV_GUIDES})",
    )
    sub = guides.add_subparsers(
        title="guide commands", metavar="COMMAND", required=True, parser_class=type(guides)
    )
    lang_choices = list(settings.LANGUAGES)

    lst = sub.add_parser("list", help="list guides")
    lst.add_argument("--subject", metavar="CODE")
    lst.add_argument("--org", metavar="CODE")
    lst.add_argument("--lang", dest="guide_lang", choices=lang_choices)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_run(cmd_list))

    show = sub.add_parser("show", help="print the steps of a guide")
    show.add_argument("id", metavar="ID")
    show.add_argument("--lang", dest="guide_lang", choices=lang_choices, help="guide language")
    show.set_defaults(func=_run(cmd_show))

    search = sub.add_parser("search", help="full-text search (prefixes: 'toesl')")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--lang", dest="guide_lang", choices=lang_choices)
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=_run(cmd_search))

    check = sub.add_parser("check", help="validate guides; errors exit 2")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: all guides)"
    )
    check.set_defaults(func=_run(cmd_check))

    export = sub.add_parser("export", help="write a printable HTML handout")
    export.add_argument("id", metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE.html")
    export.add_argument("--lang", dest="guide_lang", choices=lang_choices, help="guide language")
    export.add_argument(
        "--full",
        action="store_true",
        help="the full layout, with room to write under every step (default: two A4 pages)",
    )
    export.add_argument(
        "--done",
        metavar="1,2",
        help="steps done at the desk: marked done, and 'continue at step N' printed",
    )
    export.set_defaults(func=_run(cmd_export))
