"""The scans database: schema, migrations, writes during a crawl, and the report.

This is the only module that speaks SQL. :func:`build_report` turns a stored scan
into the report dictionary every output (JSON, HTML, CSV, JUnit) is rendered from.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from a11y import __version__, criteria, grouping, settings
from a11y.axe import AxeRun, Finding
from a11y.checks import pdf as pdf_checks
from a11y.checks import registry as own_rules
from a11y.checks import site as site_checks
from inclusiedesk import paths
from inclusiedesk.db import Migration, Migrations, connect


class ScanNotFound(Exception):
    """Raised by report and diff functions when a scan id is not in the database."""


@dataclass(frozen=True)
class PageResult:
    """One visited page as the crawler saw it; ``axe`` is None when it was not checked."""

    url: str
    depth: int
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    title: str | None = None
    error: str | None = None
    redirects: tuple[str, ...] = ()
    axe: AxeRun | None = None
    compliance_status: str | None = None
    #: Normalised links found on the page; stored so an interrupted scan can resume.
    links: tuple[str, ...] = ()
    #: --sample: layout fingerprint and why the page was (not) checked.
    template: str | None = None
    sample: str | None = None


@dataclass(frozen=True)
class DocumentResult:
    """A linked non-HTML file (PDF, office document): listed; PDFs are also checked."""

    url: str
    type: str | None
    bytes: int | None
    found_on: str | None
    status: int | None = None
    error: str | None = None
    checks: str | None = None  # JSON hits of a11y.checks.pdf, None when not checked


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- schema -----------------------------------------------------------------------------


def _m1_initial(db: sqlite_utils.Database) -> None:
    db["scans"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "start_urls": str,
            "axe_version": str,
            "level": str,
            "pages_discovered": int,
            "pages_checked": int,
            "pages_failed": int,
            "tool_version": str,
            "covered_criteria": str,
            "statement_url": str,
            "options": str,
        },
        pk="id",
    )
    db["pages"].create(
        {
            "id": int,
            "scan_id": int,
            "url": str,
            "final_url": str,
            "status": int,
            "content_type": str,
            "title": str,
            "error": str,
            "depth": int,
            "checked": int,
            "compliance_status": str,
            "raw_axe": str,
        },
        pk="id",
        foreign_keys=[("scan_id", "scans", "id")],
    )
    db["redirects"].create(
        {"page_id": int, "scan_id": int, "position": int, "url": str},
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["violations"].create(
        {
            "id": int,
            "scan_id": int,
            "page_id": int,
            "outcome": str,  # 'violation' or 'needs-review' (axe's incomplete)
            "rule": str,
            "impact": str,
            "wcag": str,
            "en301549": str,
            "tags": str,
            "help": str,
            "help_url": str,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["nodes"].create(
        {
            "id": int,
            "violation_id": int,
            "scan_id": int,
            "page_id": int,
            "target": str,
            "html": str,
            "failure_summary": str,
            "fingerprint": str,
        },
        pk="id",
        foreign_keys=[("violation_id", "violations", "id")],
    )
    db["documents"].create(
        {
            "scan_id": int,
            "url": str,
            "type": str,
            "bytes": int,
            "found_on": str,
            "status": int,
            "error": str,
        },
        foreign_keys=[("scan_id", "scans", "id")],
    )
    db["pages"].create_index(["scan_id"])
    db["violations"].create_index(["scan_id", "outcome"])
    db["nodes"].create_index(["scan_id", "fingerprint"])


def _m2_page_links(db: sqlite_utils.Database) -> None:
    """Links per checked page, so ``a11y scan --resume`` can rebuild the frontier."""
    db["page_links"].create(
        {"scan_id": int, "page_id": int, "url": str},
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["page_links"].create_index(["scan_id"])


def _m3_templates(db: sqlite_utils.Database) -> None:
    """Per page: layout fingerprint and --sample reason (template, random, not-checked)."""
    db["pages"].add_column("template", str)
    db["pages"].add_column("sample", str)


def _m4_document_checks(db: sqlite_utils.Database) -> None:
    """Per document: the results of our own PDF checks (JSON), see a11y.checks.pdf."""
    db["documents"].add_column("checks", str)


#: Registered migrations, applied in order once each; append, never edit.
MIGRATIONS: list[Migration] = [
    _m1_initial,
    _m2_page_links,
    _m3_templates,
    _m4_document_checks,
]


#: Scans have recorded their versions in ``a11y_migrations`` since the first release.
SCHEMA = Migrations("a11y_migrations", MIGRATIONS, stamp=now)


def open_db(db: str | Path | sqlite_utils.Database | None = None) -> sqlite_utils.Database:
    """Open (creating and migrating) the scans database; usable from several threads.

    Scans batch their writes in ``with db.conn:`` transactions (so no autocommit) and
    commit with ``synchronous=NORMAL``: in WAL mode that never corrupts the file, it
    only skips a disk sync per commit, and a killed scan re-checks its last pages.
    The declared foreign keys are not enforced, as in every scans database so far.
    """
    if isinstance(db, sqlite_utils.Database):
        SCHEMA.apply(db)
        return db
    path = Path(db) if db else paths.scans_db_path()
    conn = connect(path, autocommit=False, synchronous="NORMAL", foreign_keys=False)
    database = sqlite_utils.Database(conn)
    try:
        SCHEMA.apply(database)
    except BaseException:
        database.close()
        raise
    return database


# --- writes during a scan ----------------------------------------------------------------


@dataclass
class ScanWriter:
    """Writes one scan's rows; a lock makes it safe to share between threads.

    Pages are written in batches (``settings.WRITE_BATCH`` per transaction, and at
    least once a second); :meth:`flush` writes what is pending, and every other
    write method flushes first, so the scan row never counts unstored pages.
    """

    db: sqlite_utils.Database
    scan_id: int
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pending: list[PageResult] = field(default_factory=list)
    _flushed_at: float = field(default_factory=time.monotonic)

    @classmethod
    def start(
        cls, db: sqlite_utils.Database, start_urls: list[str], level: str, options: dict
    ) -> ScanWriter:
        row = {
            "started_at": now(),
            "start_urls": json.dumps(start_urls),
            "level": level,
            "tool_version": __version__,
            "options": json.dumps(options),
            "pages_discovered": 0,
            "pages_checked": 0,
            "pages_failed": 0,
        }
        with db.conn:
            scan_id = db["scans"].insert(row).last_pk
        return cls(db=db, scan_id=scan_id)

    def page(self, page: PageResult) -> None:
        """Queue one page; it is stored with the next batch."""
        with self._lock:
            self._pending.append(page)
            due = len(self._pending) >= settings.WRITE_BATCH
            due = due or time.monotonic() - self._flushed_at >= 1.0
        if due:
            self.flush()

    def flush(self) -> None:
        """Store the queued pages in one transaction."""
        with self._lock, self.db.conn:
            pages, self._pending = self._pending, []
            for page in pages:
                self._page(page)
            self._flushed_at = time.monotonic()

    def _page(self, page: PageResult) -> None:
        page_id = (
            self.db["pages"]
            .insert(
                {
                    "scan_id": self.scan_id,
                    "url": page.url,
                    "final_url": page.final_url,
                    "status": page.status,
                    "content_type": page.content_type,
                    "title": page.title,
                    "error": page.error,
                    "depth": page.depth,
                    "checked": int(page.axe is not None),
                    "compliance_status": page.compliance_status,
                    "raw_axe": json.dumps(page.axe.raw) if page.axe else None,
                    "template": page.template,
                    "sample": page.sample,
                }
            )
            .last_pk
        )
        self.db["redirects"].insert_all(
            {"page_id": page_id, "scan_id": self.scan_id, "position": i, "url": url}
            for i, url in enumerate(page.redirects)
        )
        self.db["page_links"].insert_all(
            {"page_id": page_id, "scan_id": self.scan_id, "url": url} for url in page.links
        )
        if page.axe:
            for outcome, findings in (
                ("violation", page.axe.violations),
                ("needs-review", page.axe.incomplete),
            ):
                for item in findings:
                    self._finding(page_id, outcome, item)

    def _finding(self, page_id: int, outcome: str, item: Finding) -> None:
        violation_id = (
            self.db["violations"]
            .insert(
                {
                    "scan_id": self.scan_id,
                    "page_id": page_id,
                    "outcome": outcome,
                    "rule": item.rule,
                    "impact": item.impact,
                    "wcag": json.dumps(list(item.wcag)),
                    "en301549": json.dumps(list(item.en301549)),
                    "tags": json.dumps(list(item.tags)),
                    "help": item.help,
                    "help_url": item.help_url,
                }
            )
            .last_pk
        )
        self.db["nodes"].insert_all(
            {
                "violation_id": violation_id,
                "scan_id": self.scan_id,
                "page_id": page_id,
                "target": node.target,
                "html": node.html,
                "failure_summary": node.failure_summary,
                "fingerprint": grouping.fingerprint(item.rule, node.target, node.html),
            }
            for node in item.nodes
        )

    def document(self, doc: DocumentResult) -> None:
        self.flush()
        with self._lock, self.db.conn:
            self.db["documents"].insert({"scan_id": self.scan_id, **doc.__dict__})

    def discard(self) -> None:
        """Remove a scan that could not start, so `a11y scans` lists only real scans."""
        with self._lock, self.db.conn:
            self._pending.clear()
            for table in ("nodes", "violations", "redirects", "page_links", "documents", "pages"):
                self.db[table].delete_where("scan_id = ?", [self.scan_id])
            self.db["scans"].delete(self.scan_id)

    def update(self, **fields: Any) -> None:
        """Store totals without marking the scan finished."""
        self.flush()
        with self._lock, self.db.conn:
            self.db["scans"].update(self.scan_id, fields)

    def finish(self, **fields: Any) -> None:
        """Record totals and per-scan facts (axe version, covered criteria, statement)."""
        if "covered_criteria" in fields:
            fields["covered_criteria"] = json.dumps(list(fields["covered_criteria"] or []))
        self.flush()
        with self._lock, self.db.conn:
            self.db["scans"].update(self.scan_id, {"finished_at": now(), **fields})

    @classmethod
    def reopen(cls, db: sqlite_utils.Database, scan_id: int) -> ScanWriter:
        """Continue writing an unfinished scan (``a11y scan --resume``)."""
        row = _scan_row(db, scan_id)
        if row["finished_at"]:
            raise ScanFinished(f"scan {scan_id} is finished; nothing to resume")
        return cls(db=db, scan_id=scan_id)


class ScanFinished(Exception):
    """Raised by :meth:`ScanWriter.reopen` when asked to resume a scan that completed."""


@dataclass(frozen=True)
class StoredPage:
    """What a resumed scan needs of a page stored before the interruption."""

    url: str
    final_url: str | None
    depth: int
    checked: bool
    failed: bool
    violations: int
    redirects: tuple[str, ...]
    links: tuple[str, ...]


@dataclass(frozen=True)
class StoredScan:
    """An unfinished scan as stored: its options, pages, documents and statement link."""

    options: dict[str, Any]
    pages: tuple[StoredPage, ...]
    documents: tuple[str, ...]
    statement_url: str | None


def stored_scan(db: sqlite_utils.Database, scan_id: int) -> StoredScan:
    """Everything a resumed scan reloads, read in one go."""
    row = _scan_row(db, scan_id)
    extra: dict[str, dict[int, list[str]]] = {"redirects": {}, "page_links": {}}
    for table, order in (("redirects", "page_id, position"), ("page_links", "rowid")):
        for r in db.query(
            f"select page_id, url from {table} where scan_id = ? order by {order}", [scan_id]
        ):
            extra[table].setdefault(r["page_id"], []).append(r["url"])
    pages = tuple(
        StoredPage(
            url=p["url"],
            final_url=p["final_url"],
            depth=p["depth"] or 0,
            checked=bool(p["checked"]),
            failed=p["error"] is not None,
            violations=p["violations"],
            redirects=tuple(extra["redirects"].get(p["id"], ())),
            links=tuple(extra["page_links"].get(p["id"], ())),
        )
        for p in db.query(
            "select p.*, (select count(*) from violations v where v.page_id = p.id and"
            " v.outcome = 'violation') as violations from pages p where p.scan_id = ?"
            " order by p.id",
            [scan_id],
        )
    )
    documents = tuple(
        d["url"] for d in db.query("select url from documents where scan_id = ?", [scan_id])
    )
    return StoredScan(
        options=json.loads(row["options"] or "{}"),
        pages=pages,
        documents=documents,
        statement_url=row["statement_url"],
    )


# --- reading ----------------------------------------------------------------------------

_IMPACT_RANK = {impact: rank for rank, impact in enumerate(settings.IMPACTS)}
#: Example URLs per grouped issue.
MAX_EXAMPLES = 5


def impact_rank(impact: str | None) -> int:
    """Position on axe's impact scale (minor=0 … critical=3); unknown impact ranks lowest."""
    return _IMPACT_RANK.get(impact or "", -1)


