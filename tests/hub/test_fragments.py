# ruff: noqa: F811
"""What a page keeps between requests without the page cache: the way to it and its
rendered fragments (hub/routing.py, ``{% fragment %}``), never anyone's own state."""

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventRegistration
from tests.events.conftest import registration_data  # noqa: F401
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import publish
from tests.hub.test_fallback_pages import NOTES, at, english_only_pages  # noqa: F401
from tests.learning.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def event(home_page):
    events = publish(EventIndexPageFactory(parent=home_page))
    return publish(EventPageFactory(parent=events, title="Access to services", slug="access"))


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_a_page_read_again_costs_no_query_to_find(client, home_page):
    news = publish(NewsIndexPageFactory(parent=home_page))
    article = publish(NewsPageFactory(parent=news, title="Cities welcome refugees"))
    client.get(article.url)
    client.get(article.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)

    assert response.status_code == 200
    assert "Cities welcome refugees" in response.content.decode()
    assert [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]] == []
    assert [q["sql"] for q in queries if '"wagtailcore_page"' in q["sql"]] == []


def test_an_edited_page_shows_its_new_text_on_the_next_request(
    client, home_page, django_capture_on_commit_callbacks
):
    news = publish(NewsIndexPageFactory(parent=home_page))
    article = publish(NewsPageFactory(parent=news, title="Cities welcome refugees"))
    assert "Cities welcome refugees" in client.get(article.url).content.decode()

    article.title = "Towns welcome refugees"
    with django_capture_on_commit_callbacks(execute=True):  # publishing commits
        publish(article)

    heading = soup(client.get(article.url)).find("main").find("h1").get_text(strip=True)
    assert heading == "Towns welcome refugees"


def test_an_unpublished_page_is_gone_on_the_next_request(client, home_page):
    news = publish(NewsIndexPageFactory(parent=home_page))
    article = publish(NewsPageFactory(parent=news, title="Cities welcome refugees"))
    assert client.get(article.url).status_code == 200

    article.unpublish()

    assert client.get(article.url).status_code == 404


def test_a_page_shown_in_another_language_leaves_the_original_untouched(
    client,
    english_only_pages,
):
    page = english_only_pages["case study"]
    french = client.get(at(page, "fr"))
    english = client.get(page.url)
    french_again = client.get(at(page, "fr"))

    assert soup(french).find(class_="fallback-note").get_text(strip=True) == NOTES["fr"]
    assert soup(french_again).find(class_="fallback-note").get_text(strip=True) == NOTES["fr"]
    assert soup(english).find(class_="fallback-note") is None
    assert soup(english).find("link", rel="canonical")["href"].endswith(page.url)


def test_a_form_with_errors_is_never_kept_for_the_next_visitor(client, event):
    client.get(event.url)  # the empty form, drawn and kept

    refused = client.post(
        event.url + "register/",
        {"name": "", "email": "not an address"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    after = client.get(event.url)

    assert refused.status_code == 400
    assert soup(refused).find(class_="error-summary") is not None
    assert soup(after).find(class_="error-summary") is None
    assert "not an address" not in after.content.decode()


def test_seats_left_stay_true_while_the_description_is_kept(
    client,
    event,
    registration_data,
    django_capture_on_commit_callbacks,
):
    event.capacity = 2
    publish(event)
    before = soup(client.get(event.url)).find(class_="event__seats").get_text(" ", strip=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url + "register/", registration_data, HTTP_SEC_FETCH_SITE="same-origin")
    assert EventRegistration.objects.filter(event=event).count() == 1
    EventRegistration.objects.filter(event=event).update(status="confirmed")

    after = soup(client.get(event.url)).find(class_="event__seats").get_text(" ", strip=True)
    assert "2" in before
    assert "1" in after and "2" not in after
