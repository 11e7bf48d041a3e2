"""StreamField blocks of the knowledge hub: downloads labelled with their language."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from hub.blocks import SkipBlankStreamBlock


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class DownloadBlock(blocks.StructBlock):
    """A Wagtail document with the language it is written in.

    The document chooser is an overridable segment in wagtail-localize: a
    translator can pick the French edition of a report for the French page.
    """

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200, required=False)
    language = blocks.ChoiceBlock(
        label=_("Language of the document"), choices=_language_choices, default="en"
    )

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "learning/blocks/download.html"
        description = _("A downloadable document and its language")


class DownloadsBlock(SkipBlankStreamBlock):
    """The downloads of a report or a resource."""

    download = DownloadBlock()

    class Meta:
        block_counts = {}
