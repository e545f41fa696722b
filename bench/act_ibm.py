"""Validate every rule of IBM's Equal Access engine on the W3C ACT test cases.

Runs the engine (as :mod:`a11y.browser.ibm` does in a scan: WCAG 2.1 rule set, A and AA
criteria, rules of VIOLATION policy) on every HTML test page of ``../shared/act-rules``
and counts per IBM rule its certain failures (``[VIOLATION, FAIL]``; potential and manual
results are needs-review in any case):

- on the cases of the ACT rules the rule implements (the engine's own ``act`` mapping):
  failed cases caught, and passed/inapplicable cases flagged;
- for a rule with no ACT rule among the cases: the passed/inapplicable pages of all ACT
  rules it fires on (the sweep; such pages are built clean for one rule, so a flag may be
  a true failure of another kind: ``-v`` lists them to read).

A rule with ACT rules earns violations when none of them sees more than 5% of its
passed/inapplicable cases flagged. A rule without earns them on the sweep: at most 5% of
all passed/inapplicable pages flagged, at most 5% of the clean cases of any ACT rule that
tests one of the same success criteria (those cases are ACT's verdict on that
requirement), and never more than one clean case of any other ACT rule (a single flag
there may be a real barrier the case was not built around). Every rule of the WCAG 2.1
A/AA set runs on every page, so a rule that never fired earned its status on the sweep
too; else needs review. Where IBM is stricter than ACT, ACT wins.
Prints the table beside :data:`a11y.browser.ibm_rules.VALIDATION` and exits 1 when the
table grants a status the figures do not earn. ``--json FILE`` keeps the raw figures.

    .venv/bin/python bench/act_rules.py --ibm [--act DIR] [--json FILE] [-v]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from a11y import settings
from a11y.browser import ibm, ibm_rules
from a11y.browser.session import BrowserSession

MAX_FALSE = 0.05
_SETTLE = "const d = arguments[0]; requestAnimationFrame(() => setTimeout(() => d(1), 50));"
#: The engine's rule ids and the ACT rules each says it implements, and the rules that
#: can report a violation in a scan (VIOLATION policy on an A/AA criterion of the set).
_ACT_MAP_JS = """
const c = new ace.Checker(), out = {}, policy = {};
for (const id of c.engine.getRulesIds()) {
  const act = c.engine.getRule(id).act, ids = [];
  for (const a of [].concat(act || [])) {
    if (typeof a === 'string') ids.push(a); else ids.push(...Object.keys(a));
  }
  out[id] = ids;
}
const guide = c.getGuidelines().find(g => g.id === arguments[0]);
for (const cp of guide.checkpoints) {
  if (!['A', 'AA'].includes(cp.wcagLevel)) continue;
  for (const r of cp.rules || []) {
    if (r.level === 'VIOLATION') (policy[r.id] = policy[r.id] || []).push(cp.num);
  }
}
return [out, policy];
"""


def act_mapping(driver: Any, path: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """IBM rule -> ACT rule ids, and the rules a scan runs, read from the engine itself."""
    return driver.execute_script(ibm._source(path) + "\n;\n" + _ACT_MAP_JS, settings.IBM_POLICY)


def run_all(
    act: Path, cases: list[dict[str, str]], base: str
) -> tuple[dict[str, set[str]], tuple[dict[str, list[str]], dict[str, list[str]]]]:
    """Per test page, the IBM rules that gave a certain failure; and the ACT mapping."""
    path = ibm.require()
    session = BrowserSession(settings.TIMEOUT, "AA", checks="axe")
    session.start()
    fired: dict[str, set[str]] = {}
    try:
        mapping = act_mapping(session.driver, path)
        for n, case in enumerate(cases):
            rel = case["relativePath"]
            if not rel.endswith(".html") or rel in fired:
                continue
            try:
                session.driver.get(base + rel)
                session.driver.execute_async_script(_SETTLE)
                hits, _ = ibm.run(session.driver, "AA", path, [])
            except Exception as exc:  # noqa: BLE001 - count as not flagged, say so
                print(f"  error on {rel}: {type(exc).__name__}", file=sys.stderr)
                session.restart()
                hits = []
            fired[rel] = {h.rule for h in hits if h.confidence == "FAIL"}
            if n % 100 == 0:
                print(f"  {n} / {len(cases)}", file=sys.stderr)
    finally:
        session.close()
    return fired, mapping


def figures(
    cases: list[dict[str, str]],
    fired: dict[str, set[str]],
    mapping: dict[str, list[str]],
    policy: dict[str, list[str]],
) -> dict[str, dict[str, Any]]:
    """Per IBM rule that fired anywhere or maps to ACT cases: its counts and earned status."""
    pages = {c["relativePath"]: c for c in cases if c["relativePath"] in fired}
    by_act: dict[str, list[dict[str, str]]] = {}
    for c in pages.values():
        by_act.setdefault(c["ruleId"], []).append(c)
    others = [p for p, c in pages.items() if c["expected"] != "failed"]
    rules = sorted(set(policy) | {r for f in fired.values() for r in f})
    out: dict[str, dict[str, Any]] = {}
    for rule in rules:
        acts = [a for a in mapping.get(rule, []) if a in by_act]
        row: dict[str, Any] = {"act": {}, "sweep": None}
        worst = 0.0
        for a in acts:
            failed = [c for c in by_act[a] if c["expected"] == "failed"]
            other = [c for c in by_act[a] if c["expected"] != "failed"]
            caught = sum(rule in fired[c["relativePath"]] for c in failed)
            wrong = [c["relativePath"] for c in other if rule in fired[c["relativePath"]]]
            row["act"][a] = [caught, len(failed), len(wrong), len(other), wrong]
            worst = max(worst, len(wrong) / len(other) if other else 0.0)
        if not acts:
            wrong = [p for p in others if rule in fired[p]]
            caught = sum(rule in fired[p] for p, c in pages.items() if c["expected"] == "failed")
            row["sweep"] = [caught, len(wrong), len(others), wrong]
            worst = len(wrong) / len(others) if others else 0.0
            for a, flagged in _per_act(wrong, pages).items():
                other = [c for c in by_act[a] if c["expected"] != "failed"]
                if set(policy.get(rule, ())) & act_criteria(by_act[a][0]):
                    # an ACT rule on the same criterion: its clean cases are ACT's verdict
                    worst = max(worst, flagged / len(other))
                elif flagged > 1:
                    worst = 1.0  # keeps flagging the clean cases of one ACT rule
        row["earned"] = ibm_rules.FAILED if worst <= MAX_FALSE else ibm_rules.REVIEW
        row["fired"] = sum(rule in f for f in fired.values())
        out[rule] = row
    return out


def act_criteria(case: dict[str, Any]) -> set[str]:
    """The WCAG success criteria an ACT rule tests, from its test case's requirements."""
    found = (
        re.match(r"wcag2\d:(\d+\.\d+\.\d+)$", k)
        for k in case["ruleAccessibilityRequirements"] or {}
    )
    return {m.group(1) for m in found if m}


