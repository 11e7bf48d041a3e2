"""The practice library page."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage


class PracticeLibraryPage(BasePage):
    """The library of local actions (/en/practices/): faceted search over its case studies."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translatable_fields = [*BASE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    max_count_per_parent = 1
    template = "search/practice_library_page.html"

    class Meta:
        verbose_name = _("practice library")
