"""The Elasticsearch engine without a server: its mapping and the requests it builds."""

import pytest

from wagtail.search.backends import get_search_backend

from search.engines.elastic import (
    FACET_SIZES,
    ElasticsearchEngine,
    build_request,
    practice_mapping,
    practice_source,
)
from search.facets import FACET_NAMES, load_vocabulary
from search.forms import PracticeFilter


def test_facet_fields_are_keywords_and_texts_are_analysed_per_language():
    properties = practice_mapping()["properties"]
    for facet in FACET_NAMES:
        assert properties[facet] == {"type": "keyword"}
    assert properties["language"] == {"type": "keyword"}
    for field in ("title", "summary", "body", "lrg", "country_text"):
        analyzers = {code: sub["analyzer"] for code, sub in properties[field]["fields"].items()}
        assert analyzers == {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}


@pytest.mark.django_db
def test_aggregation_sizes_cover_every_possible_value():
    vocabulary = load_vocabulary("en")
    request = build_request(PracticeFilter.build("en"))
    for facet in FACET_NAMES:
        size = request["aggs"][facet]["aggs"]["values"]["terms"]["size"]
        assert size >= vocabulary.size(facet), facet
        assert size > 10  # never Elasticsearch's default top ten
    assert FACET_SIZES["country"] >= 249  # every ISO 3166 country
    assert FACET_SIZES["gcm"] >= 23


def test_selections_filter_hits_after_aggregating_and_each_facet_ignores_its_own():
    filters = PracticeFilter.build(
        "fr",
        q="emploi",
        selected={"theme": ["climate", "children-youth"], "gcm": ["16"], "region": ["africa"]},
    )
    request = build_request(filters, offset=40, size=20)
    # The query holds only the language and the words: selections do not shrink the counts.
    query = request["query"]["bool"]
    assert query["filter"] == [{"term": {"language": "fr"}}]
    assert query["must"][0]["multi_match"]["fields"][0] == "title.fr^10"
    assert query["must"][0]["multi_match"]["operator"] == "and"
    # The hits are narrowed by every selection (values OR-ed, facets AND-ed).
    assert request["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"theme": ["climate", "children-youth"]}},
                {"terms": {"gcm": ["16"]}},
                {"terms": {"region": ["africa"]}},
            ]
        }
    }
    # Each facet is counted with the other facets' selections only (disjunctive).
    theme_filter = request["aggs"]["theme"]["filter"]["bool"]["filter"]
    assert theme_filter == [{"terms": {"gcm": ["16"]}}, {"terms": {"region": ["africa"]}}]
    gcm_filter = request["aggs"]["gcm"]["filter"]["bool"]["filter"]
    assert {"terms": {"gcm": ["16"]}} not in gcm_filter
    assert len(request["aggs"]["country"]["filter"]["bool"]["filter"]) == 3
    assert request["from"] == 40
    assert request["size"] == 20
    assert request["track_total_hits"] is True
    assert request["sort"][0] == "_score"


def test_sort_orders():
    newest = build_request(PracticeFilter.build("en"))["sort"]
    assert newest[0] == {"year_number": {"order": "desc", "missing": "_last"}}
    titled = build_request(PracticeFilter.build("en", sort="title"))["sort"]
    assert titled[0] == {"sort_title": "asc"}


def test_document_carries_every_facet_key():
    source = practice_source(
        {
            "page_id": 7,
            "language": "en",
            "title": "Job fair",
            "summary": "",
            "body": "",
            "lrg": "Rabat",
            "country_text": "Morocco",
            "url": "/en/practices/job-fair/",
            "year": 2020,
            "published_at": None,
            "keys": {"theme": ["climate"], "gcm": ["16", "3"], "country": ["MA"]},
        }
    )
    assert source["gcm"] == ["16", "3"]
    assert source["country"] == ["MA"]
    assert source["sdg"] == []
    assert set(source) - {"page_id", "url", "published_at", "year_number", "sort_title"} <= set(
        practice_mapping()["properties"]
    )


@pytest.mark.django_db
def test_engine_index_name_follows_the_backend_prefix():
    class Backend:
        index_prefix = "lah_"
        es = None

    engine = ElasticsearchEngine(backend=Backend())
    assert engine.index_name == "lah_practices"
    assert get_search_backend() is not None


@pytest.mark.django_db
def test_an_unreachable_elasticsearch_falls_back_to_the_database(practices):
    from elasticsearch import Elasticsearch

    from search.services import search_practices

    class Unreachable:
        index_prefix = "lah_"
        es = Elasticsearch("http://127.0.0.1:9", request_timeout=1, max_retries=0)

    result = search_practices(
        PracticeFilter.build("en", selected={"country": ["MA"]}),
        engine=ElasticsearchEngine(backend=Unreachable()),
    )
    assert result.count == 2
    assert result.engine == "database"