def _scan_row(db: sqlite_utils.Database, scan_id: int) -> dict[str, Any]:
    try:
        return db["scans"].get(scan_id)
    except sqlite_utils.db.NotFoundError:
        raise ScanNotFound(f"no scan with id {scan_id}") from None


def list_scans(db: str | Path | sqlite_utils.Database | None = None) -> list[dict[str, Any]]:
    """Stored scans, newest first, with their totals."""
    database = open_db(db)
    rows = database.query(
        "select id, started_at, finished_at, start_urls, level, axe_version, pages_discovered,"
        " pages_checked, pages_failed, (select count(*) from violations v where v.scan_id ="
        " scans.id and v.outcome = 'violation') as violations from scans order by id desc"
    )
    return [{**r, "start_urls": json.loads(r["start_urls"] or "[]")} for r in rows]


def _findings(db: sqlite_utils.Database, scan_id: int) -> dict[int, dict[str, list]]:
    """{page_id: {'violation': [...], 'needs-review': [...]}} in the contract's shape."""
    nodes: dict[int, list[dict]] = {}
    for n in db.query(
        "select violation_id, target, html, failure_summary from nodes where scan_id = ?"
        " order by id",
        [scan_id],
    ):
        nodes.setdefault(n["violation_id"], []).append(n)
    by_page: dict[int, dict[str, list]] = {}
    for v in db.query("select * from violations where scan_id = ? order by id", [scan_id]):
        details = nodes.get(v["id"], [])
        item = {
            "rule": v["rule"],
            "impact": v["impact"],
            "wcag": json.loads(v["wcag"]),
            "en301549": json.loads(v["en301549"]),
            "help": v["help"],
            "help_url": v["help_url"],
            "targets": [n["target"] for n in details],
            "nodes": len(details),
            "node_details": [
                {"target": n["target"], "html": n["html"], "failure_summary": n["failure_summary"]}
                for n in details
            ],
        }
        slot = by_page.setdefault(v["page_id"], {"violation": [], "needs-review": []})
        slot[v["outcome"]].append(item)
    return by_page


