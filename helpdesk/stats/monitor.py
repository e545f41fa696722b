"""Monthly counts in the categories of the Bibliotheekmonitor's IDO registration.

Libraries with an Informatiepunt Digitale Overheid account for their work in the KB's
Bibliotheekmonitor. Its registration form (since April 2024) counts visits, allows
several questions per visit, separates questions about the digital government from
questions about library services and other questions, asks a deeper question about
DigiD and about referrals, and no longer asks for the visitor's background. The desk
already records each visit with one or more subjects, so the monthly figures follow
from the stored codes; ``data/bibliotheekmonitor.toml`` says which subject is which kind
of question, and docs/bibliotheekmonitor.md what follows the form and what is our own.

The figures leave the desk, so every count is published as ``suppression`` says (the
cell-key method, totals included), a month with fewer visits than the threshold shows
nothing else, and a breakdown that adds up to a shown total never has exactly one hidden
cell (see ``suppression.partition``).
"""

from __future__ import annotations

import csv
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from helpdesk.i18n import t
from helpdesk.stats import periods, suppression
from helpdesk.store import Store
from helpdesk.taxonomy import Taxonomy, TaxonomyError, taxonomy
from inclusiedesk.paths import data_dir

CATEGORIES = ("government", "library", "other")
BY_ORGANISATION = "by_organisation"
NOT_GOVERNMENT = "not-government"
DIGID = "digid"  # the organisation code of DigiD (Logius)
FORMAT = "bibliotheekmonitor-month/1"


def is_government(organisation: str, tax: Taxonomy) -> bool:
    """A known organisation whose level is a level of government."""
    return tax.has("organisation", organisation) and (
        tax.government_level(organisation) != NOT_GOVERNMENT
    )


@dataclass(frozen=True)
class MonitorMapping:
    """Which kind of question each subject is, and which subjects the DigiD question counts."""

    category: dict[str, str]  # subject code -> a CATEGORIES entry or BY_ORGANISATION
    digid_subjects: tuple[str, ...]  # always a DigiD question
    with_digid: tuple[str, ...] = ()  # a DigiD question when DigiD is the organisation

    def digid_question(self, subject: str, organisations: tuple[str, ...]) -> bool:
        return subject in self.digid_subjects or (
            subject in self.with_digid and DIGID in organisations
        )

    def question_category(self, subject: str, organisations: tuple[str, ...], tax: Taxonomy) -> str:
        found = self.category.get(subject, BY_ORGANISATION)
        if found != BY_ORGANISATION:
            return found
        government = any(is_government(org, tax) for org in organisations)
        return "government" if government else "other"


def load_mapping(path: Path | None = None) -> MonitorMapping:
    path = path or data_dir() / "bibliotheekmonitor.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"cannot read {path}: {exc}") from exc
    category: dict[str, str] = {}
    for name, subjects in raw.get("category", {}).items():
        if name not in (*CATEGORIES, BY_ORGANISATION):
            raise TaxonomyError(f"{path}: unknown category {name!r}")
        for subject in subjects:
            if subject in category:
                raise TaxonomyError(f"{path}: subject {subject!r} is listed twice")
            category[subject] = name
    digid = raw.get("digid", {})
    return MonitorMapping(
        category, tuple(digid.get("subjects", ())), tuple(digid.get("with_digid", ()))
    )


@lru_cache(maxsize=1)
def mapping() -> MonitorMapping:
    return load_mapping()


@dataclass(frozen=True)
class MonitorMonth:
    """The raw counts of one month; ``protect`` turns them into what may leave the desk."""

    period: periods.Period
    location: str | None
    visits: int
    questions: int
    visits_with_several_questions: int
    questions_by_category: dict[str, int]
    government_visits_by_organisation: dict[str, int]
    digid_questions: dict[str, int]
    visits_by_help_type: dict[str, int]
    referred_visits: int
    referrals: dict[str, int]
    # the key sums of the counted requests (cell_key.py) by figure ('visits') or
    # '<section>/<code>' ('referrals/schuldhulp'); never shown
    keys: dict[str, int]


