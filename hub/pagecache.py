"""The full-page cache for anonymous visitors, and what invalidates it.

``PageCacheMiddleware`` keeps, in Django's cache (Redis in production, local
memory by default), the rendered response of every anonymous ``GET`` that can
be shared, and answers the next identical request from it. It never stores or
serves:

- anything for a request carrying a session or messages cookie (a signed-in
  editor, a visitor who unlocked a password-protected page, a flash message);
- a response that sets a cookie, says ``Cache-Control: private``/``no-cache``/
  ``no-store``, or varies on anything but the cookie;
- the admin, documents (served with their own privacy checks) and any view
  marked ``@never_cache`` / ``@private_page`` (forms redisplayed with errors,
  pages reached through a secret link).

A response's key is its host, path and query string (tracking parameters such
as ``utm_*`` removed); the language is the path's prefix. Keys carry two
generation numbers: the site's, bumped after any change to published content,
snippets, settings or view restrictions, and the path's own, bumped when only
that page changes (an event's seats). Bumps happen after the transaction
commits, so a page rendered from the old data is stored under a generation
nobody asks for any more. If the cache is down, requests go straight through.

Why not Django's cache middleware or wagtail-cache (which supports Wagtail 7):
both invalidate either the whole cache backend (``clear()``, which on Redis
flushes the rate limits and fragment caches with it) or per URL through one
shared "keyring" that every miss rewrites, so concurrent misses can drop each
other's entries and leave a stale page behind. Generations need neither.
"""

import hashlib
import logging
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
TRACKING_PARAMETER = re.compile(r"^(utm_.*|fbclid|gclid|msclkid|mc_.*|_ga|_gl)$")
NOT_CACHED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")
CACHEABLE_STATUSES = {200, 301, 302, 404}


def _new_generation():
    return int(time.time() * 1000)


def generations(path):
    """(site generation, path generation), from one cache round trip."""
    path_key = f"pagecache:path:{path}"
    try:
        found = cache.get_many([GENERATION_KEY, path_key])
    except Exception:
        logger.warning("page cache: cache unavailable", exc_info=True)
        return None
    site = found.get(GENERATION_KEY)
    if site is None:
        site = _new_generation()
        cache.add(GENERATION_KEY, site, None)
    return site, found.get(path_key, 0)


def site_generation(request=None):
    """The site's generation for this request (read once per request)."""
    if request is not None and hasattr(request, "_site_generation"):
        return request._site_generation
    found = generations("/")
    value = found[0] if found else _new_generation()
    if request is not None:
        request._site_generation = value
    return value


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _new_generation(), None)
    except Exception:
        logger.warning("page cache: could not invalidate %s", key, exc_info=True)


def invalidate_site(reason=""):
    """Every cached page and fragment is stale now and once the current transaction commits."""
    invalidate_site_once()
    if reason:
        logger.debug("page cache invalidated: %s", reason)


def invalidate_paths(paths):
    """Only these paths (every query string of each) are stale once the transaction commits."""
    paths = list(paths)

    def bump():
        for path in paths:
            try:
                cache.add(f"pagecache:path:{path}", 0, None)
            except Exception:
                logger.warning("page cache: could not invalidate %s", path, exc_info=True)
            _bump(f"pagecache:path:{path}")

    transaction.on_commit(bump)


def _query_key(query_string):
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if not TRACKING_PARAMETER.match(name)
    ]
    return urlencode(pairs)


def cache_key(request, generation):
    site, path = generation
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            _query_key(request.META.get("QUERY_STRING", "")),
        )
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:page:{site}:{path}:{digest}"


