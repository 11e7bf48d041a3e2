"""Template tags for the site chrome: menus, language switcher, partners."""

from django import template
from django.conf import settings
from django.db.models import Prefetch
from django.template.defaulttags import TemplateIfParser
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html_join

from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Locale, Page

from hub import seo
from hub.chrome_cache import cached_fragment, site_id
from hub.i18n import in_locale_or_default, localized
from hub.models import FooterText, NavigationItem, NavigationMenu, Partner, SiteSettings
from hub.routing import find_site

register = template.Library()


def _memo(request, key, build):
    """Compute a value once per request: the header and the footer share it."""
    cache = request.__dict__.setdefault("_hub_tags", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _chrome(request, name, build):
    """A piece of the chrome in the visitor's language on this site, cached per generation."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return cached_fragment(request, f"chrome:{name}:{language}:{site_id(request)}", build)


def _active_locale(request):
    return _memo(request, "locale", lambda: Locale.get_active())


@register.simple_tag(takes_context=True)
def navigation_links(context, slot="main"):
    """The links of a menu in the visitor's language, each pointing to the translated page."""
    request = context["request"]

    def build():
        # The same for every visitor: cached per language, site and generation.
        locale = _active_locale(request)
        menus = in_locale_or_default(
            NavigationMenu.objects.prefetch_related(
                Prefetch("items", queryset=NavigationItem.objects.select_related("link_page"))
            ).filter(slot=slot),
            locale,
        )
        if not menus:
            return []
        items = list(menus[0].items.all())
        pages = iter(localized((item.link_page for item in items), queryset=Page.objects.live()))
        links = []
        for item in items:
            if item.link_page:
                page = next(pages)
                url = page.get_url(request)
                label = item.label or page.title
            else:
                url, label = item.link_url, item.label
            if url:
                links.append({"url": url, "label": str(label)})
        return links

    def mark_current():
        # Which link is the page being read: per request, from the shared items.
        current_path = request.path
        return [
            {
                **link,
                "current": link["url"] == current_path
                or (
                    link["url"] != "/"
                    and current_path.startswith(link["url"])
                    and len(link["url"]) > 4
                ),
            }
            for link in _chrome(request, f"nav-{slot}", build)
        ]

    return _memo(request, f"nav-{slot}", mark_current)


def _family(request, page):
    """The page's translations, homes and ancestors: one query for the switcher and the head."""
    return seo.page_family(request, page)


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: this page's translation (same sub-route), or that language's home."""
    request = context["request"]
    page = context.get("page")

    def build():
        current = translation.get_language()
        names = dict(settings.LANGUAGES)
        links = []
        if isinstance(page, Page) and page.id:
            _page_path, sub_path = seo.page_and_sub_path(request, page)
            family = _family(request, page)
            translations = {p.locale.language_code: p for p in family.translations}
            homes = {p.locale.language_code: p for p in family.homes}
            for code, _name in settings.LANGUAGES:
                translated = translations.get(code)
                target = translated or homes.get(code)
                url = target.get_url(request) if target else f"/{code}/"
                if translated is not None and url:
                    url += sub_path
                links.append(
                    {
                        "code": code,
                        "name": names[code],
                        "url": url,
                        "exists": code in translations,
                        "current": code == current,
                    }
                )
        else:
            view_urls = _view_urls(request)
            homes = None if view_urls else _home_urls(request)
            for code, _name in settings.LANGUAGES:
                url = view_urls.get(code) if view_urls else homes.get(code)
                links.append(
                    {
                        "code": code,
                        "name": names[code],
                        "url": url or f"/{code}/",
                        "exists": bool(view_urls),
                        "current": code == current,
                    }
                )
        return links

    return _memo(request, "languages", build)


def _view_urls(request):
    """{language: this view's address in it}, for a view that is not a page; {} otherwise.

    Built by reversing the view Django resolved (its name and the arguments
    its converters accepted), never from the raw path: a 404 for
    ``//evil.example/x`` gets no link elsewhere. Wagtail's page view (a page
    that was not found) has no translation to offer.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name or match.url_name == "wagtail_serve":
        return {}
    query = request.GET.urlencode()
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return {}
        if not url.startswith("/") or url.startswith("//"):
            return {}
        urls[code] = f"{url}?{query}" if query else url
    return urls


def _home_urls(request):
    """{language: the site's live home page in it}: one query, cached per site and generation."""
    return cached_fragment(
        request, f"home-urls:{site_id(request)}", lambda: _build_home_urls(request)
    )


def _build_home_urls(request):
    site = find_site(request)
    if site is None:
        return {}
    homes = Page.objects.filter(translation_key=site.root_page.translation_key, live=True)
    urls = {}
    for home in homes.select_related("locale"):
        url = home.get_url(request)
        if url and url.startswith("/") and not url.startswith("//"):
            urls[home.locale.language_code] = url
    return urls


@register.simple_tag(takes_context=True)
def footer_partners(context):
    """The footer's partners: name, address and logo (an ``<img>`` of its 160×80 rendition)."""
    request = context["request"]

    def build():
        partners = in_locale_or_default(
            Partner.objects.filter(show_in_footer=True).select_related("logo"),
            _active_locale(request),
        )
        return [
            {
                "name": partner.name,
                "url": partner.url,
                # What {% image partner.logo max-160x80 alt=partner.name %} writes.
                "logo_html": (
                    get_rendition_or_not_found(partner.logo, "max-160x80").img_tag(
                        {"alt": partner.name}
                    )
                    if partner.logo
                    else ""
                ),
            }
            for partner in partners
        ]

    return _chrome(request, "partners", build)


@register.simple_tag(takes_context=True)
def footer_text(context):
    request = context["request"]

    def build():
        texts = in_locale_or_default(FooterText.objects.all(), _active_locale(request))
        return texts[0].body if texts else ""

    return _chrome(request, "footer-text", build)


@register.inclusion_tag("includes/metadata.html", takes_context=True)
def page_metadata(
    context,
    title="",
    description="",
    og_type="",
    schema="",
    noindex=False,
    alternates=True,
):
    """The ``<title>``, description, canonical and hreflang links, Open Graph, Twitter, JSON-LD.

    Called once in ``base.html``; a template whose view is not a page, or a
    sub-route, calls it in its ``metadata`` block with its own ``title`` and
    ``description``. See :class:`hub.seo.PageMetadata` for the rules.
    """
    request = context["request"]
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk else None
    meta = seo.PageMetadata(
        request,
        page,
        family=_family(request, page) if page is not None else None,
        title=title,
        description=description,
        og_type=og_type,
        schema=schema,
        noindex=noindex,
        alternates=alternates,
        site_settings=SiteSettings.for_request(request),
    )
    # The JSON-LD comes at the end of the head (page_structured_data), from the same description.
    request.__dict__.setdefault("_hub_tags", {})["metadata"] = meta
    return {"meta": meta}


@register.simple_tag(takes_context=True)
def page_structured_data(context):
    """The page's JSON-LD (after the page type's own), from what ``page_metadata`` built."""
    meta = context["request"].__dict__.get("_hub_tags", {}).get("metadata")
    if meta is None or not meta.show_alternates:
        return ""
    return format_html_join(
        "\n", '<script type="application/ld+json">{}</script>', ((b,) for b in meta.structured_data)
    )


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, condition):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.condition = condition

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or not settings.FRAGMENT_CACHE_ENABLED
            or (self.condition is not None and not self.condition.eval(context))
        ):
            return self.nodelist.render(context)
        from hub.fragments import cached

        vary = ":".join(str(expression.resolve(context)) for expression in self.vary_on)
        key = f"html:{self.name.resolve(context)}:{request.get_host()}:{request.path}:{vary}"
        return cached(request, key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    """Render the enclosed template once per address, language and content generation.

    ``{% fragment "name" value ... [when condition] %}…{% endfragment %}``: the
    HTML is kept in the cache under the name, the values, the host and the
    path, the language and the site generation (any published change makes a
    new one), and reused by every visitor of that address. Only for what every
    visitor sees alike: never a bound form, a message, a visitor's data or the
    userbar. With ``when``, the fragment is cached only while the condition
    holds (e.g. ``when not form.is_bound``).
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    condition = None
    if "when" in bits:
        index = bits.index("when")
        condition = TemplateIfParser(parser, bits[index + 1 :]).parse()
        bits = bits[:index]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[0]),
        [parser.compile_filter(b) for b in bits[1:]],
        condition,
    )
