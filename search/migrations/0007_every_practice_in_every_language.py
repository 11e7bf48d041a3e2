"""Every practice in every language's library (DESIGN.md, "Languages").

A record is now one practice as one language's library shows it, so a page
(an English original shown in four libraries) has up to one record per
language: the tables are recreated with their own ids, and SQLite gets one
FTS5 table per language (rowid = the page shown) in place of the shared one.
The index is derived data: ``search.apps`` rebuilds it after ``migrate`` when
it is empty and live practices exist.
"""

import django.db.models.deletion
from django.db import migrations, models

# Copied from search.engines.database (migrations stay frozen).
LANGUAGES = ("en", "fr", "es", "ar")
POSTGRES_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "simple"}
FTS_COLUMNS = "title, summary, body, lrg, country"
FTS_OPTIONS = "tokenize = 'porter unicode61 remove_diacritics 2'"


def create_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_practicefts")
        for language in LANGUAGES:
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS search_practicefts_{language} "
                f"USING fts5({FTS_COLUMNS}, {FTS_OPTIONS})"
            )
    elif vendor == "postgresql":
        for language, config in POSTGRES_CONFIGS.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS search_practice_fts_{language} "
                f"ON search_practicerecord "
                f"USING gin (to_tsvector('{config}'::regconfig, document)) "
                f"WHERE language = '{language}'"
            )
    # Every server reloads its postings: the old ones describe other rows.
    apps.get_model("search", "PracticeIndexState").objects.all().delete()


def drop_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for language in LANGUAGES:
            schema_editor.execute(f"DROP TABLE IF EXISTS search_practicefts_{language}")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_practicefts "
            f"USING fts5({FTS_COLUMNS}, {FTS_OPTIONS})"
        )
    apps.get_model("search", "PracticeIndexState").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_postgres_fulltext_indexes"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.DeleteModel(name="PracticeFacetValue"),
        migrations.DeleteModel(name="PracticeRecord"),
        migrations.CreateModel(
            name="PracticeRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=16, verbose_name="library language")),
                (
                    "text_language",
                    models.CharField(max_length=16, verbose_name="language of the text"),
                ),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                ("sort_title", models.CharField(max_length=255, verbose_name="title for sorting")),
                ("url", models.CharField(max_length=1000, verbose_name="address")),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                (
                    "lrg",
                    models.CharField(
                        blank=True, max_length=255, verbose_name="local or regional government"
                    ),
                ),
                ("country", models.CharField(blank=True, max_length=2, verbose_name="country")),
                ("region", models.CharField(blank=True, max_length=16, verbose_name="region")),
                ("status", models.CharField(blank=True, max_length=16, verbose_name="status")),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="start year"
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="first published"),
                ),
                ("document", models.TextField(blank=True, verbose_name="searchable text")),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="page shown",
                    ),
                ),
            ],
            options={
                "verbose_name": "indexed practice",
                "verbose_name_plural": "indexed practices",
                "indexes": [
                    models.Index(fields=["language", "sort_title"], name="search_practice_title"),
                    models.Index(
                        fields=["language", "-year", "-published_at"],
                        name="search_practice_newest",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("language", "page"), name="search_practice_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PracticeFacetValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=16, verbose_name="library language")),
                ("facet", models.CharField(max_length=16, verbose_name="facet")),
                ("value", models.CharField(max_length=64, verbose_name="value")),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.page",
                        verbose_name="page shown",
                    ),
                ),
            ],
            options={
                "verbose_name": "facet value of a practice",
                "verbose_name_plural": "facet values of practices",
                "indexes": [
                    models.Index(
                        fields=["language", "facet", "value", "practice"],
                        name="search_facet_count",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("language", "practice", "facet", "value"),
                        name="search_facet_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(create_fulltext, drop_fulltext),
    ]
