"""Where every file of both products lives, in one place.

A desk computer needs no configuration: databases and settings go to the user's
platform folders (``platformdirs``), and the reference data and guides come with the
installed package. Environment variables override each location so that tests, kiosks
and multi-desk set-ups can point elsewhere. Nothing here creates files.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "inclusiedesk"

# Environment variables that override the default locations.
ENV_DESK_DB = "HELPDESK_DB"  # the desk database file
ENV_DESK_CONFIG = "HELPDESK_CONFIG"  # the desk's settings JSON file
ENV_SCANS_DB = "A11Y_DB"  # the accessibility scans database file
ENV_DATA = "INCLUSIEDESK_DATA"  # a folder replacing the bundled reference data
ENV_GUIDES = "HELPDESK_GUIDES_DIR"  # a library's own guides, beside the bundled ones
ENV_PRINT_DIR = "INCLUSIEDESK_PRINT_DIR"  # where printed pages (slips, handouts) are kept


class MissingResourceError(FileNotFoundError):
    """Raised when a file that ships with the product is missing from the installation."""


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def user_data_dir() -> Path:
    """Databases live here: ~/.local/share/inclusiedesk on Linux (see the README)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Downloaded tools that can be fetched again (~/.cache/inclusiedesk on Linux): kept
    per user, outside any checkout, so an installed wheel finds them as a clone does."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def desk_db_path() -> Path:
    return _env_path(ENV_DESK_DB) or user_data_dir() / "helpdesk.db"


def desk_settings_path() -> Path:
    return _env_path(ENV_DESK_CONFIG) or user_config_dir() / "settings.json"


def print_dir() -> Path:
    """Printed pages are kept where staff can find them again: ~/Documenten/Inclusiedesk.

    The user's documents folder as the desktop names it (XDG user dirs on Linux, so
    'Documenten' on a Dutch desktop), never the hidden data folder: a slip that did
    not come out of the printer must be easy to open and print by hand.
    """
    return _env_path(ENV_PRINT_DIR) or Path(platformdirs.user_documents_dir()) / "Inclusiedesk"


def scans_db_path() -> Path:
    """The scans database, next to the desk's so the managers' report finds it."""
    return _env_path(ENV_SCANS_DB) or user_data_dir() / "a11y.db"


def bundled(*parts: str) -> Path:
    """A file or folder shipped inside the package (``data/``, ``guides/`` in the repo).

    The repository's top-level ``data`` and ``guides`` folders reach the package through
    the links ``inclusiedesk/data`` and ``inclusiedesk/guides``; the build copies them into
    the wheel. A missing one means a broken installation, which must say so instead of
    quietly finding nothing.
    """
    path = Path(str(resources.files("inclusiedesk").joinpath(*parts)))
    if not path.exists():
        raise MissingResourceError(
            f"{'/'.join(parts)} is missing from this installation ({path}); reinstall inclusiedesk"
        )
    return path


def data_dir() -> Path:
    """Reference data (taxonomy, WCAG table, demo site): ``INCLUSIEDESK_DATA`` or bundled."""
    override = _env_path(ENV_DATA)
    if override is not None:
        if not override.is_dir():
            raise MissingResourceError(f"{ENV_DATA} points to {override}, which is not a folder")
        return override
    return bundled("data")


def data_file(*parts: str) -> Path:
    """One reference file, with a clear error when it is not there."""
    path = data_dir().joinpath(*parts)
    if not path.exists():
        raise MissingResourceError(f"reference file {path} is missing; reinstall inclusiedesk")
    return path


def bundled_guides_dir() -> Path:
    return bundled("guides")


def local_guides_dir(override: str | Path | None = None) -> Path | None:
    """The library's own guides folder: ``--guides-dir`` wins over the environment."""
    chosen = override or os.environ.get(ENV_GUIDES)
    return Path(chosen) if chosen else None
