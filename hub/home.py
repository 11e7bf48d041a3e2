"""A small registry through which apps add sections to the home page.

The hub does not import the apps; each app registers its section in its
``AppConfig.ready()``. A section is a template and a function returning its
context; it must run a fixed number of queries.

A section shows the same thing to every visitor, so its rendered HTML is kept
in Django's cache per site, locale and language, under the site's content
generation (``hub.pagecache.site_generation``): any published change makes a
new key, and the next request renders the section again. A section whose
content also changes with time (upcoming events) gives ``expires``: a function
of its context returning when the rendered HTML stops being right (an aware
datetime, or None).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    get_context: Callable
    order: int = 100
    expires: Callable | None = None


_SECTIONS: dict[str, HomeSection] = {}


def register_home_section(key, template, get_context, order=100, expires=None):
    """Add (or replace) a home-page section."""
    _SECTIONS[key] = HomeSection(key, template, get_context, order, expires)


def _render(section, request, page):
    """(html, timeout in seconds) of one section; html is "" when the section is empty."""
    context = section.get_context(request, page)
    if context is None:
        return "", None
    html = get_template(section.template).render({"section": context, "request": request})
    timeout = settings.PAGE_CACHE_SECONDS
    until = section.expires(context) if section.expires else None
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()) + 1)
    return html, max(timeout, 0)


def home_sections(request, page):
    """The registered sections, rendered, in order: ``[{"key", "html"}, ...]``."""
    from hub.pagecache import site_generation
    from hub.routing import find_site

    site = find_site(request)
    generation = site_generation(request)
    prefix = f"home:{getattr(site, 'pk', 0)}:{page.locale_id}:{get_language()}:{generation}"
    ordered = sorted(_SECTIONS.values(), key=lambda s: s.order)
    keys = {section.key: f"{prefix}:{section.key}" for section in ordered}
    try:
        cached = cache.get_many(list(keys.values()))
    except Exception:
        logger.warning("home sections: cache unavailable", exc_info=True)
        cached = None
    sections = []
    for section in ordered:
        html = cached.get(keys[section.key]) if cached is not None else None
        if html is None:
            html, timeout = _render(section, request, page)
            if cached is not None and timeout:
                try:
                    cache.set(keys[section.key], html, timeout)
                except Exception:
                    logger.warning("home sections: cache unavailable", exc_info=True)
        if html:
            sections.append({"key": section.key, "html": mark_safe(html)})
    return sections
