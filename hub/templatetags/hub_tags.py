"""Template tags for the site chrome: menus, language switcher, partners."""

from django import template
from django.conf import settings
from django.db.models import Prefetch
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page, Site

from hub.i18n import in_locale_or_default, localized
from hub.models import FooterText, NavigationItem, NavigationMenu, Partner

register = template.Library()


def _memo(request, key, build):
    """Compute a value once per request: the header and the footer share it."""
    cache = request.__dict__.setdefault("_hub_tags", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _active_locale(request):
    return _memo(request, "locale", lambda: Locale.get_active())


@register.simple_tag(takes_context=True)
def navigation_links(context, slot="main"):
    """The links of a menu in the visitor's language, each pointing to the translated page."""
    request = context["request"]

    def build():
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
        current_path = request.path
        for item in items:
            if item.link_page:
                page = next(pages)
                url = page.get_url(request)
                label = item.label or page.title
            else:
                url, label = item.link_url, item.label
            if url:
                is_current = url == current_path or (
                    url != "/" and current_path.startswith(url) and len(url) > 4
                )
                links.append({"url": url, "label": label, "current": is_current})
        return links

    return _memo(request, f"nav-{slot}", build)


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: the address of this page's translation, or that language's home."""
    request = context["request"]
    page = context.get("page")

    def build():
        current = translation.get_language()
        names = dict(settings.LANGUAGES)
        links = []
        if isinstance(page, Page) and page.id:
            translations = {
                p.locale.language_code: p
                for p in page.get_translations(inclusive=True).live().select_related("locale")
            }
            missing = [code for code, _name in settings.LANGUAGES if code not in translations]
            homes = {}
            if missing:
                site = Site.find_for_request(request)
                if site:
                    homes = {
                        p.locale.language_code: p
                        for p in Page.objects.live()
                        .filter(translation_key=site.root_page.translation_key)
                        .select_related("locale")
                    }
            for code, _name in settings.LANGUAGES:
                target = translations.get(code) or homes.get(code)
                links.append(
                    {
                        "code": code,
                        "name": names[code],
                        "url": target.get_url(request) if target else f"/{code}/",
                        "exists": code in translations,
                        "current": code == current,
                    }
                )
        else:
            path = request.get_full_path()
            for code, _name in settings.LANGUAGES:
                links.append(
                    {
                        "code": code,
                        "name": names[code],
                        "url": translate_url(path, code),
                        "exists": True,
                        "current": code == current,
                    }
                )
        return links

    return _memo(request, "languages", build)


@register.simple_tag(takes_context=True)
def footer_partners(context):
    request = context["request"]
    return _memo(
        request,
        "partners",
        lambda: in_locale_or_default(
            Partner.objects.filter(show_in_footer=True).select_related("logo"),
            _active_locale(request),
        ),
    )


@register.simple_tag(takes_context=True)
def footer_text(context):
    request = context["request"]

    def build():
        texts = in_locale_or_default(FooterText.objects.all(), _active_locale(request))
        return texts[0].body if texts else ""

    return _memo(request, "footer-text", build)


@register.filter
def absolute(url, request):
    """An absolute address for Open Graph and JSON-LD."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)
