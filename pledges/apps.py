from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    """The campaign: call to action, endorsements, local actions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pledges"
    verbose_name = _("Campaign")

    def ready(self):
        from django.db.models.signals import pre_save

        from wagtail.images import get_image_model

        from hub.home import register_home_section
        from pledges.images import strip_uploaded_image
        from pledges.moderation import connect_signals
        from pledges.services import home_section_context

        # Images uploaded in the admin lose their EXIF/GPS/XMP like the public's.
        pre_save.connect(
            strip_uploaded_image, sender=get_image_model(), dispatch_uid="pledges-strip-image"
        )

        # The workflow's and task's names in the admin user's language.
        connect_signals()

        register_home_section(
            "pledges-campaign", "pledges/home_section.html", home_section_context, order=10
        )