def _per_act(paths: list[str], pages: dict[str, dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in paths:
        out[pages[p]["ruleId"]] = out.get(pages[p]["ruleId"], 0) + 1
    return out


def report(rows: dict[str, dict[str, Any]], verbose: bool) -> int:
    """Print the table; 1 when VALIDATION grants violations a rule did not earn."""
    print(
        f"{'IBM rule':34} {'ACT rule':8} {'failed caught':>13} {'false flags':>11}  earns / table"
    )
    overclaims = []
    for rule, row in rows.items():
        table = ibm_rules.VALIDATION.get(rule, "-")
        mark = "" if table in ("-", row["earned"]) else "  <- differs"
        if table == ibm_rules.FAILED and row["earned"] != table:
            overclaims.append(rule)
        for a, (caught, nfail, wrong, nother, where) in row["act"].items():
            print(
                f"{rule:34} {a:8} {caught:>5} / {nfail:<5} {wrong:>3} / {nother:<5}"
                f"  {row['earned']:12} {table}{mark}"
            )
            if verbose:
                for p in where:
                    print(f"      flagged: {p}")
        if row["sweep"] is not None:
            caught, wrong, nother, where = row["sweep"]
            print(
                f"{rule:34} {'(sweep)':8} {caught:>5} {'':7} {wrong:>3} / {nother:<5}"
                f"  {row['earned']:12} {table}{mark}"
            )
            if verbose:
                for p in where[:20]:
                    print(f"      flagged: {p}")
    earned = {r: row["earned"] for r, row in rows.items()}
    print(f"\nrules earning violations: {sum(s == ibm_rules.FAILED for s in earned.values())}")
    print(f"rules earning needs-review: {sum(s == ibm_rules.REVIEW for s in earned.values())}")
    if overclaims:
        print(f"VALIDATION grants violations not earned: {', '.join(overclaims)}")
    return 1 if overclaims else 0


def main(act: Path, cases: list[dict[str, str]], base: str, out: Path | None, verbose: bool) -> int:
    fired, (mapping, policy) = run_all(act, cases, base)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        raw = {"fired": {k: sorted(v) for k, v in fired.items()}, "act": mapping}
        out.write_text(json.dumps({**raw, "policy": policy}))
    return report(figures(cases, fired, mapping, policy), verbose)