def month_counts(store: Store, period: periods.Period, location: str | None = None) -> MonitorMonth:
    """Count one period's visits and questions in the monitor's categories."""
    tax, kinds = taxonomy(), mapping()
    since, until = period.bounds()
    loc = " AND {r}location = ?" if location else ""
    where = "{r}created_at >= ? AND {r}created_at < ?" + loc
    params: tuple = (since, until, location) if location else (since, until)
    codes: dict[str, dict[str, list[str]]] = {}
    rows = store.conn.execute(
        "SELECT c.request_id, c.kind, c.code FROM request_codes c JOIN requests r "
        f"ON r.id = c.request_id WHERE {where.format(r='r.')} ORDER BY c.rowid",
        params,
    )
    for request_id, kind, code in rows:
        codes.setdefault(request_id, {}).setdefault(kind, []).append(code)
    visits = 0
    several = 0
    referred = 0
    by_category: Counter[str] = Counter({c: 0 for c in CATEGORIES})
    gov_orgs: Counter[str] = Counter()
    digid: Counter[str] = Counter()
    help_types: Counter[str] = Counter()
    referrals: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    for request_id, help_type, outcome, referred_to, key in store.conn.execute(
        "SELECT id, help_type, outcome, referred_to, coalesce(stats_key, 0) FROM requests "
        f"WHERE {where.format(r='')}",
        params,
    ):
        counted: list[str] = ["visits"]  # every figure this visit counts in, once per count
        visits += 1
        own = codes.get(request_id, {})
        organisations = tuple(own.get("organisation", ()))
        subjects = own.get("subject", [])
        several += len(subjects) > 1
        counted += ["visits_with_several_questions"] * (len(subjects) > 1)
        asked = [kinds.question_category(s, organisations, tax) for s in subjects]
        by_category.update(asked)
        counted += ["questions"] * len(asked) + [f"questions_by_category/{c}" for c in asked]
        if "government" in asked:
            gov = [org for org in organisations if is_government(org, tax)]
            gov_orgs.update(gov)
            counted += [f"government_visits_by_organisation/{org}" for org in gov]
        asked_digid = [s for s in subjects if kinds.digid_question(s, organisations)]
        digid.update(asked_digid)
        counted += [f"digid_questions/{s}" for s in asked_digid]
        help_types[help_type] += 1
        counted.append(f"visits_by_help_type/{help_type}")
        if outcome == "referred":
            referred += 1
            referrals[referred_to or "unknown"] += 1
            counted += ["referred_visits", f"referrals/{referred_to or 'unknown'}"]
        for figure in counted:
            keys[figure] += key
    return MonitorMonth(
        period=period,
        location=location,
        visits=visits,
        questions=sum(by_category.values()),
        visits_with_several_questions=several,
        questions_by_category={c: by_category[c] for c in CATEGORIES},
        government_visits_by_organisation=dict(gov_orgs.most_common()),
        digid_questions={
            s: digid[s] for s in (*kinds.digid_subjects, *kinds.with_digid) if digid[s]
        },
        visits_by_help_type=dict(help_types.most_common()),
        referred_visits=referred,
        referrals=dict(referrals.most_common()),
        keys=dict(keys),
    )


