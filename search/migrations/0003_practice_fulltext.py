"""The full-text table of the practice index (SQLite FTS5; PostgreSQL needs none)."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_practicefts USING fts5("
    "title, summary, body, lrg, country, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_practicefts")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_practicerecord_practicefacetvalue")]

    operations = [migrations.RunPython(create_fts, drop_fts)]
