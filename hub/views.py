"""Site-wide views that are not pages."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Site


def _root_url(request):
    """The Site's root URL, the one the sitemap and canonical links use."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Allow crawling of the public site, not of the admin; point to the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "Allow: /",
        f"Sitemap: {_root_url(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
