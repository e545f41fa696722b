"""One translation catalog: every word of both products in Dutch and English.

The words used to live in a dozen label tables in three shapes (``key -> (nl, en)``,
``lang -> key -> text``, nouns with their plurals), each with its own lookup and its
own idea of what an unknown language means. Now each package ships one message file
(``messages.toml``, package data) and a product reads its words with one call,
``t(key, lang, **fields)``. The shared words (month names, the skip link) live in
``inclusiedesk/messages.toml`` and are part of every product's catalog.

A message in a file is a table with an ``nl`` and an ``en`` text::

    [report]
    title = { nl = "Kerncijfers", en = "Key figures" }
    error.nl = { one = "{n} fout", other = "{n} fouten" }
    error.en = { one = "{n} error", other = "{n} errors" }

A plural message has a ``one`` and an ``other`` form per language and is picked by
the field ``n`` (Dutch and English both have only these two forms). A key or a
language that is missing is a mistake in a message file; ``tests/test_inclusiedesk/test_i18n.py`` loads
every catalog and finds it, so at run time a missing key is an error, not a silent
fallback to the key itself.

Numbers and dates follow the language's conventions, because the desk's managers
read the figures aloud to a council: ``1.234,5`` and ``3 april 2026`` in Dutch,
``1,234.5`` and ``3 April 2026`` in English.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"
PLURAL_FORMS = ("one", "other")
SHARED = "inclusiedesk"
MESSAGES_FILE = "messages.toml"

# A message: its text per language, or per language its plural forms.
Message = dict[str, Any]


class CatalogError(Exception):
    """Raised by `Catalog.load` for a broken message file, by `Catalog.t` for an unknown key."""


def language(lang: str) -> str:
    """The catalog language for ``lang``: English for "en", Dutch (the default) otherwise."""
    return "en" if lang == "en" else DEFAULT_LANG


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, Message], source: str) -> None:
    """Dotted keys for nested tables; a table with only language keys is one message."""
    for key, value in table.items():
        name = f"{prefix}{key}"
        if not isinstance(value, dict):
            raise CatalogError(f"{source}: {name!r} is not a table of languages")
        if value and set(value) <= set(LANGUAGES):
            if name in out:
                raise CatalogError(f"{source}: {name!r} defined twice")
            out[name] = value
        else:
            _flatten(value, f"{name}.", out, source)


def read_messages(package: str) -> dict[str, Message]:
    """The messages of one package's ``messages.toml``, keyed by dotted name."""
    source = f"{package}/{MESSAGES_FILE}"
    try:
        text = resources.files(package).joinpath(MESSAGES_FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"cannot read {source}: {exc}") from exc
    out: dict[str, Message] = {}
    _flatten(data, "", out, source)
    return out


def fields_of(text: str) -> set[str]:
    """The ``{field}`` names a text fills in (for the test that both languages agree)."""
    return {
        name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name
    }


@dataclass(frozen=True)
class Catalog:
    """The messages of one product plus the shared ones."""

    name: str
    messages: dict[str, Message]

    @classmethod
    def load(cls, package: str) -> Catalog:
        """The catalog of ``package``: the shared messages and the package's own."""
        messages = read_messages(SHARED)
        if package != SHARED:
            own = read_messages(package)
            clash = sorted(set(own) & set(messages))
            if clash:
                raise CatalogError(f"{package}/{MESSAGES_FILE}: shared keys redefined: {clash}")
            messages.update(own)
        return cls(package, messages)

    def t(self, key: str, lang: str, /, **fields: object) -> str:
        """The message ``key`` in ``lang`` with ``fields`` filled in; plural by ``n``."""
        try:
            text = self.messages[key][language(lang)]
        except KeyError:
            raise CatalogError(f"{self.name}: no message {key!r} in {language(lang)!r}") from None
        if isinstance(text, dict):
            text = text["one" if fields.get("n") == 1 else "other"]
        return text.format(**fields) if fields else text

    def has(self, key: str) -> bool:
        """True when the catalog holds ``key`` (for words keyed by outside names)."""
        return key in self.messages

    def words(self, section: str, lang: str) -> dict[str, str]:
        """Every plain text under ``section.`` in ``lang``, by the rest of its key, unfilled.

        For a template that takes a whole set of labels, such as the handout's; plural
        messages are left out (they need their ``n``: use `t`).
        """
        prefix = f"{section}."
        lang = language(lang)
        return {
            key[len(prefix) :]: message[lang]
            for key, message in self.messages.items()
            if key.startswith(prefix)
            and "." not in key[len(prefix) :]
            and isinstance(message[lang], str)
        }


@functools.cache
def shared() -> Catalog:
    """The catalog of the shared words (read once)."""
    return Catalog.load(SHARED)


def number(n: float, lang: str, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (nl) or '1,234.5' (en), with ``decimals`` decimals."""
    text = f"{n:,.{decimals}f}"
    if language(lang) == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(share: float, lang: str) -> str:
    """A share 0-1 as a whole percentage: 0.684 -> '68%'."""
    return f"{number(round(100 * share), lang)}%"


def month_name(month: int, lang: str) -> str:
    """The name of month 1-12 in ``lang``: 'april' / 'April'."""
    return shared().t(f"month.{month}", lang)


def format_date(day: dt.date, lang: str) -> str:
    """'3 april 2026' / '3 April 2026': a date nobody can read the wrong way round."""
    return f"{day.day} {month_name(day.month, lang)} {day.year}"
