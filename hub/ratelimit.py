"""One rate-limit policy for every public form: who the client is, and how often it may post.

The client is the address the request came from, unless that address is one
of ``settings.TRUSTED_PROXIES``: then it is the nearest address in
``X-Forwarded-For`` that is not itself a trusted proxy (the header is read
right to left, as each proxy appends the address it saw). A client that is not
a trusted proxy cannot name anyone else by sending the header itself.

Django's ``ipaddress`` checks do the matching rather than django-ipware: ipware
trusts a forwarded chain by its content (the trailing hops must look like the
proxies) without checking that the request actually came from a proxy, so a
client connecting directly could forge a chain that passes.

Limits are counted in the shared cache (Redis in production): per client and
form, and per email address named in a post whoever sends it. IPv6 clients are
counted per /64, the block one household or server usually holds. If the cache
is unreachable the limits fail open: the post goes through and a warning is
logged, because refusing every visitor is worse than a short unthrottled spell.
"""

import hashlib
import ipaddress
import logging
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def _trusted_networks(proxies):
    networks = []
    for entry in proxies:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            logger.error("TRUSTED_PROXIES: %r is not an address or network; ignored", entry)
    return tuple(networks)


def _parse(value):
    value = (value or "").strip().strip('"')
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:5123
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks):
    return any(address.version == net.version and address in net for net in networks)


def client_ip(request):
    """The client's address as an ``ipaddress`` object (None if there is none to read)."""
    remote = _parse(request.META.get("REMOTE_ADDR"))
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if remote is None or not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            # Garbage in the chain: nothing to its left can be trusted.
            break
        if not _is_trusted(address, networks):
            return address
        remote = address
    return remote


def client_address(request):
    """Who is posting, as text: the client's address (see the module docstring)."""
    address = client_ip(request)
    return str(address) if address is not None else "unknown"


def client_ip_or_none(request):
    """The client's address as text, or None (what django-axes records for a sign-in)."""
    address = client_ip(request)
    return str(address) if address is not None else None


def client_bucket(request):
    """The unit a limit counts: one IPv4 address, or one IPv6 /64 network."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _count(key, window):
    """Add one to the counter ``key``; None when the cache cannot count."""
    try:
        if cache.add(key, 1, timeout=window):
            return 1
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        return 1 if cache.add(key, 1, timeout=window) else None
    except Exception:  # a cache backend that raises instead of ignoring errors
        logger.warning("rate limit: cache unavailable, %s not counted", key, exc_info=True)
        return None
    return count


def _within(key, limit, window, what):
    count = _count(key, window)
    if count is None:
        logger.warning("rate limit: could not count %s; allowed (fail open)", what)
        return True
    if count == limit + 1:
        logger.info("rate limit reached: %s", what)
    return count <= limit


def allow_post(request, scope, recipient=None):
    """Count one post to the form ``scope``; False once it is over a limit.

    ``settings.FORM_RATE_LIMIT`` (posts, seconds) limits each client;
    ``settings.RECIPIENT_RATE_LIMIT`` limits posts naming the same email
    address ``recipient`` (case-insensitive), so nobody can flood a stranger's
    inbox from many addresses.
    """
    limit, window = settings.FORM_RATE_LIMIT
    bucket = client_bucket(request)
    allowed = _within(f"ratelimit:{scope}:{bucket}", limit, window, f"{scope} from {bucket}")
    if allowed and recipient:
        limit, window = settings.RECIPIENT_RATE_LIMIT
        digest = hashlib.sha256(recipient.strip().lower().encode()).hexdigest()[:32]
        allowed = _within(
            f"ratelimit:{scope}:to:{digest}", limit, window, f"{scope} to one address"
        )
    return allowed
