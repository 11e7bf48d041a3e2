"""Load the reference taxonomies (English) and the shipped fr/es/ar labels.

Data comes from the project's copy in ``pledges/data/``. Translation keys are
derived from the stable keys (uuid5), so every database gets the same ones.
The fr/es/ar labels of the four UN taxonomies (GCM and GCR objectives, GCR
areas, SDGs) are loaded by 0011_un_taxonomy_translations, not here.
"""

import json
import uuid
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
NAMESPACE = uuid.UUID("5b0c1d2e-7f3a-4c47-9d0e-6a1f2b3c4d5e")

# model name, key in taxonomies.json, stable key field
TAXONOMIES = [
    ("Theme", "themes", "slug"),
    ("GCMObjective", "gcm_objectives", "number"),
    ("GCRObjective", "gcr_objectives", "number"),
    ("GCRArea", "gcr_areas", "code"),
    ("SDG", "sdgs", "number"),
    ("PopulationGroup", "population_groups", "slug"),
]


# The taxonomies whose shipped translations this migration loads (0011 loads the others).
TRANSLATED_HERE = {"themes", "population_groups"}


def translation_key(model_name, key):
    return uuid.uuid5(NAMESPACE, f"{model_name}:{key}")


def load(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    data = json.loads((DATA / "taxonomies.json").read_text(encoding="utf-8"))
    translations = json.loads((DATA / "taxonomy_translations.json").read_text(encoding="utf-8"))
    english = Locale.objects.get(language_code="en")
    for model_name, data_key, key_field in TAXONOMIES:
        model = apps.get_model("pledges", model_name)
        for order, item in enumerate(data[data_key]):
            fields = {k: v for k, v in item.items() if k not in (key_field, "report_2022_count")}
            if model_name == "Theme":
                fields["sort_order"] = order
            tkey = translation_key(model_name, item[key_field])
            model.objects.update_or_create(
                locale=english,
                **{key_field: item[key_field]},
                defaults={**fields, "translation_key": tkey},
            )
            shipped = translations.get(data_key, {}) if data_key in TRANSLATED_HERE else {}
            for code, title in shipped.get(item[key_field], {}).items():
                locale, _ = Locale.objects.get_or_create(language_code=code)
                model.objects.update_or_create(
                    locale=locale,
                    **{key_field: item[key_field]},
                    defaults={**fields, "title": title, "translation_key": tkey},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0001_initial"),
        ("hub", "0002_locales_and_communications_group"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
