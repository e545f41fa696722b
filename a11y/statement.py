"""The Bdto accessibility statement: find it, read its status, draft what does not comply.

Under the Bdto every government site publishes a toegankelijkheidsverklaring with a
compliance status (A-E) and a list of what does not comply. A scan can tell a web
team whether the statement is linked, what status it claims, and give a first draft
of the 'what does not comply' section from the automated findings.

Compliance statuses (nalevingsstatussen) as published by Logius/DigiToegankelijk:

- A  "voldoet volledig": complete, recent (WCAG-EM) research; all 50 criteria met.
- B  "voldoet gedeeltelijk": complete research; fewer than 50 met, measures described.
- C  "eerste maatregelen genomen": no complete research yet, research planned within
     6 months.
- D  "geen maatregelen genomen": no complete research and none planned.
- E  no (valid) statement: the dashboard lists sites without a statement with E;
     worded as "niet aangetoond", "geen verklaring" or "verklaring ontbreekt".

The register of statements lives at toegankelijkheidsverklaring.nl (/register/<id>);
its pages and its label/badge state the status as e.g. "B - voldoet gedeeltelijk".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from a11y.i18n import CATALOG, t

if TYPE_CHECKING:
    from a11y.analysis.model import DocumentProblem, DocumentSummary, Nonconformity, Report

REGISTER_HOSTS = frozenset({"toegankelijkheidsverklaring.nl", "www.toegankelijkheidsverklaring.nl"})

# Wording -> status. Checked by position in the text (first stated wins), because a
# register page also explains all statuses further down.
_STATUS_WORDING: tuple[tuple[str, str], ...] = (
    (r"(?<!niet )(?<!nog )voldoet\s+volledig|(?<!niet )volledig\s+voldoet", "A"),
    (r"voldoet\s+gedeeltelijk|gedeeltelijk\s+voldoet", "B"),
    (r"eerste\s+maatregelen\s+(?:zijn\s+)?genomen", "C"),
    (r"geen\s+maatregelen\s+(?:zijn\s+)?genomen", "D"),
    (r"niet\s+aangetoond|geen\s+(?:toegankelijkheids)?verklaring|verklaring\s+ontbreekt", "E"),
    (r"\bfully\s+compliant", "A"),
    (r"\bpartially\s+compliant", "B"),
    (r"\bfirst\s+measures\s+taken", "C"),
    (r"\bno\s+measures\s+taken", "D"),
)
_WORDING = [(re.compile(p, re.IGNORECASE), s) for p, s in _STATUS_WORDING]

# Explicit forms: "status: B", "Nalevingsstatus B", "De status van deze website is: B -
# voldoet gedeeltelijk", "Status E". The letter must be a capital standing alone, and
# not the start of a list like "status A, B en C".
_EXPLICIT = re.compile(
    r"(?i:(?:nalevings)?status(?:\s+van\s+deze\s+(?:website|app|applicatie|mobiele\s+app)"
    r"\s+is)?)\s*[:=]?\s*([A-E])(?![\w,])(?!\s+(?:en|of|t/m|tot)\b)"
)
_STATUS_LETTER_DASH = re.compile(r"(?<![\w-])([A-E])\s+[-–]\s+(?=voldoet|eerste|geen|niet)", re.I)


def compliance_status(text: str) -> str | None:
    """Status letter A-E stated in a statement page or register badge text, else None."""
    if not text:
        return None
    text = " ".join(text.split())
    candidates: list[tuple[int, str]] = []
    for regex in (_EXPLICIT, _STATUS_LETTER_DASH):
        match = regex.search(text)
        if match and match.group(1).isupper():
            candidates.append((match.start(), match.group(1)))
    if candidates:
        return min(candidates)[1]
    found = [(m.start(), status) for regex, status in _WORDING if (m := regex.search(text))]
    return min(found)[1] if found else None


# --- finding the statement link -------------------------------------------------------

_STRONG_TEXT = re.compile(
    r"toegankelijkheidsverklaring|verklaring\s+(?:van\s+|over\s+)?(?:digitale\s+)?"
    r"toegankelijkheid|accessibility\s+statement|statement\s+on\s+accessibility",
    re.IGNORECASE,
)
_WEAK_TEXT = re.compile(r"toegankelijkheid|accessibility|\btoegankelijk\b", re.IGNORECASE)
_STRONG_PATH = re.compile(r"toegankelijkheidsverklaring|accessibility[-_]?statement", re.I)
_WEAK_PATH = re.compile(r"toegankelijkheid|accessibility", re.IGNORECASE)
# Paths where a word like "toegankelijkheid" is news about accessibility, not the statement.
_NEWS_PATH = re.compile(
    r"/(?:nieuws|news|agenda|blog|actueel|berichten|evenementen|vacatures?|zoeken|search)"
    r"(?:/|$)",
    re.IGNORECASE,
)


def _score(page_host: str, href: str, text: str) -> int:
    """How sure we are that this link is the statement; 0 means it is not."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return 0
    host = parts.hostname.lower()
    path = unquote(parts.path)
    text = " ".join(text.split())
    short_text = len(text.split()) <= 4
    score = 0
    if host in REGISTER_HOSTS and path.startswith("/register/") and path.rstrip("/") != "/register":
        score = 90
    if _STRONG_TEXT.search(text):
        score = max(score, 100)
    if _STRONG_PATH.search(path):
        score = max(score, 80)
    if short_text and _WEAK_TEXT.search(text):
        score = max(score, 70)
    if _WEAK_PATH.search(path.rstrip("/").rsplit("/", 1)[-1]):
        score = max(score, 60)
    if not score:
        return 0
    if _NEWS_PATH.search(path):
        score -= 50
    if _site(host) != _site(page_host) and host not in REGISTER_HOSTS:
        # Another site (e.g. digitoegankelijk.nl explains the law): only a link that
        # names the statement itself still counts.
        score -= 35
    return max(score, 0)


