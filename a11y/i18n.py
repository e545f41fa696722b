"""The checker's words: ``t(key, lang, **fields)`` bound to the a11y catalog.

Every sentence of the HTML report and the statement draft is in ``a11y/messages.toml``;
the catalog itself, plurals and number and date formats are `inclusiedesk.i18n`.
Dutch is the default because the reports are written for Dutch public bodies.
"""

from __future__ import annotations

import errno

from inclusiedesk.i18n import Catalog

__all__ = ["CATALOG", "cli_lang", "os_reason", "say", "set_cli_lang", "t"]

CATALOG = Catalog.load("a11y")


def t(key: str, lang: str, /, **fields: object) -> str:
    """The checker's message ``key`` in ``lang`` (Dutch for any other), ``fields`` filled in."""
    return CATALOG.t(key, lang, **fields)


#: The language of the ``a11y`` command's lines for this run (``--lang``); one per process,
#: because every line of one run, from argument errors to the crawl's notes, speaks it.
_CLI_LANG = {"lang": "nl"}


def cli_lang() -> str:
    """The language the command's lines are written in (Dutch unless --lang en)."""
    return _CLI_LANG["lang"]


def set_cli_lang(lang: str) -> None:
    """Set by the command once it knows --lang, before any line is printed."""
    _CLI_LANG["lang"] = "en" if lang == "en" else "nl"


def say(key: str, /, **fields: object) -> str:
    """The checker's message ``key`` in the run's --lang: for lines raised deep in the
    library (config file, baseline, browser start) that reach the user through the CLI."""
    return t(key, cli_lang(), **fields)


#: The usual reasons a file cannot be read, in our own words: the OS's text is English.
_OS_REASONS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EISDIR: "os.is_dir",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read, in the run's --lang where we know the reason."""
    key = _OS_REASONS.get(exc.errno or 0)
    return say(key) if key else say("os.other", code=exc.errno or "?")
