"""Keeping the practice index in step with the pages (see ``search.signals``).

The library in every language covers every live, public practice, once
(DESIGN.md, "Languages"). A practice is a group of pages sharing a
``translation_key``; for each library language it gets one record: the
translation into that language when it is live and public and a real
translation (a wagtail-localize *alias* carries the original's content, so
it counts as untranslated, though its address is used), else the original.
Any change to one member re-indexes the whole group in every language:
``index_practices`` for pages, ``reindex_groups`` for translation keys.
"""

import logging
import uuid
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.text import Truncator

from wagtail.models import Page
from wagtail_localize.models import Translation

from hub.pagecache import invalidate_site
from hub.visibility import public_pages
from pledges.models import LocalActionPage, LocalGovernment
from search.engines import current_engine
from search.engines.database import DatabaseEngine
from search.facets import country_labels
from search.models import PracticeFacetValue, PracticeIndexState, PracticeRecord

logger = logging.getLogger(__name__)

TAXONOMY_RELATIONS = {
    "theme": ("themes", "slug"),
    "gcm": ("gcm_objectives", "number"),
    "principle": ("gcm_principles", "code"),
    "gcr": ("gcr_areas", "code"),
    "gcr_objective": ("gcr_objectives", "number"),
    "sdg": ("sdgs", "number"),
    "group": ("population_groups", "slug"),
}


def library_languages():
    """The languages that have a library: every language of the site."""
    return [code for code, _name in settings.LANGUAGES]


def practice_queryset():
    """Live, public local actions with everything a document needs, in a fixed number of queries."""
    return (
        public_pages(LocalActionPage.objects)
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


def _translation_targets(keys):
    """{translation_key: languages wagtail-localize translated the group into}: one query."""
    targets = defaultdict(set)
    rows = Translation.objects.filter(source__object_id__in=keys).values_list(
        "source__object_id", "target_locale__language_code"
    )
    for key, language in rows:
        targets[key].add(language)
    return targets


def original_of(pages, translated_into=()):
    """The original among the live, public, non-alias pages of one practice.

    The page in a language nobody translated the practice into (for pages
    translated with wagtail-localize, that is the locale of the translation
    source: a French original translated into English stays French); among
    several, or when the records are missing (translations made without
    wagtail-localize), the one in the site's default language, else the
    earliest created (lowest id). Only live pages are candidates: when the
    original is unpublished, a published translation speaks for the practice.
    """
    return min(
        pages,
        key=lambda page: (
            page.locale.language_code in translated_into,
            page.locale.language_code != settings.LANGUAGE_CODE,
            page.pk,
        ),
    )


class _Texts:
    """Each page's searchable body, extracted once however many libraries show it."""

    def __init__(self):
        self._bodies = {}

    def body(self, page):
        if page.pk not in self._bodies:
            self._bodies[page.pk] = _body_text(page)
        return self._bodies[page.pk]


def _facet_keys(page):
    lrg = page.local_government
    keys = {}
    for facet, (relation, key_field) in TAXONOMY_RELATIONS.items():
        keys[facet] = sorted(
            {str(getattr(row, key_field)) for row in getattr(page, relation).all()}
        )
    keys["region"] = [lrg.region] if lrg is not None and lrg.region else []
    keys["country"] = [lrg.country] if lrg is not None and lrg.country else []
    keys["lrg_type"] = [lrg.kind] if lrg is not None and lrg.kind else []
    keys["status"] = [page.status] if page.status else []
    keys["year"] = [str(page.start_year)] if page.start_year else []
    return keys


def practice_documents(members, *, translated_into=(), lrg_names=None, texts=None):
    """The documents of one practice, one per library language (none if nothing is live).

    ``members`` are the live, public pages of the practice (aliases included:
    they give the address in their language). Each document carries the
    text of the page shown (``language`` is the library's, ``text_language``
    the text's) and, in ``texts``, the words full text searches: the page
    shown's, and the original's when a translation is shown.
    """
    texts = texts or _Texts()
    written = [page for page in members if page.alias_of_id is None]
    if not written:
        return []
    original = original_of(written, translated_into)
    in_language = {page.locale.language_code: page for page in members}
    documents = []
    for language in library_languages():
        member = in_language.get(language)
        shown = member if member is not None and member.alias_of_id is None else original
        address = member if member is not None else shown
        text_language = shown.locale.language_code
        lrg = shown.local_government
        lrg_name, country = "", ""
        if lrg is not None:
            lrg_name = (lrg_names or {}).get((lrg.translation_key, language), lrg.name)
            country = lrg.country
        country_text = ""
        if country:
            names = {country_labels(code).get(country, "") for code in {language, text_language}}
            names.add(country_labels("en").get(country, ""))
            country_text = " ".join(sorted(name for name in names if name))
        searched = [shown] if shown is original else [shown, original]
        documents.append(
            {
                "page_id": shown.pk,
                "language": language,
                "text_language": text_language,
                "title": shown.title,
                "url": address.get_url() or address.url_path,
                "summary": shown.summary or "",
                "lrg": lrg_name,
                "country": country,
                "country_text": country_text,
                "region": lrg.region if lrg is not None else "",
                "status": shown.status or "",
                "year": shown.start_year,
                "published_at": shown.first_published_at,
                "keys": _facet_keys(shown),
                "texts": {
                    "title": [page.title for page in searched],
                    "summary": [page.summary or "" for page in searched],
                    "body": [texts.body(page) for page in searched],
                },
            }
        )
    return documents


def _record(doc):
    return PracticeRecord(
        language=doc["language"],
        page_id=doc["page_id"],
        text_language=doc["text_language"],
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
            [
                *doc["texts"]["title"],
                *doc["texts"]["summary"],
                *doc["texts"]["body"],
                doc["lrg"],
                doc["country_text"],
            ]
        ),
    )