def _site(host: str) -> str:
    """The last two host labels, so loket.gemeente.nl and www.gemeente.nl are one site."""
    return ".".join(host.split(".")[-2:])


def find_statement_link(page_url: str, links: list[tuple[str, str]]) -> str | None:
    """The most likely statement URL among a rendered page's (href, visible text) links.

    A link whose text names the statement beats the register badge, which beats a URL
    that names it, which beats a short 'Toegankelijkheid' footer link; news items and
    other sites about accessibility lose. Ties go to the first link on the page.
    """
    page_host = (urlsplit(page_url).hostname or "").lower()
    best: tuple[int, str] | None = None
    for href, text in links:
        score = _score(page_host, href or "", text or "")
        if score >= 40 and (best is None or score > best[0]):
            best = (score, href)
    return best[1] if best else None


# --- wording the 'what does not comply' section ---------------------------------------
# a11y.analysis counts it (the report's ``draft``); this part only puts it in words.


def problem_text(problem: DocumentProblem, lang: str = "nl") -> str:
    """A PDF problem as one sentence, e.g. '12 van 40 pdf-documenten hebben geen tags
    (9.10.1.3.1 / WCAG 1.3.1).' The statement draft and the HTML report's documents
    section both use it, so they word it the same way."""
    rule, outcome, count, of = problem.rule, problem.outcome, problem.count, problem.of
    key = f"statement.doc_problem.{rule}/{outcome}"
    if not CATALOG.has(key):
        key = f"statement.doc_problem.{rule}"
    verb = t(key, lang, n=count) if CATALOG.has(key) else rule
    where = " / ".join([*problem.en301549, *(f"WCAG {n}" for n in problem.wcag)])
    docs = t("statement.pdf_docs", lang, n=of)
    text = t("statement.doc_count", lang, n=count, of=of, docs=docs, verb=verb)
    notes = [where] if where else []
    notes += [t("statement.review", lang)] if outcome != "failed" else []
    text += f" ({'; '.join(notes)})" if notes else ""
    return text + "."


def documents_intro(part: DocumentSummary, lang: str = "nl") -> list[str]:
    """The sentences before the document problems: what was checked and what not."""
    docs = t("statement.pdf_docs", lang, n=part.checked)
    verb = t("statement.docs_verb", lang, n=part.checked)
    out = [t("statement.docs_intro", lang, checked=part.checked, docs=f"{docs} {verb}")]
    if part.unchecked:
        out.append(t("statement.docs_unchecked", lang, n=part.unchecked))
    if part.checked and not part.problems:
        out.append(t("statement.docs_none", lang))
    return out


def labels(lang: str) -> dict[str, str]:
    """The draft's plain words in Dutch (default) or English, for the report template."""
    return CATALOG.words("statement", lang)


def _code(text: str) -> str:
    """A Markdown code span that survives any backticks inside the text."""
    text = " ".join(str(text).split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def found_text(item: Nonconformity, lang: str) -> str:
    """'Gevonden op 1 pagina, 3 elementen.' with correct singular and plural."""
    return t(
        "statement.found",
        lang,
        pages=t("statement.page", lang, n=item.pages),
        elements=t("statement.element", lang, n=item.elements),
    )


def draft_nonconformities(report: Report, lang: str = "nl") -> str:
    """Markdown draft of the statement's 'what does not comply' section."""
    draft = report.draft
    lab = labels(lang)
    out = [f"## {lab['title']}", ""]
    caveat = lab["caveat"].format(
        axe=draft.axe_version,
        pages=draft.pages_checked,
        date=draft.date,
        manual=draft.not_automatic,
    )
    out += [f"> {caveat}", ""]
    if not draft.items:
        out += [lab["none"], ""]
    for item in draft.items:
        where = f"{lab['level']} {item.level}, EN 301 549 {item.en301549}"
        out += [f"### {item.number} {item.name(lang)} ({where})", ""]
        out.append("- " + found_text(item, lang))
        out.append(f"- {lab['rules']}: " + ", ".join(_code(r) for r in item.rules))
        out.append(f"- {lab['examples']}:")
        out += [f"  - {_code(url)}" for url in item.example_urls]
        out.append("")
    docs = draft.documents
    if docs and (docs.checked or docs.unchecked):
        out += [f"### {lab['docs_title']}", "", " ".join(documents_intro(docs, lang)), ""]
        out += [f"- {problem_text(problem, lang)}" for problem in docs.problems]
        out.append("")
    return "\n".join(out)
