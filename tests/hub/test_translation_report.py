"""The translation report covers what every page shows besides pages (menus, footer text,
partners, taxonomies, governments), filters by language, and says which field is still in
the original language and where to find it."""

import re

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale

from hub.localization import translate
from hub.models import FooterText, NavigationItem, NavigationMenu, Partner
from pledges.models import Theme
from tests.factories import PartnerFactory, UserFactory, publish
from tests.learning.factories import NewsPageFactory

URL = "/admin/translation-status/"


@pytest.fixture
def editor_client(client, db):
    user = UserFactory(username="comms-editor")
    user.groups.add(Group.objects.get(name="Communications"))
    client.force_login(user)
    return client


@pytest.fixture
def menu(home_page):
    locale = Locale.get_default()
    menu = NavigationMenu.objects.create(slot=NavigationMenu.FOOTER, locale=locale)
    NavigationItem.objects.create(
        menu=menu, label="Privacy notice", link_url="https://example.org/privacy/", locale=locale
    )
    translate(menu, "fr", {"Privacy notice": "Protection des données"})
    return menu


def snippet_states(html, label):
    """{language: state} of the snippet row whose link reads ``label``."""
    rows = re.findall(r'<tr data-snippet-type="[^"]*".*?</tr>', html, re.S)
    [row] = [row for row in rows if f">{label}</a></th>" in row]
    return dict(re.findall(r'data-locale="(\w+)" data-state="(\w+)"', row))


def test_menus_footer_partners_and_taxonomies_are_in_the_report(editor_client, menu):
    FooterText.objects.create(body="A campaign of cities.", locale=Locale.get_default())
    PartnerFactory(name="UNHCR", locale=Locale.get_default())
    html = editor_client.get(URL).content.decode()
    assert "Menus, footer, partners and lists" in html
    assert snippet_states(html, "Footer navigation") == {
        "en": "source",
        "fr": "current",
        "es": "missing",
        "ar": "missing",
    }
    assert snippet_states(html, "A campaign of cities.")["ar"] == "missing"
    assert snippet_states(html, "UNHCR")["es"] == "missing"
    # A link to translate what is missing.
    partner = Partner.objects.get(name="UNHCR")
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["hub", "partner", partner.pk]
    )
    assert f'href="{submit}"' in html

    # The taxonomies come translated by the data migrations.
    html = editor_client.get(URL, {"page_type": "snippet:pledges.theme"}).content.decode()
    theme = Theme.objects.default_locale().first()
    assert set(snippet_states(html, theme.title).values()) == {"source", "separate"}
    assert "Footer navigation" not in html
    assert "<h2" in html and ">Pages</h2>" not in html


def test_filtered_by_language(editor_client, menu, article):
    html = editor_client.get(URL, {"language": "es", "status": "missing"}).content.decode()
    assert snippet_states(html, "Footer navigation") == {"es": "missing"}
    assert f'data-page-id="{article.id}"' in html  # no Spanish article either
    html = editor_client.get(URL, {"language": "fr", "status": "missing"}).content.decode()
    assert ">Footer navigation</a>" not in html  # it has its French version
    assert f'data-page-id="{article.id}"' not in html


def test_the_report_names_the_untranslated_field_and_its_tab(editor_client, news_index):
    page = publish(NewsPageFactory(parent=news_index, title="Mayors meet", slug="mayors-meet"))
    # Everything translated but the slug.
    translate(
        page,
        "fr",
        {"Mayors meet": "Les maires se réunissent", page.summary: "Résumé."},
    )
    html = editor_client.get(URL, {"language": "fr", "q": "Mayors"}).content.decode()
    assert "Slug (Promote tab)" in html


def test_publishing_a_translation_says_which_field_is_missing(admin_client, news_index):
    page = publish(NewsPageFactory(parent=news_index, title="Mayors meet", slug="mayors-meet"))
    french = translate(page, "fr", {"Mayors meet": "Les maires se réunissent"})
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[french.pk]), {"action": "publish"}, follow=True
    )
    html = response.content.decode()
    assert "Still in the original language:" in html
    assert "Slug (Promote tab)" in html


def test_a_menu_edited_in_the_admin_shows_in_the_report(editor_client, menu):
    html = editor_client.get(URL, {"page_type": "snippet:hub.navigationmenu"}).content.decode()
    edit = reverse("wagtailsnippets_hub_navigationmenu:edit", args=[menu.pk])
    assert f'href="{edit}"' in html


def test_the_report_with_snippets_runs_a_fixed_number_of_queries(editor_client, news_index):
    def count(**params):
        editor_client.get(URL, params)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(URL, params).status_code == 200
        return len(queries)

    PartnerFactory(locale=Locale.get_default())
    few_partners, few_all = count(page_type="snippet:hub.partner"), count()
    for _ in range(60):
        PartnerFactory(locale=Locale.get_default())
    assert count(page_type="snippet:hub.partner") == few_partners
    # The whole report: one page of 50 items reaches fewer kinds of snippet, never more.
    assert count() <= few_all
