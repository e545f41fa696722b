"""The scans database: schema, migrations, writes during a crawl, and reads.

This is the only module that speaks SQL. It stores and reads rows and computes
nothing a report says: :func:`read_scan` hands a stored scan's rows to
:mod:`a11y.analysis`, which builds the report every output is rendered from.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from a11y import __version__, criteria, grouping, settings
from a11y.browser.axe import AxeRun, Finding
from inclusiedesk import paths
from inclusiedesk.db import Migration, Migrations, connect


class ScanNotFound(Exception):
    """Raised by report and diff functions when a scan id is not in the database."""

    def __init__(self, scan_id: int) -> None:
        super().__init__(f"no scan with id {scan_id}")
        #: The id asked for, so the CLI can say it in its own language.
        self.scan_id = scan_id


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


def _m5_page_facts(db: sqlite_utils.Database) -> None:
    """Per page: the site-level checks' facts (JSON) in their own column.

    Scans before this migration spliced them into the raw axe JSON under an ``idesk``
    key (with our own checks' hits, which the violations rows already hold); they move
    out, so the raw axe JSON is again what axe returned and an old scan reports the same.
    """
    db["pages"].add_column("facts", str)
    spliced = [
        row[0]
        for row in db.execute("select id from pages where raw_axe like '%\"idesk\"%'").fetchall()
    ]
    for page_id in spliced:
        (raw_axe,) = db.execute("select raw_axe from pages where id = ?", [page_id]).fetchone()
        try:
            raw = json.loads(raw_axe)
        except ValueError:
            continue
        own = raw.pop("idesk", None) if isinstance(raw, dict) else None
        if not isinstance(own, dict):
            continue
        facts = own.get("facts")
        db.execute(
            "update pages set raw_axe = ?, facts = ? where id = ?",
            [json.dumps(raw), None if facts is None else json.dumps(facts), page_id],
        )


#: Registered migrations, applied in order once each; append, never edit.
MIGRATIONS: list[Migration] = [
    _m1_initial,
    _m2_page_links,
    _m3_templates,
    _m4_document_checks,
    _m5_page_facts,
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
                    "facts": json.dumps(page.axe.facts)
                    if page.axe and page.axe.facts is not None
                    else None,
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


def _scan_row(db: sqlite_utils.Database, scan_id: int) -> dict[str, Any]:
    try:
        return db["scans"].get(scan_id)
    except sqlite_utils.db.NotFoundError:
        raise ScanNotFound(scan_id) from None


def list_scans(db: str | Path | sqlite_utils.Database | None = None) -> list[dict[str, Any]]:
    """Stored scans, newest first, with their totals."""
    database = open_db(db)
    rows = database.query(
        "select id, started_at, finished_at, start_urls, level, axe_version, pages_discovered,"
        " pages_checked, pages_failed, (select count(*) from violations v where v.scan_id ="
        " scans.id and v.outcome = 'violation') as violations from scans order by id desc"
    )
    return [{**r, "start_urls": json.loads(r["start_urls"] or "[]")} for r in rows]


@dataclass(frozen=True)
class ScanRows:
    """One stored scan's rows as read, JSON columns decoded; :mod:`a11y.analysis` makes
    the report of them. Every list is in insertion order (the order pages were stored)."""

    #: The scans row; ``start_urls``, ``options`` and ``covered_criteria`` decoded.
    scan: dict[str, Any]
    #: The pages' columns except the raw axe JSON, ``facts`` decoded (None: not collected).
    pages: list[dict[str, Any]]
    redirects: dict[int, list[str]]
    #: Violation and needs-review rows, ``wcag`` and ``en301549`` decoded.
    findings: list[dict[str, Any]]
    nodes: list[dict[str, Any]]
    documents: list[dict[str, Any]]


def read_scan(db: str | Path | sqlite_utils.Database | None, scan_id: int) -> ScanRows:
    """Everything a report is made of, read in one go (raises :class:`ScanNotFound`)."""
    database = open_db(db)
    row = _scan_row(database, scan_id)
    scan = {
        **row,
        "start_urls": json.loads(row["start_urls"] or "[]"),
        "options": json.loads(row["options"] or "{}"),
        "covered_criteria": json.loads(row["covered_criteria"] or "[]"),
    }
    redirects: dict[int, list[str]] = {}
    for r in database.query(
        "select page_id, url from redirects where scan_id = ? order by page_id, position",
        [scan_id],
    ):
        redirects.setdefault(r["page_id"], []).append(r["url"])
    pages = [
        {**p, "facts": json.loads(p["facts"]) if p["facts"] is not None else None}
        for p in database.query(
            "select id, url, final_url, status, title, error, compliance_status, template,"
            " sample, facts from pages where scan_id = ? order by id",
            [scan_id],
        )
    ]
    findings = [
        {**v, "wcag": json.loads(v["wcag"]), "en301549": json.loads(v["en301549"])}
        for v in database.query(
            "select id, page_id, outcome, rule, impact, wcag, en301549, help, help_url"
            " from violations where scan_id = ? order by id",
            [scan_id],
        )
    ]
    nodes = list(
        database.query(
            "select id, violation_id, page_id, target, html, failure_summary, fingerprint"
            " from nodes where scan_id = ? order by id",
            [scan_id],
        )
    )
    documents = list(
        database.query("select * from documents where scan_id = ? order by rowid", [scan_id])
    )
    return ScanRows(scan, pages, redirects, findings, nodes, documents)


@dataclass(frozen=True)
class SiteSummary:
    """The last successful scan of one website in a few figures, and its earlier
    successful scans' totals."""

    site: str  # the first start URL's host
    scan_id: int
    started_at: str
    pages_checked: int
    #: Grouped certain violations (one per fingerprint, as the report groups them) per
    #: impact, worst first; impacts without violations are left out.
    violations_by_impact: dict[str | None, int]
    failing_criteria: tuple[str, ...]  # success criteria with a violation, in WCAG order
    statement_found: bool
    #: (started_at, violation rows) per scan of this site, newest first.
    history: tuple[tuple[str, int], ...]


def _worst_first(impacts: dict[str | None, int]) -> list[str | None]:
    """axe's impacts worst first, then any other value (None: no impact given)."""
    known = [i for i in reversed(settings.IMPACTS) if i in impacts]
    return known + sorted((i for i in impacts if i not in settings.IMPACTS), key=str)


def site_of(start_urls: list[str]) -> str:
    """The site a scan belongs to: the host of its first start URL."""
    return (urlsplit(start_urls[0]).netloc or start_urls[0]) if start_urls else "?"


def succeeded(scan: dict[str, Any]) -> bool:
    """A scan that finished and checked at least one page: one interrupted, or of a site
    that was down, says nothing about the site and would show it as flawless."""
    return bool(scan.get("finished_at")) and (scan.get("pages_checked") or 0) > 0


def site_summaries(db: str | Path | sqlite_utils.Database | None = None) -> list[SiteSummary]:
    """Per scanned site (by name), its last successful scan's figures from SQL aggregates:
    cheap enough for a statistics screen, without building a report per site. Failed and
    unfinished scans are left out, of the history too; a site with none is not listed."""
    database = open_db(db)
    by_site: dict[str, list[dict[str, Any]]] = {}
    for scan in list_scans(database):  # newest first
        if succeeded(scan):
            by_site.setdefault(site_of(scan["start_urls"]), []).append(scan)
    order = {c.number: i for i, c in enumerate(criteria.criteria())}
    out = []
    for site, scans in sorted(by_site.items()):
        latest = scans[0]
        # A grouped issue takes the impact of its first element (see a11y.analysis).
        impacts = dict(
            database.execute(
                "select v.impact, count(*) from (select min(n.id) as first from nodes n join"
                " violations v on v.id = n.violation_id where n.scan_id = ? and v.outcome ="
                " 'violation' group by n.fingerprint) g join nodes n on n.id = g.first join"
                " violations v on v.id = n.violation_id group by v.impact",
                [latest["id"]],
            ).fetchall()
        )
        failing = [
            row[0]
            for row in database.execute(
                "select distinct j.value from violations v, json_each(v.wcag) j"
                " where v.scan_id = ? and v.outcome = 'violation'",
                [latest["id"]],
            ).fetchall()
            if row[0] in order
        ]
        (statement_url,) = database.execute(
            "select statement_url from scans where id = ?", [latest["id"]]
        ).fetchone()
        out.append(
            SiteSummary(
                site=site,
                scan_id=latest["id"],
                started_at=latest["started_at"] or "",
                pages_checked=latest["pages_checked"] or 0,
                violations_by_impact={i: impacts[i] for i in _worst_first(impacts)},
                failing_criteria=tuple(sorted(failing, key=order.__getitem__)),
                statement_found=statement_url is not None,
                history=tuple((s["started_at"] or "", s["violations"]) for s in scans),
            )
        )
    return out
