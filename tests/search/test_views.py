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
from tests.search.conftest import publish_practice

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


def _cards(html):
    """{card title: the attributes of its <h3>} for the library's result cards."""
    cards = html.split('class="card practice-card"')[1:]
    found = {}
    for card in cards:
        heading = card.split("<h3", 1)[1].split("</h3>", 1)[0]
        title = heading.split("</a>", 1)[0].rsplit(">", 1)[-1]
        found[title] = heading.split(">", 1)[0].strip()
    return found


@pytest.mark.django_db
def test_every_language_lists_every_practice(client, libraries, practices):
    """Acceptance 1: the same total in every language, on the page and in the JSON."""
    from hub.localization import translate

    translate(practices[0], "fr", {practices[0].title: "Mentorat pour les réfugiés"})
    arabic_original = publish_practice(
        libraries["ar"], title="مكتب استقبال القادمين الجدد", body_text="مكتب في البلدية."
    )
    english = client.get(LIBRARY).context["result"].count
    assert english == 7
    for code in ("fr", "es", "ar"):
        page = client.get(f"/{code}/practices/")
        assert page.context["result"].count == english, code
        assert client.get(API, {"lang": code}).json()["count"] == english, code
    # Once each: in French the translation stands in for its original.
    french = _cards(client.get("/fr/practices/").content.decode())
    assert "Mentorat pour les réfugiés" in french
    assert "Job mentoring for refugees" not in french
    assert "Welcome desk for newcomers" in french
    # The Arabic original is in the English library, marked as Arabic.
    assert _cards(client.get(LIBRARY).content.decode())[arabic_original.title] == (
        'lang="ar" dir="rtl"'
    )


@pytest.mark.django_db
def test_words_of_the_translation_and_of_the_original_find_a_practice(client, libraries, practices):
    from hub.localization import translate

    translate(
        practices[1],
        "fr",
        {practices[1].title: "Guichet d'accueil", "A desk opened in the town hall.": "Un guichet."},
    )

    def found(url, q):
        return [hit.title for hit in client.get(url, {"q": q}).context["result"].results]

    # A French word of the French translation.
    assert found("/fr/practices/", "guichet") == ["Guichet d'accueil"]
    # An English word of an English-only practice, from the French library.
    assert found("/fr/practices/", "teenagers") == ["Youth football league"]
    # An English word of the original of a translated practice finds its translation.
    assert found("/fr/practices/", "newcomers") == ["Guichet d'accueil"]
    # The English library does not search the French words.
    assert found(LIBRARY, "guichet") == []


@pytest.mark.django_db
def test_a_practice_in_another_language_is_marked_as_such(client, libraries, practices):
    """The card of an English-only practice in the Arabic library: badge, lang="en" dir="ltr"."""
    html = client.get("/ar/practices/").content.decode()
    cards = _cards(html)
    assert cards["Youth football league"] == 'lang="en" dir="ltr"'
    card = html.split("Youth football league</a></h3>", 1)[1].split("</li>", 1)[0]
    assert 'class="tag tag--language"' in card
    assert "الإنجليزية" in card  # "English", in Arabic
    assert '<p lang="en" dir="ltr">A local action for migrants and refugees.</p>' in card
    data = client.get(API, {"lang": "ar"}).json()
    assert {item["language"] for item in data["results"]} == {"en"}
    # In English nothing is marked.
    english = client.get(LIBRARY).content.decode()
    assert _cards(english)["Youth football league"] == ""
    assert "tag--language" not in english


BAD_PARAMETERS = [
    ({"theme": "no-such-theme"}, "no-such-theme"),
    ({"gcm": "99"}, "99"),
    ({"gcm": "abc"}, "abc"),
    ({"gcr_objective": "9"}, "9"),
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
        "refugees\x01\x1f",
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
    if "\x01" in q:
        assert "control characters were removed" in html
    api = client.get(API, {"q": q})
    assert api.status_code == 200
    assert api["Content-Type"] == "application/json"
    json.loads(api.content)


@pytest.mark.django_db
def test_a_nul_character_is_a_bad_request(client, practices):
    # No address holds one, and PostgreSQL cannot compare text with it (hub.input_guard).
    for url in (LIBRARY, API):
        assert client.get(url, {"q": "refugees\x00"}).status_code == 400


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
    ["q", "theme", "gcm", "gcr", "gcr_objective", "sdg", "region", "country", "lrg_type"]
    + ["group", "status"]
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
    if any("\x00" in name + value for name, value in pairs):
        # A NUL character is refused before the library (hub.input_guard).
        assert page.status_code == client.get(f"{API}?{query}").status_code == 400
        return
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


FOUR_LANGUAGES = {
    "libraries": None,  # set from the fixture
    "originals": {"fr": 0.1, "es": 0.05, "ar": 0.05},
    "translations": {"fr": 0.3, "es": 0.15, "ar": 0.1},
}


@pytest.mark.django_db
def test_library_query_count_is_the_same_at_70_and_2000_practices(
    client, libraries, django_assert_num_queries, settings
):
    settings.FRAGMENT_CACHE_ENABLED = False  # what searching and drawing the page costs
    rng = random.Random(5)  # noqa: S311
    languages = {**FOUR_LANGUAGES, "libraries": libraries}
    ids = create_practices(libraries["en"], 70, rng=rng, **languages)
    index_practices(list(Page.objects.filter(pk__in=ids)))
    urls = [*LIBRARY_URLS, *(url.replace("/en/", "/ar/") for url in LIBRARY_URLS[:2])]
    urls.append(API + "?lang=fr&q=microcredit")
    small = {}
    for url in urls:
        small[url], response = _count_queries(client, url)
        assert response.status_code == 200
        if response.context:
            assert response.context["result"].count > 0
        if "/ar/" not in url:  # a translated page's chrome (hreflang, switcher) adds its own
            assert small[url] <= LIBRARY_QUERIES, (url, small[url])
    more = create_practices(libraries["en"], 1930, rng=rng, **languages)
    index_practices(list(Page.objects.filter(pk__in=more)))
    for url in urls:
        client.get(url)
        with django_assert_num_queries(small[url]):
            response = client.get(url)
        if response.context:
            assert response.context["result"].count > 20


def _pictured_cards(html):
    """{card title: whether the card shows a picture} for the library's result cards."""
    cards = html.split('class="card practice-card"')[1:]
    return {card.split("</a></h3>")[0].rsplit(">", 1)[-1]: "<img" in card for card in cards}


def test_cards_show_each_practice_image_in_a_fixed_number_of_queries(client, library, settings):
    settings.FRAGMENT_CACHE_ENABLED = False  # the cards drawn on every request
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
