"""The Elasticsearch engine: one request answers hits, total and every facet's counts.

It uses the client of Wagtail's Elasticsearch backend (``WAGTAILSEARCH_BACKENDS``,
set from ``ELASTICSEARCH_URL``) and an index of its own beside Wagtail's
(``<prefix>practices``), created and filled by ``rebuild_practice_index``.

Disjunctive counts: the facet selections go in ``post_filter`` (they narrow
the hits, not the aggregations); each facet's aggregation sits in a ``filter``
aggregation holding every *other* facet's selection. Each ``terms``
aggregation is sized to cover every possible value (no top-10 cut).

Documents follow the database index (``search.indexing``): one per practice
and library language (``_id`` ``<language>-<page id>``), holding the text of
the page shown and, for a translation, the original's words too (``title``,
``summary`` and ``body`` are lists), analysed with the library language's
analyzer.
"""

from django.conf import settings

from wagtail.search.backends import get_search_backend

from search.engines import EngineResult, clamp_page
from search.engines.database import CARD_FACETS
from search.facets import FACET_NAMES

LANGUAGE_ANALYZERS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
# Upper bounds on the number of values of each facet: the taxonomies are
# small editor-managed lists, countries are ISO 3166 (249), years 1900-2100.
FACET_SIZES = {
    "theme": 500,
    "gcm": 500,
    "principle": 50,
    "gcr": 500,
    "gcr_objective": 50,
    "sdg": 500,
    "group": 500,
    "region": 50,
    "country": 300,
    "lrg_type": 50,
    "status": 50,
    "year": 201,
}
SOURCE_FIELDS = [
    "page_id",
    "text_language",
    "title",
    "url",
    "summary",
    "lrg",
    "country",
    "region",
    "status",
    "year",
    "theme",
    "gcm",
    "principle",
    "gcr_objective",
    "group",
]


def _text_field():
    return {
        "type": "text",
        "fields": {
            code: {"type": "text", "analyzer": analyzer}
            for code, analyzer in LANGUAGE_ANALYZERS.items()
        },
    }


def practice_mapping():
    """The index mapping: facet keys as ``keyword`` (exact, aggregatable), texts analysed."""
    properties = {facet: {"type": "keyword"} for facet in FACET_NAMES}
    properties.update(
        {
            "page_id": {"type": "long"},
            "language": {"type": "keyword"},
            "text_language": {"type": "keyword"},
            "title": _text_field(),
            "sort_title": {"type": "keyword"},
            "summary": _text_field(),
            "body": _text_field(),
            "lrg": _text_field(),
            "country_text": _text_field(),
            "url": {"type": "keyword", "index": False},
            "year_number": {"type": "integer"},
            "published_at": {"type": "date"},
        }
    )
    return {"dynamic": "strict", "properties": properties}


def document_id(language, page_id):
    """One practice in one library language: the same page is shown in several."""
    return f"{language}-{page_id}"


def practice_source(doc):
    """The Elasticsearch document of one practice in one library language (``search.indexing``).

    ``title`` and ``summary`` list the text shown first, then the original's
    when a translation is shown; ``body`` holds both bodies.
    """
    texts = doc["texts"]
    source = {
        "page_id": doc["page_id"],
        "language": doc["language"],
        "text_language": doc["text_language"],
        "title": [doc["title"], *texts["title"][1:]],
        "sort_title": doc["title"].casefold()[:255],
        "summary": [doc["summary"], *texts["summary"][1:]],
        "body": " ".join(texts["body"]),
        "lrg": doc["lrg"],
        "country_text": doc["country_text"],
        "url": doc["url"],
        "year_number": doc["year"],
        "published_at": doc["published_at"].isoformat() if doc["published_at"] else None,
    }
    for facet in FACET_NAMES:
        source[facet] = list(doc["keys"].get(facet, []))
    return source


def _terms(selections):
    return [{"terms": {facet: list(values)}} for facet, values in selections.items()]


