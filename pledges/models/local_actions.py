"""The case study of one local action, a child of the practice library."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PagePermissionTester
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage
from hub.roles import can_publish_case_studies
from hub.seo import json_ld
from hub.visibility import public_pages
from pledges.blocks import CaseStudyBodyBlock, DocumentsBlock, GalleryBlock
from pledges.models.taxonomies import (
    SDG,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    PopulationGroup,
    Theme,
    default_locale_only,
)


def _checkboxes():
    return forms.CheckboxSelectMultiple


def _taxonomy_field(model, verbose_name, related_name="local_actions", help_text=""):
    return ParentalManyToManyField(
        model,
        verbose_name=verbose_name,
        blank=True,
        related_name=related_name,
        limit_choices_to=default_locale_only,
        help_text=help_text,
    )


def primary_objectives_outside(primary, objectives):
    """The primary GCM objectives (numbers) that are not among the action's objectives."""
    chosen = {objective.number for objective in objectives}
    return sorted(objective.number for objective in primary if objective.number not in chosen)


def primary_objectives_error(numbers):
    return ValidationError(
        _(
            "A primary GCM objective must also be ticked among the GCM objectives "
            "(not ticked: %(numbers)s)."
        ),
        code="primary_not_in_objectives",
        params={"numbers": ", ".join(str(number) for number in numbers)},
    )


