"""Keeping the practice index in step with the pages (see ``search.signals``).

A live ``LocalActionPage`` has one ``PracticeRecord`` (and its facet rows and
full-text row); anything else has none. Every change that can alter what the
library shows calls ``index_practices`` or ``remove_practices``.
"""

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils.text import Truncator

from wagtail.models import Page

from pledges.models import LocalActionPage, LocalGovernment
from search.engines import current_engine
from search.engines.database import DatabaseEngine
from search.facets import country_labels
from search.models import PracticeFacetValue, PracticeIndexState, PracticeRecord

logger = logging.getLogger(__name__)

TAXONOMY_RELATIONS = {
    "theme": ("themes", "slug"),
    "gcm": ("gcm_objectives", "number"),
    "gcr": ("gcr_areas", "code"),
    "sdg": ("sdgs", "number"),
    "group": ("population_groups", "slug"),
}


def practice_queryset():
    """Live local actions with everything a document needs, in a fixed number of queries."""
    return (
        LocalActionPage.objects.live()
        .select_related("local_government", "locale")
        .prefetch_related(*(relation for relation, _key in TAXONOMY_RELATIONS.values()))
    )


def _body_text(page):
    try:
        parts = page.body.stream_block.get_searchable_content(page.body)
    except Exception:  # a broken block must not stop the indexing of the rest
        logger.exception("Could not extract the text of practice %s", page.pk)
        parts = []
    return " ".join(str(part) for part in parts if part)


def _localised_lrg_names(pages):
    """{(translation_key, language): name} for the LRGs of these pages: one query."""
    keys = {page.local_government.translation_key for page in pages if page.local_government_id}
    if not keys:
        return {}
    rows = LocalGovernment.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "locale__language_code", "name"
    )
    return {(key, code): name for key, code, name in rows}


def practice_document(page, lrg_names=None):
    """The flattened, language-specific description of one live local action."""
    language = page.locale.language_code
    lrg = page.local_government
    lrg_name, country, region, kind = "", "", "", ""
    if lrg is not None:
        lrg_name = (lrg_names or {}).get((lrg.translation_key, language), lrg.name)
        country, region, kind = lrg.country, lrg.region, lrg.kind
    keys = {}
    for facet, (relation, key_field) in TAXONOMY_RELATIONS.items():
        keys[facet] = sorted(
            {str(getattr(row, key_field)) for row in getattr(page, relation).all()}
        )
    keys["region"] = [region] if region else []
    keys["country"] = [country] if country else []
    keys["lrg_type"] = [kind] if kind else []
    keys["status"] = [page.status] if page.status else []
    keys["year"] = [str(page.start_year)] if page.start_year else []
    country_text = ""
    if country:
        names = {country_labels(language).get(country, ""), country_labels("en").get(country, "")}
        country_text = " ".join(sorted(name for name in names if name))
    body = _body_text(page)
    return {
        "page_id": page.pk,
        "language": language,
        "title": page.title,
        "url": page.get_url() or page.url_path,
        "summary": page.summary or "",
        "body": body,
        "lrg": lrg_name,
        "country": country,
        "country_text": country_text,
        "region": region,
        "status": page.status or "",
        "year": page.start_year,
        "published_at": page.first_published_at,
        "keys": keys,
    }


def _record(doc):
    return PracticeRecord(
        page_id=doc["page_id"],
        language=doc["language"],
        title=Truncator(doc["title"]).chars(255),
        sort_title=doc["title"].casefold()[:255],
        url=doc["url"][:1000],
        summary=doc["summary"],
        lrg=doc["lrg"][:255],
        country=doc["country"],
        region=doc["region"],
        status=doc["status"],
        year=doc["year"],
        published_at=doc["published_at"],
        document=" ".join(
            [doc["title"], doc["summary"], doc["body"], doc["lrg"], doc["country_text"]]
        ),
    )


def store_documents(documents):
    """Replace the index rows of these documents, in the database and in the engine."""
    if not documents:
        return
    ids = [doc["page_id"] for doc in documents]
    with transaction.atomic():
        PracticeRecord.objects.filter(page_id__in=ids).delete()
        PracticeRecord.objects.bulk_create([_record(doc) for doc in documents], batch_size=500)
        PracticeFacetValue.objects.bulk_create(
            [
                PracticeFacetValue(
                    practice_id=doc["page_id"], language=doc["language"], facet=facet, value=value
                )
                for doc in documents
                for facet, values in doc["keys"].items()
                for value in values
            ],
            batch_size=2000,
        )
        DatabaseEngine().write(documents)
        bump_index_version({doc["language"] for doc in documents})
    engine = current_engine()
    if engine.name != "database":
        _on_engine(engine.write, documents)


def bump_index_version(languages=None):
    """Give these languages' indexes (all, by default) a new version: servers reload."""
    if languages is None:
        languages = [code for code, _name in settings.LANGUAGES]
    for language in set(languages):
        PracticeIndexState.objects.update_or_create(
            language=language, defaults={"version": uuid.uuid4().hex}
        )


def _on_engine(method, argument):
    """Run an engine update after commit; a failure is logged, never lost silently."""

    def run():
        try:
            method(argument)
        except Exception:
            logger.exception("Could not update the practice search engine")

    transaction.on_commit(run)


def index_practices(pages):
    """(Re)index these pages: live local actions are written, anything else removed."""
    page_ids = [page.pk for page in pages]
    live = list(practice_queryset().filter(pk__in=page_ids))
    live_ids = {page.pk for page in live}
    missing = [pk for pk in page_ids if pk not in live_ids]
    if missing:
        remove_practices(missing)
    names = _localised_lrg_names(live)
    store_documents([practice_document(page, names) for page in live])
    return len(live)


def remove_practices(page_ids):
    """Take these pages out of the library (unpublished, deleted, moved away)."""
    page_ids = list(page_ids)
    with transaction.atomic():
        records = PracticeRecord.objects.filter(page_id__in=page_ids)
        languages = set(records.values_list("language", flat=True))
        if not languages:
            return
        records.delete()
        DatabaseEngine().delete(page_ids)
        bump_index_version(languages)
    engine = current_engine()
    if engine.name != "database":
        _on_engine(engine.delete, page_ids)


def rebuild_practice_index(batch_size=1000):
    """Rebuild the whole index from the live pages; returns how many were indexed."""
    with transaction.atomic():
        PracticeRecord.objects.all().delete()
        DatabaseEngine().clear()
        bump_index_version()
    engine = current_engine()
    if engine.name != "database":
        engine.recreate()
    ids = list(practice_queryset().order_by("pk").values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), batch_size):
        batch = list(practice_queryset().filter(pk__in=ids[start : start + batch_size]))
        names = _localised_lrg_names(batch)
        store_documents([practice_document(page, names) for page in batch])
        count += len(batch)
    return count


def reindex_descendants(page):
    """Reindex the local actions under a page whose address changed (slug, move)."""
    ids = list(
        Page.objects.descendant_of(page, inclusive=True)
        .type(LocalActionPage)
        .values_list("pk", flat=True)
    )
    if ids:
        index_practices(Page.objects.filter(pk__in=ids))


def reindex_where(**lookups):
    """Reindex the live local actions matching ORM lookups (after a taxonomy or LRG edit)."""
    ids = list(LocalActionPage.objects.filter(**lookups).values_list("pk", flat=True).distinct())
    if ids:
        index_practices(Page.objects.filter(pk__in=ids))
