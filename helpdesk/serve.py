"""``helpdesk serve``: the desk app in the browsers of a library's desks, one database.

The machine that holds the database runs ``helpdesk serve``; every desk opens its address
in a browser and gets its own session of the desk app (``textual-serve`` starts one
``helpdesk`` process per browser tab, with this process's environment, so they all use
the same database and settings). Nothing else is shared, and SQLite's WAL mode with the
store's busy timeout already lets several desk processes write one file.

There is no login: by default only this machine can connect (127.0.0.1). Listening on
every address (``--host 0.0.0.0``) lets everyone on the network open the desk, which the
command says out loud; it is meant for the library's internal staff network only.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LOCAL_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "Inclusiedesk"


@dataclass(frozen=True)
class ServePlan:
    """What ``helpdesk serve`` will run, where, and at which address desks open it."""

    command: str  # the shell command each browser session runs
    host: str  # the address the web server listens on
    port: int
    url: str  # what desks type into their browser (also the web socket's base)

    @property
    def open_to_network(self) -> bool:
        return not is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1 and localhost reach only this machine; anything else the network."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_address() -> str:
    """This machine's address on the network, for the URL other desks open.

    A UDP socket 'connected' to a private address picks the outgoing interface without
    sending anything; without a network the host name is the best guess.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname()


def desk_command(db: Path, lang: str | None) -> str:
    """``python -m helpdesk --db DB [--lang L]`` with this very Python, quoted for a shell."""
    argv = [sys.executable, "-m", "helpdesk", "--db", str(db.resolve())]
    if lang:
        argv += ["--lang", lang]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def plan(
    host: str, port: int, db: Path, lang: str | None = None, public_url: str | None = None
) -> ServePlan:
    """Decide the command and address; ``public_url`` overrides the address desks use.

    The browser page connects back to ``url``, so it must be an address the desks can
    reach: on 0.0.0.0 (every interface) that is this machine's network address.
    """
    if public_url:
        url = public_url.rstrip("/")
    else:
        shown = network_address() if host in ("0.0.0.0", "::") else host
        shown = f"[{shown}]" if ":" in shown else shown
        url = f"http://{shown}:{port}"
    return ServePlan(desk_command(db, lang), host, port, url)


def run(serve_plan: ServePlan) -> None:
    """Serve until Ctrl+C (raises ImportError when textual-serve is not installed)."""
    from textual_serve.server import Server

    server = Server(
        serve_plan.command,
        host=serve_plan.host,
        port=serve_plan.port,
        title=TITLE,
        public_url=serve_plan.url,
    )
    server.serve()
