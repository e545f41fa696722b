"""The desk's words: ``t(key, lang, **fields)`` bound to the helpdesk catalog.

Every sentence of the desk (app, CLI, handout, council report) is in
``helpdesk/messages.toml``, so a translator finds them in one file; the catalog itself,
plurals and number and date formats are `inclusiedesk.i18n`. Taxonomy labels come from
the taxonomy. Dutch is the default because the desk's users are Dutch counter staff.
"""

from __future__ import annotations

from inclusiedesk.i18n import DEFAULT_LANG, Catalog

__all__ = ["CATALOG", "DEFAULT_LANG", "binding_word", "t"]

CATALOG = Catalog.load("helpdesk")


def t(key: str, lang: str, /, **fields: object) -> str:
    """The desk's message ``key`` in ``lang`` (Dutch for any other) with ``fields`` filled in."""
    return CATALOG.t(key, lang, **fields)


def binding_word(description: str, lang: str) -> str:
    """A binding description in ``lang`` (descriptions are declared in English).

    Bindings Textual declares itself have no message; they show as declared.
    """
    key = f"binding.{description}"
    if lang == "en" or not CATALOG.has(key):
        return description
    return CATALOG.t(key, lang)
