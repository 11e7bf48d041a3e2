"""What search engines and social networks read in a page's ``<head>``.

One canonical address, the alternates in other languages (hreflang), Open
Graph and Twitter card tags, and JSON-LD, built in one place for every page
and for the views that are not pages. Every absolute address starts from the
Site's root URL, as the sitemap's do, never from the host a request came by.

Rules search engines expect, and the ones chosen here:

- a filtered listing (any query parameter but ``page``) is canonical to the
  unfiltered listing; a page of a listing (``?page=N``) is canonical to
  itself, ``?page=N`` kept, so every item stays reachable;
- a page shown at another language's address for want of a translation (a
  fallback, or a wagtail-localize alias) is canonical to its original;
- hreflang lists the real translations only: live, public, not aliases, each
  at the same sub-route (``endorse/``) as the page being read; ``x-default``
  is the default language's version, else the oldest translation (the
  original).
"""

import json
from datetime import date, datetime
from functools import cached_property

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Page, PageViewRestriction, Site

from hub.i18n import base_language
from hub.routing import find_site

# "<", ">" and "&" escaped so that no text can close the <script> element the
# JSON sits in (the same escapes as Django's json_script).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Open Graph wants a territory with the language (Facebook's list of locales).
OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR"}

SHARE_IMAGE_SPEC = "fill-1200x630"
DESCRIPTION_LENGTH = 300


def json_ld(data):
    """``data`` as JSON-LD text, safe inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, default=_json_default)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def og_locale(language_code):
    """``"fr_FR"`` for ``"fr"``: the form Open Graph reads."""
    code = base_language(language_code)
    return OG_LOCALES.get(code, f"{code}_{code.upper()}")


def site_root_url(request):
    """The Site's root URL (``https://example.org``), the start of every absolute address."""
    site = find_site(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(url, request):
    """An absolute address for ``url``: kept if it already is one, else on the Site's root."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return site_root_url(request) + url


def canonical_query(request):
    """What of the query string a canonical address keeps: ``?page=N`` alone, or nothing."""
    params = request.GET
    if any(key != "page" for key in params):
        return ""  # filtered: the unfiltered listing is the canonical one
    number = params.get("page", "")
    return f"?page={number}" if number.isascii() and number.isdigit() and int(number) > 1 else ""


def page_and_sub_path(request, page):
    """``("/fr/appel/", "endorse/")``: where the page is served, and the sub-route read.

    A RoutablePage's sub-route (``endorse/``, ``submit-action/``) has the same
    sub-path in every language: only the page's own slug is translated.
    """
    if page is None:
        return "", ""
    parts = page.get_url_parts(request)
    page_path = parts[2] if parts and parts[2] else ""
    if page_path and request.path.startswith(page_path):
        return page_path, request.path[len(page_path) :]
    return page_path, ""


def page_family(request, page):
    """The page's :class:`PageFamily`, alike for every visitor: cached per site and generation."""
    from hub.chrome_cache import cached_fragment, site_id

    return cached_fragment(
        request, f"family:{site_id(request)}:{page.pk}", lambda: PageFamily(request, page)
    )


class ShareImage:
    """What the head says of a share image's rendition: its address, size and description."""

    def __init__(self, rendition):
        self.url = rendition.url
        self.width = rendition.width
        self.height = rendition.height
        self.description = getattr(rendition.image, "description", "")


def share_image(request, image_id):
    """The 1200×630 rendition of the image ``image_id``, cached per generation (None if gone)."""
    from wagtail.images import get_image_model

    from hub.chrome_cache import cached_fragment

    def build():
        image = get_image_model().objects.filter(pk=image_id).first()
        return ShareImage(image.get_rendition(SHARE_IMAGE_SPEC)) if image is not None else None

    return cached_fragment(request, f"share-image:{image_id}", build)


class PageFamily:
    """The pages the head and the language switcher need around one page, in one query.

    ``translations``: the page's live translations, itself included, each
    marked ``is_real`` (public and not an alias: what hreflang may list);
    ``homes``: the site's live home pages in every language (where the
    switcher goes for a language the page lacks); ``ancestors``: the pages
    between the home page and this one, for the breadcrumbs.
    """

    def __init__(self, request, page):
        site = find_site(request)
        root_paths = page._get_relevant_site_root_paths(request)
        # The home page's depth: its url_path ("/home/") has one slash per level.
        self.root_depth = root_paths[0][1].count("/") if root_paths else 2
        steplen = page.steplen
        ancestor_paths = [
            page.path[: depth * steplen] for depth in range(self.root_depth + 1, page.depth)
        ]
        # The site's home was loaded when the request was routed: no query here.
        home_key = site.root_page.translation_key if site is not None else None
        wanted = Q(translation_key=page.translation_key) | Q(path__in=ancestor_paths)
        if home_key:
            wanted |= Q(translation_key=home_key)
        # A restriction on a page or on one of its ancestors (whose path starts its own).
        restricted = PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
        )
        rows = list(
            Page.objects.filter(wanted)
            .annotate(is_private=Exists(restricted))
            .select_related("locale")
            .order_by("pk")
        )
        self.translations = [
            row for row in rows if row.translation_key == page.translation_key and row.live
        ]
        for row in self.translations:
            row.is_real = not row.is_private and row.alias_of_id is None
        self.homes = [row for row in rows if row.translation_key == home_key and row.live]
        ancestors = [row for row in rows if row.path in ancestor_paths]
        self.ancestors = sorted(ancestors, key=lambda row: row.depth)


