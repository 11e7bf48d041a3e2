"""Serving a page without asking the database the way to it.

Wagtail finds a page by reading, on every request, the Site for the host,
the Locale of the language, the site's root page in that language and then
each page on the path down to the one asked for: five queries for a news
article, each costing more to build than to run. None of that changes
between two publications, so each worker process keeps what it read, for the
current *site generation* (``hub.pagecache.site_generation``, which moves on
with every saved page, snippet, setting, site or view restriction): the
Sites by host, the localized root pages, and the pages on the way, as their
specific types. A new generation empties it all.

Every request gets its own copy of a page (``copy.copy``), so what serving
sets on a page (the address it is shown at, a redirect, its parent) never
reaches another request. The memory is bounded; past ``MAX_PAGES`` pages it
starts afresh. Views, restrictions and permissions are checked on every
request as before: only the lookups are remembered.
"""

import copy
import threading

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

MAX_PAGES = 5000
MAX_HOSTS = 100

_lock = threading.Lock()
_memory = {"generation": None, "pages": {}, "sites": {}, "roots": {}}


def _current(request):
    """This process's memory for the request's site generation (emptied when it moves on)."""
    from hub.pagecache import site_generation

    generation = site_generation(request)
    if _memory["generation"] != generation:
        with _lock:
            if _memory["generation"] != generation:
                _memory.update(generation=generation, pages={}, sites={}, roots={})
    return _memory


def specific_page(pk, content_type_id, request=None):
    """The page ``pk`` as its own type (None if it is gone): a copy of the remembered one."""
    if request is None or getattr(request, "is_preview", False):
        return _load(pk, content_type_id)
    pages = _current(request)["pages"]
    key = (pk, content_type_id)
    page = pages.get(key)
    if page is None:
        page = _load(pk, content_type_id)
        if page is None:
            return None
        if len(pages) >= MAX_PAGES:
            pages.clear()
        pages[key] = page
    return copy.copy(page)


def _load(pk, content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    return model._default_manager.filter(pk=pk).first()


def find_site(request):
    """Wagtail's Site for the request (``Site.find_for_request``), remembered by host and port."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    sites = _current(request)["sites"]
    key = (request._get_raw_host(), request.get_port())
    if key not in sites:
        if len(sites) >= MAX_HOSTS:  # the Host header is the visitor's to choose
            sites.clear()
        sites[key] = Site._find_for_request(request)
    request._wagtail_site = sites[key]
    return request._wagtail_site


def root_page(request, site):
    """The site's root page in the active language, as its own type (a copy)."""
    roots = _current(request)["roots"]
    key = (site.pk, get_language())
    if key not in roots:
        roots[key] = site.root_page.localized.specific
    return copy.copy(roots[key])


def route(request, path):
    """``Page.route_for_request``, with the site and the pages on the way remembered."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = find_site(request)
        result = None
        if site is not None:
            components = [component for component in path.split("/") if component]
            try:
                result = root_page(request, site).route(request, components)
            except Http404:
                result = None
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def serve(request, path):
    """Wagtail's ``serve`` view, routed through what this process remembers."""
    route(request, path)
    return wagtail_views.serve(request, path)