class LocalActionPageForm(WagtailAdminPageForm):
    """The case study's admin form: the primary GCM objectives are some of its objectives.

    Its taxonomies offer the default-language terms labelled in the editor's
    language (``pledges.admin_forms``), GCR areas grouped by section.
    """

    TAXONOMY_FIELDS = {
        "themes": Theme,
        "gcm_objectives": GCMObjective,
        "gcm_objectives_primary": GCMObjective,
        "gcm_principles": GCMPrinciple,
        "gcr_objectives": GCRObjective,
        "gcr_areas": GCRArea,
        "sdgs": SDG,
        "population_groups": PopulationGroup,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from pledges.admin_forms import use_taxonomy_fields

        use_taxonomy_fields(self, self.TAXONOMY_FIELDS)

    def clean(self):
        cleaned_data = super().clean()
        primary = cleaned_data.get("gcm_objectives_primary")
        if primary:
            outside = primary_objectives_outside(primary, cleaned_data.get("gcm_objectives") or [])
            if outside:
                self.add_error("gcm_objectives_primary", primary_objectives_error(outside))
        return cleaned_data


class CaseStudyPermissionTester(PagePermissionTester):
    """Case studies go through the moderators' workflow: editors submit, moderators publish.

    A Communications editor holds "publish" on the whole page tree; on a case
    study that permission is not enough (``hub.roles.can_publish_case_studies``).
    """

    def can_publish(self):
        return super().can_publish() and can_publish_case_studies(self.user)

    def can_publish_subpage(self):
        return super().can_publish_subpage() and can_publish_case_studies(self.user)


class LocalActionPage(RoutablePageMixin, BasePage):
    """A case study: one LRG's local action, classified against both Compacts and the SDGs.

    Sub-address ``contact/``: the form that relays a visitor's message to the
    team behind the action when their address is not published.
    """

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    STATUS_CHOICES = [
        (PLANNED, _("Planned")),
        (ONGOING, _("Ongoing")),
        (COMPLETED, _("Completed")),
    ]

    local_government = models.ForeignKey(
        "pledges.LocalGovernment",
        verbose_name=_("local or regional government"),
        null=True,
        on_delete=models.PROTECT,
        related_name="local_actions",
    )
    themes = _taxonomy_field(Theme, _("themes"))
    gcm_objectives = _taxonomy_field(GCMObjective, _("GCM objectives"))
    gcm_objectives_primary = _taxonomy_field(
        GCMObjective,
        _("primary GCM objectives"),
        related_name="primary_local_actions",
        help_text=_(
            "The objectives the action mainly serves (the Migration Network Hub lists primary "
            "and secondary objectives); each must also be ticked among the GCM objectives."
        ),
    )
    gcm_principles = _taxonomy_field(GCMPrinciple, _("GCM guiding principles"))
    gcr_objectives = _taxonomy_field(GCRObjective, _("GCR objectives"))
    gcr_areas = _taxonomy_field(GCRArea, _("GCR areas in need of support"))
    sdgs = _taxonomy_field(SDG, _("Sustainable Development Goals"))
    population_groups = _taxonomy_field(PopulationGroup, _("population groups served"))
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=ONGOING)
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    partners = models.CharField(
        _("partners"),
        max_length=500,
        blank=True,
        help_text=_("Organisations the government worked with, separated by commas."),
    )
    body = StreamField(CaseStudyBodyBlock(), blank=True, verbose_name=_("story"))
    gallery = StreamField(GalleryBlock(), blank=True, verbose_name=_("gallery"))
    documents = StreamField(DocumentsBlock(), blank=True, verbose_name=_("documents"))
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_is_public = models.BooleanField(
        _("show the contact publicly"),
        default=False,
        help_text=_(
            "Only tick this when the person agreed to have their contact published. Otherwise "
            "visitors can write to the contact through a form that never shows the address."
        ),
    )

    parent_page_types = ["search.PracticeLibraryPage"]
    subpage_types = []
    page_description = _(
        "A case study: one government's local action, classified by theme and by the "
        "Global Compacts, with its story, images and a contact for replication."
    )
    template = "pledges/local_action_page.html"
    base_form_class = LocalActionPageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel(
                    "local_government",
                    help_text=_(
                        "The local or regional government behind the action; create it among the "
                        "local governments first if it is missing."
                    ),
                ),
                FieldPanel(
                    "status",
                    help_text=_(
                        "Whether the action is planned, ongoing or completed; visitors filter the "
                        "library by it."
                    ),
                ),
                FieldPanel(
                    "start_year",
                    help_text=_("The year the action started; visitors filter the library by it."),
                ),
                FieldPanel("partners"),
            ],
            heading=_("Facts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "themes",
                    widget=_checkboxes(),
                    help_text=_(
                        "Tick every theme the action serves; the library's filters use them."
                    ),
                ),
                FieldPanel(
                    "gcm_objectives",
                    widget=_checkboxes(),
                    help_text=_(
                        "Tick every objective of the Global Compact for Migration the action "
                        "serves."
                    ),
                ),
                FieldPanel("gcm_objectives_primary", widget=_checkboxes()),
                FieldPanel(
                    "gcm_principles",
                    widget=_checkboxes(),
                    help_text=_(
                        "The guiding principles of the Global Compact for Migration the action "
                        "applies."
                    ),
                ),
                FieldPanel(
                    "gcr_objectives",
                    widget=_checkboxes(),
                    help_text=_(
                        "The objectives of the Global Compact on Refugees the action serves."
                    ),
                ),
                FieldPanel(
                    "gcr_areas",
                    widget=_checkboxes(),
                    help_text=_(
                        "The areas in need of support of the Global Compact on Refugees the "
                        "action serves."
                    ),
                ),
                FieldPanel(
                    "sdgs",
                    widget=_checkboxes(),
                    help_text=_("The Sustainable Development Goals the action contributes to."),
                ),
                FieldPanel(
                    "population_groups",
                    widget=_checkboxes(),
                    help_text=_("The people the action serves."),
                ),
            ],
            heading=_("Classification"),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "The story in four parts, each added with +: the challenge, the action, results, "
                "how to replicate; headings, images (with alternative text) and quotes too."
            ),
        ),
        FieldPanel(
            "gallery",
            help_text=_(
                "Photos of the action, each with alternative text: shown as 640×427 thumbnails "
                "cropped around the image's focal point, opening the whole image."
            ),
        ),
        FieldPanel(
            "documents",
            help_text=_(
                "Files about the action (reports, evaluations) that visitors can download."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "contact_name",
                    help_text=_("Who other governments can ask about replicating the action."),
                ),
                FieldPanel(
                    "contact_role",
                    help_text=_("Their role or position, e.g. Head of the migrant welcome office."),
                ),
                FieldPanel(
                    "contact_email",
                    help_text=_(
                        "Never shown unless the box below is ticked: visitors then write through "
                        "a form."
                    ),
                ),
                FieldPanel("contact_is_public"),
            ],
            heading=_("Contact for replication"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("partners"),
        index.FilterField("local_government"),
        index.FilterField("status"),
        index.FilterField("start_year"),
        index.RelatedFields("local_government", [index.SearchField("name")]),
    ]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        TranslatableField("body"),
        TranslatableField("gallery"),
        TranslatableField("documents"),
        TranslatableField("partners"),
        TranslatableField("contact_role"),
        SynchronizedField("local_government"),
        SynchronizedField("themes"),
        SynchronizedField("gcm_objectives"),
        SynchronizedField("gcm_objectives_primary"),
        SynchronizedField("gcm_principles"),
        SynchronizedField("gcr_objectives"),
        SynchronizedField("gcr_areas"),
        SynchronizedField("sdgs"),
        SynchronizedField("population_groups"),
        SynchronizedField("status"),
        SynchronizedField("start_year"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_is_public"),
    ]

    class Meta:
        verbose_name = _("local action (case study)")
        verbose_name_plural = _("local actions (case studies)")

    def clean(self):
        super().clean()
        outside = primary_objectives_outside(
            self.gcm_objectives_primary.all(), self.gcm_objectives.all()
        )
        if outside:
            raise ValidationError({"gcm_objectives_primary": primary_objectives_error(outside)})

    @property
    def show_contact(self):
        return self.contact_is_public and bool(self.contact_email or self.contact_name)

    def permissions_for_user(self, user):
        return CaseStudyPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from pledges.services import case_study_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_context(self, request))
        return context

    # --- routes ---------------------------------------------------------------
    @path("contact/")
    def contact_route(self, request):
        from pledges.views import contact_team

        return contact_team(request, self)

    def related_practices(self, limit=3):
        """Published actions in the same language sharing a theme or the LRG's region."""
        theme_ids = [t.pk for t in self.themes.all()]
        region = self.local_government.region if self.local_government_id else ""
        condition = Q(themes__in=theme_ids)
        if region:
            condition |= Q(local_government__region=region)
        ids = (
            public_pages(LocalActionPage.objects)
            .filter(locale_id=self.locale_id)
            .filter(condition)
            .exclude(pk=self.pk)
            .values_list("pk", flat=True)
            .distinct()
            .order_by("-first_published_at", "pk")[:limit]
        )
        return (
            LocalActionPage.objects.filter(pk__in=list(ids))
            .select_related("local_government", "listing_image")
            .order_by("-first_published_at", "pk")
        )

    def json_ld(self, request, facts):
        """schema.org description of the case study (a CreativeWork about an LRG's action)."""
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.summary or self.search_description,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "keywords": [theme.title for theme in facts["themes"]],
            "about": [
                {"@type": "Thing", "name": f"GCM {o.number}. {o.title}"}
                for o in facts["gcm_objectives"]
            ]
            + [{"@type": "Thing", "name": f"SDG {s.number}. {s.title}"} for s in facts["sdgs"]],
        }
        if self.first_published_at:
            data["datePublished"] = self.first_published_at.date().isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.date().isoformat()
        if self.start_year:
            data["temporalCoverage"] = f"{self.start_year}/.."
        government = self.local_government
        if government:
            data["author"] = {
                "@type": "GovernmentOrganization",
                "name": government.name,
                "address": {"@type": "PostalAddress", "addressCountry": government.country},
            }
            if government.website:
                data["author"]["url"] = government.website
            data["spatialCoverage"] = {"@type": "Place", "name": government.name}
        return json_ld(data)