@dataclass(frozen=True)
class _Hit:
    """One failing element (or one site-level finding on one page), ready to be grouped."""

    fingerprint: str
    rule: str
    impact: str | None
    wcag: list[str]
    en301549: list[str]
    help: str
    help_url: str
    target: str
    html: str
    summary: str
    page: int  # page id
    page_url: str
    template: str | None
    outcome: str  # 'violation', or 'needs-review' for site-level findings
    scope: str  # 'page' (axe and own page checks) or 'site' (a11y.checks.site)


def _violation_hits(db: sqlite_utils.Database, scan_id: int) -> list[_Hit]:
    return [
        _Hit(
            fingerprint=row["fingerprint"],
            rule=row["rule"],
            impact=row["impact"],
            wcag=json.loads(row["wcag"]),
            en301549=json.loads(row["en301549"]),
            help=row["help"],
            help_url=row["help_url"],
            target=row["target"] or "",
            html=row["html"] or "",
            summary=row["failure_summary"] or "",
            page=row["page_id"],
            page_url=row["page_url"],
            template=row["template"],
            outcome="violation",
            scope="page",
        )
        for row in db.query(
            "select n.fingerprint, n.target, n.html, n.failure_summary, n.page_id, v.rule,"
            " v.impact, v.wcag, v.en301549, v.help, v.help_url, p.template,"
            " coalesce(p.final_url, p.url) as page_url from nodes n join violations v on"
            " v.id = n.violation_id join pages p on p.id = n.page_id where n.scan_id = ? and"
            " v.outcome = 'violation' order by n.id",
            [scan_id],
        )
    ]


