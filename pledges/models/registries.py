"""Where a practice has been sent: one record per practice and global registry.

The campaign promises that local actions are "elevated" to three knowledge
platforms (``pledges.registries`` maps a practice onto each). Editors record
here what happened on each platform; a published record's link appears on the
public case study ("Also on: ...") and in the open data's ``registries`` column.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryPublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=RegistryPublication.PUBLISHED).exclude(url="")

    def for_practice(self, page):
        return self.filter(translation_key=page.translation_key)


class RegistryPublication(models.Model):
    """A practice's status on one registry, shared by every translation of its case study.

    Keyed by the case study's ``translation_key`` (not the page id): the French
    and English pages of one practice are one record on the Migration Network
    Hub. The codes (``mnh``, ``unhcr``, ``gfmd``) and field names are read by
    the open data; keep them stable.
    """

    MNH = "mnh"
    UNHCR = "unhcr"
    GFMD = "gfmd"
    REGISTRY_CHOICES = [
        (MNH, _("Migration Network Hub")),
        (UNHCR, _("UNHCR Global Compact on Refugees Digital Platform")),
        (GFMD, _("GFMD Platform for Partnerships")),
    ]

    NOT_SENT = "not_sent"
    SENT = "sent"
    PUBLISHED = "published"
    STATUS_CHOICES = [
        (NOT_SENT, _("Not sent")),
        (SENT, _("Sent")),
        (PUBLISHED, _("Published")),
    ]

    translation_key = models.UUIDField(
        _("practice"), db_index=True, help_text=_("The translation key of the case study.")
    )
    registry = models.CharField(_("registry"), max_length=10, choices=REGISTRY_CHOICES)
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=NOT_SENT)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    url = models.URLField(
        _("address on the registry"),
        max_length=500,
        blank=True,
        help_text=_("The public address of the practice on the registry, once published."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistryPublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registry publication")
        verbose_name_plural = _("registry publications")
        ordering = ["translation_key", "registry"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "registry"], name="unique_registry_per_practice"
            )
        ]

    def __str__(self):
        return f"{self.get_registry_display()}: {self.get_status_display()}"

    @property
    def is_public(self):
        """Shown on the case study: published, at an address."""
        return self.status == self.PUBLISHED and bool(self.url)


def public_links(page):
    """The registries a practice is published on, in the registries' order (for its page)."""
    order = [code for code, _label in RegistryPublication.REGISTRY_CHOICES]
    found = RegistryPublication.objects.published().for_practice(page)
    return sorted(found, key=lambda publication: order.index(publication.registry))
