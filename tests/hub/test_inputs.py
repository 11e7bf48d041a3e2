"""Inputs that used to answer 500 (or the server's bare error page) now answer 400, and HEAD
answers like GET. Run on SQLite, and on PostgreSQL when DATABASE_URL is set (NUL characters
are what PostgreSQL refuses)."""

import datetime
import io
import itertools
import re

import pytest

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from hub.localization import translate
from search.models import PracticeLibraryPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory, publish
from tests.learning.factories import NewsIndexPageFactory, NewsPageFactory
from tests.pledges.factories import CallToActionPageFactory, LocalGovernmentFactory
from tests.search.conftest import publish_practice

CSRF = "abcdefghijklmnopqrstuvwxyzABCDEF"  # a well-formed CSRF secret (32 characters)


@pytest.fixture
def site(translated_home):
    home = translated_home
    library = PracticeLibraryPage(title="Practice library", slug="practices")
    home.add_child(instance=library)
    library.save_revision().publish()
    lrg = LocalGovernmentFactory(name="Tangier", country="MA", kind="city")
    case_study = publish_practice(library, title="Shelter network", government=lrg)
    events = publish(EventIndexPageFactory(parent=home))
    event = publish(EventPageFactory(parent=events, title="Webinar", slug="webinar"))
    news = publish(NewsIndexPageFactory(parent=home))
    publish(NewsPageFactory(parent=news, title="Letter", date=datetime.date(2024, 5, 1)))
    call = CallToActionPageFactory(parent=home)
    return {"call": call, "event": event, "case_study": case_study, "lrg": lrg}


def form_urls(site):
    """Every public form's POST address."""
    call = site["call"].url
    return [
        call + "endorse/",
        call + "submit-action/",
        site["event"].url + "register/",
        site["case_study"].url + "contact/",
    ]


def csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    return client


# --- a body in a charset Django cannot read -----------------------------------------
def post_bytes(client, url, body, content_type):
    """POST these exact bytes (``client.post`` would re-encode them to the declared charset)."""
    return client.generic("POST", url, body, content_type=content_type)


@pytest.mark.django_db
def test_a_form_post_in_another_charset_is_refused_with_400(site):
    client = csrf_client()
    body = f"csrfmiddlewaretoken={CSRF}&name=Amina&email=amina%40example.org".encode()
    for charset, url in itertools.product(
        ["utf-16", "UTF-16LE", "latin-1", "utf8", "no-such-charset"],
        [*form_urls(site), "/en/", "/en/search/"],
    ):
        response = post_bytes(
            client, url, body, f"application/x-www-form-urlencoded; charset={charset}"
        )
        assert response.status_code == 400, (charset, url)
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.startswith(b"Bad request:")


@pytest.mark.django_db
def test_a_body_really_encoded_in_utf16_is_refused_too(site):
    body = f"csrfmiddlewaretoken={CSRF}&name=Amina".encode("utf-16")
    for url in form_urls(site):
        response = post_bytes(
            csrf_client(), url, body, "application/x-www-form-urlencoded; charset=utf-16"
        )
        assert response.status_code == 400


def call_wsgi(environ):
    """Call the production WSGI application (``hub.wsgi``) as gunicorn does: (status, body).

    As Django's test client does, the database connection is kept open across
    the request (it holds the test's transaction).
    """
    from hub.wsgi import application

    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = status

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], body


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib"])
def test_a_charset_that_is_no_text_encoding_is_refused_before_django(site, charset):
    """Django decodes the query string with it while building the request, outside every
    middleware: the WSGI application refuses it first."""
    for method, body in [("GET", b""), ("POST", f"csrfmiddlewaretoken={CSRF}".encode())]:
        environ = RequestFactory()._base_environ(
            PATH_INFO="/en/search/",
            QUERY_STRING="q=x",
            REQUEST_METHOD=method,
            CONTENT_TYPE=f"application/x-www-form-urlencoded; charset={charset}",
            CONTENT_LENGTH=str(len(body)),
            HTTP_COOKIE=f"csrftoken={CSRF}",
        )
        environ["wsgi.input"] = io.BytesIO(body)
        assert call_wsgi(environ) == ("400 Bad Request", b"Bad request: unknown charset.\n")


@pytest.mark.django_db
def test_the_wsgi_application_serves_ordinary_requests(site):
    environ = RequestFactory()._base_environ(PATH_INFO="/robots.txt", REQUEST_METHOD="GET")
    status, body = call_wsgi(environ)
    assert status == "200 OK" and b"Sitemap:" in body