def _site_hits(
    pages: list[dict[str, Any]],
    page_ids: list[int],
    site_items: list[list[tuple[str, dict[str, Any]]]],
) -> list[_Hit]:
    """Site-level findings (computed when the report is built, never stored) as hits;
    ``site_items`` holds per page (outcome, item) pairs."""
    hits = []
    for page, page_id, items in zip(pages, page_ids, site_items, strict=True):
        for outcome, item in items:
            for node in item.get("node_details") or []:
                hits.append(
                    _Hit(
                        fingerprint=grouping.site_fingerprint(
                            item["rule"], node["target"], node["html"]
                        ),
                        rule=item["rule"],
                        impact=item["impact"],
                        wcag=list(item["wcag"]),
                        en301549=list(item["en301549"]),
                        help=item["help"],
                        help_url=item["help_url"],
                        target=node["target"],
                        html=node["html"],
                        summary=node["failure_summary"],
                        page=page_id,
                        page_url=page["final_url"] or page["url"],
                        template=page["template"],
                        outcome=outcome,
                        scope="site",
                    )
                )
    return hits


def _issues(hits: list[_Hit]) -> list[dict[str, Any]]:
    """Hits grouped by fingerprint, each group told where it sits (template or content).

    Worst impact first (the order the JSON contract has always had); within one impact
    violations before site-level findings that need review, then the widest first.
    """
    groups: dict[str, dict[str, Any]] = {}
    extra: dict[str, dict[str, Any]] = {}
    for hit in hits:
        group = groups.get(hit.fingerprint)
        if group is None:
            group = groups[hit.fingerprint] = {
                "rule": hit.rule,
                "impact": hit.impact,
                "wcag": hit.wcag,
                "en301549": hit.en301549,
                "fingerprint": hit.fingerprint,
                "pages": 0,
                "nodes": 0,
                "example_urls": [],
                "help": hit.help,
                "help_url": hit.help_url,
                "target": hit.target,
                "html": hit.html,
                "summary": hit.summary,
                "outcome": hit.outcome,
                "scope": hit.scope,
            }
            extra[hit.fingerprint] = {"pages": set(), "templates": set(), "landmark": None}
        seen = extra[hit.fingerprint]
        group["nodes"] += 1
        if seen["landmark"] is None and hit.scope == "page":
            seen["landmark"] = grouping.landmark(hit.target, hit.html)
        if hit.template:
            seen["templates"].add(hit.template)
        if hit.page not in seen["pages"]:
            seen["pages"].add(hit.page)
            group["pages"] += 1
            if len(group["example_urls"]) < MAX_EXAMPLES:
                group["example_urls"].append(hit.page_url)
    for fp, group in groups.items():
        seen = extra[fp]
        group["region"], group["region_reason"] = grouping.region(
            group["rule"],
            seen["landmark"],
            group["pages"],
            len(seen["templates"]),
            site_check=group["scope"] == "site",
        )
        group["landmark"] = seen["landmark"]
    issues = list(groups.values())
    issues.sort(
        key=lambda i: (
            -impact_rank(i["impact"]),
            i["outcome"] != "violation",
            -i["pages"],
            -i["nodes"],
            i["rule"],
        )
    )
    return issues


