"""Full-text search over guides, answered while staff type.

The index lives in an in-memory SQLite database with an FTS5 table (unicode61 tokenizer
without diacritics, so 'reele' finds 'reële'), built once from the loaded guides; it is
rebuilt rather than updated because a desk has dozens of guides, not millions.

Whatever staff type is turned into safe FTS5 terms by `fts_query`: only the word
characters are kept and each word becomes a quoted prefix term. So 'toesl' finds
'toeslag', 'digi' finds 'DigiD', and quotes, dashes, ``*`` or an unbalanced parenthesis
can never raise an FTS syntax error.

Staff type what the resident says ("wachtwoord vergeten", "brief kwijt"), and no guide
holds every such word, so the words do not all have to match: a guide is ranked by how
many of the typed words it holds (a word inside a compound counts a little less), then
by how many are in its title, then by bm25. Small words ("de", "mijn") are left out when
other words remain. Besides its text, each guide is found by the words staff use for its
subjects and organisations (the taxonomy's labels and synonyms in the guide's language),
so "nieuwe telefoon" finds the DigiD app guide although its text never says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from helpdesk.guides.library import Guide, plain_text, sort_key
from helpdesk.taxonomy import taxonomy

# bm25 weights of the indexed columns: a hit in the title counts most.
COLUMN_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0}
# Tokens around the match in a snippet: words, or characters for the trigram table.
SNIPPET_TOKENS = {"guides_fts": 12, "guides_tri": 64}
MAX_TERMS = 8  # longer input is cut, so a pasted paragraph cannot slow the desk down
INSIDE_WORD = 0.75  # a typed word found only inside a longer word counts this much
SNIPPET_CHARS = 120  # a hit found by its subject words shows the start of its summary
# Words that say nothing about the question, left out when other words remain.
SMALL_WORDS = frozenset(
    {"de", "het", "een", "en", "of", "ik", "mijn", "uw", "u", "je", "van", "voor", "met"}
    | {"op", "in", "aan", "te", "is", "bij", "wel", "the", "a", "an", "and", "or", "i"}
    | {"my", "your", "for", "with", "on", "at", "to"}
)
PHRASE_BONUS = 0.5  # the typed words side by side, as typed: "nieuwe telefoon"

_TERM = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    guide_id: str
    lang: str
    title: str
    snippet: str  # matching text with the match between the `mark` strings
    rank: float  # bm25: lower is better; hits come sorted best first


def fts_query(text: str) -> str:
    """User text as an FTS5 query of quoted prefix terms; '' when nothing searchable."""
    terms = _TERM.findall(text.replace("_", " "))[:MAX_TERMS]
    return " ".join(f'"{term}"*' for term in terms)


def substring_query(text: str) -> str:
    """The words of at least 3 characters as quoted trigram phrases; '' when none."""
    terms = [t for t in _TERM.findall(text.replace("_", " "))[:MAX_TERMS] if len(t) >= 3]
    return " ".join(f'"{term}"' for term in terms)


def search_terms(text: str) -> list[str]:
    """The words of ``text`` worth searching for: small words only when nothing else."""
    terms = list(dict.fromkeys(w.casefold() for w in _TERM.findall(text.replace("_", " "))))
    meaningful = [term for term in terms if term not in SMALL_WORDS]
    return (meaningful or terms)[:MAX_TERMS]


def guide_words(guide: Guide) -> str:
    """The words staff use for the guide's subjects and organisations, in its language."""
    tax = taxonomy()
    words: list[str] = []
    for kind, codes in (("subject", guide.subjects), ("organisation", guide.organisations)):
        for code in codes:
            if tax.has(kind, code):
                item = tax.get(kind, code)
                words += [item.label(guide.lang), *item.synonyms(guide.lang)]
    return "\n".join(words)


def guide_body(guide: Guide) -> str:
    """The searchable text of the steps (titles, instructions, tips, warnings, checks)
    and of 'Als het niet lukt'."""
    parts: list[str] = []
    for step in guide.steps:
        parts.extend(p for p in (step.title, step.text, step.tip, step.warning, step.check) if p)
    parts.extend(guide.if_it_fails)  # 'code verlopen' is often said only there
    return plain_text("\n".join(parts))


