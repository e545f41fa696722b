"""Authenticated scans: extra headers, cookies and a scripted form login (issue 17).

The parts of a municipal site behind a login (Mijn Gemeente, forms) can only be checked
when the scan carries what a logged-in visitor carries. Secrets never come from the
command line, where they would end up in shell history and process listings: they come
from the environment (``A11Y_HEADERS``, ``A11Y_COOKIES``) or from the ``[auth]`` table of
the configuration file, where a value written as ``"$NAME"`` or ``"${NAME}"`` is read
from the environment (a CI secret), so the file itself can be committed.

What is sent where is decided here once, by host: headers and cookies go only to the
hosts of the scan's scope (:meth:`Auth.headers_for`), never to a third-party host a page
loads images or scripts from, nor along a redirect that leaves the scope. The scripted
login itself runs in the browser (:mod:`a11y.browser.login`).

The values never reach the database, a report or an error message: :class:`Auth` is
kept out of :class:`a11y.crawl.engine.CrawlConfig` (whose fields are stored with the
scan), its ``repr`` names only header and cookie names, and every error here names the
key or the environment variable, never its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from a11y.i18n import cli_lang, t

#: The environment variables read by :meth:`Auth.from_env`.
ENV_HEADERS = "A11Y_HEADERS"
ENV_COOKIES = "A11Y_COOKIES"

#: ``"$NAME"`` or ``"${NAME}"``, the whole value: read from the environment.
_REFERENCE = re.compile(r"^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$")
#: An HTTP header or cookie name (RFC 9110 token).
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
#: Headers the scan sets itself or that would change what a request means.
_REFUSED_HEADERS = frozenset(
    {"host", "cookie", "content-length", "transfer-encoding", "connection", "user-agent"}
)
_TABLE_KEYS = ("headers", "cookies", "login")
_LOGIN_KEYS = ("url", "fields", "submit", "success")


class AuthError(ValueError):
    """Raised for an ``[auth]`` table or environment that cannot be used; the message
    names the key or variable, never a value (it may be a password)."""


def say(message: str, /, **fields: object) -> str:
    """A line of the ``auth`` block of messages.toml in the command's language."""
    return t(f"auth.{message}", cli_lang(), **fields)


@dataclass(frozen=True)
class Login:
    """A form login run once in the browser before the crawl (:mod:`a11y.browser.login`)."""

    #: The page with the login form; its host must be one of the scan's hosts.
    url: str
    #: CSS selector of a form field -> the value typed into it.
    fields: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: CSS selector of the element clicked to submit the form.
    submit: str = ""
    #: CSS selector that is on the page only after a successful login (optional).
    success: str | None = None

    def __repr__(self) -> str:
        return (
            f"Login(url={self.url!r}, fields={sorted(self.fields)!r}, "
            f"submit={self.submit!r}, success={self.success!r})"
        )


@dataclass(frozen=True)
class Auth:
    """What an authenticated scan sends to the site's own hosts, and how it logs in."""

    headers: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)
    login: Login | None = None

    def __repr__(self) -> str:
        """Names only: a repr ends up in tracebacks and logs."""
        return (
            f"Auth(headers={sorted(self.headers)!r}, cookies={sorted(self.cookies)!r}, "
            f"login={self.login!r})"
        )

    def __bool__(self) -> bool:
        return bool(self.headers or self.cookies or self.login)

    # --- constructors ------------------------------------------------------------------

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Auth:
        """Headers from ``A11Y_HEADERS`` (one ``Name: value`` a line) and cookies from
        ``A11Y_COOKIES`` (``a=b; c=d``); an empty Auth when neither is set."""
        headers = _parse_header_lines(environ.get(ENV_HEADERS, ""), ENV_HEADERS)
        cookies = _parse_cookie_string(environ.get(ENV_COOKIES, ""), ENV_COOKIES)
        return cls(headers=headers, cookies=cookies)

    @classmethod
    def from_table(cls, table: Mapping[str, Any], environ: Mapping[str, str]) -> Auth:
        """The ``[auth]`` table of ``a11y.toml`` (shape in the README); ``"$NAME"`` values
        are read from ``environ``. Unknown keys are an error that names the key."""
        if not isinstance(table, Mapping):
            raise AuthError(say("not_a_table", key="auth"))
        _known(table, _TABLE_KEYS, "auth")
        headers = {}
        for name, value in _table(table, "headers").items():
            _check_header_name(name, f"auth.headers.{name}")
            headers[name] = _value(value, f"auth.headers.{name}", environ)
            _check_header_value(headers[name], f"auth.headers.{name}")
        cookies = {}
        for name, value in _table(table, "cookies").items():
            if not _TOKEN.match(name):
                raise AuthError(say("bad_cookie_name", where=f"auth.cookies.{name}"))
            cookies[name] = _value(value, f"auth.cookies.{name}", environ)
            _check_cookie_value(cookies[name], f"auth.cookies.{name}")
        login = None
        if "login" in table:
            login = _login(table["login"], environ)
        return cls(headers=headers, cookies=cookies, login=login)

    def merged(self, other: Auth) -> Auth:
        """Both together; ``other`` wins per header or cookie name and brings its login."""
        return Auth(
            headers={**self.headers, **other.headers},
            cookies={**self.cookies, **other.cookies},
            login=other.login or self.login,
        )

    def with_cookies(self, cookies: Mapping[str, str]) -> Auth:
        """These cookies added (the ones a scripted login brought home)."""
        return replace(self, cookies={**self.cookies, **cookies})

    # --- what goes where -----------------------------------------------------------------

    def headers_for(self, url: str, origins: Iterable[str], cookies: bool = True) -> dict[str, str]:
        """The headers (``Cookie`` too, unless ``cookies`` is off: the browser keeps its
        cookies in its own store) to add to a request for ``url``: all of them when its
        ``scheme://host:port`` is one of ``origins`` (see :func:`origins`), none otherwise."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" not in origins:
            return {}
        extra = dict(self.headers)
        if cookies and self.cookies:
            extra["Cookie"] = self.cookie_header()
        return extra

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def secrets(self) -> list[str]:
        """Every value this Auth holds (header and cookie values, login field values)."""
        values = [*self.headers.values(), *self.cookies.values()]
        if self.login:
            values.extend(self.login.fields.values())
        return [v for v in values if v]

    def redact(self, text: str) -> str:
        """``text`` with every secret value replaced, for messages that quote a browser."""
        for value in sorted(self.secrets(), key=len, reverse=True):
            text = text.replace(value, "***")
        return text

    def describe(self, hosts: Iterable[str]) -> str:
        """One line for stderr: which names go to which origins (never a value)."""
        names = [*self.headers, *(f"cookie {c}" for c in self.cookies)]
        if self.login:
            names.append(say("login_step", url=self.login.url))
        return say("sending", names=", ".join(names), hosts=", ".join(sorted(hosts)))


def origins(hosts: Iterable[str], start_urls: Iterable[str]) -> frozenset[str]:
    """Where an authenticated scan's secrets may go: ``scheme://host:port`` of the scope's
    ``hosts``, over plain http only when a start URL itself is http. A site that is
    https must not have its session sent in the clear to an ``http://`` link of its own."""
    schemes = {urlsplit(u).scheme for u in start_urls}
    schemes = {"http", "https"} if "http" in schemes else {"https"}
    return frozenset(f"{scheme}://{host}" for host in hosts for scheme in schemes)