def _criteria(
    covered: set[str], pages: list[dict[str, Any]], own: dict[str, list[str]] | None = None
) -> list[dict[str, Any]]:
    """Result per criterion; ``tested_by`` says whether axe, our own checks or nobody tested it."""
    own = own or {}
    failing: dict[str, set[str]] = {}
    for page in pages:
        for v in page["violations"]:
            for number in v["wcag"]:
                failing.setdefault(number, set()).add(v["rule"])
    out = []
    for c in criteria.criteria():
        if c.number in failing:
            result = "failed"
        elif c.number in covered or own_rules.decides(own.get(c.number, ())):
            result = "no-violations-found"
        else:
            result = "not-tested-automatically"
        out.append(
            {
                "number": c.number,
                "name_nl": c.name_nl,
                "name_en": c.name_en,
                "level": c.level,
                "en301549": c.en301549,
                "result": result,
                "rules": sorted(failing.get(c.number, ())),
                "tested_by": own_rules.tested_by(c.number in covered, own.get(c.number, ())),
            }
        )
    return out


def build_report(db: str | Path | sqlite_utils.Database | None, scan_id: int) -> dict[str, Any]:
    """The report dictionary of a stored scan (the JSON contract of issue 3, plus extras)."""
    database = open_db(db)
    scan = _scan_row(database, scan_id)
    findings = _findings(database, scan_id)
    redirects: dict[int, list[str]] = {}
    for r in database.query(
        "select page_id, url from redirects where scan_id = ? order by page_id, position",
        [scan_id],
    ):
        redirects.setdefault(r["page_id"], []).append(r["url"])
    pages = []
    page_ids: list[int] = []
    own_facts: list[dict[str, Any] | None] = []
    statuses: dict[str, str | None] = {}
    final_of: dict[str, str] = {}
    for p in database.query("select * from pages where scan_id = ? order by id", [scan_id]):
        found = findings.get(p["id"], {"violation": [], "needs-review": []})
        pages.append(
            {
                "url": p["url"],
                "final_url": p["final_url"],
                "status": p["status"],
                "title": p["title"],
                "error": p["error"],
                "redirects": redirects.get(p["id"], []),
                "violations": found["violation"],
                "needs_review": found["needs-review"],
                "template": p["template"],
                "sample": p["sample"],
            }
        )
        page_ids.append(p["id"])
        own_facts.append(site_checks.facts_from_raw(p["raw_axe"]))
        if p["final_url"]:
            final_of[p["url"]] = p["final_url"]
        statuses[p["url"]] = statuses.get(p["url"]) or p["compliance_status"]
        if p["final_url"]:
            statuses[p["final_url"]] = statuses.get(p["final_url"]) or p["compliance_status"]
    # Whatever the site-level checks add to a page is a site-level finding: today they
    # only add needs-review results, but a certain failure would count as a violation.
    before = [(len(p["violations"]), len(p["needs_review"])) for p in pages]
    site_checks.apply(pages, own_facts)
    site_items = [
        [("violation", v) for v in p["violations"][nv:]]
        + [(own_rules.REVIEW, v) for v in p["needs_review"][nr:]]
        for p, (nv, nr) in zip(pages, before, strict=True)
    ]
    hits = _violation_hits(database, scan_id) + _site_hits(pages, page_ids, site_items)
    options = json.loads(scan["options"] or "{}")
    checks = options.get("checks", "full")  # older scans ran all
    skip = own_rules.FULL_ONLY_RULES if checks == "standard" else frozenset()
    own = own_rules.covered(skip) if any(f is not None for f in own_facts) else {}
    statement_url = scan["statement_url"]
    covered = set(json.loads(scan["covered_criteria"] or "[]"))
    documents = [
        {
            "url": d["url"],
            "type": d["type"],
            "bytes": d["bytes"],
            "found_on": d["found_on"],
            "checked": d["checks"] is not None,
            "problems": pdf_checks.problems(d["checks"]),
        }
        for d in database.query(
            "select * from documents where scan_id = ? order by rowid", [scan_id]
        )
    ]
    return {
        "scan": {
            "id": scan["id"],
            "started_at": scan["started_at"],
            "finished_at": scan["finished_at"],
            "start_urls": json.loads(scan["start_urls"] or "[]"),
            "axe_version": scan["axe_version"],
            "level": scan["level"],
            "pages_checked": scan["pages_checked"] or 0,
            "pages_failed": scan["pages_failed"] or 0,
            "pages_discovered": scan["pages_discovered"] or 0,
            "tool_version": scan["tool_version"],
        },
        "pages": pages,
        "issues": _issues(hits),
        "criteria": _criteria(covered, pages, own),
        "statement": {
            "found": statement_url is not None,
            "url": statement_url,
            "status": (statuses.get(statement_url) or statuses.get(final_of.get(statement_url)))
            if statement_url
            else None,
        },
        "documents": documents,
        "site_checks": {
            # a11y.checks.site compares pages, so it needs at least two with own-check facts;
            # a diff must not call a site-level finding fixed when it was not looked for.
            "ran": sum(f is not None for f in own_facts) >= 2,
            "pages": sum(f is not None for f in own_facts),
        },
        "sampling": _sampling(pages),
        "coverage": _coverage(scan, pages, options),
    }


