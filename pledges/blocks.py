"""StreamField blocks of the campaign's pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from hub.blocks import (
    BaseStreamBlock,
    DocumentLinkBlock,
    ImageBlock,
    ParagraphBlock,
    SkipBlankStreamBlock,
)

TEMPLATES = "pledges/blocks/"


class CaseStudySectionBlock(ParagraphBlock):
    """One part of a case study, rendered under its own heading (the block's label)."""

    class Meta:
        icon = "pilcrow"
        template = TEMPLATES + "case_study_section.html"


class CaseStudyBodyBlock(BaseStreamBlock):
    """The story of a local action: challenge · action · results · how to replicate."""

    challenge = CaseStudySectionBlock(
        label=_("The challenge"), description=_("What problem the action answers")
    )
    action = CaseStudySectionBlock(label=_("The action"), description=_("What was done"))
    results = CaseStudySectionBlock(
        label=_("Results"), description=_("What changed, with figures if possible")
    )
    how_to_replicate = CaseStudySectionBlock(
        label=_("How to replicate"), description=_("Advice for governments that want to do it")
    )


class GalleryBlock(SkipBlankStreamBlock):
    """Photos of a local action, each with its own alternative text."""

    image = ImageBlock()


class DocumentsBlock(SkipBlankStreamBlock):
    """Downloadable documents about a local action."""

    document = DocumentLinkBlock(label=_("Document"))


class StepBlock(blocks.StructBlock):
    """One of the three steps of the call: endorse, submit, engage."""

    ENDORSE = "endorse"
    SUBMIT = "submit"
    ENGAGE = "engage"

    verb = blocks.CharBlock(label=_("Verb"), max_length=40, help_text=_("e.g. Endorse"))
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    target = blocks.ChoiceBlock(
        label=_("Leads to"),
        choices=[
            (ENDORSE, _("the endorsement form")),
            (SUBMIT, _("the local-action form")),
            (ENGAGE, _("a page")),
        ],
        default=ENDORSE,
    )
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = TEMPLATES + "step.html"


class BenefitBlock(blocks.StructBlock):
    """A benefit of joining the call (recognition, knowledge, visibility, influence)."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=600)

    class Meta:
        icon = "pick"
        label = _("Benefit")
        template = TEMPLATES + "benefit.html"
