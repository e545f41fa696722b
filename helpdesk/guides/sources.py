"""A guide's sources as names a resident can read: 'Website van de SVB', not a long URL.

A printed address such as ``https://www.svb.nl/nl/aow/aow-aanvragen/...`` means nothing
on paper and cannot be clicked; the name of the organisation tells the resident whose
information the steps follow. The names live in ``data/source_names.toml`` by domain
(a domain also names its subdomains, the longest match wins); a site not listed reads
'Website van <domain>'. A missing names file is no reason to refuse a handout: every
source then gets that fallback.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from helpdesk.i18n import t
from inclusiedesk.html import GUIDE_SCHEMES, safe_href
from inclusiedesk.paths import data_dir

NAMES_FILE = "source_names.toml"


@dataclass(frozen=True)
class Source:
    """One source as printed: its ``name``, the link (None when unsafe) and the address."""

    name: str
    href: str | None
    url: str


def load_names(path: Path | None = None) -> dict[str, dict[str, str]]:
    """Domain -> {'nl': name, 'en': name} from the names file ({} when there is none)."""
    path = path or data_dir() / NAMES_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {
        domain.lower(): {lang: str(name) for lang, name in names.items()}
        for domain, names in raw.items()
        if isinstance(names, dict)
    }


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, str]]:
    return load_names()


def host(url: str) -> str | None:
    """'www.svb.nl' -> 'svb.nl': the web address's host without 'www.', or None."""
    try:
        name = urlsplit(url).hostname
    except ValueError:
        return None
    if not name:
        return None
    return name.removeprefix("www.")


def source_name(url: str, lang: str, names: dict[str, dict[str, str]] | None = None) -> str:
    """The readable name of one source in ``lang``; the URL itself when it has no host."""
    names = _names() if names is None else names
    domain = host(url)
    if domain is None:
        return url
    parts = domain.split(".")
    for i in range(len(parts) - 1):  # 'machtigen.digid.nl', then 'digid.nl'
        found = names.get(".".join(parts[i:]))
        if found and found.get(lang):
            return found[lang]
    return t("handout_print.source_fallback", lang, domain=domain)


def sources(urls: tuple[str, ...], lang: str, *, unique: bool) -> tuple[Source, ...]:
    """The sources to print; ``unique`` keeps the first of several with the same name."""
    out: list[Source] = []
    seen: set[str] = set()
    for url in urls:
        name = source_name(url, lang)
        if unique and name in seen:
            continue
        seen.add(name)
        out.append(Source(name, safe_href(url, GUIDE_SCHEMES), url))
    return tuple(out)