def private_page(view):
    """Mark a view's responses as never shared: a visitor's own data, a secret link."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True, no_store=True)
        return response

    return wrapped


def _request_is_cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NOT_CACHED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def mark_private(request):
    """This request's response must not be shared (a restricted page, a visitor's own data)."""
    request._page_cache_private = True


def _response_is_cacheable(response):
    if response.status_code not in CACHEABLE_STATUSES or response.streaming:
        return False
    if response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= {"cookie", "accept-encoding"}


def _shared_cache_headers(response):
    """What a CDN or proxy in front may do with this anonymous response."""
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS
    )


class PageCacheMiddleware:
    """Answer anonymous GET/HEAD requests from the page cache; store what can be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            response = self.get_response(request)
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                # An editor's page (userbar, previews) is never kept by a shared cache.
                patch_cache_control(response, private=True)
            return response

        found = generations(request.path)
        if found is None:
            return self.get_response(request)
        request._site_generation = found[0]
        key = cache_key(request, found)
        try:
            stored = cache.get(key)
        except Exception:
            stored = None
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content if request.method == "GET" else b"", status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if getattr(request, "_page_cache_private", False):
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
        elif request.method == "GET" and _response_is_cacheable(response):
            _shared_cache_headers(response)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in {"set-cookie", "x-page-cache"}
            ]
            try:
                cache.set(
                    key,
                    (response.status_code, headers, response.content),
                    settings.PAGE_CACHE_SECONDS,
                )
            except Exception:
                logger.warning("page cache: could not store %s", request.path, exc_info=True)
            response["X-Page-Cache"] = "miss"
        elif "Cache-Control" not in response:
            # Not shareable (a cookie, a visitor's own data): no shared cache keeps it.
            patch_cache_control(response, private=True)
        return response


# --- What invalidates the cache -------------------------------------------------
# Saving or deleting any model of these apps changes what pages show, except the
# models listed below (records nobody sees on a page, or changes handled apart).
CONTENT_APPS = {
    "hub",
    "pledges",
    "events",
    "learning",
    "search",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "taggit",
}
IGNORED_MODELS = {
    # Seats change only their event's pages (see seats_changed).
    "events.eventregistration",
    # Submissions are private until an editor publishes a case study from one.
    "pledges.actionsubmission",
    "pledges.submissionimage",
    # The practice library's index follows page publishing, which already invalidates.
    "search.practicerecord",
    "search.practicefacetvalue",
    "search.practiceindexstate",
    # Drafts, history and workflow state are not on public pages.
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
}


def _changes_public_content(sender):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return False
    return meta.label_lower not in IGNORED_MODELS


def _on_model_change(sender, instance=None, **kwargs):
    if kwargs.get("raw"):  # loaddata
        return
    if not _changes_public_content(sender):
        return
    if sender._meta.label_lower == "pledges.endorsement" and instance.status == "pending":
        return  # not on any page until a moderator decides
    if kwargs.get("created") and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # a site's settings row, created with its defaults on the first visit
    invalidate_site_once()


def _bump_site():
    _bump(GENERATION_KEY)


def invalidate_site_once():
    """Move the site's generation on now and again when the transaction commits.

    Now, so that a request inside the changing transaction (a test, a shell)
    already reads the new state; at the commit, so that nothing built from the
    old state by another process in between outlives it.
    """
    _bump_site()
    transaction.on_commit(_bump_site)


def seats_changed(event):
    """An event's seats changed: its pages in every language are stale (nothing else is)."""
    paths = []
    for page in event.get_translations(inclusive=True).live().specific():
        url = page.get_url()
        if url:
            paths.append(url.split("?")[0])
    invalidate_paths(paths)


def _on_registration_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    from hub.frontend_cache import purge_event_pages

    seats_changed(instance.event)
    transaction.on_commit(lambda: purge_event_pages(instance.event))


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    post_save.connect(_on_model_change, dispatch_uid="pagecache_save")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache_delete")
    post_save.connect(
        _on_registration_change, sender="events.EventRegistration", dispatch_uid="pagecache_seats"
    )
    post_delete.connect(
        _on_registration_change,
        sender="events.EventRegistration",
        dispatch_uid="pagecache_seats_delete",
    )