class PageMetadata:
    """Everything the ``<head>`` says about one response: see ``includes/metadata.html``.

    ``page`` is the Wagtail page in the template's context (None for views
    that are not pages). ``title`` and ``description`` replace the page's
    (a sub-route's own, a view's); ``schema`` adds a page-type description
    in JSON-LD (``"NewsArticle"``, ``"Report"``); ``alternates=False`` leaves
    out the canonical and hreflang links (error pages, secret addresses).
    """

    def __init__(
        self,
        request,
        page=None,
        *,
        family=None,
        title="",
        description="",
        og_type="",
        schema="",
        noindex=False,
        alternates=True,
        site_settings=None,
    ):
        self.request = request
        self.page = page if isinstance(page, Page) and page.pk else None
        self.root_url = site_root_url(request)
        self.language = base_language()
        self.site_settings = site_settings
        self.site_name = (
            getattr(site_settings, "organisation_name", "")
            or getattr(settings, "WAGTAIL_SITE_NAME", "")
            or ""
        )
        self.noindex = noindex
        self.show_alternates = alternates
        self.og_type = og_type or "website"
        self.schema = schema
        self._title = title
        self._description = description
        self._family = family
        self.page_path, self.sub_path = page_and_sub_path(request, self.page)

    # --- words -------------------------------------------------------------------
    @property
    def is_home(self):
        """The site's front page at its own address (not a sub-route, not a view)."""
        from hub.models import HomePage

        return isinstance(self.page, HomePage) and not self.sub_path and not self._title

    @cached_property
    def title(self):
        """The page's own title, without the site's name (Open Graph's ``og:title``)."""
        if self._title:
            return str(self._title)
        page = self.page
        if page is None:
            return self.site_name
        if self.is_home:
            return page.seo_title or getattr(page, "hero_title", "") or self.site_name
        return page.seo_title or page.title

    @property
    def document_title(self):
        """The ``<title>``: "page · site", or the site's name alone; never "site · site"."""
        title = self.title
        if self.is_home and self.page.seo_title:
            return title
        if not title or title == self.site_name:
            return self.site_name
        return f"{title} · {self.site_name}"

    @cached_property
    def description(self):
        """A sentence or two on what the page holds: its own, else its summary or introduction."""
        if self._description:
            return str(self._description)
        page = self.page
        text = ""
        if page is not None:
            text = (
                getattr(page, "meta_description", "")
                or page.search_description
                or getattr(page, "hero_text", "")
                or _plain(getattr(page, "intro", ""))
            )
        if not text and self.site_settings is not None:
            text = self.site_settings.tagline
        return Truncator(text).chars(DESCRIPTION_LENGTH) if text else ""

    # --- addresses -----------------------------------------------------------------
    @property
    def family(self):
        if self._family is None and self.page is not None:
            self._family = page_family(self.request, self.page)
        return self._family

    @cached_property
    def original_url(self):
        """The absolute address of the content's original when the page shows it elsewhere.

        None for a page read at its own address.
        """
        page = self.page
        if page is None:
            return None
        if getattr(page, "is_fallback", False):
            return page.original_full_url
        if page.alias_of_id:
            # Any alias (another language's synchronised copy, or the same page
            # shown in a second place) points search engines to its original.
            return page.alias_of.get_full_url(self.request)
        return None

    @cached_property
    def canonical(self):
        query = canonical_query(self.request)
        if self.page is None:
            return self.root_url + self.request.path + query
        original = self.original_url
        if original:
            return original + self.sub_path + query
        return self.root_url + self.page_path + self.sub_path + query

    @property
    def url(self):
        """This response's own absolute address (``og:url``): the canonical one."""
        return self.canonical

    @cached_property
    def alternates(self):
        """``[(hreflang, url)]``: each real translation at this sub-route, then x-default."""
        if self.page is None:
            return self._view_alternates()
        links = []
        by_language = {}
        for row in self.family.translations:
            if not row.is_real:
                continue
            parts = row.get_url_parts(self.request)
            if not parts or parts[2] is None:
                continue
            code = row.locale.language_code
            url = parts[1] + parts[2] + self.sub_path
            links.append((code, url))
            by_language.setdefault(code, url)
        if not links:
            return []
        default = by_language.get(base_language(settings.LANGUAGE_CODE), links[0][1])
        order = [code for code, _name in settings.LANGUAGES]
        links.sort(key=lambda link: order.index(link[0]) if link[0] in order else len(order))
        return [*links, ("x-default", default)]

    def _view_alternates(self):
        """A view that is not a page (an LRG's profile) answers in every language."""
        path = self.request.path
        links = [
            (code, self.root_url + translate_url(path, code)) for code, _name in settings.LANGUAGES
        ]
        default = self.root_url + translate_url(path, base_language(settings.LANGUAGE_CODE))
        return [*links, ("x-default", default)]

    # --- Open Graph ------------------------------------------------------------------
    @property
    def og_locale(self):
        """The locale of the content at ``og:url`` (the original's, for a page shown elsewhere)."""
        return og_locale(self._content_language())

    @cached_property
    def og_locale_alternates(self):
        codes = [code for code, _url in self.alternates if code not in ("x-default",)]
        return sorted({og_locale(code) for code in codes} - {self.og_locale})

    @property
    def image(self):
        """The share image's rendition (1200×630): the page's own, else the site's default.

        A :class:`ShareImage` (address, size, description), cached per image
        and generation: no query once cached.
        """
        if not hasattr(self, "_image"):
            self._image = None
            for image_id in self._source_image_ids():
                self._image = share_image(self.request, image_id)
                if self._image is not None:
                    break
        return self._image

    def _source_image_ids(self):
        page = self.page
        if page is not None:
            for field in ("social_image", "listing_image", "hero_image"):
                # Only a key that is set: an empty one costs nothing.
                image_id = getattr(page, f"{field}_id", None)
                if image_id:
                    yield image_id
        if self.site_settings is not None and self.site_settings.default_share_image_id:
            yield self.site_settings.default_share_image_id

    @property
    def image_url(self):
        image = self.image
        return absolute_url(image.url, self.request) if image else ""

    @property
    def image_alt(self):
        image = self.image
        if image is None:
            return ""
        return image.description or self.title

    @cached_property
    def published(self):
        """When an article was published (its own date, else Wagtail's first publication)."""
        page = self.page
        if page is None:
            return None
        return (
            getattr(page, "date", None)
            or getattr(page, "publication_date", None)
            or page.first_published_at
        )

    @property
    def modified(self):
        return self.page.last_published_at if self.page is not None else None

    @property
    def published_iso(self):
        return self.published.isoformat() if self.published else ""

    @property
    def modified_iso(self):
        return self.modified.isoformat() if self.modified else ""

    @property
    def twitter_site(self):
        """``@handle`` from the site's X / Twitter address, if it names one."""
        url = getattr(self.site_settings, "twitter_url", "") or ""
        handle = url.rstrip("/").rsplit("/", 1)[-1] if "/" in url else ""
        return f"@{handle.lstrip('@')}" if handle and "." not in handle else ""

    # --- JSON-LD -------------------------------------------------------------------
    @cached_property
    def structured_data(self):
        """The JSON-LD blocks of the page, each safe inside a script element."""
        blocks = []
        if self.is_home:
            blocks += [self._organization(), self._website()]
        elif self.schema == "NewsArticle":
            blocks.append(self._news_article())
        elif self.schema == "Report":
            blocks.append(self._report())
        breadcrumbs = self._breadcrumbs()
        if breadcrumbs:
            blocks.append(breadcrumbs)
        return [json_ld(block) for block in blocks]

    def _home_url(self):
        with translation.override(self._content_language()):
            try:
                return self.root_url + reverse("wagtail_serve", args=[""])
            except NoReverseMatch:
                return self.root_url + "/"

    def _content_language(self):
        """The language the content is written in: an alias's or fallback's original's."""
        page = self.page
        if page is None:
            return self.language
        if page.alias_of_id:
            return page.alias_of.locale.language_code
        if getattr(page, "is_fallback", False):
            return page.content_language
        return self.language  # a page read at its own address is in the active language

    def _organization(self):
        site = self.site_settings
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.site_name,
            "url": self._home_url(),
        }
        if site is not None:
            if site.contact_email:
                data["email"] = site.contact_email
            if site.social_links:
                data["sameAs"] = [url for _name, url in site.social_links]
            if site.address:
                data["address"] = site.address
        if self.image_url:
            data["image"] = self.image_url
        return data

    def _website(self):
        data = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.site_name,
            "url": self._home_url(),
            "inLanguage": self.language,
        }
        try:
            search = reverse("site_search")
        except NoReverseMatch:
            return data
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{self.root_url}{search}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }
        return data

    def _publisher(self):
        return {"@type": "Organization", "name": self.site_name, "url": self._home_url()}

    def _creative_work(self, schema_type):
        data = {
            "@context": "https://schema.org",
            "@type": schema_type,
            "headline": self.title,
            "name": self.title,
            "url": self.canonical,
            "mainEntityOfPage": self.canonical,
            "inLanguage": self._content_language(),
            "publisher": self._publisher(),
        }
        if self.description:
            data["description"] = self.description
        if self.published:
            data["datePublished"] = self.published
        if self.modified:
            data["dateModified"] = self.modified
        if self.image_url:
            data["image"] = self.image_url
        return data

    def _news_article(self):
        data = self._creative_work("NewsArticle")
        authors = getattr(self.page, "authors", "")
        data["author"] = (
            {"@type": "Organization", "name": authors} if authors else self._publisher()
        )
        return data

    def _report(self):
        data = self._creative_work("Report")
        data["author"] = self._publisher()
        return data

    def _breadcrumbs(self):
        """Home › sections › the page › its sub-route, each with its address."""
        if self.is_home:
            return None
        trail = [(self.site_name, self._home_url())]
        page = self.page
        if page is not None:
            for ancestor in self.family.ancestors:
                ancestor_parts = ancestor.get_url_parts(self.request)
                if ancestor_parts and ancestor_parts[2] is not None:
                    trail.append((ancestor.title, ancestor_parts[1] + ancestor_parts[2]))
            if page.depth > self.family.root_depth:
                page_url = self.original_url or self.root_url + self.page_path
                trail.append((page.title, page_url))
        if self.sub_path or page is None:
            trail.append((self.title, self.canonical))
        if len(trail) < 2:
            return None
        return {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": name, "item": url}
                for position, (name, url) in enumerate(trail, start=1)
            ],
        }


def _plain(text):
    """Rich text or plain text as one line of plain text."""
    return " ".join(strip_tags(str(text or "")).split())
