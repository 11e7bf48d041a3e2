"""Signal handlers that keep the practice index correct as content changes.

Publishing, unpublishing, deleting, moving or renaming a page, translating
(wagtail-localize publishes the translation), creating an alias (synchronised
trees), making a page private and editing a taxonomy or an LRG all reach the
library at once, within the same transaction. A change to any page of a
practice re-indexes the practice in every language.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.search import index as search_index
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pledges.models import (
    SDG,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    Theme,
)
from search import indexing

logger = logging.getLogger(__name__)

TAXONOMY_LOOKUPS = {
    Theme: "themes",
    GCMObjective: "gcm_objectives",
    GCMPrinciple: "gcm_principles",
    GCRArea: "gcr_areas",
    GCRObjective: "gcr_objectives",
    SDG: "sdgs",
    PopulationGroup: "population_groups",
}


def practice_published(sender, instance, **kwargs):
    indexing.index_practices([instance])


def practice_unpublished(sender, instance, **kwargs):
    indexing.index_practices([instance])


def practice_deleted(sender, instance, **kwargs):
    indexing.reindex_groups([instance.translation_key], removed_page_ids=[instance.pk])


def alias_created(sender, instance, created, raw=False, **kwargs):
    """A synchronised tree made an alias: the practice gets its address in that language.

    Wagtail's ``create_alias`` sends no ``page_published`` (later updates of
    the alias do).
    """
    if created and not raw and instance.alias_of_id and instance.live:
        indexing.index_practices([instance])


def privacy_changed(sender, instance, **kwargs):
    """A view restriction was added, changed or removed, from the admin or from code.

    The practices below the page (and their aliases and translations) are
    re-indexed in the library at once; Wagtail's search backend re-indexes the
    pages below it after the commit.
    """
    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page was deleted
    if page is not None:
        indexing.reindex_descendants(page)
        transaction.on_commit(lambda: _update_site_search(page.pk))


def _update_site_search(page_id):
    """Re-index in Wagtail's search backend the page and its descendants (and their aliases)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    pages = Page.objects.descendant_of(page, inclusive=True)
    aliases = Page.objects.filter(alias_of__in=pages.values("pk"))
    for item in (pages | aliases).specific().iterator(chunk_size=200):
        try:
            search_index.insert_or_update_object(item)
        except Exception:  # the backend down must not undo the privacy change
            logger.exception("Could not re-index page %s in the site search", item.pk)


def address_changed(sender, instance, **kwargs):
    """A page's slug or place changed: the addresses of the practices below it did too."""
    indexing.reindex_descendants(instance)


def taxonomy_saved(sender, instance, **kwargs):
    # Pages point at the default-locale rows: their key (slug, number, code) is
    # what the index stores. A new version makes every server reload the labels.
    indexing.reindex_where(**{TAXONOMY_LOOKUPS[sender]: instance})
    indexing.bump_index_version()


def taxonomy_deleting(sender, instance, **kwargs):
    ids = list(
        LocalActionPage.objects.filter(**{TAXONOMY_LOOKUPS[sender]: instance}).values_list(
            "pk", flat=True
        )
    )
    if ids:
        transaction.on_commit(lambda: indexing.reindex_where(pk__in=ids))
    indexing.bump_index_version()


def government_saved(sender, instance, **kwargs):
    indexing.reindex_where(local_government__translation_key=instance.translation_key)


def connect():
    """Called from ``SearchConfig.ready()``."""
    page_published.connect(practice_published, sender=LocalActionPage)
    page_unpublished.connect(practice_unpublished, sender=LocalActionPage)
    post_delete.connect(practice_deleted, sender=LocalActionPage)
    post_save.connect(alias_created, sender=LocalActionPage)
    post_save.connect(privacy_changed, sender=PageViewRestriction)
    post_delete.connect(privacy_changed, sender=PageViewRestriction)
    page_slug_changed.connect(address_changed)
    post_page_move.connect(address_changed)
    post_save.connect(government_saved, sender=LocalGovernment)
    for model in TAXONOMY_LOOKUPS:
        post_save.connect(taxonomy_saved, sender=model)
        pre_delete.connect(taxonomy_deleting, sender=model)
