"""Which addresses fetching may reach: public ones only, unless the settings allow more.

An article, a feed or a redirect can name any URL; followed blindly, it reaches the
machine's own services (``127.0.0.1``, ``localhost``), the private network, or a cloud
provider's metadata service (``169.254.169.254``), which hands out credentials. So a
host is resolved here, each address is checked, and the request is then made to the
checked address itself (see :mod:`storyline.ingest.web`): a name that resolves to a
public address now and to ``127.0.0.1`` a moment later (DNS rebinding) gets nothing.

Refused: loopback, private (RFC 1918, unique-local), link-local (cloud metadata),
multicast, unspecified, reserved, shared (carrier NAT, ``100.64.0.0/10``, where Alibaba
keeps its metadata service) and documentation ranges; IPv4 hidden in IPv6 (mapped,
6to4, Teredo, NAT64) is checked as the IPv4 address it hides.
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_RESOLVER = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="resolve")


class AddressRefused(Exception):
    """A host that resolves to no address fetching may reach."""


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo client, NAT64)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def why_refused(ip: IPAddress) -> str | None:
    """Why fetching may not reach ``ip`` (e.g. ``"loopback"``), or None for a public address."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        why = why_refused(inner)
        return f"{why} (inside {ip})" if why else None
    for test, name in ((ip.is_loopback, "loopback"), (ip.is_unspecified, "unspecified"),
                       (ip.is_link_local, "link-local (cloud metadata)"),
                       (ip.is_multicast, "multicast"), (ip.is_private, "private"),
                       (ip.is_reserved, "reserved")):
        if test:
            return f"a {name} address"
    if not ip.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int, timeout: float) -> list[IPAddress]:
    """The addresses ``host`` resolves to (an address literal, decimal or dotted, to itself),
    within ``timeout`` seconds."""
    future = _RESOLVER.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=max(timeout, 0.01))
    except concurrent.futures.TimeoutError:
        raise OSError(f"resolving {host} took longer than {timeout:.0f} s") from None
    out: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    return out


def pick_address(host: str, addresses: list[IPAddress], allow_private: bool,
                 private_hosts: tuple[str, ...] = ()) -> IPAddress:
    """The address to connect to: the first public one; any, when ``allow_private`` or when
    ``host`` is one of ``private_hosts`` (names or addresses, as written in the URL)."""
    if not addresses:
        raise AddressRefused(f"{host} has no address")
    if allow_private or host.lower().strip("[]") in {h.lower().strip("[]") for h in private_hosts}:
        return addresses[0]
    reasons = []
    for ip in addresses:
        why = why_refused(ip)
        if why is None:
            return ip
        reasons.append(f"{ip} is {why}")
    raise AddressRefused(f"refused: {host} resolves only to addresses fetching may not reach "
                         f"({'; '.join(reasons)}); allow them with STORYLINE_FETCH_PRIVATE_HOSTS="
                         f"{host} or STORYLINE_FETCH_ALLOW_PRIVATE=1")
