"""The practice library's one service: results, total and facet counts for a filter.

Pure: it reads a ``PracticeFilter`` and returns plain data, whatever the
engine (the database by default, Elasticsearch with ``ELASTICSEARCH_URL``).
The HTML page and the JSON endpoint both render what it returns.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import get_language_info

from wagtail.images import get_image_model

from hub.i18n import base_language
from search.engines import current_engine
from search.engines.database import DatabaseEngine
from search.facets import FACETS, Vocabulary, load_vocabulary

PER_PAGE = 20
logger = logging.getLogger(__name__)


@dataclass
class FacetValueCount:
    """One value of a facet: how many results selecting it would give."""

    value: str
    label: str
    count: int
    selected: bool
    toggle_query: str = ""

    def as_dict(self):
        return {
            "value": self.value,
            "label": self.label,
            "count": self.count,
            "selected": self.selected,
        }


@dataclass
class FacetCounts:
    """One facet with its values (every value with a result, and every selected one)."""

    name: str
    label: str
    values: list

    @property
    def selected_count(self):
        return sum(1 for value in self.values if value.selected)


@dataclass
class PracticeHit:
    """One result card: a practice in the visitor's language, else in its original one.

    ``language`` is the language its title and summary are written in; ``url``
    its address in the visitor's language where it has one.
    """

    page_id: int
    language: str
    title: str
    url: str
    summary: str
    lrg: str
    country: str
    country_label: str
    region: str
    region_label: str
    status: str
    status_label: str
    year: int | None
    themes: list = field(default_factory=list)  # [(value, label)]
    gcm: list = field(default_factory=list)
    principles: list = field(default_factory=list)
    gcr_objectives: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    image: object = None  # the page's listing image, set by with_card_images()

    @property
    def direction(self):
        """``rtl`` or ``ltr``: the writing direction of the practice's text."""
        try:
            bidi = get_language_info(self.language)["bidi"]
        except KeyError:  # a language Django does not know: left to right
            bidi = False
        return "rtl" if bidi else "ltr"

    def as_dict(self):
        return {
            "language": self.language,
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "lrg": self.lrg,
            "country": self.country,
            "country_name": self.country_label,
            "region": self.region,
            "status": self.status,
            "year": self.year,
            "themes": [{"value": v, "label": label} for v, label in self.themes],
            "gcm": [{"value": v, "label": label} for v, label in self.gcm],
            "principles": [{"value": v, "label": label} for v, label in self.principles],
            "gcr_objectives": [{"value": v, "label": label} for v, label in self.gcr_objectives],
            "groups": [{"value": v, "label": label} for v, label in self.groups],
        }


@dataclass
class PracticeSearchResult:
    """What the library shows for one filter."""

    filters: object
    count: int
    page: int
    pages: int
    per_page: int
    results: list
    facets: list
    page_clamped: bool = False
    engine: str = "database"

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def first_index(self):
        return (self.page - 1) * self.per_page + 1 if self.count else 0


def _facet_counts(filters, counts, vocabulary, with_links):
    facets = []
    for facet in FACETS:
        found = counts.get(facet.name, {})
        selected = filters.values(facet.name)
        labels = vocabulary.labels.get(facet.name, {})
        if facet.name == "year":
            order = sorted(set(found) | set(selected), key=int, reverse=True)
        elif facet.name == "country":
            shown = set(found) | set(selected)
            order = sorted(shown, key=lambda code: vocabulary.label("country", code).casefold())
        else:
            order = [value for value in labels if value in found or value in selected]
        values = []
        for value in order:
            count = found.get(value, 0)
            if count == 0 and value not in selected:
                continue
            values.append(
                FacetValueCount(
                    value=value,
                    label=vocabulary.label(facet.name, value),
                    count=count,
                    selected=value in selected,
                    toggle_query=(
                        filters.toggled(facet.name, value)
                        if with_links and value in selected
                        else ""
                    ),
                )
            )
        facets.append(FacetCounts(name=facet.name, label=str(facet.label), values=values))
    return facets


