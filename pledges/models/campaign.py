"""What the public sends: endorsements of the Declaration and local-action submissions.

Nothing here reaches the moderators until the sender has confirmed their email
address (the link in the first email), and nothing is shown publicly until a
moderator has reviewed it. Personal data is deleted some time after the
moderators' decision (``manage.py purge_pledge_data``).
"""

import hashlib
import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from pledges.models.governments import LocalGovernment
from pledges.models.local_actions import LocalActionPage
from pledges.models.moderation import CaseStudyApprovalTask  # noqa: F401 (registers the model)
from pledges.models.taxonomies import (
    SDG,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    PopulationGroup,
    Theme,
)
from pledges.regions import REGION_CHOICES, country_choices, country_name, regions_for_country


def government_key(name, country):
    """How two forms naming the same LRG are recognised: its slugified name and country."""
    return f"{(country or '').upper()}:{slugify(name or '')}"


def token_digest(token):
    """What is stored of a confirmation link's secret: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class GovernmentDetails(models.Model):
    """The LRG as the public typed it, and the snippet it was matched to (if any)."""

    government_name = models.CharField(_("local or regional government"), max_length=200)
    government_kind = models.CharField(
        _("kind of government"),
        max_length=20,
        choices=LocalGovernment.KIND_CHOICES,
        default=LocalGovernment.CITY,
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    region = models.CharField(_("UN region"), max_length=20, choices=REGION_CHOICES, blank=True)
    government_key = models.CharField(max_length=260, editable=False, db_index=True)
    local_government = models.ForeignKey(
        LocalGovernment,
        verbose_name=_("matched government"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Double opt-in: the first email carries a link with a secret token; only
    # its digest is stored. Until the link is opened nobody sees the row.
    confirmation_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed"), null=True, blank=True, db_index=True
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(
        _("personal data deleted"), null=True, blank=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.government_key = government_key(self.government_name, self.country)
        self.region = regions_for_country(self.country)[0]
        if self.is_decided and self.reviewed_at is None:
            # Decided in the admin's edit form: the retention clock starts now.
            self.reviewed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "reviewed_at"}
        super().save(*args, **kwargs)

    @property
    def is_decided(self):
        raise NotImplementedError

    def new_confirmation_token(self):
        """A fresh secret for the confirmation link (returned once, only its digest is kept)."""
        token = secrets.token_urlsafe(32)
        self.confirmation_digest = token_digest(token)
        return token

    @property
    def country_name(self):
        return country_name(self.country)


class Endorsement(GovernmentDetails):
    """An LRG's endorsement of the Marrakech Mayors Declaration, pending until moderated."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    STATUS_CHOICES = [
        (PENDING, _("Pending")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Rejected")),
    ]

    # Blank only once the retention purge has deleted them (the form requires them).
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    consent_to_list = models.BooleanField(_("may be listed publicly"), default=False)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("government_name"),
                FieldRowPanel([FieldPanel("government_kind"), FieldPanel("country")]),
                FieldPanel("local_government"),
            ],
            heading=_("Government"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("email"),
                FieldPanel("consent_to_list"),
                FieldPanel("message"),
            ],
            heading=_("Signatory"),
        ),
        FieldPanel("status"),
        FieldPanel("email_confirmed_at", read_only=True),
        FieldPanel("reviewed_at", read_only=True),
    ]

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at"]
        constraints = [
            # One approved endorsement per government. Others for the same
            # government may wait for review (the public form answers the same
            # whether or not someone endorsed first); approving one of them is
            # refused while another is approved.
            models.UniqueConstraint(
                fields=["government_key"],
                condition=Q(status="approved"),
                name="one_approved_endorsement_per_government",
            )
        ]

    def __str__(self):
        # Also the label of admin log entries: never the signatory's name or email.
        return f"{self.government_name} ({self.country}) #{self.pk}"

    @property
    def is_decided(self):
        return self.status != self.PENDING


