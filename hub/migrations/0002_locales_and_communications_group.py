from django.conf import settings
from django.db import migrations

from hub.roles import PAGE_PERMISSIONS, ensure_group


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def create_communications_group(apps, schema_editor):
    ensure_group(
        apps,
        "Communications",
        permissions=[
            "hub.add_navigationmenu",
            "hub.change_navigationmenu",
            "hub.add_footertext",
            "hub.change_footertext",
            "hub.add_partner",
            "hub.change_partner",
            "hub.change_sitesettings",
            "wagtail_localize.submit_translation",
        ],
        page_permissions=PAGE_PERMISSIONS,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        migrations.RunPython(create_communications_group, migrations.RunPython.noop),
    ]
