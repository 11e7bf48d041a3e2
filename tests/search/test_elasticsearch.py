"""The Elasticsearch engine without a server: its mapping and the requests it builds."""

import pytest

from django.conf import settings

from wagtail.search.backends import get_search_backend

from search.engines.elastic import (
    FACET_SIZES,
    ElasticsearchEngine,
    _hit,
    build_request,
    practice_mapping,
    practice_source,
    replace_operations,
)
from search.facets import FACET_NAMES, load_vocabulary
from search.forms import PracticeFilter

LANGUAGES = [code for code, _name in settings.LANGUAGES]


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


def _document(**overrides):
    """A document as ``search.indexing.practice_documents`` makes it."""
    doc = {
        "page_id": 7,
        "language": "en",
        "text_language": "en",
        "title": "Job fair",
        "summary": "",
        "lrg": "Rabat",
        "country": "MA",
        "country_text": "Morocco",
        "region": "africa",
        "status": "ongoing",
        "url": "/en/practices/job-fair/",
        "year": 2020,
        "published_at": None,
        "keys": {"theme": ["climate"], "gcm": ["16", "3"], "country": ["MA"]},
        "texts": {"title": ["Job fair"], "summary": [""], "body": ["Employers came."]},
    }
    return {**doc, **overrides}


def test_document_carries_every_facet_key():
    source = practice_source(_document())
    assert source["gcm"] == ["16", "3"]
    assert source["country"] == ["MA"]
    assert source["sdg"] == []
    assert set(source) - {"page_id", "url", "published_at", "year_number", "sort_title"} <= set(
        practice_mapping()["properties"]
    )


def test_a_translation_is_searched_by_its_words_and_its_originals():
    """In the French library, a translated practice: French text shown, both searched."""
    source = practice_source(
        _document(
            language="fr",
            text_language="fr",
            title="Salon de l'emploi",
            summary="Des employeurs.",
            texts={
                "title": ["Salon de l'emploi", "Job fair"],
                "summary": ["Des employeurs.", "Employers."],
                "body": ["Les employeurs sont venus.", "Employers came."],
            },
        )
    )
    assert source["title"] == ["Salon de l'emploi", "Job fair"]
    assert source["sort_title"] == "salon de l'emploi"
    assert "Employers came." in source["body"] and "Les employeurs" in source["body"]
    assert source["text_language"] == "fr"
    assert practice_mapping()["properties"]["text_language"] == {"type": "keyword"}
    # A hit shows the text in the library's language and says which it is.
    hit = _hit({**source, "url": "/fr/practices/salon/"})
    assert (hit["title"], hit["summary"], hit["language"]) == (
        "Salon de l'emploi",
        "Des employeurs.",
        "fr",
    )


def test_one_document_per_practice_and_language():
    """The same English page is shown by four libraries: four documents, replaced together."""
    documents = [
        _document(language=code, url=f"/{code}/practices/job-fair/")
        for code in ("en", "fr", "es", "ar")
    ]
    operations = replace_operations("lah_practices", [7, 8], documents)
    deleted = [op["delete"]["_id"] for op in operations if "delete" in op]
    assert sorted(deleted) == sorted(f"{code}-{pk}" for pk in (7, 8) for code in LANGUAGES)
    indexed = [op["index"]["_id"] for op in operations if "index" in op]
    assert indexed == ["en-7", "fr-7", "es-7", "ar-7"]
    # Deletes come first: a re-indexed practice is never left out.
    assert operations.index({"delete": {"_index": "lah_practices", "_id": "fr-7"}}) < (
        operations.index({"index": {"_index": "lah_practices", "_id": "fr-7"}})
    )
    # A library asks only for its own language's documents, whatever their text's language.
    request = build_request(PracticeFilter.build("ar", q="fair"))
    assert request["query"]["bool"]["filter"] == [{"term": {"language": "ar"}}]
    assert "text_language" in request["_source"]


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
