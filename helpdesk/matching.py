"""Which codes a few typed letters mean: the pickers' matching, without Textual.

Staff type what they hear at the counter ("wachtwoord", "act", "brief niet"), in the
interface language. A choice matches on its label in that language and on the words
staff use for it (the taxonomy's synonyms), never on its code: the codes are English
and only for the CLI and exports, so in Dutch "s" must not find "solved".

Matches are ranked so the likeliest comes first and Enter picks it:

1. the label starts with what was typed ("opg" -> Opgelost);
2. every typed word starts a word of the label ("act" -> DigiD activeringscode ...);
3. every typed word starts a word of the label or a synonym ("wachtwoord" -> ...);
4. what was typed (three letters or more) occurs inside the label or a synonym.

Within a group the list order is kept: the taxonomy lists the most frequent first.
Case and accents do not matter ("e-mail", "Email", "é").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

_WORD_SPLIT = re.compile(r"[^\w+<]+")
MIN_INSIDE = 3  # shorter text inside a word matches too much to be useful


class Choice(NamedTuple):
    """One code as a picker offers it: the label in the interface language and its words."""

    code: str
    label: str
    words: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Lower case without accents, so "Één" and "een" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(text) if w]


def _all_start(typed: list[str], words: list[str]) -> bool:
    return all(any(w.startswith(q) for w in words) for q in typed)


def rank(query: str, choice: Choice) -> int | None:
    """The group (0 best) ``choice`` falls in for ``query``; None when it does not match."""
    q = fold(query).strip()
    if not q:
        return 0
    label = fold(choice.label)
    synonyms = [fold(w) for w in choice.words]
    typed = _words(q)
    label_words = _words(label)
    if label.startswith(q):
        return 0
    if typed and _all_start(typed, label_words):
        return 1
    if typed and _all_start(typed, label_words + [w for s in synonyms for w in _words(s)]):
        return 2
    if len(q) >= MIN_INSIDE and any(q in text for text in (label, *synonyms)):
        return 3
    return None


def match_choices(query: str, choices: Iterable[Choice]) -> list[Choice]:
    """The choices ``query`` matches, best first; every choice for an empty query."""
    ranked = []
    for n, choice in enumerate(choices):
        group = rank(query, choice)
        if group is not None:
            ranked.append((group, n, choice))
    return [choice for _, _, choice in sorted(ranked, key=lambda item: item[:2])]
