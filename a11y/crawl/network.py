"""The network check: may the crawler (or the browser it drives) connect to this host?

A public site must not steer the crawler into the network behind it. So before any
request, the host's name is resolved and every address it gives is judged: loopback,
private, link-local, shared (100.64.0.0/10, where cloud metadata services live),
unique-local, multicast, unspecified and reserved addresses are refused, and so is
every IPv6 form that carries an IPv4 address inside it (IPv4-mapped ``::ffff:a.b.c.d``,
IPv4-compatible ``::a.b.c.d``, NAT64 ``64:ff9b::/96`` and ``64:ff9b:1::/48``, 6to4
``2002::/16``, Teredo ``2001::/32``), whatever that IPv4 address is: they are ways to
write one address so that a simpler check misses it. Names with a trailing dot
(``localhost.``) are refused too: they are the same host as without the dot, written
so that a name comparison misses it. The start URLs' own hosts are always allowed
(a web team may scan its own intranet site), and ``--allow-private`` allows all.

**Pinning.** The first resolution of a host is its pin for the scan. Every later check
resolves the name again and judges the new answer too: a name that flips from a public
to an internal address (DNS rebinding) is refused from then on, for the rest of the
scan, instead of trusted because it once looked public. (New *public* addresses join
the pin: CDNs rotate their addresses between lookups, and refusing them would break
pages, not protect anything.) The pin is
also where connections go: the scan's gate (:mod:`a11y.crawl.gate`) connects to a
pinned address itself, so neither Chromium nor ``requests`` looks the name up again.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_SHARED = ipaddress.ip_network("100.64.0.0/10")
#: IPv6 ranges that carry an IPv4 address (or tunnel to one); refused whole.
_EMBEDDING = (
    (ipaddress.ip_network("::ffff:0:0/96"), "IPv4-mapped IPv6 address"),
    (ipaddress.ip_network("::/96"), "IPv4-compatible IPv6 address"),
    (ipaddress.ip_network("64:ff9b::/96"), "NAT64 address with an IPv4 address inside"),
    (ipaddress.ip_network("64:ff9b:1::/48"), "NAT64 address with an IPv4 address inside"),
    (ipaddress.ip_network("2002::/16"), "6to4 address with an IPv4 address inside"),
    (ipaddress.ip_network("2001::/32"), "Teredo address with an IPv4 address inside"),
    (ipaddress.ip_network("::ffff:0:0:0/96"), "IPv4-translated IPv6 address"),
)


def address_refusal(address: Address) -> str | None:
    """Why ``address`` may not be contacted from a crawled page; None for a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_loopback:
            return "loopback address"
        if address.is_unspecified:
            return "unspecified address"
        for network, reason in _EMBEDDING:
            if address in network:
                return reason
    checks = (
        (address.is_loopback, "loopback address"),
        (address in _SHARED, "shared address (100.64.0.0/10)"),
        (address.is_link_local, "link-local address"),
        (address.is_multicast, "multicast address"),
        (address.is_unspecified, "unspecified address"),
        (getattr(address, "is_site_local", False), "site-local address"),
        (
            address.version == 6 and address in ipaddress.ip_network("fc00::/7"),
            "unique-local address",
        ),
        (address.is_private, "private address"),
        (address.is_reserved, "reserved address"),
        (not address.is_global, "non-public address"),
    )
    return next((reason for hit, reason in checks if hit), None)


def host_refusal(host: str) -> str | None:
    """Why a host *name* is refused before any lookup (localhost, trailing dot)."""
    if host.endswith("."):
        return "host name with a trailing dot"
    if host == "localhost" or host.endswith(".localhost"):
        return "localhost name"
    return None


def resolve(host: str) -> frozenset[Address]:
    """Every address ``host`` resolves to now (an IP literal is itself); empty if none."""
    try:
        return frozenset([ipaddress.ip_address(host)])
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return frozenset()
    return frozenset(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)


@dataclass
class NetworkCheck:
    """The one network check of a scan, shared by ``requests`` fetches and the browser.

    Thread-safe: browser fences and crawl workers ask it at the same time.
    """

    #: Host names (no port) of the start URLs: allowed whatever their address.
    own: frozenset[str] = frozenset()
    allow_private: bool = False
    _pins: dict[str, frozenset[Address]] = field(default_factory=dict, repr=False)
    _refused: dict[str, str] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def refusal(self, url: str) -> str | None:
        """Why the host of ``url`` may not be contacted; None when it may."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return "unreadable host"
        return self.host_refusal(host)

    def host_refusal(self, host: str) -> str | None:
        host = host.strip("[]").lower()
        if self.allow_private or host in self.own:
            return None
        if not host:
            return "no host"
        with self._lock:
            if host in self._refused:
                return self._refused[host]
        reason = host_refusal(host)
        addresses = frozenset() if reason else resolve(host)
        if reason is None and not addresses:
            return None  # unresolvable: the request itself fails and is recorded
        if reason is None:
            reason = next(
                (f"{r} ({a})" for a in sorted(addresses, key=str) if (r := address_refusal(a))),
                None,
            )
        with self._lock:
            if reason is None:
                pinned = self._pins.setdefault(host, addresses)
                if not addresses <= pinned:
                    # Every new address passed the check above, so this is a CDN rotating
                    # public addresses, not rebinding: they join the pin.
                    self._pins[host] = pinned | addresses
            elif host in self._pins:
                reason = f"the name resolves to another address than when it was checked: {reason}"
            if reason is not None:
                self._refused[host] = reason
            return reason

    def address_for(self, host: str) -> tuple[Address | None, str | None]:
        """Where a connection to ``host`` may go: (one checked address, None), or
        (None, why not), or (None, None) when the name does not resolve.

        The address is one the check pinned, never a fresh lookup, so the connection goes
        where the check looked (see :mod:`a11y.crawl.gate`). Own hosts and
        ``--allow-private`` are pinned at their first lookup too, without judging it.
        """
        host = host.strip("[]").lower()
        reason = self.host_refusal(host)
        if reason is not None:
            return None, reason
        with self._lock:
            pinned = self._pins.get(host)
        if not pinned:
            pinned = resolve(host)
            if not pinned:
                return None, None
            with self._lock:
                pinned = self._pins.setdefault(host, pinned)
        # IPv4 first: a dual-stack name's IPv6 route is less often set up on intranets
        # and CI machines; any pinned address passed the check.
        return min(pinned, key=lambda a: (a.version, str(a))), None

    def pinned(self, host: str) -> frozenset[Address]:
        """The addresses ``host`` was pinned to (empty if never checked or refused)."""
        with self._lock:
            return self._pins.get(host.strip("[]").lower(), frozenset())
