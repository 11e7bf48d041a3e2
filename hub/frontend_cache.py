"""Purging a CDN or caching proxy in front of the site (``wagtail.contrib.frontend_cache``).

Publishing, unpublishing or moving a page purges every address that shows it:
the page in each language — its translation's address, or, where it has no
translation, the address at which the other language serves the original (see
``BasePage.route``) — with the sub-pages it routes, and the pages above it that
list it (the section index, the home page) in each language. A change of
seats purges the event's pages. Menus, footer and partners reach the edge when
its copy expires (``PAGE_CACHE_SHARED_SECONDS``).

The backends come from the environment (``hub/settings/base.py``); with none
configured nothing is sent.
"""

import logging

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Locale

logger = logging.getLogger(__name__)


def _full_url(page):
    return page.specific_deferred.get_full_url()


def page_urls(page):
    """Every absolute address at which ``page`` (or its content) is served."""
    page = page.specific_deferred
    urls = []
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific().order_by("-depth"))
    for locale in Locale.objects.all():
        translation = page.get_translation_or_none(locale)
        if translation is not None and translation.live:
            base = _full_url(translation)
            if base:
                urls.extend(base + path.lstrip("/") for path in translation.get_cached_paths())
            continue
        # No translation: the language serves the original under its nearest translated ancestor.
        relative = []
        for ancestor in [page, *ancestors]:
            if ancestor is not page:
                translated = ancestor.get_translation_or_none(locale)
                if translated is not None and translated.live:
                    base = _full_url(translated)
                    if base:
                        urls.append(base + "".join(f"{slug}/" for slug in reversed(relative)))
                    break
            relative.append(ancestor.slug)
    return urls


def listing_urls(page):
    """The pages above ``page`` that list it, in every language."""
    urls = []
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        for translation in ancestor.get_translations(inclusive=True).live():
            url = _full_url(translation)
            if url:
                urls.append(url)
    return urls


def purge_page(page):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    urls = sorted(set(page_urls(page) + listing_urls(page)))
    logger.info("purging %s addresses of page %s", len(urls), page.pk)
    purge_urls_from_cache(urls)


def purge_event_pages(event):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    urls = set()
    for translation in event.get_translations(inclusive=True).live():
        urls.update(page_urls(translation))
    purge_urls_from_cache(sorted(urls))


def _on_publish_change(sender, instance, **kwargs):
    purge_page(instance)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    # Before a move: the addresses it leaves; after: the ones it takes.
    pre_page_move.connect(_on_publish_change, dispatch_uid="hub_frontend_cache_leave")
    page_published.connect(_on_publish_change, dispatch_uid="hub_frontend_cache_publish")
    page_unpublished.connect(_on_publish_change, dispatch_uid="hub_frontend_cache_unpublish")
    post_page_move.connect(_on_publish_change, dispatch_uid="hub_frontend_cache_move")
