"""IBM's Equal Access engine as the second engine, run in the page after axe and our checks.

axe-core only reports what it is certain of or what it can hand to a person; IBM's
engine (npm ``accessibility-checker-engine``, rules harmonised with the W3C ACT rules)
finds barriers axe has no rule for: tables without header cells, radio buttons and
check boxes without a group, and more. It runs in ``standard`` and ``full``, never in
``--checks axe``, which stays axe alone (the mode the speed benchmark compares).

Its results become :class:`a11y.browser.axe.Finding` objects in the same Bdto terms as
axe's, under rule ids ``ibm:<rule>``, so store, analysis and reports treat them alike:

- a certain failure (``[VIOLATION, FAIL]``) of a rule that passed the ACT validation
  (:mod:`a11y.browser.ibm_rules`) is a violation; "potential" and "manual" results, and
  failures of rules that did not pass it, go to needs review;
- the success criteria come from the engine's own WCAG 2.1 rule set (A/AA, or A with
  ``--level A``), the EN 301 549 clauses from the criteria (9.x.y.z for web pages);
- one barrier is one finding: an element that axe or our checks already flag for the
  same criterion keeps their finding, noted as also found by IBM's engine, unless IBM
  is certain where they only asked for review.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from a11y import criteria, js, settings
from a11y.browser.axe import AxeRun, Finding, Node
from a11y.browser.ibm_rules import status
from a11y.i18n import say

#: Prefix of every rule id of the engine, so a report shows which engine found what.
PREFIX = "ibm:"
#: Tag every finding of the engine carries (beside the wcag tags of its criteria).
TAG = "ibm"
ENGINE = "IBM Equal Access"
#: Every finding of a certain WCAG A/AA failure is serious (the engine gives no impact);
#: what it leaves to a person is moderate.
IMPACT_FAILED = "serious"
IMPACT_REVIEW = "moderate"
#: Where the engine's help pages live; its own help link is relative to this.
HELP_BASE = "https://able.ibm.com/rules/archives/latest/doc/en-US/"
#: Conformance levels kept per scan level.
LEVELS = {"A": ("A",), "AA": ("A", "AA")}

_RUN_JS = js.load("check_helpers", "ibm_run")


class EngineMissing(Exception):
    """Raised when the engine's script is not installed where the settings say."""


def missing_message(path: str | None = None) -> str:
    """One line saying what is missing and the three ways on."""
    where = path or settings.ibm_script_path()
    return say(
        "engine.ibm_missing",
        package=settings.IBM_ENGINE_PACKAGE,
        version=settings.IBM_ENGINE_VERSION,
        where=where,
    )


def require(path: str | None = None) -> str:
    """The engine's script path; raises :class:`EngineMissing` when there is no file."""
    where = path or settings.ibm_script_path()
    if not Path(where).is_file():
        raise EngineMissing(missing_message(where))
    return where


