"""Communications editors manage promoted search results (wagtail.contrib.search_promotions)."""

from django.db import migrations

from hub.roles import ensure_group

PERMISSIONS = [
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
]


def grant(apps, schema_editor):
    ensure_group(apps, "Communications", permissions=PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_practice_index_state"),
        ("hub", "0002_locales_and_communications_group"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
