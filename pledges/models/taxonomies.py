"""Reference taxonomies that classify local actions.

One row per locale sharing a ``translation_key`` (wagtail-localize), loaded in
English by data migrations from ``pledges/data/taxonomies.json``. Pages point
at the English rows; other languages find their label through the
``translation_key``. The facet keys (slug, number, code) never change with
the language, so a filtered URL can be shared across languages.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub.i18n import base_language


def default_locale_only():
    """``limit_choices_to`` for relations that must point at the English rows."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class TaxonomyQuerySet(models.QuerySet):
    def default_locale(self):
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class Taxonomy(TranslatableMixin, models.Model):
    """What every taxonomy shares: a translatable title and a stable key."""

    title = models.CharField(_("title"), max_length=255)

    objects = TaxonomyQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    key_field = "slug"

    @property
    def key(self):
        return getattr(self, self.key_field)

    def __str__(self):
        return self.title

    @classmethod
    def labels(cls, language_code=None):
        """``{translation_key: title}`` in a language (English where untranslated); one query."""
        codes = {settings.LANGUAGE_CODE, base_language(language_code)}
        rows = cls.objects.filter(locale__language_code__in=codes).values_list(
            "translation_key", "locale__language_code", "title"
        )
        labels = {}
        for key, code, title in rows:
            if code != settings.LANGUAGE_CODE or key not in labels:
                labels[key] = title
        return labels


class Theme(Taxonomy):
    """One of the six themes under which the 2022 report counted local actions."""

    slug = models.SlugField(_("slug"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_locale")
        ]


class NumberedTaxonomy(Taxonomy):
    """A taxonomy keyed by its official number (GCM and GCR objectives, SDGs)."""

    number = models.PositiveSmallIntegerField(_("number"))

    key_field = "number"
    panels = [FieldPanel("number"), FieldPanel("title")]
    translatable_fields = [TranslatableField("title"), SynchronizedField("number")]

    class Meta(Taxonomy.Meta):
        abstract = True
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class GCMObjective(NumberedTaxonomy):
    """One of the 23 objectives of the Global Compact for Migration."""

    class Meta(NumberedTaxonomy.Meta):
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_gcm_number_locale")
        ]


class GCRObjective(NumberedTaxonomy):
    """One of the four objectives of the Global Compact on Refugees."""

    class Meta(NumberedTaxonomy.Meta):
        verbose_name = _("GCR objective")
        verbose_name_plural = _("GCR objectives")
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_gcr_number_locale")
        ]


class GCMPrinciple(Taxonomy):
    """One of the ten guiding principles of the Global Compact for Migration (a-j, para 15)."""

    code = models.CharField(_("letter"), max_length=1)

    key_field = "code"
    panels = [FieldPanel("code"), FieldPanel("title")]
    translatable_fields = [TranslatableField("title"), SynchronizedField("code")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="unique_gcm_principle_code_locale"
            )
        ]

    def __str__(self):
        return f"({self.code}) {self.title}"


class GCRArea(Taxonomy):
    """One of the areas in need of support of the Global Compact on Refugees (e.g. 2.1)."""

    code = models.CharField(_("code"), max_length=8)
    group = models.CharField(_("group"), max_length=120)

    key_field = "code"
    panels = [FieldPanel("code"), FieldPanel("group"), FieldPanel("title")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("group"),
        SynchronizedField("code"),
    ]

    class Meta(Taxonomy.Meta):
        verbose_name = _("GCR area in need of support")
        verbose_name_plural = _("GCR areas in need of support")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_gcr_area_code_locale")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class SDG(NumberedTaxonomy):
    """One of the 17 Sustainable Development Goals."""

    class Meta(NumberedTaxonomy.Meta):
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_sdg_number_locale")
        ]


class PopulationGroup(Taxonomy):
    """A group of people a local action serves (migrants, refugees, host communities ...)."""

    slug = models.SlugField(_("slug"), max_length=60)

    panels = [FieldPanel("title"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("title"), SynchronizedField("slug")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("population group")
        verbose_name_plural = _("population groups")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_group_slug_locale")
        ]