def build_request(filters, offset=0, size=20):
    """The search request body for a filter (pure: tests check it without a server)."""
    language = filters.language
    query = {"bool": {"filter": [{"term": {"language": language}}]}}
    if filters.q:
        query["bool"]["must"] = [
            {
                "multi_match": {
                    "query": filters.q,
                    "type": "cross_fields",
                    "operator": "and",
                    "fields": [
                        f"title.{language}^10",
                        f"summary.{language}^4",
                        f"body.{language}",
                        f"lrg.{language}^3",
                        f"country_text.{language}^2",
                    ],
                }
            }
        ]
    selections = dict(filters.selected)
    aggregations = {}
    for facet in FACET_NAMES:
        others = {name: values for name, values in selections.items() if name != facet}
        aggregations[facet] = {
            "filter": {"bool": {"filter": _terms(others)}},
            "aggs": {
                "values": {
                    "terms": {"field": facet, "size": FACET_SIZES[facet], "min_doc_count": 1}
                }
            },
        }
    if filters.sort == "title":
        sort = [{"sort_title": "asc"}, {"page_id": "asc"}]
    elif filters.sort == "relevance" and filters.q:
        sort = ["_score", {"sort_title": "asc"}, {"page_id": "asc"}]
    else:
        sort = [
            {"year_number": {"order": "desc", "missing": "_last"}},
            {"published_at": {"order": "desc", "missing": "_last"}},
            {"page_id": "desc"},
        ]
    return {
        "query": query,
        "post_filter": {"bool": {"filter": _terms(selections)}},
        "aggs": aggregations,
        "sort": sort,
        "from": offset,
        "size": size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }


def _first(value):
    """The text shown: the first of a list (a translation's, before the original's)."""
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


def _hit(source):
    return {
        "page_id": source["page_id"],
        "language": source.get("text_language") or "",
        "title": _first(source["title"]),
        "url": source["url"],
        "summary": _first(source.get("summary")),
        "lrg": source.get("lrg", ""),
        "country": (source.get("country") or [""])[0],
        "region": (source.get("region") or [""])[0],
        "status": (source.get("status") or [""])[0],
        "year": int(source["year"][0]) if source.get("year") else None,
        "keys": {facet: list(source.get(facet) or []) for facet in CARD_FACETS},
    }


def replace_operations(index_name, page_ids, documents):
    """The bulk operations replacing these pages' documents (pure: tests check them)."""
    operations = [
        {"delete": {"_index": index_name, "_id": document_id(language, page_id)}}
        for page_id in page_ids
        for language in [code for code, _name in settings.LANGUAGES]
    ]
    for doc in documents:
        _id = document_id(doc["language"], doc["page_id"])
        operations.append({"index": {"_index": index_name, "_id": _id}})
        operations.append(practice_source(doc))
    return operations


class ElasticsearchEngine:
    """Practice search through Elasticsearch (Wagtail's backend client, our own index)."""

    name = "elasticsearch"

    def __init__(self, backend=None):
        self.backend = backend or get_search_backend()
        prefix = getattr(self.backend, "index_prefix", "") or getattr(
            settings, "ELASTICSEARCH_INDEX_PREFIX", ""
        )
        self.index_name = f"{prefix}practices"

    @property
    def es(self):
        return self.backend.es

    def index(self):
        return self.backend.index_class(self.backend, self.index_name)

    def recreate(self):
        """Drop and create the index with the practice mapping."""
        self.index().delete()
        self.es.indices.create(
            index=self.index_name,
            mappings=practice_mapping(),
            settings={"number_of_shards": 1},
        )

    def ensure_index(self):
        if not self.es.indices.exists(index=self.index_name):
            self.recreate()

    def write(self, documents):
        self.replace([], documents)

    def delete(self, page_ids):
        self.replace(page_ids, [])

    def replace(self, page_ids, documents):
        """Remove these pages' documents in every language, then add these: one bulk request."""
        operations = replace_operations(self.index_name, page_ids, documents)
        if not operations:
            return
        self.ensure_index()
        self.es.bulk(operations=operations, refresh=True)

    def _send(self, body):
        return self.es.search(index=self.index_name, body=body)

    @staticmethod
    def _counts(response):
        aggregations = response.get("aggregations", {})
        return {
            facet: {
                str(bucket["key"]): bucket["doc_count"]
                for bucket in aggregations.get(facet, {}).get("values", {}).get("buckets", [])
            }
            for facet in FACET_NAMES
        }

    def search(self, filters, per_page, version=None):
        offset = (filters.page - 1) * per_page
        response = self._send(build_request(filters, offset, per_page))
        total = response["hits"]["total"]["value"]
        page, clamped = clamp_page(filters.page, total, per_page)
        if clamped:
            body = build_request(filters, (page - 1) * per_page, per_page)
            response = self._send(body)
        hits = [_hit(hit["_source"]) for hit in response["hits"]["hits"]]
        return EngineResult(
            total=total,
            counts=self._counts(response),
            hits=hits,
            page=page,
            page_clamped=clamped,
        )
