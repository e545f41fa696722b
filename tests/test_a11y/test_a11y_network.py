"""The network check (a11y.crawl.network): every way to write an internal address is
refused, the start URL's own host and --allow-private are not, and a host stays pinned
to the address it was checked with."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from a11y.crawl import network, urls
from a11y.crawl.network import NetworkCheck


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.3/",
        "http://[::ffff:127.0.0.3]/",
        "http://[::ffff:7f00:3]/",
        "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:ffff:127.0.0.3]/",
        "http://[::ffff:8.8.8.8]/",  # mapped, even when the address inside is public
        "http://[::127.0.0.1]/",  # IPv4-compatible
        "http://[64:ff9b::7f00:1]/",  # NAT64
        "http://[64:ff9b:1::a00:1]/",
        "http://[2002:7f00:1::1]/",  # 6to4
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo
        "http://100.64.0.1/",  # shared address space: cloud metadata lives here
        "http://100.100.100.200/",
        "http://100.127.255.254/",
        "http://169.254.169.254/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[ff02::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://[::1]/",
        "http://240.0.0.1/",
        "http://localhost/",
        "http://localhost./",
        "http://intranet.localhost/",
        "http://example.org./",  # a trailing dot, whatever the name
    ],
)
def test_internal_address_forms_are_refused(url: str) -> None:
    assert NetworkCheck(own=frozenset({"127.0.0.1"})).refusal(url)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700::6810:85e5"])
def test_public_addresses_pass(address: str) -> None:
    assert network.address_refusal(ipaddress.ip_address(address)) is None


def test_names_that_resolve_to_a_private_address_are_refused() -> None:
    # 'localhost' is caught by name; a name from /etc/hosts by its address.
    name = socket.gethostname()
    addresses = network.resolve(name)
    if not addresses or not all(network.address_refusal(a) for a in addresses):
        pytest.skip("this machine's name does not resolve to a private address")
    assert NetworkCheck().refusal(f"http://{name}:8080/")


def test_own_host_and_allow_private() -> None:
    check = NetworkCheck(own=frozenset({"127.0.0.1"}))
    assert check.refusal("http://127.0.0.1:8080/any") is None
    assert check.refusal("http://127.0.0.2/") is not None
    assert NetworkCheck(allow_private=True).refusal("http://[::ffff:7f00:1]/") is None
    scope = urls.Scope.from_start_urls(["http://127.0.0.1:8000/"])
    assert scope.reachable("http://127.0.0.1:9/") and not scope.reachable("http://localhost./")


def test_a_host_is_pinned_to_the_address_it_was_checked_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the name first answers a public address, then an internal one."""
    answers = iter(["93.184.216.34", "127.0.0.1", "93.184.216.34"])

    def flipping(host: str, *args: object, **kw: object) -> list:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), 0))]

    monkeypatch.setattr(socket, "getaddrinfo", flipping)
    check = NetworkCheck()
    assert check.refusal("http://rebind.example/") is None
    assert check.pinned("rebind.example") == {ipaddress.ip_address("93.184.216.34")}
    assert "another address" in check.refusal("http://rebind.example/again")  # 127.0.0.1
    # once refused, the host stays refused even when the public answer comes back
    assert check.refusal("http://rebind.example/third") is not None


def test_a_cdn_rotating_public_addresses_stays_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = iter(["93.184.216.34", "93.184.216.35"])
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), 0))],
    )
    check = NetworkCheck()
    assert check.refusal("http://moving.example/") is None
    assert check.refusal("http://moving.example/") is None
    assert len(check.pinned("moving.example")) == 2
