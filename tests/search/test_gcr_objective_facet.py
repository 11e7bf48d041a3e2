"""The library's facet 'gcr_objective': the four objectives of the Global Compact on Refugees.

Filtered in the page, the JSON API and the open data, counted by both engines
(the database's bitsets and SQL reference; Elasticsearch's requests and
documents, evaluated here without a server), labelled in the page's language,
and carried by an index built before the facet existed once ``migrate`` ran.
"""

import csv
import importlib
import io

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext

from pledges.models import GCRObjective, LocalActionPage
from search.engines.database import DatabaseEngine
from search.engines.elastic import (
    ElasticsearchEngine,
    build_request,
    practice_mapping,
    practice_source,
)
from search.forms import PracticeQueryForm
from search.indexing import group_documents, rebuild_if_empty
from search.models import PracticeFacetValue, PracticeIndexState
from search.services import library_vocabulary, search_practices
from tests.search.conftest import english, publish_practice

LIBRARY = "/en/practices/"
API = "/api/practices/"
# Title -> its GCR objectives (1-4); the last one has none.
SPECS = {
    "Refugee job mentoring": [2],
    "Host community dialogue": [1, 2],
    "Voluntary return counselling": [4],
    "Resettlement welcome desk": [3],
    "Self-reliance microgrants": [2, 3],
    "Language cafe": [],
}


@pytest.fixture
def gcr_practices(library):
    return {
        title: publish_practice(library, title=title, gcr_objectives=objectives)
        for title, objectives in SPECS.items()
    }


def with_objective(number):
    """The titles of the live case studies with this GCR objective, from the pages themselves."""
    pages = LocalActionPage.objects.live().filter(gcr_objectives__number=number)
    return set(pages.values_list("title", flat=True))


def filter_from(query, language="en"):
    """The library's filter for a query string, parsed as the page parses it."""
    form = PracticeQueryForm(QueryDict(query), vocabulary=library_vocabulary(language))
    return form.cleaned_filter, form.ignored


def label(number, language):
    """The objective's label in the library: its number, then its title in the language
    (the English title where that language has no row)."""
    row = GCRObjective.objects.filter(number=number, locale__language_code=language).first()
    return f"{number}. {(row or english(GCRObjective, number=number)).title}"


def filter_form(html):
    return BeautifulSoup(html, "html.parser").select_one("form.library")


@pytest.mark.django_db
def test_the_library_lists_exactly_the_case_studies_with_objective_2(client, gcr_practices):
    expected = with_objective(2)
    assert expected == {
        "Refugee job mentoring",
        "Host community dialogue",
        "Self-reliance microgrants",
    }

    html = client.get(LIBRARY, {"gcr_objective": "2"}).content.decode()
    form = filter_form(html)
    cards = {h3.get_text(strip=True) for h3 in form.select(".practice-card h3")}
    assert cards == expected
    assert "3 practices" in html
    assert "Some of your search was ignored" not in html
    box = form.select_one('input[name="gcr_objective"][value="2"]')
    assert box.has_attr("checked")
    assert label(2, "en") in box.find_next("label").text
    # The facet, headed "GCR objective", keeps every objective's count (disjunctive).
    heading = box.find_parent("details").summary.get_text(" ", strip=True)
    assert heading.startswith("GCR objective")

    data = client.get(API, {"gcr_objective": "2"}).json()
    assert data["count"] == 3
    assert {item["title"] for item in data["results"]} == expected
    for item in data["results"]:
        assert {"value": "2", "label": label(2, "en")} in item["gcr_objectives"]
    counts = {value["value"]: value["count"] for value in data["facets"]["gcr_objective"]}
    assert counts == {"1": 1, "2": 3, "3": 2, "4": 1}
    assert [value["value"] for value in data["facets"]["gcr_objective"]] == ["1", "2", "3", "4"]
    assert data["ignored"] == []

    # Values of the facet are OR-ed, facets AND-ed; "02" is objective 2.
    either = client.get(API, [("gcr_objective", "02"), ("gcr_objective", "4")]).json()
    assert {item["title"] for item in either["results"]} == expected | with_objective(4)
    assert either["ignored"] == []


@pytest.mark.django_db
def test_a_bad_objective_is_ignored_and_reported(client, gcr_practices):
    html = client.get(LIBRARY, {"gcr_objective": "9"}).content.decode()
    assert "Some of your search was ignored" in html
    assert "<code>gcr_objective</code> “9”: unknown value" in html
    assert f"{len(SPECS)} practices" in html  # the rest of the search still works

    data = client.get(API, {"gcr_objective": "9"}).json()
    assert data["count"] == len(SPECS)
    assert data["ignored"] == [
        {"parameter": "gcr_objective", "value": "9", "reason": "unknown value"}
    ]


