"""The living flagship publication: the live report page and its frozen editions."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import TranslatableField

from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage

REPORT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class CaseStudyCardBlock(blocks.StructBlock):
    """A practice (case study) the editors feature in the report, shown as a card."""

    page = blocks.PageChooserBlock(page_type="pledges.LocalActionPage", label=_("Case study"))
    note = blocks.TextBlock(
        required=False,
        max_length=300,
        label=_("Why it is featured"),
        help_text=_("Optional: one sentence shown on the card under the summary."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Featured case study")
        description = _("A practice from the library, shown as a card in the report.")
        template = "learning/report/case_study_card.html"


class LiveReportPage(RoutablePageMixin, BasePage):
    """The flagship publication computed from live data, one per call-to-action page.

    Its figures, tables, charts, map and directory come from the practice
    library at request time (``learning.report.figures``); editors write the
    introduction and conclusions and pick the case studies shown as cards.
    Editions (``ReportEdition``) freeze it on a given day, each with its own
    address under ``editions/<slug>/`` and a PDF (``editions/<slug>/report.pdf``,
    routed with the live report's ``…/call-to-local-action/report.pdf`` by
    ``learning.i18n_urls``: Wagtail serves only addresses ending in "/").
    """

    intro = RichTextField(_("introduction"), blank=True, features=REPORT_FEATURES)
    case_studies = StreamField(
        [("case_study", CaseStudyCardBlock())],
        blank=True,
        verbose_name=_("selected case studies"),
    )
    conclusions = RichTextField(_("conclusions"), blank=True, features=REPORT_FEATURES)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("case_studies"),
        FieldPanel("conclusions"),
    ]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("case_studies"),
        TranslatableField("conclusions"),
    ]
    parent_page_types = ["pledges.CallToActionPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = _(
        "The flagship publication, computed from the live data of the campaign: figures, "
        "tables, charts, a world map and the directory of LRGs, with your introduction, "
        "conclusions and selected case studies. Place it under the call-to-action page."
    )
    template = "learning/live_report_page.html"

    class Meta:
        verbose_name = _("live report")

    def get_context(self, request, *args, **kwargs):
        from learning.report.views import live_report_context

        context = super().get_context(request, *args, **kwargs)
        context.update(live_report_context(request, self))
        return context

    def editions(self):
        """The report's editions in every language (they belong to the translation group)."""
        return ReportEdition.objects.filter(report__translation_key=self.translation_key).order_by(
            "-frozen_at"
        )

    @path("editions/<slug:slug>/", name="edition")
    def edition(self, request, slug):
        from learning.report.views import edition_page

        return edition_page(request, self, self._edition(slug))

    def _edition(self, slug):
        edition = self.editions().filter(slug=slug).first()
        if edition is None:
            raise Http404
        return edition


class ReportEdition(models.Model):
    """The live report frozen on one day ("Report 2023 — Global Refugee Forum").

    ``snapshot`` holds, per language, the figures, tables (the charts' data),
    map and directory as they were when the edition was frozen: an edition is
    rendered from it, never recomputed.
    """

    report = models.ForeignKey(
        LiveReportPage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("live report"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The edition's address: …/report/editions/<slug>/"),
    )
    frozen_at = models.DateTimeField(_("frozen on"), default=timezone.now)
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)

    panels = [FieldPanel("report"), FieldPanel("title"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")
        ordering = ["-frozen_at"]

    def __str__(self):
        return self.title

    def freeze(self):
        """Store the live report's data in every language, as it is now."""
        from learning.report.figures import report_data

        self.frozen_at = timezone.now()
        self.snapshot = {code: report_data(code) for code, _name in settings.LANGUAGES}

    def save(self, *args, **kwargs):
        if not self.snapshot:
            self.freeze()
        super().save(*args, **kwargs)

    def data(self, language):
        """The snapshot in a language (English where that language is missing)."""
        return self.snapshot.get(language) or self.snapshot.get(settings.LANGUAGE_CODE) or {}
