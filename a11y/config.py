"""``a11y.toml``: a web team's scan options in a file it commits, next to its pipeline.

pa11y-ci has ``.pa11yci``, Lighthouse CI ``lighthouserc``; a pipeline with a dozen flags
on one line is hard to review. Every scan option is a key under its long flag name
(``max-pages = 300``, ``exclude = ["/zoeken"]``), so the README's flag list is also the
file's; named sites (``[sites.NAME]``, chosen with ``--site NAME``) carry their own
start URLs, sitemaps and scope; ``[[accepted]]`` lists accepted findings
(:mod:`a11y.accepted`).

Where the file comes from: ``--config FILE``, else ``a11y.toml`` in the current folder,
else ``[tool.a11y]`` in the current folder's ``pyproject.toml``. Precedence, weakest
first: built-in defaults, the file's top level, the chosen site, the command line.

The file's values go through the very argparse parser the flags go through (as if
typed), so a value is checked once, by the same rule, with the same message. Unknown
keys are an error naming the key: a misspelt ``max_pages`` must not be ignored quietly.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from a11y import accepted
from a11y.i18n import os_reason, say
from inclusiedesk import cli

FILE_NAME = "a11y.toml"
#: Scan flags that make no sense in a file: which file or site to read, and one-off runs.
NOT_IN_FILE = frozenset({"help", "config", "site", "resume", "sites"})
#: Keys of a named site beyond the scan options.
SITE_KEYS = frozenset({"urls"})


class ConfigError(cli.CliError):
    """A configuration file that cannot be used: one line naming file and key, exit 2."""


@dataclass(frozen=True)
class FileConfig:
    """One configuration file, read and checked for unknown keys."""

    path: Path | None = None
    #: Top-level scan options, by flag name without dashes (``max-pages``).
    options: dict[str, Any] = field(default_factory=dict)
    sites: dict[str, dict[str, Any]] = field(default_factory=dict)
    accepted: tuple[accepted.Accept, ...] = ()
    #: The ``[auth]`` table as written (secrets as ``"$NAME"``), read by
    #: :meth:`a11y.crawl.auth.Auth.from_table` when a scan starts.
    auth: dict[str, Any] = field(default_factory=dict)


def find(explicit: str | None, folder: Path | None = None) -> Path | None:
    """The file to read: ``--config`` if given, else the current folder's ``a11y.toml``
    or a ``pyproject.toml`` that has a ``[tool.a11y]`` table; None when there is none."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(say("config.no_file", path=explicit))
        return path
    folder = folder or Path.cwd()
    own = folder / FILE_NAME
    if own.is_file():
        return own
    project = folder / "pyproject.toml"
    if project.is_file() and "a11y" in _read(project).get("tool", {}):
        return project
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_not_toml(path.name, exc)) from None
    except OSError as exc:
        raise ConfigError(say("config.unreadable", file=path.name, error=os_reason(exc))) from None


def _not_toml(name: str, exc: tomllib.TOMLDecodeError) -> str:
    """Where the file stops being TOML; tomllib's own wording is English, its position is not."""
    found = re.search(r"line (\d+), column (\d+)", str(exc))
    if found is None:
        return say("config.not_toml", file=name)
    return say("config.not_toml_at", file=name, line=found[1], column=found[2])


def load(path: Path | None, known: frozenset[str]) -> FileConfig:
    """Read and check ``path``; ``known`` are the scan flag names a key may be."""
    if path is None:
        return FileConfig()
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("a11y", {})
        if not isinstance(data, dict):
            raise ConfigError(say("config.tool_table", file=path.name))
    name = path.name
    options = {}
    for key, value in data.items():
        if key in ("sites", "accepted", "auth"):
            continue
        if key not in known and key not in SITE_KEYS:
            raise ConfigError(_unknown(name, key, known))
        options[key] = value
    sites = data.get("sites", {})
    if not isinstance(sites, dict) or not all(isinstance(v, dict) for v in sites.values()):
        raise ConfigError(say("config.sites_tables", file=name))
    for site, table in sites.items():
        for key in table:
            if key not in known and key not in SITE_KEYS:
                raise ConfigError(_unknown(f"{name}: [sites.{site}]", key, known))
    try:
        entries = accepted.parse(data.get("accepted", []))
    except accepted.AcceptedError as exc:
        raise ConfigError(f"{name}: {exc}") from None
    auth = data.get("auth", {})
    return FileConfig(path=path, options=options, sites=sites, accepted=entries, auth=auth)