# --- parsing ---------------------------------------------------------------------------


def _known(table: Mapping[str, Any], keys: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in keys:
            raise AuthError(say("unknown_key", key=f"{where}.{key}", valid=", ".join(keys)))


def _table(table: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, Mapping):
        raise AuthError(say("not_a_table", key=f"auth.{key}"))
    return value


def _value(value: object, where: str, environ: Mapping[str, str]) -> str:
    """A string, or the environment variable a ``"$NAME"`` / ``"${NAME}"`` names."""
    if not isinstance(value, str):
        raise AuthError(say("not_text", key=where))
    match = _REFERENCE.match(value)
    if not match:
        return value
    name = match.group(1) or match.group(2)
    if name not in environ:
        raise AuthError(say("missing_env", name=name, key=where))
    return environ[name]


def _login(table: object, environ: Mapping[str, str]) -> Login:
    if not isinstance(table, Mapping):
        raise AuthError(say("not_a_table", key="auth.login"))
    _known(table, _LOGIN_KEYS, "auth.login")
    for key in ("url", "fields", "submit"):
        if key not in table:
            raise AuthError(say("login_missing", key=f"auth.login.{key}"))
    url = table["url"]
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise AuthError(say("login_url", key="auth.login.url"))
    fields = table["fields"]
    if not isinstance(fields, Mapping) or not fields:
        raise AuthError(say("not_a_table", key="auth.login.fields"))
    values = {
        selector: _value(value, f"auth.login.fields.{selector}", environ)
        for selector, value in fields.items()
    }
    for key in ("submit", "success"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            raise AuthError(say("not_text", key=f"auth.login.{key}"))
    return Login(url=url, fields=values, submit=table["submit"], success=table.get("success"))


def _parse_header_lines(text: str, variable: str) -> dict[str, str]:
    headers = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        where = f"{variable} line {number}"
        if not colon:
            raise AuthError(say("bad_header_line", where=where))
        name, value = name.strip(), value.strip()
        _check_header_name(name, where)
        _check_header_value(value, where)
        headers[name] = value
    return headers


def _parse_cookie_string(text: str, variable: str) -> dict[str, str]:
    cookies = {}
    for number, part in enumerate(text.split(";"), start=1):
        if not part.strip():
            continue
        name, equals, value = part.strip().partition("=")
        where = f"{variable} cookie {number}"
        if not equals or not _TOKEN.match(name.strip()):
            raise AuthError(say("bad_cookie_name", where=where))
        _check_cookie_value(value.strip(), where)
        cookies[name.strip()] = value.strip()
    return cookies


def _check_header_name(name: str, where: str) -> None:
    if not _TOKEN.match(name):
        raise AuthError(say("bad_header_name", where=where))
    if name.lower() in _REFUSED_HEADERS:
        raise AuthError(say("refused_header", where=where, name=name))


def _check_header_value(value: str, where: str) -> None:
    if any(c in value for c in "\r\n\0"):
        raise AuthError(say("bad_value", where=where))


def _check_cookie_value(value: str, where: str) -> None:
    if any(c in value for c in ';,\r\n\0 "\\') or any(ord(c) < 0x21 for c in value):
        raise AuthError(say("bad_value", where=where))
