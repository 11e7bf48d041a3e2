"""WSGI entry point for ``make bench``: the real site plus a bare Django view.

``gunicorn tests.bench.server:application`` serves exactly what ``hub.wsgi``
serves (same settings, middleware and URLs) and, at ``/bench/bare/``, a view
that does nothing, so the benchmark can show the cost of the practice library
beside the floor of the stack on the same server.
"""

import os

from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

import django  # noqa: E402

django.setup(set_prefix=False)

from django.urls import path  # noqa: E402

from hub import urls as hub_urls  # noqa: E402


def bare_view(request):
    """The floor: Django's middleware and routing, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare_view), *hub_urls.urlpatterns]


class BenchHandler(WSGIHandler):
    """Django's WSGI handler routing through this module's URLs."""

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


application = BenchHandler()
