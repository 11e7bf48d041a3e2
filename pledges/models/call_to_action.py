"""The call to local action: the campaign's landing page with its two forms."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import TranslatableField

from hub.blocks import BaseStreamBlock
from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage
from pledges.blocks import BenefitBlock, StepBlock


class CallToActionPage(RoutablePageMixin, BasePage):
    """Intro, the three steps, the four benefits and live headline figures.

    Sub-addresses: ``endorse/`` (the endorsement form), ``endorsers/`` (the
    public register) and ``submit-action/`` (the local-action form), and the
    links of the confirmation emails: ``endorse/confirm/<token>/`` and
    ``submit-action/confirm/<token>/``. ``report.pdf`` (the live report placed
    under it, as a PDF) is routed by ``learning.i18n_urls``.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    steps = StreamField(
        [("step", StepBlock())], blank=True, max_num=3, verbose_name=_("the three steps")
    )
    benefits_title = models.CharField(_("benefits heading"), max_length=120, blank=True)
    benefits = StreamField([("benefit", BenefitBlock())], blank=True, verbose_name=_("benefits"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more content"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel(
            "intro",
            help_text=_("The opening paragraphs and the aims of the call, at the top of the page."),
        ),
        FieldPanel(
            "steps",
            help_text=_(
                "The three steps (Endorse, Submit, Engage): each with its text and where its "
                "button leads."
            ),
        ),
        FieldPanel(
            "benefits_title",
            help_text=_("The heading above the benefits, e.g. “Why join the call?”"),
        ),
        FieldPanel(
            "benefits",
            help_text=_(
                "The benefits of joining (recognition, knowledge, visibility, influence), each "
                "with a title and a short text."
            ),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "More content below the benefits. The live figures and the links to both forms "
                "are on the page already."
            ),
        ),
    ]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("steps"),
        TranslatableField("benefits_title"),
        TranslatableField("benefits"),
        TranslatableField("body"),
    ]
    parent_page_types = ["hub.HomePage"]
    # Standard pages (e.g. how to endorse) and the live report (learning) under the campaign.
    subpage_types = ["hub.StandardPage", "learning.LiveReportPage"]
    max_count_per_parent = 1
    page_description = _(
        "The campaign page, one per language: the three steps, the benefits, live figures "
        "and the endorsement and local-action forms."
    )
    template = "pledges/call_to_action_page.html"

    class Meta:
        verbose_name = _("call to action page")

    def get_context(self, request, *args, **kwargs):
        from pledges.services import campaign_figures

        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's content is drawn, not when it comes from the
        # template's cached fragment.
        context["figures"] = SimpleLazyObject(lambda: campaign_figures(request))
        context["campaign_urls"] = self.campaign_urls(request)
        return context

    def campaign_urls(self, request=None):
        """Addresses of the page's routes, for templates and emails."""
        base = self.get_url(request) or ""
        return {
            "page": base,
            "endorse": base + self.reverse_subpage("endorse"),
            "endorsers": base + self.reverse_subpage("endorsers"),
            "submit_action": base + self.reverse_subpage("submit_action"),
        }

    @path("endorse/", name="endorse")
    def endorse(self, request):
        from pledges.views import endorse

        return endorse(request, self)

    @path("endorsers/", name="endorsers")
    def endorsers(self, request):
        from pledges.views import endorsers

        return endorsers(request, self)

    @path("submit-action/", name="submit_action")
    def submit_action(self, request):
        from pledges.views import submit_action

        return submit_action(request, self)

    @path("endorse/confirm/<str:token>/", name="confirm_endorsement")
    def confirm_endorsement(self, request, token):
        from pledges.views import confirm

        return confirm(request, self, "endorsement", token)

    @path("submit-action/confirm/<str:token>/", name="confirm_submission")
    def confirm_submission(self, request, token):
        from pledges.views import confirm

        return confirm(request, self, "submission", token)
