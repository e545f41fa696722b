"""Run our own checks on every W3C ACT test case of the rules they correspond to.

Serves ``../shared/act-rules`` on 127.0.0.1 (stripping ``/WAI/content-assets/wcag-act-rules``
as its README says), opens each case in headless Chromium with the crawler's flags and
runs :func:`a11y.checks.collect`. Prints per ACT rule: failed examples caught, and
passed/inapplicable examples wrongly flagged (any result of the rule: failed or needs
review). Acceptance: at most 5% wrongly flagged per rule.

    .venv/bin/python bench/act_rules.py [--act DIR] [--rule ACT_ID ...] [--sweep] [-v]
    .venv/bin/python bench/act_rules.py --ibm [--json FILE] [-v]

``--ibm`` validates the rules of IBM's Equal Access engine instead (see ``act_ibm.py``).

``--sweep`` runs the quick (standard set) checks on every test page of every ACT rule
instead and prints, per own rule, on how many pages it fired; for rules no ACT rule
corresponds to (``idesk-click-keyboard``) that is the sample of false alarms to read
with ``-v``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import act_ibm  # noqa: E402

from a11y import settings  # noqa: E402
from a11y.browser.session import BrowserSession  # noqa: E402
from a11y.checks import collect, registry  # noqa: E402

PREFIX = "/WAI/content-assets/wcag-act-rules"
DEFAULT_ACT = Path(__file__).resolve().parents[2] / "shared" / "act-rules"
MAX_FALSE = 0.05
#: Where our rule deliberately leaves the ACT rule's failures to someone else.
NOTES = {
    "73f2c2": "invalid values: axe's autocomplete-valid",
    "c4a8a4": "only generic titles; the rest is manual",
    "46ca7f": "flags are idesk-decorative-alt, review only by the validation table",
    "e88epe": "flags are idesk-decorative-alt, review only by the validation table",
}
_SETTLE = "const d = arguments[0]; requestAnimationFrame(() => setTimeout(() => d(1), 50));"


class _Handler(SimpleHTTPRequestHandler):
    # The W3C serves the cases as UTF-8; most carry no <meta charset>, and without the
    # header Chromium would read them as windows-1252 ('Next…' becoming 'Nextâ€¦').
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".xhtml": "application/xhtml+xml; charset=utf-8",
        ".svg": "image/svg+xml; charset=utf-8",
    }

    def translate_path(self, path: str) -> str:
        if path.startswith(PREFIX):
            path = path[len(PREFIX) :] or "/"
        return super().translate_path(path)

    def log_message(self, *args: object) -> None:
        pass


def serve(root: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def act_map() -> dict[str, list[str]]:
    """ACT rule id -> our rule ids validated against it."""
    out: dict[str, list[str]] = {}
    for rule in registry.RULES.values():
        for act in rule.act:
            out.setdefault(act, []).append(rule.id)
    return out


def sweep(act: Path, cases: list[dict[str, str]], verbose: bool) -> int:
    """Per own rule, the pages of all ACT cases it fires on (standard set, no tab walk)."""
    pages = {c["relativePath"]: c for c in cases if c["relativePath"].endswith(".html")}
    server = serve(act)
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    session = BrowserSession(settings.TIMEOUT, "AA")
    session.start()
    fired: dict[str, list[str]] = {}
    try:
        for path, case in pages.items():
            try:
                session.driver.get(base + path)
                session.driver.execute_async_script(_SETTLE)
                hits, _ = collect(session.driver, full=False)
            except Exception as exc:  # noqa: BLE001
                print(f"  error on {path}: {type(exc).__name__}", file=sys.stderr)
                session.restart()
                continue
            for rule in sorted({h[0] for h in hits}):
                fired.setdefault(rule, []).append(path)
                if verbose:
                    first = next(h for h in hits if h[0] == rule)
                    print(f"  {rule:30} {case['ruleId']} {case['expected']:12} {path} {first[2]}")
    finally:
        session.close()
        server.shutdown()
    others = sum(1 for c in pages.values() if c["expected"] != "failed")
    print(f"{len(pages)} pages ({others} passed or inapplicable); own rule: pages it fired on")
    for rule, where in sorted(fired.items()):
        wrong = sum(1 for p in where if pages[p]["expected"] != "failed")
        print(
            f"  {rule:34} {len(where):>5}   on passed/inapplicable {wrong:>4} / {others}"
            f"  earns {status_of(wrong, others):12} table {registry.VALIDATION.get(rule, '-')}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--act", type=Path, default=DEFAULT_ACT)
    parser.add_argument("--rule", action="append", default=[])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="quick checks on every case")
    parser.add_argument("--ibm", action="store_true", help="validate IBM's engine's rules")
    parser.add_argument("--json", type=Path, help="--ibm: keep the raw figures in this file")
    args = parser.parse_args(argv)
    cases = json.loads((args.act / "testcases.json").read_text())["testcases"]
    if args.ibm:
        server = serve(args.act)
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
            return act_ibm.main(args.act, cases, base, args.json, args.verbose)
        finally:
            server.shutdown()
    if args.sweep:
        return sweep(args.act, cases, args.verbose)
    mapping = act_map()
    wanted = set(args.rule) or set(mapping)
    seen: set[str] = set()
    todo = []
    for case in cases:
        if case["ruleId"] in wanted and case["relativePath"] not in seen:
            seen.add(case["relativePath"])
            todo.append(case)
    server = serve(args.act)
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    session = BrowserSession(settings.TIMEOUT, "AA")
    session.start()
    table: dict[str, dict[str, list[int]]] = {}
    per_rule: dict[str, dict[str, list[int]]] = {}
    names: dict[str, str] = {}
    try:
        for case in todo:
            rid, expected = case["ruleId"], case["expected"]
            names[rid] = case["ruleName"]
            ours = set(mapping[rid])
            driver = session.driver
            try:
                driver.get(base + case["relativePath"])
                driver.execute_async_script(_SETTLE)
                full = bool(ours & registry.FULL_ONLY_RULES)
                hits, _ = collect(driver, full=full)
                if full and ours - registry.FULL_ONLY_RULES:
                    # a standard rule the full set steps aside for is measured on its own
                    hits += collect(driver, full=False)[0]
            except Exception as exc:  # noqa: BLE001 - count as not flagged, say so
                print(f"  error on {case['relativePath']}: {type(exc).__name__}", file=sys.stderr)
                session.restart()
                hits = []
            flagged = [h for h in hits if h[0] in ours]
            for own in ours:
                mine = any(h[0] == own for h in hits)
                per = per_rule.setdefault(own, {})
                for key in ("all", rid):
                    cells = per.setdefault(key, {"failed": [0, 0], "other": [0, 0]})
                    cell = cells["failed"] if expected == "failed" else cells["other"]
                    cell[0] += mine
                    cell[1] += 1
            row = table.setdefault(rid, {"failed": [0, 0], "other": [0, 0]})
            bucket = row["failed"] if expected == "failed" else row["other"]
            bucket[1] += 1
            bucket[0] += bool(flagged)
            wrong = (expected == "failed") != bool(flagged)
            if args.verbose and wrong:
                print(
                    f"  {rid} {expected:12} {case['testcaseTitle']:24} "
                    f"{case['relativePath']} -> {[h[:3] + h[4:] for h in flagged][:2]}"
                )
    finally:
        session.close()
        server.shutdown()
    print(f"{'ACT rule':54} {'own rule(s)':38} {'failed caught':>13} {'false flags':>11}")
    worst = 0.0
    for rid in sorted(table, key=lambda r: mapping[r][0]):
        row = table[rid]
        caught, nfail = row["failed"]
        wrong, nother = row["other"]
        rate = wrong / nother if nother else 0.0
        worst = max(worst, rate)
        title = f"{rid} {names[rid]}"[:54]
        print(
            f"{title:54} {', '.join(mapping[rid])[:38]:38} {caught:>5} / {nfail:<5} "
            f"{wrong:>3} / {nother:<3} {'ok' if rate <= MAX_FALSE else 'TOO MANY':8} "
            f"{NOTES.get(rid, '')}"
        )
    overclaims = print_status(per_rule)
    return 0 if worst <= MAX_FALSE or not overclaims else 1


def status_of(wrong: int, total: int) -> str:
    """What a rule may report after validation: violations only at most 5% false flags."""
    return registry.FAILED if total and wrong / total <= MAX_FALSE else registry.REVIEW


def print_status(per_rule: dict[str, dict[str, dict[str, list[int]]]]) -> list[str]:
    """Per own rule over all its ACT rules: the status the figures earn beside the one
    in registry.VALIDATION (rules not in that table keep their checks' own outcomes).
    A rule earns violations only when no single ACT rule of its own sees more than 5%
    false flags, so a large, easy ACT rule cannot hide a small, hard one. Returns the
    rules the table lets report violations that their figures do not earn."""
    overclaims = []
    print(f"\n{'own rule':30} {'failed caught':>13} {'false flags':>11}  earns       table")
    for rule in sorted(per_rule):
        caught, nfail = per_rule[rule]["all"]["failed"]
        wrong, nother = per_rule[rule]["all"]["other"]
        worst = [
            status_of(*cells["other"]) for key, cells in per_rule[rule].items() if key != "all"
        ]
        earned = registry.REVIEW if registry.REVIEW in worst else registry.FAILED
        table = registry.VALIDATION.get(rule, "-")
        mark = "" if table in ("-", earned) else "  <- differs"
        if table == registry.FAILED and earned != table:
            overclaims.append(rule)
        print(
            f"{rule:30} {caught:>5} / {nfail:<5} {wrong:>3} / {nother:<5} {earned:12} {table}{mark}"
        )
    return overclaims


if __name__ == "__main__":
    sys.exit(main())
