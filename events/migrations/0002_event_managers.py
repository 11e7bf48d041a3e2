"""The "Event managers" group: the only people (with superusers) who see registrations."""

from django.db import migrations

from hub.roles import PAGE_PERMISSIONS, ensure_group

EVENT_MANAGERS = "Event managers"
REGISTRATION_PERMISSIONS = [
    "events.view_eventregistration",
    "events.change_eventregistration",
]


def create_group(apps, schema_editor):
    group = ensure_group(apps, EVENT_MANAGERS, permissions=REGISTRATION_PERMISSIONS)
    # Edit rights on the events section where it already exists (the demo adds them too).
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    for index in EventIndexPage.objects.all():
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=index.pk, permission=permission
            )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EVENT_MANAGERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
