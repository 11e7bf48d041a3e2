"""The library's facet 'gcr_objective' (GCR objectives 1-4): existing indexes get its values.

The index is derived data (migration 0007): this empties it, and ``search.apps``
rebuilds it after ``migrate`` (it rebuilds an empty index beside live practices)
with every facet the code indexes now, Elasticsearch's index and mapping included.
Emptying the versions makes every running server reload its postings and labels.
"""

from django.db import migrations

# Copied from search.engines.database (migrations stay frozen).
LANGUAGES = ("en", "fr", "es", "ar")


def empty_practice_index(apps, schema_editor):
    # Plain statements: a row-by-row delete would send a signal per facet value.
    tables = ["search_practicefacetvalue", "search_practicerecord", "search_practiceindexstate"]
    if schema_editor.connection.vendor == "sqlite":
        tables += [f"search_practicefts_{language}" for language in LANGUAGES]
    for table in tables:
        schema_editor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_every_practice_in_every_language"),
    ]

    operations = [
        # Both ways: the older code rebuilds the index without the facet just the same.
        migrations.RunPython(empty_practice_index, empty_practice_index),
    ]
