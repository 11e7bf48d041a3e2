"""StreamField blocks of event pages: speakers, agenda items, resources."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from hub.blocks import BaseStreamBlock, SkipBlankStreamBlock

TEMPLATES = "events/blocks/"


class SpeakerBlock(blocks.StructBlock):
    """A speaker or moderator with their role and organisation."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role or title"), max_length=200, required=False)
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=200, required=False)

    class Meta:
        icon = "user"
        label = _("Speaker")
        template = TEMPLATES + "speaker.html"
        description = _("A speaker, panellist or moderator")
        preview_value = {
            "name": "Jane Doe",
            "role": "Mayor",
            "organisation": "City of Example",
        }


class AgendaItemBlock(blocks.StructBlock):
    """One slot of the agenda; the time is free text in the event's own zone."""

    time = blocks.CharBlock(
        label=_("Time"),
        max_length=40,
        required=False,
        help_text=_("In the event's time zone, e.g. 15:00–15:10."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), max_length=1000, required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")
        template = TEMPLATES + "agenda_item.html"
        description = _("A slot of the programme")
        preview_value = {"time": "15:00–15:10", "title": "Welcome and introduction"}


class ResourceLinkBlock(blocks.StructBlock):
    """A document or an outside link shared after the event (slides, report)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Document"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Resource")
        template = TEMPLATES + "resource.html"
        description = _("Slides, a report or another resource from the event")
        preview_value = {"title": "Presentation slides", "url": "https://example.org/"}


class SpeakersBlock(SkipBlankStreamBlock):
    speaker = SpeakerBlock()


class AgendaBlock(SkipBlankStreamBlock):
    item = AgendaItemBlock()


class ResourcesBlock(SkipBlankStreamBlock):
    resource = ResourceLinkBlock()


class EventDescriptionBlock(BaseStreamBlock):
    """An event's description: text, images, quotes and questions.

    No key figures, documents or call-to-action button: the event page has its
    own registration form, and its "After the event" tab holds the resources.
    """

    key_figures = None
    documents = None
    call_to_action = None