def store_documents(documents, page_ids):
    """Replace every index row of these pages (all languages) with these documents.

    ``page_ids`` are all the pages of the practices re-indexed, so a page
    that stopped being shown somewhere loses its rows there.
    """
    page_ids = sorted(set(page_ids))
    if not page_ids and not documents:
        return
    with transaction.atomic():
        for start in range(0, len(page_ids), 500):
            chunk = page_ids[start : start + 500]
            PracticeFacetValue.objects.filter(practice_id__in=chunk).delete()
            PracticeRecord.objects.filter(page_id__in=chunk).delete()
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
        database = DatabaseEngine()
        database.delete(page_ids)
        database.write(documents)
        bump_index_version()
    engine = current_engine()
    if engine.name != "database":
        _on_engine(engine.replace, (page_ids, documents))


def bump_index_version(languages=None):
    """Give these languages' indexes (all, by default) a new version: servers reload."""
    if languages is None:
        languages = library_languages()
    for language in set(languages):
        PracticeIndexState.objects.update_or_create(
            language=language, defaults={"version": uuid.uuid4().hex}
        )


def _on_engine(method, arguments):
    """Run an engine update after commit; a failure is logged, never lost silently."""

    def run():
        try:
            method(*arguments)
        except Exception:
            logger.exception("Could not update the practice search engine")

    transaction.on_commit(run)


def group_documents(keys):
    """The documents of these practices (translation keys) in every language: five queries."""
    members = defaultdict(list)
    for page in practice_queryset().filter(translation_key__in=keys):
        members[page.translation_key].append(page)
    if not members:
        return []
    targets = _translation_targets(list(members))
    names = _localised_lrg_names([page for pages in members.values() for page in pages])
    texts = _Texts()
    documents = []
    for key, pages in members.items():
        documents += practice_documents(
            pages, translated_into=targets.get(key, ()), lrg_names=names, texts=texts
        )
    return documents


def reindex_groups(keys, removed_page_ids=()):
    """Re-index these practices (translation keys) in every language; returns how many are listed.

    ``removed_page_ids`` are pages of these practices that no longer exist
    (their rows go too).
    """
    keys = {key for key in keys if key}
    if not keys and not removed_page_ids:
        return 0
    documents = group_documents(keys)
    all_ids = set(removed_page_ids)
    all_ids.update(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    store_documents(documents, all_ids)
    return len({doc["page_id"] for doc in documents if doc["language"] == settings.LANGUAGE_CODE})


def index_practices(pages):
    """(Re)index the practices of these pages (any member: original, translation, alias)."""
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    return reindex_groups(keys, removed_page_ids=[page.pk for page in pages])


def rebuild_practice_index(batch_size=1000):
    """Rebuild the whole index from the live pages; returns how many practices are listed."""
    with transaction.atomic():
        PracticeFacetValue.objects.all().delete()
        PracticeRecord.objects.all().delete()
        DatabaseEngine().clear()
        bump_index_version()
    engine = current_engine()
    if engine.name != "database":
        engine.recreate()
    keys = list(
        practice_queryset()
        .filter(alias_of__isnull=True)
        .order_by("translation_key")
        .values_list("translation_key", flat=True)
        .distinct()
    )
    count = 0
    for start in range(0, len(keys), batch_size):
        count += reindex_groups(keys[start : start + batch_size])
    # Pages and figures drawn from the old index (the live report's tables, the
    # call to action's figures) are kept per content generation: they are stale.
    invalidate_site("practice index rebuilt")
    return count


def rebuild_if_empty():
    """After ``migrate``: an empty index beside live practices is rebuilt (e.g. an upgrade)."""
    if PracticeRecord.objects.exists():
        return 0
    if not practice_queryset().exists():
        return 0
    return rebuild_practice_index()


def reindex_descendants(page):
    """Reindex the local actions under a page whose address or privacy changed.

    Those under the page's aliases in other languages too (an alias is as
    private as its source).
    """
    below = Q()
    for root in [page, *Page.objects.filter(alias_of=page)]:
        below |= Q(path__startswith=root.path, depth__gte=root.depth)
    keys = set(
        Page.objects.filter(below).type(LocalActionPage).values_list("translation_key", flat=True)
    )
    if keys:
        reindex_groups(keys)


def reindex_where(**lookups):
    """Reindex the practices matching ORM lookups (after a taxonomy or LRG edit)."""
    keys = set(LocalActionPage.objects.filter(**lookups).values_list("translation_key", flat=True))
    if keys:
        reindex_groups(keys)
