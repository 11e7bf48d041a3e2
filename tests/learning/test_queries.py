"""Acceptance 6: news index and news page queries are fixed, with 10 articles or 200."""

import wagtail_factories

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.learning.factories import NewsPageFactory

URLS = [
    "/en/news/",
    "/en/news/?topic=campaign&year=2022",
    "/en/news/?page=2",
    "/en/news/the-article/",
    "/en/news/feed/",
    "/en/",
]


def _add_articles(index, count, image):
    # Live pages straight from the factory: what matters is how many rows the pages read.
    for _ in range(count):
        NewsPageFactory(parent=index, hero_image=image, listing_image=image)


def _counts(client):
    counts = {}
    for url in URLS:
        client.get(url)  # warm what persists across requests (content types, site roots)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_news_pages_run_the_same_queries_for_10_and_200_articles(client, news_index, settings):
    settings.FRAGMENT_CACHE_ENABLED = False  # what building the pages costs
    image = wagtail_factories.ImageFactory()
    NewsPageFactory(parent=news_index, slug="the-article", hero_image=image)
    _add_articles(news_index, 9, image)
    with_10 = _counts(client)
    _add_articles(news_index, 190, image)
    with_200 = _counts(client)
    assert with_10 == with_200
    # And the numbers stay small.
    assert with_200["/en/news/"] <= 25
    assert with_200["/en/news/the-article/"] <= 20


def test_query_counts_are_pinned(client, news_index, django_assert_max_num_queries):
    image = wagtail_factories.ImageFactory()
    NewsPageFactory(parent=news_index, slug="the-article", hero_image=image)
    _add_articles(news_index, 30, image)
    for url in ("/en/news/", "/en/news/the-article/", "/en/news/feed/"):
        client.get(url)  # warm what persists across requests
    # The page chrome (menus, languages, footer, settings) takes about 15 of these.
    with django_assert_max_num_queries(23):
        client.get("/en/news/")
    with django_assert_max_num_queries(18):
        client.get("/en/news/the-article/")
    with django_assert_max_num_queries(10):
        client.get("/en/news/feed/")