def _hit(raw, vocabulary):
    keys = raw.get("keys", {})
    return PracticeHit(
        page_id=raw["page_id"],
        language=raw.get("language") or vocabulary.language,
        title=raw["title"],
        url=raw["url"],
        summary=raw["summary"],
        lrg=raw["lrg"],
        country=raw["country"],
        country_label=vocabulary.label("country", raw["country"]) if raw["country"] else "",
        region=raw["region"],
        region_label=vocabulary.label("region", raw["region"]) if raw["region"] else "",
        status=raw["status"],
        status_label=vocabulary.label("status", raw["status"]) if raw["status"] else "",
        year=raw["year"],
        themes=[(v, vocabulary.label("theme", v)) for v in keys.get("theme", [])],
        gcm=[(v, vocabulary.label("gcm", v)) for v in sorted(keys.get("gcm", []), key=int)],
        principles=[
            (v, vocabulary.label("principle", v)) for v in sorted(keys.get("principle", []))
        ],
        gcr_objectives=[
            (v, vocabulary.label("gcr_objective", v))
            for v in sorted(keys.get("gcr_objective", []), key=int)
        ],
        groups=[(v, vocabulary.label("group", v)) for v in keys.get("group", [])],
    )


CARD_RENDITION = "fill-480x270"


def with_card_images(hits):
    """Give each hit its page's listing image, renditions prefetched; two queries at most."""
    from pledges.models import LocalActionPage

    if not hits:
        return hits
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_RENDITION)
    pages = (
        LocalActionPage.objects.filter(pk__in=[hit.page_id for hit in hits])
        .exclude(listing_image=None)
        .select_related("listing_image")
        .only("pk", "listing_image")
        .prefetch_related(
            Prefetch("listing_image__renditions", renditions, to_attr="prefetched_renditions")
        )
        .order_by()
    )
    images = {page.pk: page.listing_image for page in pages}
    for hit in hits:
        hit.image = images.get(hit.page_id)
    return hits


# (database alias, language) -> Vocabulary; checked against the index version,
# which every taxonomy edit changes, on each request.
_VOCABULARIES = {}


def library_vocabulary(language):
    """The facet vocabulary of a language, reloaded only when the index version changed.

    One query (the version) when nothing changed; the returned vocabulary
    carries that version so the engine need not ask again.
    """
    database = DatabaseEngine()
    language = base_language(language)
    version = database.version(language)
    key = (database.connection.alias, language)
    vocabulary = _VOCABULARIES.get(key)
    if vocabulary is None or vocabulary.version != version:
        vocabulary = load_vocabulary(language)
        vocabulary.version = version
        _VOCABULARIES[key] = vocabulary
    return vocabulary


def search_practices(filters, *, vocabulary=None, engine=None, per_page=PER_PAGE, links=True):
    """Results (one page), total and disjunctive facet counts for a filter.

    ``vocabulary`` gives the labels in the filter's language (looked up if not
    given); ``links`` adds to each selected value the query string removing it.
    """
    vocabulary = vocabulary or library_vocabulary(filters.language)
    engine = engine or current_engine()
    try:
        found = engine.search(filters, per_page, version=vocabulary.version)
    except Exception:
        if engine.name == "database":
            raise
        # Elasticsearch unreachable: the database index answers the same question.
        logger.exception("Practice search failed on %s; using the database", engine.name)
        engine = DatabaseEngine()
        found = engine.search(filters, per_page, version=vocabulary.version)
    pages = max(1, -(-found.total // per_page))
    return PracticeSearchResult(
        filters=filters,
        count=found.total,
        page=found.page,
        pages=pages,
        per_page=per_page,
        results=[_hit(raw, vocabulary) for raw in found.hits],
        facets=_facet_counts(filters, found.counts, vocabulary, links),
        page_clamped=found.page_clamped,
        engine=engine.name,
    )


__all__ = [
    "PER_PAGE",
    "FacetCounts",
    "FacetValueCount",
    "PracticeHit",
    "PracticeSearchResult",
    "Vocabulary",
    "search_practices",
]
