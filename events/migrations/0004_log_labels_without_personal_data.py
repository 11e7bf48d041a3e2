"""Admin log entries of registrations were labelled "Name <email>": relabel them.

Wagtail keeps ``str(registration)`` as each entry's label. From now on that is
"Registration #<id> for <event>"; this rewrites the entries recorded before,
and empties any data they kept, so no log outlives the registration purge.
"""

from django.db import migrations


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    EventRegistration = apps.get_model("events", "EventRegistration")
    content_type = ContentType.objects.filter(app_label="events", model="eventregistration").first()
    if content_type is None:
        return
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    ids = {int(pk) for pk in entries.values_list("object_id", flat=True) if pk.isdigit()}
    titles = dict(EventRegistration.objects.filter(pk__in=ids).values_list("pk", "event__title"))
    for entry in entries.only("pk", "object_id").iterator():
        pk = int(entry.object_id) if entry.object_id.isdigit() else entry.object_id
        title = titles.get(pk)
        label = f"Registration #{pk} for {title}" if title else f"Registration #{pk}"
        ModelLogEntry.objects.filter(pk=entry.pk).update(label=label, data={})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_email_confirmation"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
