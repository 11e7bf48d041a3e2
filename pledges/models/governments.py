"""Local and regional governments (LRGs) taking part in the campaign."""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pledges.regions import (
    REGION_CHOICES,
    SUBREGION_CHOICES,
    country_choices,
    country_name,
    regions_for_country,
)


class LocalGovernment(TranslatableMixin, index.Indexed, models.Model):
    """A city, region or association of LRGs; its UN M49 region comes from its country."""

    CITY = "city"
    REGION = "region"
    ASSOCIATION = "association"
    KIND_CHOICES = [
        (CITY, _("City or municipality")),
        (REGION, _("Region or province")),
        (ASSOCIATION, _("Association or network of LRGs")),
    ]

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_("The last part of the public profile's address; do not change it once shared."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=CITY)
    country = models.CharField(
        _("country"), max_length=2, choices=country_choices, help_text=_("ISO 3166 country.")
    )
    region = models.CharField(
        _("UN region"), max_length=20, choices=REGION_CHOICES, blank=True, editable=False
    )
    subregion = models.CharField(
        _("UN sub-region"), max_length=40, choices=SUBREGION_CHOICES, blank=True, editable=False
    )
    population = models.PositiveBigIntegerField(
        _("population"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    website = models.URLField(_("website"), blank=True, max_length=300)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_event_participation = models.BooleanField(
        _("show event participation on the profile"),
        default=False,
        help_text=_(
            "List on the public profile the public events its staff are confirmed for. Only "
            "with the government's agreement: it tells who attends what."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("population")],
            heading=_("Where"),
            help_text=_("The UN region and sub-region are derived from the country."),
        ),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("show_event_participation"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("country"),
        index.FilterField("kind"),
        index.FilterField("region"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("country"),
        SynchronizedField("population"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        SynchronizedField("show_event_participation"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("local or regional government")
        verbose_name_plural = _("local and regional governments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_lrg_slug_locale")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.name}-{self.country}")[:120]
        self.country = (self.country or "").upper()
        self.region, self.subregion = regions_for_country(self.country)
        super().save(*args, **kwargs)

    @property
    def country_name(self):
        return country_name(self.country)

    def get_absolute_url(self):
        """The stable public profile (language-prefixed by the active language)."""
        return reverse("pledges:local_government", kwargs={"slug": self.slug})