class GuideIndex:
    """Search and browse a fixed set of guides; build a new index when the guides change."""

    def __init__(self, guides: Iterable[Guide]) -> None:
        self._guides: dict[tuple[str, str], Guide] = {}
        for guide in guides:
            self._guides[guide.key] = guide  # later wins, as in load_guides
        self.db = sqlite_utils.Database(memory=True)
        self.db["guides"].insert_all(
            (
                {
                    "rowid": n,
                    "guide_id": g.id,
                    "lang": g.lang,
                    "title": g.title,
                    "summary": plain_text(g.summary),
                    "body": guide_body(g),
                    "words": guide_words(g),
                }
                for n, g in enumerate(self._guides.values(), 1)
            ),
            pk="rowid",
            columns={"rowid": int, "guide_id": str, "lang": str, "title": str},
        )
        self.db["guides"].create_index(["lang"])
        self.db.execute(
            "CREATE VIRTUAL TABLE guides_fts USING fts5("
            "title, summary, body, content='guides', content_rowid='rowid', "
            "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
        )
        # Trigrams find a word inside a compound; searched only when prefixes fall short.
        self.db.execute(
            "CREATE VIRTUAL TABLE guides_tri USING fts5("
            "title, summary, body, content='guides', content_rowid='rowid', "
            "tokenize='trigram')"
        )
        # The words staff use for the guide's subjects: found, never shown as a snippet.
        self.db.execute(
            "CREATE VIRTUAL TABLE guides_words USING fts5("
            "words, content='guides', content_rowid='rowid', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        for table in ("guides_fts", "guides_tri", "guides_words"):
            self.db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        # rowid -> (guide id, language, title, summary): fixed, so read once.
        self._rows: dict[int, tuple[str, str, str, str]] = {
            r[0]: (r[1], r[2], r[3], r[4])
            for r in self.db.execute("SELECT rowid, guide_id, lang, title, summary FROM guides")
        }

    def __len__(self) -> int:
        return len(self._guides)

    @property
    def guides(self) -> list[Guide]:
        return sorted(self._guides.values(), key=sort_key)

    def get(self, guide_id: str, lang: str) -> Guide | None:
        return self._guides.get((guide_id, lang))

    def search(
        self,
        text: str,
        lang: str | None = None,
        limit: int = 20,
        mark: tuple[str, str] = ("[", "]"),
    ) -> list[SearchHit]:
        """Best matches first; an empty or unsearchable text gives no hits, never an error.

        Guides holding more of the typed words come first; a word that only occurs
        inside a longer word ('verzekering' in 'zorgverzekering') counts less, because
        Dutch glues words together and staff type the part they heard.
        """
        terms = search_terms(text)
        if not terms or limit <= 0:
            return []
        ids = self._ids(lang)
        score: dict[int, float] = {}
        in_title: dict[int, int] = {}
        in_words: dict[int, int] = {}
        for term in terms:
            prefix = f'"{term}"*'
            as_words = self._match("guides_words", prefix)
            found = self._match("guides_fts", prefix) | as_words
            inside = self._match("guides_tri", f'"{term}"') - found if len(term) >= 3 else set()
            for rowid in found & ids:
                score[rowid] = score.get(rowid, 0) + 1
            for rowid in inside & ids:
                score[rowid] = score.get(rowid, 0) + INSIDE_WORD
            for rowid in self._match("guides_fts", f"title : {prefix}") & ids:
                in_title[rowid] = in_title.get(rowid, 0) + 1
            for rowid in as_words & ids:
                in_words[rowid] = in_words.get(rowid, 0) + 1
        if not score:
            return []
        if len(terms) > 1:
            phrase = '"' + " ".join(terms) + '"*'
            for rowid in (
                self._match("guides_fts", phrase) | self._match("guides_words", phrase)
            ) & ids:
                score[rowid] += PHRASE_BONUS
        any_term = " OR ".join(f'"{term}"*' for term in terms)
        bm25 = self._bm25("guides_fts", any_term)
        rows = self._rows
        best = sorted(
            score,
            key=lambda r: (
                -score[r],
                -in_title.get(r, 0),
                -in_words.get(r, 0),
                bm25.get(r, 0.0),
                rows[r][2],
            ),
        )[:limit]
        snippets = self._snippets("guides_fts", any_term, best, mark)
        inner = " OR ".join(f'"{term}"' for term in terms if len(term) >= 3)
        missing = [r for r in best if r not in snippets]
        if missing and inner:
            snippets |= self._snippets("guides_tri", inner, missing, mark)
        return [
            SearchHit(
                *rows[r][:3],
                snippets.get(r) or rows[r][3][:SNIPPET_CHARS],
                bm25.get(r, 0.0) - score[r],
            )
            for r in best
        ]

    def _ids(self, lang: str | None) -> set[int]:
        return {r for r, row in self._rows.items() if lang is None or row[1] == lang}

    def _match(self, table: str, query: str) -> set[int]:
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
        return {r[0] for r in self.db.execute(sql, [query])}

    def _bm25(self, table: str, query: str) -> dict[int, float]:
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS.values())
        sql = f"SELECT rowid, bm25({table}, {weights}) FROM {table} WHERE {table} MATCH ?"
        return {r[0]: r[1] for r in self.db.execute(sql, [query])}

    def _snippets(
        self, table: str, query: str, rowids: list[int], mark: tuple[str, str]
    ) -> dict[int, str]:
        """Matching text around the words, for the hits shown only (the costly part)."""
        marks = ", ".join("?" for _ in rowids)
        sql = f"""
            SELECT rowid, snippet({table}, -1, ?, ?, '…', {SNIPPET_TOKENS[table]})
            FROM {table} WHERE {table} MATCH ? AND rowid IN ({marks})
        """
        rows = self.db.execute(sql, [mark[0], mark[1], query, *rowids])
        # Snippets may span lines of a step; one line reads better in a result list.
        return {r[0]: " ".join(r[1].split()) for r in rows}

    def by_subject(self, code: str, lang: str | None = None) -> list[Guide]:
        """Guides covering a taxonomy subject code, sorted by title."""
        return [g for g in self.guides if code in g.subjects and (lang is None or g.lang == lang)]

    def by_organisation(self, code: str, lang: str | None = None) -> list[Guide]:
        """Guides about an organisation code, sorted by title."""
        return [
            g for g in self.guides if code in g.organisations and (lang is None or g.lang == lang)
        ]
