from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Peer-learning events and registrations."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import signals
        from events.services import home_section_context, home_section_expires
        from hub.home import register_home_section

        signals.connect()

        register_home_section(
            "upcoming_events",
            "events/includes/home_upcoming.html",
            home_section_context,
            order=40,
            expires=home_section_expires,
        )
