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

from django.utils.translation import get_language

from hub.chrome_cache import cached_fragment


def cached(request, name, compute):
    """``compute()`` for ``name`` in the active language and current generation.

    The same store as the chrome (``hub.chrome_cache.cached_fragment``), keyed
    by the language too; an editor's preview is always computed afresh.
    """
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return cached_fragment(request, f"fragment:{name}:{get_language()}", compute)


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
