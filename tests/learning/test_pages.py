"""Rendering of every page type, in each language, and creation in the admin."""

import pytest

from django.urls import reverse

from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from hub.localization import translate
from learning.models import NewsPage, ReportPage, ResourcePage
from tests.learning.conftest import publish
from tests.learning.factories import NewsPageFactory, ReportPageFactory, ResourcePageFactory


def test_news_page_renders_date_authors_topic_and_body(client, article):
    html = client.get("/en/news/france-and-senegal/").content.decode()
    assert "<h1>France and Senegal to co-chair the GFMD</h1>" in html
    assert '<time datetime="2022-' in html
    assert "By GFMD Mayors Mechanism" in html
    assert "Call to Local Action" in html  # topic label
    assert "Cities act for migrants and refugees." in html


def test_french_news_page_has_french_lang_and_hreflang_to_the_english(client, article):
    html = client.get("/fr/news/france-et-senegal/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "La France et le Sénégal coprésident le FMMD" in html
    assert "Les villes agissent pour les migrants." in html
    assert 'hreflang="en" href="http://localhost/en/news/france-and-senegal/"' in html
    assert 'hreflang="fr" href="http://localhost/fr/news/france-et-senegal/"' in html
    assert 'hreflang="es" href=' not in html.split("</head>")[0]  # no Spanish version


def test_language_switcher_lands_on_the_same_article(client, article):
    html = client.get("/en/news/france-and-senegal/").content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'href="/fr/news/france-et-senegal/"' in switcher


def test_listings_show_only_their_language(client, article, english_only_article):
    english = client.get("/en/news/").content.decode()
    assert "France and Senegal to co-chair the GFMD" in english
    assert "Launch of It Takes a Community" in english
    french = client.get("/fr/news/").content.decode()
    assert "La France et le Sénégal coprésident le FMMD" in french
    assert "France and Senegal to co-chair the GFMD" not in french
    assert "Launch of It Takes a Community" not in french


def test_news_index_filters_by_topic_and_year_and_reports_unknown_values(client, news_index):
    publish(
        NewsPageFactory(
            parent=news_index, title="Old news", topic="partnerships", date="2021-03-29"
        )
    )
    publish(
        NewsPageFactory(parent=news_index, title="New news", topic="campaign", date="2022-05-18")
    )
    html = client.get("/en/news/?topic=partnerships").content.decode()
    assert "Old news" in html and "New news" not in html
    html = client.get("/en/news/?year=2022").content.decode()
    assert "New news" in html and "Old news" not in html
    response = client.get("/en/news/?topic=nonsense&year=abc&page=99")
    assert response.status_code == 200
    html = response.content.decode()
    assert "New news" in html and "Old news" in html
    assert "Some filters were not understood and were ignored: Topic, Year." in html


def test_news_index_paginates(client, news_index):
    for n in range(14):
        publish(NewsPageFactory(parent=news_index, title=f"Item number {n}"))
    first = client.get("/en/news/").content.decode()
    assert first.count('class="card news-card"') == 12
    second = client.get("/en/news/?page=2").content.decode()
    assert second.count('class="card news-card"') == 2
    assert 'aria-current="page">2<' in second


def test_report_page_shows_key_figures_table_of_contents_and_downloads(client, learning_index):
    report = publish(ReportPageFactory(parent=learning_index, slug="report-2022"))
    html = client.get("/en/learning/report-2022/").content.decode()
    assert '<span class="key-figures__value">70</span>' in html
    assert '<a href="#why-local-action-matters">Why local action matters</a>' in html
    assert '<h2 id="why-local-action-matters">Why local action matters</h2>' in html
    assert '<h2 id="what-comes-next">' in html
    translate(report, "fr", {"local actions": "actions locales", "What comes next": "Et ensuite"})
    french = client.get(f"/fr/learning/{report.slug}/").content.decode()
    assert "actions locales" in french
    assert '<a href="#et-ensuite">Et ensuite</a>' in french


def test_learning_index_lists_reports_resources_and_latest_news(client, learning_index, article):
    publish(ReportPageFactory(parent=learning_index, title="The 2022 report"))
    publish(ResourcePageFactory(parent=learning_index, title="A toolkit for cities"))
    html = client.get("/en/learning/").content.decode()
    assert "The 2022 report" in html
    assert "A toolkit for cities" in html
    assert "France and Senegal to co-chair the GFMD" in html


def test_related_pages_are_shown_in_the_readers_language(client, learning_index, article):
    report = publish(ReportPageFactory(parent=learning_index, related_pages=[("page", article)]))
    translate(report, "fr", {})
    french = report.get_translation(Locale.objects.get(language_code="fr"))
    html = client.get(french.url).content.decode()
    assert 'href="/fr/news/france-et-senegal/"' in html


def test_home_page_shows_latest_news_in_its_language(client, article, english_only_article):
    english = client.get("/en/").content.decode()
    assert "Latest news" in english
    assert "Launch of It Takes a Community" in english
    french = client.get("/fr/").content.decode()
    assert "La France et le Sénégal coprésident le FMMD" in french
    assert "Launch of It Takes a Community" not in french


@pytest.mark.parametrize(
    ("model", "parent_fixture", "fields"),
    [
        (
            NewsPage,
            "news_index",
            {"date": "2022-05-18", "topic": "campaign", "authors": "Mayors Mechanism"},
        ),
        (
            ReportPage,
            "learning_index",
            {
                "publication_date": "2022-05-18",
                "key_figures": streamfield([]),
                "documents": streamfield([]),
            },
        ),
        (
            ResourcePage,
            "learning_index",
            {
                "publication_date": "2022-09-01",
                "resource_type": "brief",
                "documents": streamfield([]),
            },
        ),
    ],
)
def test_admin_can_create_each_page_type(admin_client, request, model, parent_fixture, fields):
    parent = request.getfixturevalue(parent_fixture)
    url = reverse("wagtailadmin_pages:add", args=("learning", model._meta.model_name, parent.id))
    data = nested_form_data(
        {
            "title": "Created in the admin",
            "slug": "created-in-the-admin",
            "summary": "A summary.",
            "body": streamfield([("paragraph", rich_text("<p>Body text.</p>"))]),
            "related_pages": streamfield([]),
            "action-publish": "publish",
            **fields,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = model.objects.get(slug="created-in-the-admin")
    assert page.live
    assert client_get_ok(admin_client, page.url)


def client_get_ok(client, url):
    return client.get(url).status_code == 200