class ActionSubmission(GovernmentDetails):
    """A local action as an LRG sent it through the public form, kept whatever happens next."""

    NEW = "new"
    CASE_STUDY = "case_study"
    DECLINED = "declined"
    STATUS_CHOICES = [
        (NEW, _("New")),
        (CASE_STUDY, _("Case study drafted")),
        (DECLINED, _("Declined")),
    ]

    reference = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    # Blank only once the retention purge has deleted them (the form requires them).
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), max_length=254, blank=True)
    share_contact = models.BooleanField(
        _("may be contacted by other governments about replication"), default=False
    )
    publish_contact = models.BooleanField(
        _("contact may be published on the case study"), default=False
    )
    # The consent to publish the contact, recorded when the address was confirmed:
    # who gave it (the confirmed address) and when.
    contact_consent_at = models.DateTimeField(
        _("consent to publish the contact given"), null=True, blank=True
    )
    contact_consent_by = models.EmailField(_("consent given by"), max_length=254, blank=True)
    title = models.CharField(_("title of the action"), max_length=200)
    summary = models.TextField(_("summary"), max_length=500)
    challenge = models.TextField(_("the challenge"), max_length=4000)
    action = models.TextField(_("the action"), max_length=4000)
    results = models.TextField(_("results"), max_length=4000, blank=True)
    how_to_replicate = models.TextField(_("how to replicate"), max_length=4000, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="+")
    gcm_objectives = models.ManyToManyField(
        GCMObjective, verbose_name=_("GCM objectives"), blank=True, related_name="+"
    )
    gcm_principles = models.ManyToManyField(
        GCMPrinciple, verbose_name=_("GCM guiding principles"), blank=True, related_name="+"
    )
    gcr_objectives = models.ManyToManyField(
        GCRObjective, verbose_name=_("GCR objectives"), blank=True, related_name="+"
    )
    gcr_areas = models.ManyToManyField(
        GCRArea, verbose_name=_("GCR areas in need of support"), blank=True, related_name="+"
    )
    sdgs = models.ManyToManyField(
        SDG, verbose_name=_("Sustainable Development Goals"), blank=True, related_name="+"
    )
    population_groups = models.ManyToManyField(
        PopulationGroup, verbose_name=_("population groups served"), blank=True, related_name="+"
    )
    action_status = models.CharField(
        _("status of the action"),
        max_length=20,
        choices=LocalActionPage.STATUS_CHOICES,
        default=LocalActionPage.ONGOING,
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    links = models.TextField(_("links"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en", editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=STATUS_CHOICES, default=NEW, db_index=True
    )
    case_study = models.ForeignKey(
        LocalActionPage,
        verbose_name=_("case study"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("government_name"),
                FieldRowPanel([FieldPanel("government_kind"), FieldPanel("country")]),
                FieldPanel("local_government"),
            ],
            heading=_("Government"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("share_contact"),
                FieldPanel("publish_contact", read_only=True),
                FieldPanel("contact_consent_at", read_only=True),
                FieldPanel("contact_consent_by", read_only=True),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("action"),
        FieldPanel("results"),
        FieldPanel("how_to_replicate"),
        FieldPanel("themes"),
        FieldPanel("gcm_objectives"),
        FieldPanel("gcm_principles"),
        FieldPanel("gcr_objectives"),
        FieldPanel("gcr_areas"),
        FieldPanel("sdgs"),
        FieldPanel("population_groups"),
        FieldRowPanel([FieldPanel("action_status"), FieldPanel("start_year")]),
        FieldPanel("partners"),
        FieldPanel("links"),
        FieldPanel("status"),
        FieldPanel("case_study", read_only=True),
        FieldPanel("email_confirmed_at", read_only=True),
        FieldPanel("reviewed_at", read_only=True),
    ]

    class Meta:
        verbose_name = _("local-action submission")
        verbose_name_plural = _("local-action submissions")
        ordering = ["-created_at"]

    def __str__(self):
        # Also the label of admin log entries: never the contact's name or email.
        return f"{self.title} #{self.pk}"

    @property
    def is_decided(self):
        return self.status != self.NEW

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def submission_image_path(instance, filename):
    # A random name: what the public called the file never reaches the disk.
    return f"submissions/{instance.submission.reference}/{uuid.uuid4().hex}.{instance.extension}"


class SubmissionImage(models.Model):
    """An image sent with a submission, checked by content before it was stored."""

    submission = models.ForeignKey(
        ActionSubmission, on_delete=models.CASCADE, related_name="images"
    )
    file = models.ImageField(_("image"), upload_to=submission_image_path, max_length=255)
    extension = models.CharField(max_length=5, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("submitted image")
        verbose_name_plural = _("submitted images")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.file.name
