"""The admin's translation status report: what exists in which language, what is out of date."""

import re

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail_localize.models import TranslationSource

from tests.factories import UserFactory
from tests.learning.factories import NewsPageFactory

URL = "/admin/translation-status/"


# The report covers every page type; news pages (tests/conftest.py) are simply the
# quickest to build in several languages.


@pytest.fixture
def editor_client(client, db):
    """A member of the Communications group, as the demo's editor."""
    user = UserFactory(username="comms-editor")
    user.groups.add(Group.objects.get(name="Communications"))
    client.force_login(user)
    return client


def _states(html, page_id):
    row = re.search(rf'<tr data-page-id="{page_id}".*?</tr>', html, re.S).group(0)
    return dict(re.findall(r'data-locale="(\w+)" data-state="(\w+)"', row))


def test_report_shows_each_language_of_each_page(editor_client, article, english_only_article):
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert _states(html, article.id) == {
        "en": "source",
        "fr": "current",
        "es": "missing",
        "ar": "missing",
    }
    assert _states(html, english_only_article.id)["fr"] == "missing"
    # The home page and the news index are listed too: every page type of the tree.
    assert _states(html, article.get_parent().id)["ar"] == "current"
    # Links to translate the missing languages.
    submit = reverse("wagtail_localize:submit_page_translation", args=[article.id])
    assert f'href="{submit}"' in html


def test_editing_the_source_makes_the_translation_out_of_date_until_updated(editor_client, article):
    article.title = "France and Senegal will co-chair the GFMD"
    article.save_revision().publish()

    html = editor_client.get(URL).content.decode()
    assert _states(html, article.id)["fr"] == "outdated"
    outdated = editor_client.get(URL + "?status=outdated").content.decode()
    assert f'data-page-id="{article.id}"' in outdated
    assert f'data-page-id="{article.get_parent().id}"' not in outdated

    source = TranslationSource.objects.get(object_id=article.translation_key)
    update_url = reverse("wagtail_localize:update_translations", args=[source.id])
    assert update_url in html

    # wagtail-localize's own "Update translations" with "Publish immediately".
    response = editor_client.post(update_url, {"publish_translations": "on"})
    assert response.status_code == 302

    html = editor_client.get(URL).content.decode()
    assert _states(html, article.id)["fr"] == "current"
    # The changed title is new text, still in English until translated: the report says so.
    assert "1 text still in the original language" in html


def test_syncing_without_publishing_keeps_the_translation_out_of_date(editor_client, article):
    article.summary = "A new summary."
    article.save_revision().publish()
    source = TranslationSource.objects.get(object_id=article.translation_key)
    editor_client.post(reverse("wagtail_localize:update_translations", args=[source.id]), {})
    html = editor_client.get(URL).content.decode()
    assert _states(html, article.id)["fr"] == "outdated"


def test_missing_filter_and_title_search(editor_client, article, english_only_article):
    html = editor_client.get(URL + "?status=missing&q=launch").content.decode()
    assert f'data-page-id="{english_only_article.id}"' in html
    assert f'data-page-id="{article.id}"' not in html


def test_report_needs_the_translation_permission(client, db):
    client.force_login(UserFactory(username="someone"))
    assert client.get(URL).status_code in (302, 403)


def test_report_menu_item_is_shown_to_editors(editor_client, news_index):
    html = editor_client.get("/admin/").content.decode()
    assert '"url": "/admin/translation-status/"' in html


def test_report_runs_a_fixed_number_of_queries(editor_client, news_index):
    def count():
        editor_client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(URL).status_code == 200
        return len(queries)

    for _ in range(3):
        NewsPageFactory(parent=news_index)
    few = count()
    for _ in range(30):
        NewsPageFactory(parent=news_index)
    assert count() == few
