"""URLs: admin and machine-readable addresses first, then the language-prefixed site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub.api import api_router
from hub.origin import public_form
from hub.routing import serve
from hub.sitemap import MultilingualSitemap
from hub.views import robots_txt

handler400 = "hub.views.bad_request"
handler500 = "hub.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    path("robots.txt", robots_txt),
    path("api/v2/", api_router.urls),
    # Each app's addresses outside the language prefix (calendar feeds, JSON).
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("pledges.opendata.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("pledges.i18n_urls")),
    path("", include("events.i18n_urls")),
    path("", include("search.i18n_urls")),
    path("", include("learning.i18n_urls")),
    # Pages, as Wagtail serves them, except that posts to a page (the public forms:
    # endorse, submit, register, contact) are checked for their origin instead of
    # a CSRF token, so that the pages holding the forms can be cached (hub/origin.py).
    # Wagtail's own addresses first (a private page's password form, the login), as in
    # wagtail.urls: the pages' pattern would take them for page paths.
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, public_form(serve), name="wagtail_serve"),
    prefix_default_language=True,
)