def _unknown(where: str, key: str, known: frozenset[str]) -> str:
    """Keys are flag names with dashes; say so when an underscore spelling was meant."""
    dashed = key.replace("_", "-")
    if dashed != key and dashed in known:
        return say("config.unknown_key_hint", where=where, key=repr(key), dashed=repr(dashed))
    return say("config.unknown_key", where=where, key=repr(key))


# --- from the file to argparse's namespace ----------------------------------------------


def _scan_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["scan"]


def flag_names(parser: argparse.ArgumentParser) -> frozenset[str]:
    """The scan command's long flags without dashes, as the file's keys name them."""
    names = set()
    for action in _scan_parser(parser)._actions:
        for option in action.option_strings:
            if option.startswith("--"):
                names.add(option[2:])
    return frozenset(names - NOT_IN_FILE)


def _quiet(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The same parser with every default suppressed: parsing yields only what was given."""
    for action in _scan_parser(parser)._actions:
        action.default = argparse.SUPPRESS
    return parser


def _tokens(options: dict[str, Any], where: str, scan: argparse.ArgumentParser) -> list[str]:
    """The file's options as the words a user would type after ``a11y scan``."""
    actions = {o[2:]: a for a in scan._actions for o in a.option_strings if o.startswith("--")}
    words: list[str] = []
    urls: list[str] = []
    for key, value in options.items():
        if key == "urls":
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) for v in values):
                raise ConfigError(say("config.urls_list", where=where))
            urls = values
            continue
        action = actions[key]
        flag = "--" + key
        if isinstance(action, argparse._StoreTrueAction):
            if not isinstance(value, bool):
                raise ConfigError(say("config.expected_bool", where=where, key=key))
            words += [flag] if value else []
        elif isinstance(action, argparse._AppendAction):
            values = value if isinstance(value, list) else [value]
            for item in values:
                words += [flag, _scalar(item, key, where)]
        else:
            words += [flag, _scalar(value, key, where)]
    # start URLs first: argparse takes a positional list only before the options
    return [*urls, *words]


def _scalar(value: Any, key: str, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ConfigError(say("config.expected_scalar", where=where, key=key))
    return str(value)


def _parse(build: Any, words: list[str], where: str) -> dict[str, Any]:
    """Given options only (``dest`` -> value), checked by the scan parser itself."""
    parser = _quiet(build())
    try:
        given = vars(parser.parse_args(words))
    except cli.CliError as exc:
        # the parser's "argument --x: ..." / "optie --x: ...": the file names the key itself
        message = re.sub(r"^(argument|optie) ", "", str(exc))
        raise ConfigError(f"{where}: {message}") from None
    given.pop("command", None)
    return given


def merge_into(args: argparse.Namespace, argv: list[str], build: Any) -> FileConfig:
    """Fill ``args`` (parsed ``a11y scan`` flags) from the configuration file, where the
    command line did not give the option itself; returns the file read (or an empty one).

    ``build`` makes a fresh ``a11y`` parser; ``argv`` is what was typed, parsed again
    with the defaults suppressed to learn which options the command line set.
    """
    path = find(getattr(args, "config", None))
    site = getattr(args, "site", None)
    if path is None:
        if site:
            raise ConfigError(say("config.site_no_file", site=site))
        return FileConfig()
    config = load(path, flag_names(build()))
    layers = [(config.options, path.name)]
    if site:
        if site not in config.sites:
            known = ", ".join(sorted(config.sites)) or say("config.no_sites")
            raise ConfigError(
                say("config.site_unknown", site=repr(site), file=path.name, known=known)
            )
        layers.append((config.sites[site], f"{path.name}: [sites.{site}]"))
    elif config.sites and not config.options.get("urls") and not getattr(args, "urls", None):
        if len(config.sites) == 1:
            only = next(iter(config.sites))
            layers.append((config.sites[only], f"{path.name}: [sites.{only}]"))
        elif not getattr(args, "resume", None):
            known = ", ".join(sorted(config.sites))
            raise ConfigError(say("config.several_sites", file=path.name, known=known))
    typed = _parse(build, argv, say("config.command_line"))  # argv starts with "scan"
    from_file: dict[str, Any] = {}
    scan = _scan_parser(build())
    for options, where in layers:
        from_file.update(_parse(build, ["scan", *_tokens(options, where, scan)], where))
    if getattr(args, "resume", None):
        # a resumed scan keeps the start URLs and sitemaps it was started with
        from_file.pop("urls", None)
        from_file.pop("sitemap", None)
    for dest, value in from_file.items():
        if dest not in typed:
            setattr(args, dest, value)
    return config
