"""A CDN or caching proxy in front: publishing purges the page in every language."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.test import override_settings

from tests.factories import publish


class PurgeRecorder(BaseHTTPRequestHandler):
    received = None

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    """A small local HTTP server that records the PURGE requests it gets (like Varnish)."""
    received = []
    handler = type("Recorder", (PurgeRecorder,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend, WAGTAILFRONTENDCACHE_LANGUAGES=[]):
        yield received
    server.shutdown()


def test_publishing_purges_the_page_in_every_language_and_the_lists_above_it(purge_server, article):
    purge_server.clear()
    article.title = "France and Senegal co-chair the GFMD"
    publish(article)
    paths = {path for host, path in purge_server}
    assert {host for host, path in purge_server} == {"localhost"}
    # The page: its English address, its French translation's own address, and the
    # Spanish and Arabic addresses at which the original is served for want of one.
    french = article.get_translation(article.locale.__class__.objects.get(language_code="fr"))
    assert {
        "/en/news/france-and-senegal/",
        french.url,
        "/es/news/france-and-senegal/",
        "/ar/news/france-and-senegal/",
    } <= paths
    # The news index and the home page list it, in every language.
    for code in ("en", "fr", "es", "ar"):
        assert f"/{code}/" in paths
        assert f"/{code}/news/" in paths


def test_unpublishing_purges_the_same_addresses(purge_server, article):
    purge_server.clear()
    article.unpublish()
    paths = {path for host, path in purge_server}
    assert "/en/news/france-and-senegal/" in paths
    assert "/es/news/france-and-senegal/" in paths


def test_nothing_is_sent_without_a_configured_cache(purge_server, article, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    purge_server.clear()
    publish(article)
    assert purge_server == []
