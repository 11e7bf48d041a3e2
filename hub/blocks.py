"""StreamField blocks shared by every page type.

Each block renders through its own template in
``templates/components/blocks/`` and carries an icon, a description and a
preview value for the admin's block picker.
"""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

BLOCK_TEMPLATES = "components/blocks/"


# --- Lists that start empty -----------------------------------------------------
# Clicking "+" in a list (speakers, photos, downloads, figures) inserts a block
# at once; an editor who then leaves it blank must not be stopped by "This field
# is required" on a block they never filled. A block left entirely blank (every
# field empty or at its default) is dropped when the page is saved.


def is_blank(block, value):
    """True when ``value`` holds nothing an editor typed or chose."""
    if isinstance(block, blocks.StructBlock):
        return all(
            is_blank(child, value.get(name)) or value.get(name) == child.get_default()
            for name, child in block.child_blocks.items()
        )
    if isinstance(block, blocks.ListBlock):
        return all(is_blank(block.child_block, item) for item in value)
    if isinstance(block, blocks.StreamBlock):
        return all(is_blank(child.block, child.value) for child in value)
    if isinstance(block, blocks.RichTextBlock):
        source = getattr(value, "source", value) or ""
        return not strip_tags(source).strip() and "<embed" not in source
    return value in (None, "", [], ())


class SkipBlankStreamBlock(blocks.StreamBlock):
    """A stream that drops the blocks an editor added but left blank."""

    def clean(self, value):
        positions = [
            index for index, child in enumerate(value) if not is_blank(child.block, child.value)
        ]
        if len(positions) == len(value):
            return super().clean(value)
        kept = StreamValue(
            self, [(value[i].block_type, value[i].value, value[i].id) for i in positions]
        )
        try:
            return super().clean(kept)
        except StreamBlockValidationError as error:
            # Errors point at the blocks as the editor sees them, blanks included.
            raise StreamBlockValidationError(
                block_errors={positions[i]: e for i, e in error.block_errors.items()},
                non_block_errors=error.non_block_errors,
            ) from None


class SkipBlankListBlock(blocks.ListBlock):
    """A list that drops the items an editor added but left blank."""

    def clean(self, value):
        value = self.normalize(value)
        items = list(value.bound_blocks)
        positions = [
            index for index, item in enumerate(items) if not is_blank(self.child_block, item.value)
        ]
        if len(positions) == len(items):
            return super().clean(value)
        kept = blocks.list_block.ListValue(self, bound_blocks=[items[i] for i in positions])
        try:
            return super().clean(kept)
        except ListBlockValidationError as error:
            raise ListBlockValidationError(
                block_errors={positions[i]: e for i, e in error.block_errors.items()},
                non_block_errors=error.non_block_errors,
            ) from None


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
    """An image with its own alternative text (translated with the page) and a caption.

    The alternative text belongs to this use of the image, not to the image:
    the same photo says different things on different pages, and each
    translation of the page has its own. It is required unless the editor
    marks the image as decorative (it then gets ``alt=""``).
    """

    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_(
            "Shown up to 1200 pixels wide, in its own proportions (never cropped). "
            "Upload at least 1200 pixels wide."
        ),
    )
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it (read aloud by screen "
            "readers; translated with the page). Required unless the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_(
            "Tick only if the image adds nothing to the text (screen readers then skip it)."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=250,
        required=False,
        help_text=_("Shown under the image, e.g. the place and the photographer."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = BLOCK_TEMPLATES + "image.html"
        description = _("An image with alternative text and caption")

    def clean(self, value):
        value = super().clean(value)
        # A draft may be saved without it (Wagtail defers required fields on
        # drafts); publishing needs it.
        missing = not value.get("decorative") and not value.get("alt_text")
        if value.get("image") and missing and not self.is_deferred_validation:
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Describe the image for people who cannot see it, or tick "
                            "“Decorative image”."
                        )
                    )
                }
            )
        return value


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
    figures = SkipBlankListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)

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
    items = SkipBlankListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

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
    documents = SkipBlankListBlock(DocumentLinkBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = BLOCK_TEMPLATES + "document_links.html"
        description = _("Downloadable documents")


class BaseStreamBlock(SkipBlankStreamBlock):
    """The blocks a page body offers (blocks left blank are dropped on save)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    accordion = AccordionBlock()
    documents = DocumentLinksBlock()


class HomeStreamBlock(BaseStreamBlock):
    """The home page's body: no "Key figures" block, the page shows the live figures itself."""

    key_figures = None
