"""The library page and /api/practices/: rendering, bad parameters, query counts."""

import json
import random
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail.models import Page

from search.indexing import index_practices
from search.synthetic import create_practices

LIBRARY = "/en/practices/"
API = "/api/practices/"


@pytest.mark.django_db
def test_library_lists_practices_with_counts_and_labels(client, practices):
    response = client.get(LIBRARY, {"theme": "employment-entrepreneurship"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 practices" in html
    assert "Job mentoring for refugees" in html
    assert "Welcome desk for newcomers" not in html
    # Every theme keeps its count while one is selected (disjunctive).
    assert "Access to services" in html
    assert 'name="theme" value="employment-entrepreneurship" id="f-theme-' in html
    assert "checked" in html
    # The selected value can be removed with one link.
    assert "Remove Theme: Employment and entrepreneurship" in html


@pytest.mark.django_db
def test_library_works_as_a_plain_get_form(client, practices):
    html = client.get(LIBRARY).content.decode()
    assert 'method="get"' in html
    assert 'type="submit"' in html
    assert "Apply filters" in html


@pytest.mark.django_db
def test_only_the_page_language_is_searched(client, practices):
    from hub.localization import translate

    practice = practices[0]
    library_fr = translate(practice.get_parent().specific, "fr", {})
    assert library_fr.live
    translate(practice, "fr", {practice.title: "Mentorat pour les réfugiés"})
    french = client.get("/fr/practices/").content.decode()
    assert "Mentorat pour les réfugiés" in french
    assert "Welcome desk" not in french
    english = client.get(LIBRARY).content.decode()
    assert "Mentorat" not in english


BAD_PARAMETERS = [
    ({"theme": "no-such-theme"}, "no-such-theme"),
    ({"gcm": "99"}, "99"),
    ({"gcm": "abc"}, "abc"),
    ({"country": "ZZ"}, "ZZ"),
    ({"year": "12345"}, "12345"),
    ({"page": "0"}, "0"),
    ({"page": "-1"}, "-1"),
    ({"page": "abc"}, "abc"),
    ({"page": "999999"}, "999999"),
    ({"sort": "anything"}, "anything"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("params", "shown"), BAD_PARAMETERS)
def test_bad_parameters_are_ignored_and_reported(client, practices, params, shown):
    response = client.get(LIBRARY, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some of your search was ignored" in html
    assert f"“{shown}”" in html
    assert "6 practices" in html  # the rest of the search still works

    data = client.get(API, params).json()
    assert data["count"] == 6
    assert [item["value"] for item in data["ignored"]] == [shown]


@pytest.mark.django_db
def test_page_past_the_end_shows_the_last_page(client, practices):
    html = client.get(LIBRARY, {"page": "5"}).content.decode()
    assert "past the last page" in html
    assert "Job mentoring for refugees" in html or "Migrant council" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        "x" * 5000,
        '"unbalanced quote',
        "' OR 1=1; DROP TABLE search_practicerecord; --",
        "refugees\x00\x00",
        "<script>alert(1)</script>",
        "NEAR(a b) OR * AND ^title:x",
        "   ",
    ],
)
def test_hostile_queries_never_fail_and_are_escaped(client, practices, q):
    response = client.get(LIBRARY, {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    if len(q) > 200:
        assert "the search was shortened to 200 characters" in html
    if "\x00" in q:
        assert "control characters were removed" in html
    api = client.get(API, {"q": q})
    assert api.status_code == 200
    assert api["Content-Type"] == "application/json"
    json.loads(api.content)


@pytest.mark.django_db
def test_script_in_a_facet_value_is_reported_escaped(client, practices):
    html = client.get(LIBRARY, {"theme": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Random text, sometimes ending in markup that must never come back unescaped.
VALUES = st.one_of(
    st.text(max_size=300),
    st.text(max_size=20).map(lambda text: text + "<i>xss</i>"),
    st.sampled_from(["16", "99", "climate", "MA", "2020", "title", "0", "-1", "999999"]),
)
PARAMETER_NAMES = st.sampled_from(
    ["q", "theme", "gcm", "gcr", "sdg", "region", "country", "lrg_type", "group", "status"]
    + ["year", "sort", "page", "lang", "x", ""]
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pairs=st.lists(st.tuples(PARAMETER_NAMES, VALUES), max_size=8))
def test_any_query_string_gives_a_page_and_json(client, library, pairs):
    query = urlencode(pairs)
    page = client.get(f"{LIBRARY}?{query}")
    assert page.status_code == 200
    assert b"<i>xss</i>" not in page.content
    api = client.get(f"{API}?{query}")
    assert api.status_code == 200
    data = api.json()
    assert set(data) >= {"count", "results", "facets", "ignored"}


@pytest.mark.django_db
def test_api_shape(client, practices):
    data = client.get(API, {"country": "MA", "sort": "title"}).json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["title"] == "Job mentoring for refugees"
    assert first["url"] == "http://testserver/en/practices/job-mentoring-for-refugees/"
    assert first["lrg"] == "Rabat"
    assert first["country"] == "MA"
    assert first["region"] == "africa"
    assert first["year"] == 2019
    assert {"value": "employment-entrepreneurship", "label": "Employment and entrepreneurship"} in (
        first["themes"]
    )
    assert [g["value"] for g in first["gcm"]] == ["6", "16"]
    assert {"value": "MA", "label": "Morocco", "count": 2, "selected": True} in data["facets"][
        "country"
    ]
    # Nothing personal: no contact details of the case studies.
    assert "amina" not in json.dumps(data).lower()


@pytest.mark.django_db
def test_api_labels_follow_the_language(client, practices):
    data = client.get(API, {"lang": "fr"}).json()
    assert data["language"] == "fr"
    data = client.get(API, {"lang": "xx"}).json()
    assert data["ignored"][0]["parameter"] == "lang"


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm this server's postings for the current index version
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


LIBRARY_URLS = [
    LIBRARY,
    LIBRARY + "?theme=climate&theme=access-to-services&region=africa&region=europe",
    LIBRARY + "?q=microcredit&status=ongoing&page=2",
    LIBRARY + "?sort=title&page=3",
]
# What the library itself adds to Wagtail's page serving: the index version,
# the full-text query (with q), the 20 hits and their theme/objective keys.
LIBRARY_QUERIES = 22


@pytest.mark.django_db
def test_library_query_count_is_the_same_at_70_and_2000_practices(
    client, library, django_assert_num_queries
):
    rng = random.Random(5)  # noqa: S311
    ids = create_practices(library, 70, rng=rng)
    index_practices(list(Page.objects.filter(pk__in=ids)))
    small = {}
    for url in LIBRARY_URLS:
        small[url], response = _count_queries(client, url)
        assert response.context["result"].count > 0
        assert small[url] <= LIBRARY_QUERIES, (url, small[url])
    more = create_practices(library, 1930, rng=rng)
    index_practices(list(Page.objects.filter(pk__in=more)))
    for url in LIBRARY_URLS:
        client.get(url)
        with django_assert_num_queries(small[url]):
            response = client.get(url)
        assert response.context["result"].count > 20


def _pictured_cards(html):
    """{card title: whether the card shows a picture} for the library's result cards."""
    cards = html.split('class="card practice-card"')[1:]
    return {card.split("</a></h3>")[0].rsplit(">", 1)[-1]: "<img" in card for card in cards}


def test_cards_show_each_practice_image_in_a_fixed_number_of_queries(client, library):
    from wagtail_factories import ImageFactory

    from tests.search.conftest import publish_practice

    def illustrated(title):
        page = publish_practice(library, title=title)
        page.listing_image = ImageFactory(title=f"Picture of {title}")
        page.save_revision().publish()

    illustrated("Welcome desk")
    publish_practice(library, title="Night shelter")  # no picture: a text-only card
    few, response = _count_queries(client, LIBRARY)
    assert _pictured_cards(response.content.decode()) == {
        "Welcome desk": True,
        "Night shelter": False,
    }

    for n in range(6):
        illustrated(f"Practice {n}")
    more, response = _count_queries(client, LIBRARY)
    pictured = _pictured_cards(response.content.decode())
    assert sum(pictured.values()) == 7 and not pictured["Night shelter"]
    assert more == few