@lru_cache(maxsize=2)
def _source(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def script(path: str) -> str:
    """The engine's build followed by the runner, as one function body (read once)."""
    return _source(path) + "\n;\n" + _RUN_JS


#: The runner alone, for a page that has the engine preloaded (ibm_preloaded.js answers
#: ``{"missing": true}`` when it has not, and the whole script is sent instead).
_RUN_PRELOADED = js.load("ibm_preloaded", "check_helpers", "ibm_run")


def preload_source(path: str) -> str:
    """The engine for ``Page.addScriptToEvaluateOnNewDocument``: every page then has it
    before the check, instead of 685 KB sent over WebDriver with each call.

    Measured on the 200-page benchmark site (one session, loaded machine): the whole call
    took a median 343 ms a page, of which 192 ms was only sending the script; defining
    it from the page's own copy costs the page about 10 ms at load.
    """
    return js.call_expression(_source(path) + "\n;\n" + js.load("ibm_keep"))


@dataclass(frozen=True)
class Hit:
    """One non-passing result of the engine on one element."""

    rule: str  # without the prefix
    confidence: str  # 'FAIL', 'POTENTIAL' or 'MANUAL'
    target: str
    html: str
    message: str
    wcag: tuple[str, ...]

    @property
    def certain(self) -> bool:
        """A violation in the report: a certain failure of a rule validated on ACT."""
        return self.confidence == "FAIL" and status(self.rule) == "failed"


def run(
    driver: Any, level: str, path: str, targets: list[str], preloaded: bool = False
) -> tuple[list[Hit], dict]:
    """Run the engine in the loaded page: its hits and per rule its help text and link.

    With ``preloaded`` (see :func:`preload_source`) only the runner is sent, and the
    whole script only when the page lacks the engine after all.
    """
    args = (settings.IBM_POLICY, list(LEVELS.get(level, LEVELS["AA"])), targets)
    raw = json.loads(driver.execute_async_script(_RUN_PRELOADED, *args)) if preloaded else None
    if raw is None or raw.get("missing"):
        raw = json.loads(driver.execute_async_script(script(path), *args))
    if "error" in raw:
        raise RuntimeError(f"IBM engine: {raw['error']}")
    known = criteria.criteria_by_number()
    hits = []
    for rule, confidence, target, html, message, numbers in raw["results"]:
        wcag = tuple(c.number for c in criteria.criteria() if c.number in set(numbers))
        if wcag and all(n in known for n in wcag):
            hits.append(Hit(rule, confidence, target, html[:500], message, wcag))
    return hits, raw["rules"]


def _finding(rule: str, certain: bool, hits: list[Hit], rules: dict) -> Finding:
    wcag = hits[0].wcag
    tags = (TAG, *(f"wcag{n.replace('.', '')}" for n in wcag))
    info = rules.get(rule) or {}
    url = str(info.get("url") or "")
    if url and not url.startswith("http"):
        url = HELP_BASE + url.lstrip("./")
    return Finding(
        rule=PREFIX + rule,
        impact=IMPACT_FAILED if certain else IMPACT_REVIEW,
        wcag=wcag,
        en301549=tuple(criteria.en301549_from_tags(tags)),
        help=str(info.get("help") or rule),
        help_url=url,
        tags=tags,
        nodes=tuple(Node(h.target, h.html, h.message) for h in hits),
    )


def _also(node: Node, rule: str) -> Node:
    note = f"Also found by {ENGINE} ({PREFIX}{rule})."
    if note in node.failure_summary:
        return node
    summary = f"{node.failure_summary}\n{note}" if node.failure_summary else note
    return replace(node, failure_summary=summary)


def merge(run_: AxeRun, hits: list[Hit], rules: dict) -> AxeRun:
    """``run_`` plus the engine's hits, one finding per barrier (see the module docstring).

    A hit on an element that already has a violation for one of its criteria only adds a
    note to that node; a hit that IBM is certain of replaces a needs-review node of the
    same element and criterion; an uncertain hit where anything was found is dropped.
    """
    violations = [list(f.nodes) for f in run_.violations]
    reviews = [list(f.nodes) for f in run_.incomplete]

    def where(findings: tuple[Finding, ...], nodes: list[list[Node]], hit: Hit) -> list:
        return [
            (i, j)
            for i, f in enumerate(findings)
            if set(f.wcag) & set(hit.wcag)
            for j, n in enumerate(nodes[i])
            if n is not None and n.target == hit.target
        ]

    kept: dict[tuple[str, bool], list[Hit]] = {}
    placed: set[tuple[str, str]] = set()  # (target, criterion) an IBM hit already holds
    for hit in sorted(hits, key=lambda h: not h.certain):  # certain ones first
        certain = hit.certain
        if any((hit.target, n) in placed for n in hit.wcag):
            continue  # another IBM rule already stands for this barrier
        same_violation = where(run_.violations, violations, hit)
        same_review = where(run_.incomplete, reviews, hit)
        if same_violation:
            for i, j in same_violation:
                violations[i][j] = _also(violations[i][j], hit.rule)
            continue
        if same_review and not certain:
            continue
        for i, j in same_review:  # IBM is certain where the others asked for review
            reviews[i][j] = None
        placed.update((hit.target, n) for n in hit.wcag)
        kept.setdefault((hit.rule, certain), []).append(hit)
    new_violations = [
        replace(f, nodes=tuple(n for n in violations[i] if n is not None))
        for i, f in enumerate(run_.violations)
    ]
    new_reviews = []
    for i, f in enumerate(run_.incomplete):
        nodes = tuple(n for n in reviews[i] if n is not None)
        if nodes or not f.nodes:  # a finding IBM emptied goes; one without nodes stays
            new_reviews.append(replace(f, nodes=nodes))
    for (rule, certain), group in kept.items():
        # A rule can map to several criteria sets per reason: one finding per set.
        by_wcag: dict[tuple[str, ...], list[Hit]] = {}
        for h in group:
            by_wcag.setdefault(h.wcag, []).append(h)
        for same in by_wcag.values():
            (new_violations if certain else new_reviews).append(
                _finding(rule, certain, same, rules)
            )
    return replace(run_, violations=tuple(new_violations), incomplete=tuple(new_reviews))


def targets_of(run_: AxeRun) -> list[str]:
    """Every element target found so far, violations first (they win the merge)."""
    return [n.target for f in (*run_.violations, *run_.incomplete) for n in f.nodes]


def check(driver: Any, run_: AxeRun, level: str, path: str, preloaded: bool = False) -> AxeRun:
    """Run the engine and merge its findings into ``run_``."""
    hits, rules = run(driver, level, path, targets_of(run_), preloaded)
    return merge(run_, hits, rules)