def protect(month: MonitorMonth, threshold: int = suppression.DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The month as it may leave the desk: the ``helpdesk monitor --json`` contract.

    Every count below the threshold is shown as ``<N``, totals included; a breakdown
    that adds up to a shown total hides a second cell when it would hide only one, so
    the hidden one cannot be worked out by subtraction. The organisation breakdown
    counts a visit once per organisation and adds up to nothing, so it needs no second
    cell.
    """
    suppression.check_threshold(threshold)
    keys = month.keys
    visits = suppression.cell(month.visits, threshold, keys.get("visits", 0))
    hidden = suppression.is_suppressed(visits)  # a few visitors: nothing more of them

    def total(name: str) -> int | str | None:
        value = suppression.cell(getattr(month, name), threshold, keys.get(name, 0))
        return None if hidden and name != "visits" else value

    def breakdown(name: str, partition: bool = False) -> dict[str, int | str]:
        if hidden:
            return {}
        counts: dict[str, int] = getattr(month, name)
        section = {code: keys.get(f"{name}/{code}", 0) for code in counts}
        publish = suppression.partition if partition else suppression.table
        return publish(counts, threshold, section)

    return {
        "format": FORMAT,
        "month": month.period.label,
        "since": month.period.start.isoformat(),
        "until": month.period.end.isoformat(),
        "location": month.location,
        "visits": visits,
        "questions": total("questions"),
        "visits_with_several_questions": total("visits_with_several_questions"),
        # every kind listed, 0 included: the monitor asks for each
        "questions_by_category": {}
        if hidden
        else {**dict.fromkeys(CATEGORIES, 0), **breakdown("questions_by_category", True)},
        "government_visits_by_organisation": breakdown("government_visits_by_organisation"),
        "digid_questions": breakdown("digid_questions"),
        "visits_by_help_type": breakdown("visits_by_help_type", True),
        "referred_visits": total("referred_visits"),
        "referrals": breakdown("referrals", True),
        "suppression_threshold": threshold,
    }


# sections of the export, in order: (JSON key, taxonomy kind of its codes or None)
SECTIONS: tuple[tuple[str, str | None], ...] = (
    ("questions_by_category", None),
    ("government_visits_by_organisation", "organisation"),
    ("digid_questions", "subject"),
    ("visits_by_help_type", "help_type"),
    ("referrals", "referral_target"),
)
TOTALS = ("visits", "questions", "visits_with_several_questions", "referred_visits")


def code_label(kind: str | None, code: str, lang: str) -> str:
    if kind is None:
        return t(f"monitor.category.{code}", lang)
    tax = taxonomy()
    if kind == "referral_target":
        return tax.referral_label(code, lang) if code != "unknown" else t("unknown", lang)
    return tax.label(kind, code, lang)


def rows(figures: dict[str, Any], lang: str) -> list[dict[str, object]]:
    """One row per figure, for CSV and for the text table: section, code, label, count."""
    out: list[dict[str, object]] = [
        {
            "section": key,
            "code": "",
            "label": t(f"monitor.total.{key}", lang),
            "count": figures[key],
        }
        for key in TOTALS
    ]
    for key, kind in SECTIONS:
        for code, count in figures[key].items():
            out.append(
                {
                    "section": key,
                    "code": code,
                    "label": code_label(kind, code, lang),
                    "count": count,
                }
            )
    return out


def write_csv(figures: dict[str, Any], lang: str, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["month", "location", "section", "code", "label", "count"])
    for row in rows(figures, lang):
        writer.writerow(
            [
                figures["month"],
                figures["location"] or "",
                row["section"],
                row["code"],
                row["label"],
                row["count"],
            ]
        )


def render_text(figures: dict[str, Any], lang: str) -> str:
    """A plain table a coordinator can copy from into the monitor's form."""
    lines = [
        t(
            "monitor.heading",
            lang,
            month=figures["month"],
            location=figures["location"] or t("monitor.all_locations", lang),
        )
    ]
    section = None
    for row in rows(figures, lang):
        if row["section"] != section and row["section"] not in TOTALS:
            section = row["section"]
            lines += ["", f"{t(f'monitor.section.{section}', lang)}:"]
        indent = "  " if row["section"] not in TOTALS else ""
        count = "–" if row["count"] is None else row["count"]
        lines.append(f"{indent}{row['label']:<48} {count!s:>7}")
    lines += ["", t("monitor.suppression", lang, n=figures["suppression_threshold"])]
    return "\n".join(lines) + "\n"
