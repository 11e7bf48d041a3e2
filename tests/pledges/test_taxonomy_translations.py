"""The four UN taxonomies (GCM and GCR objectives, GCR areas, SDGs) in French, Spanish and Arabic.

Migration 0011 loads their labels from ``pledges/data/taxonomy_translations.json``;
the practice library in another language shows them instead of the English ones,
also on a server that was already running when the migration ran.
"""

import importlib
import json
import re
from pathlib import Path

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hub.localization import translate
from pledges.models import SDG, GCMObjective, GCRArea, GCRObjective
from tests.search.conftest import publish_practice

DATA = Path(__file__).resolve().parents[2] / "pledges" / "data"
ENGLISH = json.loads((DATA / "taxonomies.json").read_text(encoding="utf-8"))
MIGRATION = "0011_un_taxonomy_translations"
TRANSLATIONS = json.loads((DATA / "taxonomy_translations.json").read_text(encoding="utf-8"))
# model, key in taxonomies.json, stable key field
UN_TAXONOMIES = [
    (GCMObjective, "gcm_objectives", "number"),
    (GCRObjective, "gcr_objectives", "number"),
    (GCRArea, "gcr_areas", "code"),
    (SDG, "sdgs", "number"),
]
ARABIC = re.compile(r"[\u0600-\u06FF]")

GCM_16_EN = "16. Empower migrants and societies to realize full inclusion and social cohesion"
GCM_16_FR = (
    "16. Donner aux migrants et aux sociétés des moyens en faveur de la pleine intégration "
    "et de la cohésion sociale"
)


def rows_by_key(model, key_field):
    """{key: {language: [(title, group)]}} of every row of a taxonomy."""
    fields = [key_field, "locale__language_code", "title"]
    if model is GCRArea:
        fields.append("group")
    found = {}
    for key, language, title, *group in model.objects.values_list(*fields):
        found.setdefault(str(key), {}).setdefault(language, []).append((title, *group))
    return found


def filter_form(html):
    """The library's filter form (its facets), as sent to the browser."""
    return html.split('<form class="library"', 1)[1].split("</form>", 1)[0]


def run_migration():
    """Migration 0011's data step with the models as they were then (no model signal fires)."""
    module = importlib.import_module(f"pledges.migrations.{MIGRATION}")
    state = MigrationExecutor(connection).loader.project_state(("pledges", MIGRATION))
    module.load(state.apps, None)


@pytest.fixture
def french_library(library, translated_home):
    """The practice library at /fr/practices/ (a translation of the English one)."""
    return translate(library, "fr", {})


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "data_key", "key_field"), UN_TAXONOMIES)
def test_every_key_has_one_label_in_each_language(model, data_key, key_field):
    found = rows_by_key(model, key_field)
    assert set(found) == {str(item[key_field]) for item in ENGLISH[data_key]}
    for item in ENGLISH[data_key]:
        languages = found[str(item[key_field])]
        assert set(languages) == {"en", "fr", "es", "ar"}, item
        for language, rows in languages.items():
            assert len(rows) == 1, (item, language)
            assert all(text.strip() for text in rows[0]), (item, language)
        [english] = languages["en"]
        [arabic] = languages["ar"]
        assert english[0] == item["title"]
        for text, english_text in zip(arabic, english, strict=True):
            assert ARABIC.search(text) and text != english_text, (item, arabic)
    # The labels of a language share the English row's translation key.
    keys = model.objects.order_by().values_list("translation_key", flat=True)
    assert keys.distinct().count() == len(ENGLISH[data_key])


@pytest.mark.django_db
def test_french_library_filters_by_french_un_labels(client, library, french_library):
    publish_practice(
        library, title="Welcome desk", gcm=[16], gcr=["2.1"], sdgs=[11], gcr_objectives=[2]
    )
    html = client.get("/fr/practices/").content.decode()
    form = filter_form(html)
    assert GCM_16_FR in form
    assert GCM_16_EN not in html
    assert "11. Villes et communautés durables" in form
    assert "2.1 Éducation" in form
    # The English library keeps the English labels.
    english = filter_form(client.get("/en/practices/").content.decode())
    assert GCM_16_EN in english and GCM_16_FR not in english


@pytest.mark.django_db
def test_migration_reaches_a_server_already_running_on_an_older_database(
    client, library, french_library
):
    """A database migrated before 0011 had the UN taxonomies in English only; a server
    that had shown the French library then shows the French labels right after 0011."""
    publish_practice(library, title="Welcome desk", gcm=[16])
    for model, _data_key, _key_field in UN_TAXONOMIES:
        model.objects.exclude(locale__language_code="en").delete()
    before = filter_form(client.get("/fr/practices/").content.decode())
    assert GCM_16_EN in before and GCM_16_FR not in before

    run_migration()

    after = filter_form(client.get("/fr/practices/").content.decode())
    assert GCM_16_FR in after and GCM_16_EN not in after
    # Running it again changes nothing: still one row per language and key.
    run_migration()
    for model, data_key, key_field in UN_TAXONOMIES:
        found = rows_by_key(model, key_field)
        counts = {len(rows) for languages in found.values() for rows in languages.values()}
        assert counts == {1}, model
        assert model.objects.count() == 4 * len(ENGLISH[data_key])


@pytest.mark.django_db
def test_the_migration_keeps_a_title_an_editor_wrote_and_translates_an_english_copy():
    from pledges.models import SDG, GCMObjective

    edited = GCMObjective.objects.get(number=16, locale__language_code="fr")
    edited.title = "Autonomiser les migrants (libellé de l'équipe)"
    edited.save()
    english_copy = SDG.objects.get(number=11, locale__language_code="es")
    english_copy.title = SDG.objects.get(number=11, locale__language_code="en").title
    english_copy.save()  # what translating a snippet without changing its text leaves

    run_migration()

    edited.refresh_from_db()
    english_copy.refresh_from_db()
    assert edited.title == "Autonomiser les migrants (libellé de l'équipe)"
    assert english_copy.title == TRANSLATIONS["sdgs"]["11"]["es"]
