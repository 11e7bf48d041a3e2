"""PostgreSQL: one partial GIN full-text index per language (SQLite uses FTS5 instead)."""

from django.db import migrations

# Same table as search.engines.database.POSTGRES_CONFIGS (copied: migrations stay frozen).
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "simple"}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_practice_fts_{language} "
            f"ON search_practicerecord USING gin (to_tsvector('{config}'::regconfig, document)) "
            f"WHERE language = '{language}'"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_practice_fts_{language}")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_editors_manage_search_promotions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