@pytest.mark.django_db
def test_the_database_engine_counts_agree_with_its_sql_reference(gcr_practices):
    filters, _ignored = filter_from("gcr_objective=2&gcr_objective=3")
    result = search_practices(filters, per_page=50)
    assert {hit.title for hit in result.results} == with_objective(2) | with_objective(3)
    counts = {f.name: {v.value: v.count for v in f.values if v.count} for f in result.facets}
    assert DatabaseEngine().counts_sql(filters) == (result.count, counts)
    hit = next(hit for hit in result.results if hit.title == "Host community dialogue")
    assert hit.gcr_objectives == [("1", label(1, "en")), ("2", label(2, "en"))]


class InMemoryElasticsearch:
    """Answers the engine's search requests over its own documents, as Elasticsearch would
    for the parts the library uses: term(s) filters, post_filter, filtered terms aggregations."""

    def __init__(self, sources):
        self.sources = sources
        self.requests = []

    @staticmethod
    def _matches(source, clauses):
        for clause in clauses:
            ((kind, condition),) = clause.items()
            ((field, wanted),) = condition.items()
            wanted = {wanted} if kind == "term" else set(wanted)
            values = source[field] if isinstance(source[field], list) else [source[field]]
            if not wanted & {str(value) for value in values}:
                return False
        return True

    def search(self, index, body):
        self.requests.append(body)
        assert "must" not in body["query"]["bool"]  # no words in these searches
        found = [s for s in self.sources if self._matches(s, body["query"]["bool"]["filter"])]
        hits = [s for s in found if self._matches(s, body["post_filter"]["bool"]["filter"])]
        hits.sort(key=lambda source: source["page_id"], reverse=True)
        aggregations = {}
        for facet, aggregation in body["aggs"].items():
            kept = [s for s in found if self._matches(s, aggregation["filter"]["bool"]["filter"])]
            field = aggregation["aggs"]["values"]["terms"]["field"]
            counts = {}
            for source in kept:
                for value in source[field]:
                    counts[value] = counts.get(value, 0) + 1
            buckets = [{"key": key, "doc_count": n} for key, n in counts.items()]
            aggregations[facet] = {"values": {"buckets": buckets}}
        start = body["from"]
        shown = hits[start : start + body["size"]]
        return {
            "hits": {
                "total": {"value": len(hits)},
                "hits": [{"_source": {k: s[k] for k in body["_source"] if k in s}} for s in shown],
            },
            "aggregations": aggregations,
        }


class InMemoryBackend:
    index_prefix = "test_"

    def __init__(self, sources):
        self.es = InMemoryElasticsearch(sources)


def elasticsearch_sources(pages):
    """The Elasticsearch documents the indexer writes for these pages, every language."""
    documents = group_documents({page.translation_key for page in pages})
    sources = [practice_source(doc) for doc in documents]
    properties = practice_mapping()["properties"]
    for source in sources:
        # The mapping is strict: every field of a document is mapped.
        assert set(source) <= set(properties), set(source) - set(properties)
        # The index stores the year as a keyword list, like every facet.
        source["year"] = source["year"] or []
    return sources


@pytest.mark.django_db
def test_the_elasticsearch_engine_filters_and_counts_by_objective(gcr_practices):
    assert practice_mapping()["properties"]["gcr_objective"] == {"type": "keyword"}
    sources = elasticsearch_sources(gcr_practices.values())
    mentoring = next(
        s for s in sources if s["title"][0] == "Host community dialogue" and s["language"] == "en"
    )
    assert mentoring["gcr_objective"] == ["1", "2"]

    filters, ignored = filter_from("gcr_objective=2")
    assert ignored == []
    request = build_request(filters)
    assert request["post_filter"] == {"bool": {"filter": [{"terms": {"gcr_objective": ["2"]}}]}}
    # The facet's own selection does not narrow its counts; it narrows the others'.
    assert request["aggs"]["gcr_objective"]["filter"] == {"bool": {"filter": []}}
    assert request["aggs"]["theme"]["filter"]["bool"]["filter"] == [
        {"terms": {"gcr_objective": ["2"]}}
    ]
    assert "gcr_objective" in request["_source"]

    backend = InMemoryBackend(sources)
    found = search_practices(filters, engine=ElasticsearchEngine(backend=backend), per_page=50)
    assert found.engine == "elasticsearch"
    assert {hit.title for hit in found.results} == with_objective(2)
    database = search_practices(filters, engine=DatabaseEngine(), per_page=50)
    assert found.count == database.count == 3
    facet_counts = {f.name: [(v.value, v.count) for v in f.values] for f in found.facets}
    assert facet_counts == {f.name: [(v.value, v.count) for v in f.values] for f in database.facets}
    assert facet_counts["gcr_objective"] == [("1", 1), ("2", 3), ("3", 2), ("4", 1)]
    hit = next(hit for hit in found.results if hit.title == "Host community dialogue")
    assert hit.gcr_objectives == [("1", label(1, "en")), ("2", label(2, "en"))]


