"""French, Spanish and Arabic labels of the four UN taxonomies.

GCM objectives, GCR objectives, GCR areas in need of support (title and group)
and SDGs were loaded in English only by 0002. This migration creates their
fr/es/ar rows from ``pledges/data/taxonomy_translations.json``, keyed by locale
and the stable key field, and translates rows that still hold the English
title; a title an editor already wrote is kept. It can run again and on
databases created before. Each row takes the English row's ``translation_key``: on every database
0002 made, the uuid5 of ``"Model:key"`` in its namespace.

The practice library keeps each language's facet labels in the memory of every
server until the index version changes; rows written here send no model signal
that the search app listens to, so the versions are moved on at the end.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("fr", "es", "ar")

# model name, key in taxonomies.json / taxonomy_translations.json, stable key field
TAXONOMIES = [
    ("GCMObjective", "gcm_objectives", "number"),
    ("GCRObjective", "gcr_objectives", "number"),
    ("GCRArea", "gcr_areas", "code"),
    ("SDG", "sdgs", "number"),
]


def translated_fields(label):
    """``{"title": ...}``, or the title and group of a GCR area (``{"title", "group"}``)."""
    if isinstance(label, dict):
        return {"title": label["title"], "group": label["group"]}
    return {"title": label}


def load(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    data = json.loads((DATA / "taxonomies.json").read_text(encoding="utf-8"))
    translations = json.loads((DATA / "taxonomy_translations.json").read_text(encoding="utf-8"))
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    for model_name, data_key, key_field in TAXONOMIES:
        model = apps.get_model("pledges", model_name)
        for item in data[data_key]:
            key = item[key_field]
            source = model.objects.filter(locale=english, **{key_field: key}).first()
            if source is None:  # removed by an editor: no translation without its English row
                continue
            tkey = source.translation_key
            labels = translations[data_key][str(key)]
            for code in LANGUAGES:
                fields = {**translated_fields(labels[code]), "translation_key": tkey}
                row = model.objects.filter(locale=locales[code], **{key_field: key}).first()
                if row is None:
                    model.objects.create(locale=locales[code], **{key_field: key}, **fields)
                elif row.title in ("", source.title):
                    # Still the English copy: translate it. A title an editor wrote is kept.
                    model.objects.filter(pk=row.pk).update(**fields)
    # Every server reloads the facet labels (search.indexing.bump_index_version).
    PracticeIndexState = apps.get_model("search", "PracticeIndexState")
    for code, _name in settings.LANGUAGES:
        PracticeIndexState.objects.update_or_create(
            language=code, defaults={"version": uuid.uuid4().hex}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0010_content_image_alt_text_and_blocks_per_page_type"),
        ("search", "0008_reindex_for_gcr_objective_facet"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
