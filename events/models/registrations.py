"""Registrations: personal data seen only by event managers, never indexed or exposed."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token():
    """A secret for the manage/cancel link: 256 random bits, unrelated to the id."""
    return secrets.token_urlsafe(32)


def log_label(registration_id, event_title):
    """How a registration is named wherever it is recorded (admin log, headings)."""
    if not event_title:
        return _("Registration #%(id)s") % {"id": registration_id}
    return _("Registration #%(id)s for %(event)s") % {"id": registration_id, "event": event_title}


class EventRegistration(models.Model):
    """One person's registration for an event: unconfirmed, confirmed, waitlisted or cancelled.

    An unconfirmed registration is a request whose email address has not been
    confirmed yet: it holds no seat, is not on the waiting list, is counted
    nowhere and expires after ``settings.EMAIL_CONFIRMATION_HOURS``.

    The rules (capacity, waiting list, promotion, deadlines) live in
    ``events.services``; this model only says what a registration is.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email address not confirmed yet")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        REGISTRANT = "registrant", _("The registrant")
        MANAGER = "manager", _("An event manager")

    # The registrations that hold a seat or a place in line (never the unconfirmed ones).
    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role or position"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    needs = models.TextField(
        _("accessibility or interpretation needs"), max_length=1000, blank=True
    )
    consent = models.BooleanField(_("consent to data processing"), default=False)
    local_government = models.ForeignKey(
        "pledges.LocalGovernment",
        verbose_name=_("local or regional government"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=20, choices=CancelledBy.choices, blank=True
    )
    reminder_24h_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_1h_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"]) & ~Q(email=""),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self):
        # Wagtail's admin log keeps this as the entry's label: never a name or an email.
        return log_label(self.pk, self.event.title if self.event_id else "")

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def status_label(self):
        """The status in words, in the active language (the export puts it beside the code)."""
        return self.get_status_display()

    @property
    def country_name(self):
        """The country's name in the active language (the export puts it beside the code)."""
        from pledges.regions import country_name

        return country_name(self.country) if self.country else ""

    @property
    def language_name(self):
        """The language the registrant used, by name."""
        from django.utils.translation import get_language_info

        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language
