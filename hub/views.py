"""Site-wide views that are not pages."""

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Site


def _root_url(request):
    """The Site's root URL, the one the sitemap and canonical links use."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@require_safe
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


# --- error handlers ----------------------------------------------------------------
# Django's own handlers run the CSRF check (``requires_csrf_token``), which reads
# the form fields: a request whose body cannot be read (too many fields, too
# large, a charset Django refuses) raised again inside them and ended on the
# server's bare error page. These render static templates without the request.


def bad_request(request, exception=None):
    """400: a static page; never reads the request's body."""
    return HttpResponseBadRequest(loader.render_to_string("400.html"))


def server_error(request):
    """500: a static page; never reads the request's body, never queries the database."""
    return HttpResponseServerError(loader.render_to_string("500.html"))
