"""The full-page cache: fast for anonymous visitors, never wrong, never anyone else's page."""

# ruff: noqa: F811  (the other apps' fixtures are imported by name, then requested)

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, PageViewRestriction

from hub.models import Partner
from tests.events.conftest import event, events_index, register_and_confirm, registration_data  # noqa: F401
from tests.factories import UserFactory, publish
from tests.pledges.conftest import library  # noqa: F401


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(client, article):
    first, _ = get(client, article.url)
    second, queries = get(client, article.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    # A CDN may keep it only as long as configured; browsers revalidate.
    assert "public" in second["Cache-Control"]
    assert "max-age=0" in second["Cache-Control"]


def test_tracking_parameters_share_the_page_other_parameters_do_not(client, article):
    client.get(article.url)
    assert client.get(article.url + "?utm_source=newsletter")["X-Page-Cache"] == "hit"
    assert client.get(article.url + "?page=2")["X-Page-Cache"] == "miss"


def test_a_head_request_is_answered_from_the_cached_page(client, article):
    client.get(article.url)
    response = client.head(article.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""


def test_a_published_change_shows_on_the_next_visit_in_every_language(
    client, article, django_capture_on_commit_callbacks
):
    french = article.get_translation(Locale.objects.get(language_code="fr"))
    client.get(article.url)
    client.get(french.url)
    client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "France and Senegal co-chair the GFMD in 2023"
        publish(article)
    assert "co-chair the GFMD in 2023" in client.get(article.url).content.decode()
    # The French page (its own title) and the lists that show the article are rebuilt too.
    assert client.get(french.url)["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_unpublishing_a_page_removes_it_at_once(
    client, article, django_capture_on_commit_callbacks
):
    assert client.get(article.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_changed_partner_shows_on_the_next_visit(
    client, translated_home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partner = Partner.objects.create(
            name="United Cities and Local Governments", short_name="UCLG", show_in_footer=True
        )
    assert "United Cities and Local Governments" in client.get("/en/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        partner.name = "UCLG — United Cities and Local Governments"
        partner.save()
    assert "UCLG — United Cities and Local Governments" in client.get("/en/").content.decode()


def test_an_editor_never_gets_a_cached_page_and_never_leaves_one(client, article):
    anonymous, _ = get(client, article.url)
    editor = UserFactory(username="officer", is_superuser=True)
    client.force_login(editor)
    response = client.get(article.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    # The anonymous visitor gets the anonymous page, from the cache.
    again = client.get(article.url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == anonymous.content


def test_an_editors_visit_does_not_fill_the_cache_for_visitors(client, article):
    editor = UserFactory(username="officer", is_superuser=True)
    client.force_login(editor)
    client.get(article.url)
    client.logout()
    assert client.get(article.url)["X-Page-Cache"] == "miss"


def test_a_private_page_is_never_cached(client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=Page.objects.get(pk=article.pk),
            restriction_type=PageViewRestriction.PASSWORD,
            password="s3cret-for-partners",
        )
    for _ in range(2):
        response = client.get(article.url)
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
        assert "co-chairmanship" not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "co-chairmanship" in client.get(article.url).content.decode()


def test_nothing_is_cached_when_the_page_cache_is_off(client, article, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(article.url)
    assert "X-Page-Cache" not in client.get(article.url)


def seats_line(response):
    html = response.content.decode()
    return html.split('class="event__seats">', 1)[1].split("</p>", 1)[0].split()


@pytest.fixture
def capacity_event(event):
    event.capacity = 5
    publish(event)
    return event


def test_the_seats_left_line_stays_true_on_a_cached_event_page(
    client, capacity_event, registration_data, django_capture_on_commit_callbacks
):
    event = capacity_event
    first = client.get(event.url)
    assert "5" in seats_line(first)
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    other = Client()  # a registrant in another browser
    with django_capture_on_commit_callbacks(execute=True):
        register_and_confirm(other, event, registration_data)
    response = client.get(event.url)
    assert response["X-Page-Cache"] == "miss"
    assert "4" in seats_line(response)


def test_a_changed_taxonomy_label_shows_on_the_next_visit(
    client, library, django_capture_on_commit_callbacks
):
    from pledges.models import Theme
    from tests.pledges.factories import LocalActionPageFactory

    theme = Theme.objects.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        publish(LocalActionPageFactory(parent=library, themes=[theme]))
    assert theme.title in client.get("/en/practices/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        theme.title = "Access to services for everyone"
        theme.save()
    assert "Access to services for everyone" in client.get("/en/practices/").content.decode()
