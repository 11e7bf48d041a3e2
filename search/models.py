"""The practice library page and the denormalised practice index behind its facets.

Wagtail's own search backends answer "which pages match these words"; they do
not count every value of ten facets with the other selections applied, and
through the database backend they slow down far faster than the data grows.
So the library keeps its own index, maintained on publish and unpublish (see
``search.indexing``): per library language, one ``PracticeRecord`` for every
live, public practice (its translation into that language, else its
original) and one narrow ``PracticeFacetValue`` row per facet key, which one
GROUP BY per facet counts through a covering index. Full text goes through
SQLite FTS5 (one virtual table per language, migration 0007) or PostgreSQL's
full-text search; with ``ELASTICSEARCH_URL`` set, an Elasticsearch index is
kept beside it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage


class PracticeLibraryPage(BasePage):
    """The library of local actions (/en/practices/): faceted search over its case studies."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *BasePage.content_panels,
        FieldPanel(
            "intro", help_text=_("A short introduction above the search box and the filters.")
        ),
    ]
    translatable_fields = [*BASE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["pledges.LocalActionPage"]
    max_count_per_parent = 1
    page_description = _(
        "The practice library, one per language: faceted search over the case studies "
        "placed under it."
    )
    template = "search/practice_library_page.html"
    ajax_template = "search/includes/practice_results.html"

    class Meta:
        verbose_name = _("practice library")

    def get_context(self, request, *args, **kwargs):
        from search.views import practice_library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_library_context(request, self))
        return context


class PracticeRecord(models.Model):
    """One practice as one language's library shows it, flattened for listing and sorting.

    A practice (the pages sharing a ``translation_key``) has one record per
    library language: its translation into that language when there is a
    live, public one, else its original. ``page`` is the page whose text the
    record carries (its id is the practice's number in that language's
    bitsets and full-text table), ``text_language`` the language of that
    text, ``url`` the practice's address in the library's language when it
    has one (a translation, or a wagtail-localize alias), else the page's.
    """

    language = models.CharField(_("library language"), max_length=16)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page shown"),
    )
    text_language = models.CharField(_("language of the text"), max_length=16)
    title = models.CharField(_("title"), max_length=255)
    sort_title = models.CharField(_("title for sorting"), max_length=255)
    url = models.CharField(_("address"), max_length=1000)
    summary = models.TextField(_("summary"), blank=True)
    lrg = models.CharField(_("local or regional government"), max_length=255, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region = models.CharField(_("region"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=16, blank=True)
    year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    document = models.TextField(_("searchable text"), blank=True)

    class Meta:
        verbose_name = _("indexed practice")
        verbose_name_plural = _("indexed practices")
        constraints = [
            models.UniqueConstraint(fields=["language", "page"], name="search_practice_unique")
        ]
        indexes = [
            models.Index(fields=["language", "sort_title"], name="search_practice_title"),
            models.Index(
                fields=["language", "-year", "-published_at"], name="search_practice_newest"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


class PracticeFacetValue(models.Model):
    """One facet key of one practice in one library language, e.g. (fr, page 42, "gcm", "16")."""

    language = models.CharField(_("library language"), max_length=16)
    practice = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page shown"),
    )
    facet = models.CharField(_("facet"), max_length=16)
    value = models.CharField(_("value"), max_length=64)

    class Meta:
        verbose_name = _("facet value of a practice")
        verbose_name_plural = _("facet values of practices")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "practice", "facet", "value"], name="search_facet_unique"
            )
        ]
        indexes = [
            # Covering index: counting a facet, or selecting its values, never
            # touches the table itself.
            models.Index(
                fields=["language", "facet", "value", "practice"], name="search_facet_count"
            ),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class PracticeIndexState(models.Model):
    """The version of one language's practice index, changed by every index write.

    Each server keeps its facet postings in memory and checks this version
    (one indexed query) on every request, so a publish on one server shows at
    once on all. A random token, not a counter, so a rolled-back write can
    never be mistaken for a later one.
    """

    language = models.CharField(_("language"), max_length=16, primary_key=True)
    version = models.CharField(_("version"), max_length=32)

    class Meta:
        verbose_name = _("practice index version")
        verbose_name_plural = _("practice index versions")

    def __str__(self):
        return f"{self.language}: {self.version}"
