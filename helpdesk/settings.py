"""The desk's user settings, with every default in one place.

Where the settings file, the database and the bundled data live is decided in
:mod:`inclusiedesk.paths`, shared with the checker.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from inclusiedesk.paths import desk_settings_path

LANGUAGES = ("nl", "en")
THEMES = ("default", "high-contrast")
LOCATION_KINDS = ("library", "municipal")
DESK_DETAILS = ("desk_name", "desk_address", "desk_hours", "desk_phone")
DESK_DETAIL_MAX = 200  # one printed line or two, not a letter
# Notes are short-lived by design (default 30 days). Ten years is longer than any
# reason to keep a desk note, and keeps every expiry date inside the years the desk
# stores (clock.YEAR_MAX): 4,000,000 days overflowed Python's dates and made every
# later save crash.
NOTE_RETENTION_MAX_DAYS = 3650


class SettingsError(Exception):
    """Raised when the settings file cannot be read or holds invalid values."""


@dataclass(frozen=True)
class Settings:
    """What a desk remembers between sessions; asked once, then stored."""

    location: str = ""  # location code, e.g. 'bieb-centrum'
    staff: str = ""  # pseudonymous staff code, never a name
    location_kind: str = "library"  # libraries may not log 'take-over' help by default
    lang: str = "nl"  # interface language
    theme: str = "default"
    large_text: bool = False
    # Notes are cleared this many days after the request was logged; the coded fields stay.
    note_retention_days: int = 30
    # Age band, first visit and barriers: the Bibliotheekmonitor stopped asking staff for
    # the visitor's background in 2024, so a location can switch these fields off.
    profile_fields: bool = True
    # The desk as residents find it, printed on follow-up slips and handouts. The
    # library's own public details, never a person's: 'Bibliotheek Centrum',
    # 'Stationsplein 1, 1234 AB Stad', 'ma-vr 10.00-17.00', '010 123 45 67'.
    desk_name: str = ""
    desk_address: str = ""
    desk_hours: str = ""
    desk_phone: str = ""

    def validated(self) -> Settings:
        # Messages name the setting and the valid choices, never the value found.
        if self.lang not in LANGUAGES:
            raise SettingsError(f"unknown language; valid: {', '.join(LANGUAGES)}")
        if self.theme not in THEMES:
            raise SettingsError(f"unknown theme; valid: {', '.join(THEMES)}")
        if self.location_kind not in LOCATION_KINDS:
            raise SettingsError(f"unknown location kind; valid: {', '.join(LOCATION_KINDS)}")
        days = self.note_retention_days
        if (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not 0 <= days <= NOTE_RETENTION_MAX_DAYS
        ):
            raise SettingsError(
                "note_retention_days must be a whole number of days from 0 to "
                f"{NOTE_RETENTION_MAX_DAYS}"
            )
        for name in ("profile_fields", "large_text"):
            if not isinstance(getattr(self, name), bool):
                raise SettingsError(f"{name} must be true or false")
        for name in ("location", "staff"):
            value = getattr(self, name)
            if not isinstance(value, str) or (value and _code_problem(name, value)):
                raise SettingsError(
                    f"{name} must be a code of lowercase letters, digits or hyphens, "
                    "never a name or a personal number"
                )
        for name in DESK_DETAILS:
            value = getattr(self, name)
            if not isinstance(value, str) or len(value) > DESK_DETAIL_MAX:
                raise SettingsError(f"{name} must be text of at most {DESK_DETAIL_MAX} characters")
        return self


def _code_problem(name: str, value: str) -> bool:
    from helpdesk.records import code_error  # records imports the catalog; settings stays light

    return code_error(name, value) is not None


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults."""
    return read_unvalidated(path).validated()


def read_unvalidated(path: Path | None = None) -> Settings:
    """The settings file as written, not yet validated (so a bad value can be corrected)."""
    path = path or desk_settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"settings file {path} must hold a JSON object")
    known = {f.name for f in fields(Settings)}
    try:
        return Settings(**{k: v for k, v in raw.items() if k in known})
    except TypeError as exc:
        raise SettingsError(f"settings file {path}: {exc}") from exc


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically so a crash never leaves half a settings file."""
    path = path or desk_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings.validated()), indent=2), encoding="utf-8")
    tmp.replace(path)


def update_settings(path: Path | None = None, **changes: object) -> Settings:
    """Change some settings; the result is validated as a whole before it is written.

    Starts from the file as written, so a value refused by a newer version (a retention
    of 4,000,000 days) can be corrected with ``helpdesk settings`` instead of blocking it.
    """
    settings = replace(read_unvalidated(path), **changes)
    save_settings(settings, path)
    return settings
