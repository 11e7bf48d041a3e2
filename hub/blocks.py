"""StreamField blocks shared by every page type.

Each block renders through its own template in
``templates/components/blocks/`` and carries an icon, a description and a
preview value for the admin's block picker.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

BLOCK_TEMPLATES = "components/blocks/"


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline valid."""

    text = blocks.CharBlock(label=_("Text"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = BLOCK_TEMPLATES + "heading.html"
        description = _("A section heading")
        preview_value = {"text": "Local action for migrants and refugees", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text limited to the features the site styles."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = BLOCK_TEMPLATES + "paragraph.html"
        description = _("Paragraphs with links and lists")
        preview_value = (
            "<p>Local and regional governments are at the heart of migration "
            "and displacement governance.</p>"
        )


class ImageBlock(blocks.StructBlock):
    """An image with its own alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = BLOCK_TEMPLATES + "image.html"
        description = _("An image with alternative text and caption")


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its attribution."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=160, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = BLOCK_TEMPLATES + "quote.html"
        description = _("A quotation with the name of who said it")
        preview_value = {
            "quote": "It is at the local level where we see pragmatic, principled "
            "and people-centered approaches.",
            "attribution": "Call to Local Action",
        }


class CallToActionBlock(blocks.StructBlock):
    """A prominent button leading to a page or an address."""

    label = blocks.CharBlock(label=_("Button label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    text = blocks.TextBlock(label=_("Text before the button"), required=False, max_length=400)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = BLOCK_TEMPLATES + "call_to_action.html"
        description = _("A short text with a button")
        preview_value = {
            "label": "Endorse the Declaration",
            "url": "https://example.org/",
            "text": "Add your government's political endorsement to the Global Compacts.",
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    """A row of headline numbers, e.g. the 2022 report's 70 actions."""

    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = BLOCK_TEMPLATES + "key_figures.html"
        description = _("Headline numbers in a row")
        preview_value = {
            "title": "The 2022 report",
            "figures": [
                {"value": "70", "label": "local actions"},
                {"value": "47", "label": "local and regional governments"},
                {"value": "33", "label": "countries"},
            ],
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = ParagraphBlock(label=_("Content"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open in place (native details/summary)."""

    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = BLOCK_TEMPLATES + "accordion.html"
        description = _("Sections that open and close, for questions and answers")
        preview_value = {
            "title": "Questions",
            "items": [
                {"title": "Who can endorse?", "body": "<p>Any local or regional government.</p>"}
            ],
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200, required=False)


class DocumentLinksBlock(blocks.StructBlock):
    """A list of downloadable documents with their type and size."""

    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = BLOCK_TEMPLATES + "document_links.html"
        description = _("Downloadable documents")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    accordion = AccordionBlock()
    documents = DocumentLinksBlock()
