"""One rate-limit policy for every public form: who the client is, and how often it may post."""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """Who is posting: the address the server saw (set by the trusted proxy in production)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def allow_post(request, scope):
    """Count one post of this client to the form ``scope``; False once it is over the limit.

    ``settings.FORM_RATE_LIMIT`` is ``(posts, seconds)``. The counter lives in
    the shared cache (Redis in production), so the limit holds across
    processes and servers.
    """
    limit, window = settings.FORM_RATE_LIMIT
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    if count == limit + 1:
        logger.info("rate limit reached: %s from %s", scope, client_address(request))
    return count <= limit
