"""The Wagtail userbar: on public pages for signed-in editors, never for anyone else.

The full-page cache is on in these tests: an editor's page (with the userbar)
must never be stored, and a page stored for anonymous visitors never served
to an editor (who would lose the userbar) or the other way round.
"""

import pytest

from django.test import Client

from tests.factories import UserFactory

USERBAR = "<wagtail-userbar>"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def editor_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_an_editor_sees_the_userbar_with_a_link_to_edit_the_page(editor_client, article):
    response = editor_client.get(article.url)
    html = response.content.decode()
    assert USERBAR in html
    assert f"/admin/pages/{article.pk}/edit/" in html
    # Never kept by the page cache or a shared cache in front.
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_an_anonymous_visitor_never_gets_the_userbar_even_after_an_editor_visit(
    client, editor_client, article
):
    assert USERBAR in editor_client.get(article.url).content.decode()
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"  # the editor's page was not stored
    assert USERBAR not in first.content.decode()
    assert "wagtailadmin" not in first.content.decode()

    # The cached anonymous page is not served to the editor either.
    again = editor_client.get(article.url)
    assert "X-Page-Cache" not in again
    assert USERBAR in again.content.decode()

    cached = client.get(article.url)
    assert cached["X-Page-Cache"] == "hit"
    assert USERBAR not in cached.content.decode()


def test_a_signed_in_user_without_admin_access_gets_no_userbar(article):
    client = Client()
    client.force_login(UserFactory(username="visitor", is_staff=False))
    response = client.get(article.url)
    assert response.status_code == 200
    assert USERBAR not in response.content.decode()
    assert "X-Page-Cache" not in response


def test_the_userbar_is_on_every_kind_of_public_page(editor_client, article, news_index):
    for url in (news_index.get_parent().url, news_index.url, article.url):
        assert USERBAR in editor_client.get(url).content.decode(), url
