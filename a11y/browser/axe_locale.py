"""axe-core's own translations: which ``locales/<lang>.json`` belongs to the axe build in use.

axe-core ships its translations in its npm package, not in the single ``axe.min.js``
that selenium-axe-python bundles. ``scripts/setup.sh`` installs the npm package of the
same version (pinned, checked by npm against the lock file's sha512) into
``scripts/axe-locale``; it is never committed. A locale of another axe version can name
rules or checks the build does not have, and axe.configure then refuses it, so a locale
is only used when its package's version equals the build's. English is axe's own
language and needs no file.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

from a11y import js

#: The folder setup.sh installs axe-core's npm package into (next to the a11y package).
INSTALLED = Path(__file__).resolve().parents[2] / "scripts" / "axe-locale" / "node_modules"
_VERSION = re.compile(r"axe v(\d+\.\d+\.\d+)")


def build_version(script_path: str) -> str | None:
    """The version an axe build states in its header comment ('/*! axe v4.9.1')."""
    try:
        with open(script_path, encoding="utf-8") as fh:
            head = fh.read(200)
    except OSError:
        return None
    found = _VERSION.search(head)
    return found.group(1) if found else None


def _package_version(package: Path) -> str | None:
    try:
        return str(json.loads((package / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def candidates(script_path: str, lang: str) -> list[Path]:
    """Where a locale for this build may be: $A11Y_AXE_LOCALES (a folder of <lang>.json,
    trusted as given), the npm package the build came from, the one setup.sh installs."""
    out = []
    override = os.environ.get("A11Y_AXE_LOCALES")
    if override:
        out.append(Path(override) / f"{lang}.json")
    version = build_version(script_path)
    for package in (Path(script_path).resolve().parent, INSTALLED / "axe-core"):
        if version and _package_version(package) == version:
            out.append(package / "locales" / f"{lang}.json")
    return out


@lru_cache(maxsize=8)
def locale_json(script_path: str, lang: str) -> str | None:
    """The text of axe's locale for ``lang`` matching the build, or None (English, or
    not installed: axe's texts then stay English and the CLI says so)."""
    if lang == "en":
        return None
    for path in candidates(script_path, lang):
        try:
            text = path.read_text(encoding="utf-8")
            json.loads(text)
        except (OSError, ValueError):
            continue
        return text
    return None


def configure_js(script_path: str, lang: str) -> str:
    """JavaScript to run right after the axe build: axe.configure with the locale, or ''."""
    text = locale_json(script_path, lang)
    if text is None:
        return ""
    return "\n;" + js.call_expression(js.load("axe_locale"), json.loads(text)) + ";\n"
