"""The open-data page (/<lang>/open-data/): what the files hold, how to cite them, the licence."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import TranslatableField

from hub.blocks import BaseStreamBlock
from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage


class OpenDataPage(BasePage):
    """An introduction editors write, above the download list, the columns and the licence.

    The files themselves are served at ``/open-data/<file>`` (``pledges.opendata``);
    this page lists them with their columns and describes them as a schema.org
    ``Dataset``.
    """

    introduction = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    translatable_fields = [*BASE_TRANSLATABLE_FIELDS, TranslatableField("introduction")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = _(
        "The open-data page, one per language: an introduction above the list of downloadable "
        "files (practices, labels, endorsers), their columns and their licence."
    )
    template = "pledges/open_data_page.html"

    class Meta:
        verbose_name = _("open-data page")
        verbose_name_plural = _("open-data pages")

    def get_context(self, request, *args, **kwargs):
        from pledges.opendata.page import open_data_context

        context = super().get_context(request, *args, **kwargs)
        context.update(open_data_context(self, request))
        return context
