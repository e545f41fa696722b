"""The code lists a request is recorded with, loaded from ``data/taxonomy.toml``.

Codes are data, not Python constants, so a network of desks can review them without
reading code and so labels in both languages sit next to each other.

Each code may list the words staff type for it (``synonyms_nl``, ``synonyms_en``):
"wachtwoord" for a forgotten password, "toeslag" for the Benefits Agency. The pickers
match on the label and these words, never on the code, which is English and meant for
the CLI and exports. Codes are stored with every request, so a code is never renamed or
removed: a change to the lists only adds codes (``tests/test_helpdesk/test_taxonomy.py``
keeps the codes already in use valid).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpdesk.i18n import t
from inclusiedesk.paths import data_dir

# Every list the file must define, in the order `helpdesk taxonomy` prints them.
KINDS = (
    "organisation",
    "government_level",
    "subject",
    "help_type",
    "channel",
    "outcome",
    "referral_target",
    "visitor_type",
    "age_band",
    "barrier",
)


class TaxonomyError(Exception):
    """Raised when the taxonomy file is missing, malformed or inconsistent."""


class UnknownCodeError(ValueError):
    """Raised when a request names a code the taxonomy does not define."""


@dataclass(frozen=True)
class Code:
    code: str
    nl: str
    en: str
    level: str | None = None  # organisations only: their level of government
    library: bool = True  # help types only: offered at library locations
    synonyms_nl: tuple[str, ...] = ()  # words Dutch staff type for this code
    synonyms_en: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def synonyms(self, lang: str) -> tuple[str, ...]:
        return self.synonyms_en if lang == "en" else self.synonyms_nl


@dataclass(frozen=True)
class Taxonomy:
    lists: dict[str, tuple[Code, ...]]

    def codes(self, kind: str) -> tuple[Code, ...]:
        return self.lists[kind]

    def get(self, kind: str, code: str) -> Code:
        for item in self.lists[kind]:
            if item.code == code:
                return item
        raise UnknownCodeError(self.unknown_message(kind, code))

    def has(self, kind: str, code: str) -> bool:
        return any(item.code == code for item in self.lists[kind])

    def label(self, kind: str, code: str, lang: str) -> str:
        return self.get(kind, code).label(lang)

    def unknown_message(self, kind: str, code: str, lang: str = "en") -> str:
        """What is wrong and the valid choices; never the typed ``code`` (it may be a BSN)."""
        valid = ", ".join(self.valid_codes(kind))
        return t("bad_input.unknown_code", lang, kind=t(f"kind.{kind}", lang), valid=valid)

    def valid_codes(self, kind: str) -> list[str]:
        codes = [item.code for item in self.lists[kind]]
        if kind == "referral_target":
            codes += [o.code for o in self.lists["organisation"] if o.code not in codes]
        return codes

    def check(self, kind: str, codes: Iterable[str]) -> None:
        """Raise UnknownCodeError naming the valid codes for the first unknown one."""
        valid = set(self.valid_codes(kind))
        for code in codes:
            if code not in valid:
                raise UnknownCodeError(self.unknown_message(kind, code))

    def government_level(self, organisation: str) -> str:
        level = self.get("organisation", organisation).level
        assert level is not None  # guaranteed by load_taxonomy
        return level

    def referral_label(self, code: str, lang: str) -> str:
        kind = "referral_target" if self.has("referral_target", code) else "organisation"
        return self.label(kind, code, lang)


def _words(entry: dict, key: str, kind: str, n: int, source: Path) -> tuple[str, ...]:
    """A synonyms list: optional, but when given a list of non-empty strings."""
    words = entry.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise TaxonomyError(f"{source}: {key} of entry {n} of [[{kind}]] must be a list of words")
    return tuple(w.strip() for w in words)


def _parse(raw: dict, source: Path) -> Taxonomy:
    lists: dict[str, tuple[Code, ...]] = {}
    for kind in KINDS:
        entries = raw.get(kind)
        if not isinstance(entries, list) or not entries:
            raise TaxonomyError(f"{source}: the list [[{kind}]] is missing or empty")
        seen: set[str] = set()
        items = []
        for n, entry in enumerate(entries, 1):
            try:
                item = Code(
                    code=str(entry["code"]),
                    nl=str(entry["nl"]),
                    en=str(entry["en"]),
                    level=entry.get("level"),
                    library=bool(entry.get("library", True)),
                    synonyms_nl=_words(entry, "synonyms_nl", kind, n, source),
                    synonyms_en=_words(entry, "synonyms_en", kind, n, source),
                )
            except (KeyError, TypeError) as exc:
                raise TaxonomyError(
                    f"{source}: entry {n} of [[{kind}]] needs code, nl and en"
                ) from exc
            if item.code in seen:
                raise TaxonomyError(f"{source}: duplicate {kind} code {item.code!r}")
            seen.add(item.code)
            items.append(item)
        lists[kind] = tuple(items)
    levels = {c.code for c in lists["government_level"]}
    for org in lists["organisation"]:
        if org.level not in levels:
            raise TaxonomyError(
                f"{source}: organisation {org.code!r} needs a level, one of {sorted(levels)}"
            )
    return Taxonomy(lists)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    path = path or data_dir() / "taxonomy.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TaxonomyError(f"cannot read taxonomy file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{path}: not valid TOML: {exc}") from exc
    return _parse(raw, path)


@lru_cache(maxsize=4)
def _cached(path: str) -> Taxonomy:
    return load_taxonomy(Path(path))


def taxonomy() -> Taxonomy:
    """The taxonomy of the configured data folder, read once per process."""
    return _cached(str(data_dir() / "taxonomy.toml"))