def _sampling(pages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """--sample: which pages stand for which template; None when every page was checked."""
    if not any(p["sample"] for p in pages):
        return None
    groups: dict[str, dict[str, Any]] = {}
    for p in pages:
        if not p["template"]:
            continue
        g = groups.setdefault(
            p["template"],
            {
                "template": p["template"],
                "pages": 0,
                "checked": [],
                "not_checked": 0,
                "checked_template": 0,
                "checked_random": 0,
                "example_title": p["title"],
            },
        )
        g["pages"] += 1
        if p["sample"] in ("template", "random"):
            g["checked"].append({"url": p["final_url"] or p["url"], "sample": p["sample"]})
            g["checked_" + p["sample"]] += 1
        else:
            g["not_checked"] += 1
    templates = sorted(groups.values(), key=lambda g: -g["pages"])
    for number, g in enumerate(templates, start=1):
        g["number"] = number
    return {
        "mode": "sample",
        "per_template": settings.SAMPLE_PER_TEMPLATE,
        "random_share": settings.SAMPLE_RANDOM_SHARE,
        "note": "Structured sample: the first pages of every template; random sample: a fixed"
        " share of the rest. Pages not checked are represented by their template's sample.",
        "templates": templates,
        "template_count": len(templates),
        "checked_template": sum(g["checked_template"] for g in templates),
        "checked_random": sum(g["checked_random"] for g in templates),
        "not_checked": sum(g["not_checked"] for g in templates),
    }


def _coverage(
    scan: dict[str, Any], pages: list[dict[str, Any]], options: dict[str, Any]
) -> dict[str, Any]:
    """Which of the pages found were checked, and why the others were not.

    A reader of a report (and of the statement draft built on it) must know whether it
    speaks for every page or for a sample, and which limits cut the crawl short.
    """
    found = max(scan["pages_discovered"] or 0, len(pages))
    checked = scan["pages_checked"] or 0
    failed = sum(1 for p in pages if p["error"])
    skipped = sum(1 for p in pages if p["sample"] not in (None, "template", "random"))
    return {
        "mode": "sample" if options.get("sample") else "all",
        "pages_found": found,
        "pages_visited": len(pages),
        "pages_checked": checked,
        "pages_failed": failed,
        "pages_not_checked_sample": skipped,
        "pages_not_visited": max(0, found - len(pages)),
        # The crawl stopped at --max-pages (rather than robots.txt or scope leaving pages out).
        "limit_reached": bool(options.get("max_pages")) and len(pages) >= options["max_pages"],
        "max_pages": options.get("max_pages"),
        "max_depth": options.get("max_depth"),
    }


def violations(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The grouped issues that are certain violations (not site-level review findings);
    reports of older versions carry no ``outcome`` and hold violations only."""
    return [i for i in report["issues"] if i.get("outcome", "violation") == "violation"]


def worst_impact(report: dict[str, Any]) -> str | None:
    """Highest impact among the report's violations, None when there are none."""
    ranks = [impact_rank(i["impact"]) for i in violations(report)]
    return settings.IMPACTS[max(ranks)] if ranks and max(ranks) >= 0 else None


def diff_scans(
    db: str | Path | sqlite_utils.Database | None, old_id: int, new_id: int
) -> dict[str, list[dict[str, Any]]]:
    """Grouped issues of two scans compared by fingerprint: new, fixed and persisting.

    An issue of the old scan that the new scan did not look for again is
    ``not_rechecked``, not fixed: none of its pages was checked this time (a smaller
    scan, --sample, a page that failed to load), its rule did not run (--checks axe or
    standard, --level A for an AA criterion), or, for a site-level finding, the site
    checks did not run. A smaller scan must not make a barrier look solved.
    """
    database = open_db(db)
    new_report = build_report(database, new_id)
    old = {i["fingerprint"]: i for i in build_report(database, old_id)["issues"]}
    new = {i["fingerprint"]: i for i in new_report["issues"]}
    checked = {
        url
        for p in new_report["pages"]
        if not p["error"] and p["sample"] != "not-checked"
        for url in (p["url"], p["final_url"])
        if url
    }
    old_pages: dict[str, set[str]] = {}
    for row in database.query(
        "select distinct n.fingerprint, p.url, p.final_url from nodes n join pages p"
        " on p.id = n.page_id where n.scan_id = ?",
        [old_id],
    ):
        old_pages.setdefault(row["fingerprint"], set()).update(
            u for u in (row["url"], row["final_url"]) if u
        )
    scan = _scan_row(database, new_id)
    checks = json.loads(scan["options"] or "{}").get("checks", "full")
    level = scan["level"] or "AA"
    by_number = criteria.criteria_by_number()

    def rule_ran(issue: dict[str, Any]) -> bool:
        rule = issue["rule"]
        if rule in own_rules.RULES and (
            checks == "axe" or (checks == "standard" and rule in own_rules.FULL_ONLY_RULES)
        ):
            return False
        levels = {by_number[n].level for n in issue["wcag"] if n in by_number}
        return not (level == "A" and levels == {"AA"})

    def rechecked(issue: dict[str, Any]) -> bool:
        if not rule_ran(issue):
            return False
        if issue.get("scope") == "site":
            pages = set(issue["example_urls"]) if new_report["site_checks"]["ran"] else set()
        else:
            pages = old_pages.get(issue["fingerprint"], set(issue["example_urls"]))
        return not pages.isdisjoint(checked)

    gone = [i for f, i in old.items() if f not in new]
    return {
        "new": [i for f, i in new.items() if f not in old],
        "fixed": [i for i in gone if rechecked(i)],
        "persisting": [i for f, i in new.items() if f in old],
        "not_rechecked": [i for i in gone if not rechecked(i)],
    }