@pytest.mark.django_db
def test_utf8_forms_still_work(site):
    client = csrf_client()
    for charset in ["", "; charset=utf-8", "; charset=UTF-8"]:
        response = post_bytes(
            client,
            site["event"].url + "register/",
            f"csrfmiddlewaretoken={CSRF}&name=Amina".encode(),
            "application/x-www-form-urlencoded" + charset,
        )
        # The form answers (its own 400: fields are missing), not the guard.
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_a_body_django_refuses_gets_the_400_page_not_a_crash(site, settings):
    """Too many fields: Django's own 400 handler would read the fields again (CSRF) and crash."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = csrf_client()
    body = "&".join([f"csrfmiddlewaretoken={CSRF}", *(f"f{i}=x" for i in range(50))]).encode()
    response = client.post(
        site["call"].url + "endorse/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert b"<h1>Bad request</h1>" in response.content


# --- NUL characters ---------------------------------------------------------------
NUL_URLS = [
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?locale=en%00",
    "/api/v2/pages/find/?html_path=%00",
    "/api/v2/pages/?type=wagtailcore.Page&title=a%00",
    "/api/v2/pages/?slug=%00x",
    "/api/practices/?q=%00",
    "/api/practices/?theme=climate%00&lang=en",
    "/en/practices/?q=a%00b",
    "/en/practices/?country=MA%00",
    "/en/search/?q=a%00b",
    "/en/events/?type=webinar%00",
    "/en/events/?page=1%00",
    "/en/news/?topic=%00",
    "/en/news/feed/?x=%00",
    "/events/upcoming.ics?lang=en%00",
    "/en/%00/",
    "/en/practices/%00/",
    "/en/local-governments/%00/",
    "/sitemap.xml?p=%00",
]


@pytest.mark.django_db
def test_a_nul_character_in_the_address_answers_400(client, site):
    for url in NUL_URLS:
        for method in (client.get, client.head):
            response = method(url)
            assert response.status_code == 400, url
            assert response["Content-Type"] == "text/plain; charset=utf-8", url
        assert client.get(url).content.startswith(b"Bad request: NUL character"), url
    # The same addresses without the NUL answer normally.
    for url in NUL_URLS:
        assert client.get(url.replace("%00", "")).status_code < 500, url


@pytest.mark.django_db
def test_a_nul_character_in_a_form_field_is_a_form_error(site):
    client = csrf_client()
    response = client.post(
        site["event"].url + "register/",
        {
            "csrfmiddlewaretoken": CSRF,
            "name": "Ami\x00na",
            "email": "amina@example.org",
            "organisation": "City\x00",
            "role": "Officer",
            "country": "MA\x00",
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


# --- HEAD -------------------------------------------------------------------------
def head_urls(site):
    return [
        "/",
        "/en/",
        "/fr/",
        "/en/practices/",
        "/en/practices/?theme=climate",
        site["case_study"].url,
        site["event"].url,
        site["event"].url + "event.ics",
        "/en/events/",
        "/en/news/",
        "/en/news/feed/",
        "/en/news/feed/atom/",
        f"/en/local-governments/{site['lrg'].slug}/",
        site["call"].url,
        site["call"].url + "endorse/",
        site["call"].url + "endorsers/",
        "/en/search/?q=shelter",
        "/api/practices/",
        "/api/v2/pages/",
        "/events/upcoming.ics",
        "/robots.txt",
        "/sitemap.xml",
    ]


@pytest.mark.django_db
def test_head_answers_like_get(client, site):
    for url in head_urls(site):
        get = client.get(url)
        head = client.head(url)
        assert get.status_code in (200, 302), url
        assert head.status_code == get.status_code, url
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", url


# --- language links from the resolved page, never from the raw path ---------------------
def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'href="([^"]*)" lang="(\w+)"', nav))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["//evil.example/x", "/en//evil.example/x", "/en//evil.example/x/", "/fr/%2F%2Fevil/"]
)
def test_language_links_on_a_404_lead_to_each_languages_home(client, translated_home, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    links = switcher_links(response.content.decode())
    assert links == {"/en/": "en", "/fr/": "fr", "/es/": "es", "/ar/": "ar"}


@pytest.mark.django_db
def test_language_links_of_a_page_are_its_translations(client, translated_home):
    about = StandardPageFactory(parent=translated_home, slug="about", title="About")
    translate(about, "fr", {"About": "À propos", "about": "a-propos"})
    links = switcher_links(client.get("/en/about/").content.decode())
    assert links == {"/en/about/": "en", "/fr/a-propos/": "fr", "/es/": "es", "/ar/": "ar"}


@pytest.mark.django_db
def test_language_links_of_a_view_are_the_view_in_each_language(client, translated_home):
    links = switcher_links(client.get("/en/search/?q=refugee").content.decode())
    assert links == {
        "/en/search/?q=refugee": "en",
        "/fr/search/?q=refugee": "fr",
        "/es/search/?q=refugee": "es",
        "/ar/search/?q=refugee": "ar",
    }
