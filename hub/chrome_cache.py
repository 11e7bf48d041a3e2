"""The chrome every page shows, kept in Django's cache between requests.

The menus, the footer, the site's settings, the language switcher's homes, a
page's translations and share image, and the map of view restrictions: each
built once per *site generation* (``hub.pagecache.site_generation``), which
moves on after every committed change to pages, snippets, settings,
taxonomies or view restrictions. A published change therefore shows on the
next request, in every language, without anyone clearing anything; an old
generation's entries are never read again and expire.

Only what is the same for every visitor goes here: never the Wagtail
userbar, a form, a session's state or anything an editor alone sees. Each
key names the language and the site where the value depends on them. If the
cache is down, every piece is built from the database, as before.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_MISSING = object()


def cached_fragment(request, key, build):
    """``build()``'s value for ``key`` in the current generation: from the cache, else built.

    Memoised on the request too, so a piece read twice (header and footer,
    head and switcher) costs one cache round trip.
    """
    memo = request.__dict__.setdefault("_hub_chrome", {}) if request is not None else {}
    if key in memo:
        return memo[key]
    from hub.pagecache import site_generation

    full_key = f"chrome:{key}:{site_generation(request)}"
    try:
        value = cache.get(full_key, _MISSING)
    except Exception:
        logger.warning("chrome cache unavailable", exc_info=True)
        value = _MISSING
    if value is _MISSING:
        value = build()
        try:
            cache.set(full_key, value, getattr(settings, "PAGE_CACHE_SECONDS", 24 * 3600))
        except Exception:
            logger.warning("chrome cache: could not store %s", key, exc_info=True)
    memo[key] = value
    return value


def site_id(request):
    """The id of the request's Site (already looked up while routing), or 0."""
    from hub.routing import find_site

    site = find_site(request)
    return site.pk if site is not None else 0