@pytest.mark.django_db
def test_the_facet_is_labelled_in_french_on_the_french_library(client, libraries, gcr_practices):
    with translation.override("fr"):
        heading = gettext("GCR objective")
    assert heading != "GCR objective"  # the catalogue has it

    html = client.get("/fr/practices/", {"gcr_objective": "2"}).content.decode()
    form = filter_form(html)
    box = form.select_one('input[name="gcr_objective"][value="2"]')
    assert box.has_attr("checked")
    assert box.find_parent("details").summary.get_text(" ", strip=True).startswith(heading)
    shown = {
        item.select_one("input")["value"]: item.select_one("label").contents[0].strip()
        for item in box.find_parent("ul").select("li")
    }
    assert shown == {str(n): label(n, "fr") for n in (1, 2, 3, 4)}
    assert "GCR objective" not in form.get_text()
    cards = {h3.get_text(strip=True) for h3 in form.select(".practice-card h3")}
    assert cards == with_objective(2)

    data = client.get(API, {"lang": "fr", "gcr_objective": "9"}).json()
    assert data["ignored"][0]["parameter"] == "gcr_objective"
    assert data["ignored"][0]["reason"] == "valeur inconnue"
    assert {v["value"]: v["label"] for v in data["facets"]["gcr_objective"]} == {
        str(n): label(n, "fr") for n in (1, 2, 3, 4)
    }


@pytest.mark.django_db
def test_the_open_data_practices_follow_the_facet(client, gcr_practices):
    text = client.get("/open-data/practices.csv", {"gcr_objective": "2"}).content.decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {row["title"] for row in rows} == with_objective(2)
    assert all("2" in row["gcr_objectives"].split(";") for row in rows)


@pytest.mark.django_db
def test_an_index_built_before_the_facet_gets_it_after_migrate(client, gcr_practices):
    """A database indexed before the facet existed: migration 0008 empties the index and the
    rebuild after ``migrate`` (``search.apps``) fills it with the objectives."""
    PracticeFacetValue.objects.filter(facet="gcr_objective").delete()
    PracticeIndexState.objects.update(version="before-the-facet")
    before = client.get(API, {"gcr_objective": "2"}).json()
    assert before["count"] == 0  # the old index has no objective to filter on

    migration = importlib.import_module("search.migrations.0008_reindex_for_gcr_objective_facet")
    migration.empty_practice_index(None, connection.schema_editor())
    assert not PracticeFacetValue.objects.exists()
    assert not PracticeIndexState.objects.exists()
    assert client.get(API).json()["count"] == 0

    assert rebuild_if_empty() == len(SPECS)  # what the post_migrate handler runs
    after = client.get(API, {"gcr_objective": "2"}).json()
    assert {item["title"] for item in after["results"]} == with_objective(2)
    assert client.get(API).json()["count"] == len(SPECS)
    # A full-text search finds the practices again (the SQLite FTS tables were refilled).
    assert client.get(API, {"q": "microgrants"}).json()["count"] == 1


@pytest.mark.django_db
def test_renaming_an_objective_relabels_the_library_at_once(client, gcr_practices):
    client.get(LIBRARY)  # this server now holds the labels of the current index version
    objective = english(GCRObjective, number=2)
    objective.title = "Enhance the self-reliance of refugees"
    objective.save()
    facet = client.get(API, {"gcr_objective": "2"}).json()["facets"]["gcr_objective"]
    assert {"value": "2", "label": "2. Enhance the self-reliance of refugees"} in [
        {"value": v["value"], "label": v["label"]} for v in facet
    ]
    html = client.get(LIBRARY, {"gcr_objective": "2"}).content.decode()
    assert "2. Enhance the self-reliance of refugees" in html
