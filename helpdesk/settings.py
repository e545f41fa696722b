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
        if self.lang not in LANGUAGES:
            raise SettingsError(f"unknown language {self.lang!r}; valid: {', '.join(LANGUAGES)}")
        if self.theme not in THEMES:
            raise SettingsError(f"unknown theme {self.theme!r}; valid: {', '.join(THEMES)}")
        if self.location_kind not in LOCATION_KINDS:
            raise SettingsError(
                f"unknown location kind {self.location_kind!r}; valid: {', '.join(LOCATION_KINDS)}"
            )
        if not isinstance(self.note_retention_days, int) or self.note_retention_days < 0:
            raise SettingsError("note_retention_days must be a whole number of days, 0 or more")
        if not isinstance(self.profile_fields, bool):
            raise SettingsError("profile_fields must be true or false")
        for name in DESK_DETAILS:
            value = getattr(self, name)
            if not isinstance(value, str) or len(value) > DESK_DETAIL_MAX:
                raise SettingsError(f"{name} must be text of at most {DESK_DETAIL_MAX} characters")
        return self


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults."""
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
        return Settings(**{k: v for k, v in raw.items() if k in known}).validated()
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
    settings = replace(load_settings(path), **changes)
    save_settings(settings, path)
    return settings
