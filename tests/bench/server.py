"""WSGI entry point for ``make bench``: the real site plus a bare Django view.

``gunicorn tests.bench.server:application`` serves exactly what ``hub.wsgi``
serves (same settings, middleware and URLs) and, at ``/bench/bare/``, a view
that does nothing, so the benchmark can show the cost of the practice library
beside the floor of the stack on the same server.
"""

import os
import sys
import traceback

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

import django  # noqa: E402

django.setup(set_prefix=False)

from django.urls import path  # noqa: E402
from django.views.decorators.cache import never_cache  # noqa: E402

from hub import urls as hub_urls  # noqa: E402


@never_cache
def bare_view(request):
    """The floor: Django's middleware and routing, no database, no template.

    Never from the page cache (``never_cache``): with ``PAGE_CACHE_ENABLED``
    it still pays the cache lookup every anonymous request pays, like any
    page that cannot be cached, but is not itself answered from the cache.
    """
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare_view), *hub_urls.urlpatterns]
_reported = set()


def report_exception(sender, request=None, **kwargs):
    """A page that fails under the benchmark says why, once per error and worker.

    With DEBUG off, Django's default logging only mails the admins.
    """
    error = sys.exc_info()[1]
    key = (type(error), str(error))
    if key not in _reported:
        _reported.add(key)
        path = getattr(request, "path", "?")
        print(f"[bench server] {path}:\n{traceback.format_exc()}", file=sys.stderr, flush=True)


got_request_exception.connect(report_exception)


class BenchHandler(WSGIHandler):
    """Django's WSGI handler routing through this module's URLs."""

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


application = BenchHandler()
try:  # what hub.wsgi puts in front of Django, when this checkout has it
    from hub.input_guard import RejectUnknownCharsetApplication
except ImportError:
    pass
else:
    application = RejectUnknownCharsetApplication(application)
