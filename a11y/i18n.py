"""The checker's words: ``t(key, lang, **fields)`` bound to the a11y catalog.

Every sentence of the HTML report and the statement draft is in ``a11y/messages.toml``;
the catalog itself, plurals and number and date formats are `inclusiedesk.i18n`.
Dutch is the default because the reports are written for Dutch public bodies.
"""

from __future__ import annotations

from inclusiedesk.i18n import Catalog

__all__ = ["CATALOG", "t"]

CATALOG = Catalog.load("a11y")


def t(key: str, lang: str, /, **fields: object) -> str:
    """The checker's message ``key`` in ``lang`` (Dutch for any other), ``fields`` filled in."""
    return CATALOG.t(key, lang, **fields)
