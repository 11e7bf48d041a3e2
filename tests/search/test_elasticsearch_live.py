"""Facet correctness on a live Elasticsearch (collected only when ELASTICSEARCH_URL is set).

Run: ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest tests/search -m elasticsearch
"""

import random
import uuid

import pytest

from pledges.models import LocalActionPage
from search.engines.database import DatabaseEngine
from search.engines.elastic import ElasticsearchEngine
from search.forms import PracticeFilter
from search.indexing import group_documents
from search.services import search_practices
from tests.search.test_facets import brute_force, random_selection

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def es_engine(multilingual_practices, practices):
    """A throw-away index holding the same practices as the database, in four languages."""
    engine = ElasticsearchEngine()
    engine.index_name = f"{engine.index_name}_test_{uuid.uuid4().hex[:8]}"
    engine.recreate()
    keys = set(LocalActionPage.objects.live().values_list("translation_key", flat=True))
    engine.write(group_documents(keys))
    yield engine
    engine.index().delete()


def counts(result):
    return {f.name: {v.value: v.count for v in f.values if v.count} for f in result.facets}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_elasticsearch_counts_equal_the_database_and_brute_force(es_engine, language):
    rng = random.Random(17)
    _total, everything = brute_force(language, {})
    database = DatabaseEngine()
    for _ in range(20):
        selected = random_selection(rng, everything)
        filters = PracticeFilter.build(language, selected=selected)
        on_es = search_practices(filters, engine=es_engine)
        on_db = search_practices(filters, engine=database)
        expected_total, expected = brute_force(language, selected)
        assert on_es.count == on_db.count == expected_total
        assert counts(on_es) == counts(on_db) == expected
        assert [hit.language for hit in on_es.results] == [hit.language for hit in on_db.results]


def test_every_country_is_counted_beyond_ten(es_engine):
    result = search_practices(PracticeFilter.build("en"), engine=es_engine)
    countries = next(f for f in result.facets if f.name == "country")
    assert len(countries.values) > 10
    gcm = next(f for f in result.facets if f.name == "gcm")
    assert len(gcm.values) > 10


def test_selecting_a_value_gives_its_count(es_engine):
    result = search_practices(PracticeFilter.build("en"), engine=es_engine)
    for facet in result.facets:
        for value in facet.values[:5]:
            narrowed = search_practices(
                PracticeFilter.build("en", selected={facet.name: [value.value]}),
                engine=es_engine,
            )
            assert narrowed.count == value.count


def test_words_narrow_every_count(es_engine):
    everything = counts(search_practices(PracticeFilter.build("en"), engine=es_engine))
    words = search_practices(PracticeFilter.build("en", q="microcredit"), engine=es_engine)
    assert words.count > 0
    for facet, values in counts(words).items():
        for value, count in values.items():
            assert count <= everything[facet][value]
