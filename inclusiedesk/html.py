"""One Jinja2 environment for every HTML page the products write.

The scan report, the council report, the resident's handout and the follow-up slip
are single files that must open, print and pass axe-core on any computer, and three of
them show text nobody here controls (crawled markup, guide text, taxonomy labels typed
by staff). So all four are Jinja2 templates that extend one ``base.html`` (lang,
charset, viewport, Content-Security-Policy without scripts, referrer policy, skip link,
``<main>``) and are rendered by one environment with autoescaping on: escaping is the
default and cannot be forgotten, and a missing value is an error (``StrictUndefined``),
not an empty string. Python code prepares plain values; templates only format them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from inclusiedesk import i18n

# C0 control characters (but tab, newline and carriage return) and DEL: not allowed in
# HTML text, and a crawled page may carry them; shown as U+FFFD instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

WEB_SCHEMES = ("http", "https")  # links taken from scanned sites
#: Links a guide writer may use in a handout: web, mail and phone.
GUIDE_SCHEMES = ("http", "https", "mailto", "tel")


def safe_href(url: Any, schemes: Collection[str] = WEB_SCHEMES) -> str | None:
    """The URL if it may become a link (a scheme in ``schemes``), else None.

    Anything else (``javascript:``, ``data:``, a relative path, a web address without a
    host, whitespace or control characters) is shown as text by the templates.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme in WEB_SCHEMES and not parts.netloc):
        return None
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    return url


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}``: None prints as nothing, control characters as U+FFFD.

    Runs before autoescaping, so the cleaned text is still escaped; markup made by the
    templates themselves (macro output) passes unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROL.sub("\ufffd", value)
    return value


def skip_label(lang: str) -> str:
    """The text of the skip link in ``lang`` (Dutch for any other)."""
    return i18n.shared().t("page.skip_link", lang)


@functools.cache
def environment(package: str, folder: str) -> Environment:
    """The environment for ``package``'s templates in ``folder``, over the shared ones.

    The product's folder comes first, so its own partials are found before the base
    templates of ``inclusiedesk/templates``.
    """
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader(package, folder), PackageLoader("inclusiedesk", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_href"] = safe_href
    env.globals["skip_label"] = skip_label
    return env


def render(package: str, folder: str, name: str, /, **context: Any) -> str:
    """Render template ``name`` of ``package`` with ``context``."""
    return environment(package, folder).get_template(name).render(**context)
