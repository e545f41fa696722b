"""Full-text search over guides, answered while staff type.

The index lives in an in-memory SQLite database with an FTS5 table (unicode61 tokenizer
without diacritics, so 'reele' finds 'reële'), built once from the loaded guides; it is
rebuilt rather than updated because a desk has dozens of guides, not millions.

Whatever staff type is turned into a safe FTS5 query by `fts_query`: only the word
characters are kept, each word becomes a quoted prefix term and all must match. So
'toesl' finds 'toeslag', 'digi' finds 'DigiD', and quotes, dashes, ``*`` or an unbalanced
parenthesis can never raise an FTS syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from helpdesk.guides.library import Guide, plain_text, sort_key

# bm25 weights of the indexed columns: a hit in the title counts most.
COLUMN_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0}
# Tokens around the match in a snippet: words, or characters for the trigram table.
SNIPPET_TOKENS = {"guides_fts": 12, "guides_tri": 64}
MAX_TERMS = 8  # longer input is cut, so a pasted paragraph cannot slow the desk down

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


def guide_body(guide: Guide) -> str:
    """The searchable text of the steps: titles, instructions, tips, warnings, checks."""
    parts: list[str] = []
    for step in guide.steps:
        parts.extend(p for p in (step.title, step.text, step.tip, step.warning, step.check) if p)
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
        for table in ("guides_fts", "guides_tri"):
            self.db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")

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

        Word-prefix hits come first. When they are fewer than ``limit``, guides where the
        words occur inside a longer word follow ('verzekering' in 'zorgverzekering'),
        because Dutch glues words together and staff type the part they heard.
        """
        query = fts_query(text)
        if not query or limit <= 0:
            return []
        hits = self._ranked("guides_fts", query, lang, limit, mark)
        inner = substring_query(text)
        if len(hits) < limit and inner:
            seen = {(h.guide_id, h.lang) for h in hits}
            more = self._ranked("guides_tri", inner, lang, limit + len(hits), mark)
            hits += [h for h in more if (h.guide_id, h.lang) not in seen][: limit - len(hits)]
        return hits

    def _ranked(
        self, table: str, query: str, lang: str | None, limit: int, mark: tuple[str, str]
    ) -> list[SearchHit]:
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS.values())
        lang_filter = "AND g.lang = :lang" if lang else ""
        # Two stages: rank every match cheaply, then build snippets (the costly part) only
        # for the hits shown. bm25 gives ~0 to a term found in most guides ('digi' at a
        # DigiD desk), so guides whose title matches every term come first.
        sql = f"""
            WITH top AS (
                SELECT g.rowid AS id, bm25({table}, {weights}) AS rank,
                    g.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH :title_q)
                        AS in_title
                FROM {table} JOIN guides g ON g.rowid = {table}.rowid
                WHERE {table} MATCH :q {lang_filter}
                ORDER BY in_title DESC, rank, g.title
                LIMIT :limit
            )
            SELECT g.guide_id, g.lang, g.title,
                snippet({table}, -1, :start, :end, '…', {SNIPPET_TOKENS[table]}), top.rank
            FROM top
            JOIN {table} ON {table}.rowid = top.id
            JOIN guides g ON g.rowid = top.id
            WHERE {table} MATCH :q
            ORDER BY top.in_title DESC, top.rank, g.title
        """
        params = {
            "q": query,
            "title_q": f"title : ({query})",
            "lang": lang,
            "limit": limit,
            "start": mark[0],
            "end": mark[1],
        }
        rows = self.db.execute(sql, params).fetchall()
        # Snippets may span lines of a step; one line reads better in a result list.
        return [SearchHit(r[0], r[1], r[2], " ".join(r[3].split()), r[4]) for r in rows]

    def by_subject(self, code: str, lang: str | None = None) -> list[Guide]:
        """Guides covering a taxonomy subject code, sorted by title."""
        return [g for g in self.guides if code in g.subjects and (lang is None or g.lang == lang)]

    def by_organisation(self, code: str, lang: str | None = None) -> list[Guide]:
        """Guides about an organisation code, sorted by title."""
        return [
            g for g in self.guides if code in g.organisations and (lang is None or g.lang == lang)
        ]
