"""Values that are the same for every visitor, cached per language and content generation.

``cached(request, name, compute)`` returns ``compute()``, kept in Django's
cache under ``name``, the active language and the site's content generation
(``hub.pagecache.site_generation``): any published change to pages, snippets,
settings or view restrictions makes a new key, so nothing stale is ever read.
Previews (an editor's draft) are never cached. With the cache down, the value
is computed every time.

Only cache what every visitor sees alike: never a form bound to a request, a
user's data, or the Wagtail userbar.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

_MISSING = object()


def cached(request, name, compute, timeout=None):
    if request is None or getattr(request, "is_preview", False):
        return compute()
    from hub.pagecache import site_generation

    key = f"fragment:{name}:{get_language()}:{site_generation(request)}"
    try:
        value = cache.get(key, _MISSING)
    except Exception:
        logger.warning("fragment cache: cache unavailable", exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, value, timeout or settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("fragment cache: cache unavailable", exc_info=True)
    return value


def locale_code(request, page):
    """The language code of ``page``'s locale without a query per request (locales never
    change their code; the map is read once per content generation)."""
    if "locale" in page._state.fields_cache:
        return page.locale.language_code
    from wagtail.models import Locale

    codes = cached(
        request, "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )
    return codes.get(page.locale_id) or page.locale.language_code
