"""The two engines behind the practice library: the database (default) and Elasticsearch.

Both answer the same question (``search``: total, disjunctive facet counts
and one page of hits for a ``PracticeFilter``) and keep their index in step
(``write``/``delete``). ``current_engine()`` picks Elasticsearch when
``ELASTICSEARCH_URL`` is set.
"""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass
class EngineResult:
    """What an engine returns: the number of matches, the counts, one page of hits."""

    total: int
    counts: dict  # facet -> {value: count}
    # dicts: page_id (the page shown), language (of its text), title, url (in the
    # library's language where the practice has one), summary, lrg, country,
    # region, status, year, keys
    hits: list
    page: int = 1
    page_clamped: bool = False
    extra: dict = field(default_factory=dict)


def current_engine():
    """The engine the settings ask for (a new, cheap object each call)."""
    if getattr(settings, "ELASTICSEARCH_URL", None):
        from search.engines.elastic import ElasticsearchEngine

        return ElasticsearchEngine()
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


def clamp_page(page, total, per_page):
    """(page, clamped): the requested page, or the last one when it is past the end."""
    last = max(1, -(-total // per_page))
    if page > last:
        return last, True
    return page, False
