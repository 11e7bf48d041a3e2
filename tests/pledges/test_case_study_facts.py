"""The case study's facts: GCM guiding principles, GCR objectives and the primary GCM objectives,
in the visitor's language; the open-data page and its columns in French, Spanish and Arabic."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hub.localization import translate
from pledges.models import GCMObjective, GCMPrinciple, GCRObjective, LocalActionPage
from pledges.opendata.columns import TABULAR_FILES
from tests.pledges.factories import LocalActionPageFactory, LocalGovernmentFactory, english


def facts(html):
    """The text of the facts aside, tags removed and spaces collapsed."""
    aside = html.split('<aside class="facts"', 1)[1].split("</aside>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", aside))


@pytest.fixture
def case_study(library):
    page = LocalActionPageFactory(
        parent=library,
        title="Amman: One-stop welcome centre",
        local_government=LocalGovernmentFactory(name="Amman", slug="amman", country="JO"),
    )
    page.gcm_objectives.set([english(GCMObjective, number=15), english(GCMObjective, number=16)])
    page.gcm_objectives_primary.set([english(GCMObjective, number=16)])
    page.gcm_principles.set([english(GCMPrinciple, code="a"), english(GCMPrinciple, code="f")])
    page.gcr_objectives.set([english(GCRObjective, number=2)])
    page.save_revision().publish()
    return LocalActionPage.objects.get(pk=page.pk)


def test_facts_show_principles_gcr_objectives_and_the_primary_objective(client, case_study):
    html = client.get(case_study.url).content.decode()
    text = facts(html)
    assert "Global Compact for Migration guiding principles a People-centred f Human rights" in text
    assert "Global Compact on Refugees objectives 2 Enhance refugee self-reliance" in text
    # Objective 16 is primary and says so in words; 15 is not.
    sixteen = english(GCMObjective, number=16).title
    fifteen = english(GCMObjective, number=15).title
    assert f"16 {sixteen} Primary" in text
    assert f"15 {fifteen} 16" in text  # no label after 15
    assert '<strong class="objective-primary">Primary</strong>' in html


def test_facts_in_french(client, library, case_study, translated_home):
    translate(library, "fr", {})
    french = translate(case_study, "fr", {case_study.title: "Amman : guichet unique d'accueil"})
    text = facts(client.get(french.url).content.decode())
    principle = GCMPrinciple.objects.get(code="a", locale__language_code="fr").title
    assert principle == "Priorité à la dimension humaine"
    assert "Principes directeurs du Pacte mondial sur les migrations" in text
    assert f"a {principle} f Droits de l'homme" in text.replace("&#x27;", "'")
    assert "Objectifs du Pacte mondial sur les réfugiés" in text
    gcr = GCRObjective.objects.get(number=2, locale__language_code="fr").title
    assert gcr == "Renforcer l'autonomie des réfugiés"
    assert f"2 {gcr}" in text.replace("&#x27;", "'")
    assert "Principal" in text and "Primary" not in text


def test_facts_add_no_query_on_a_warm_page(client, case_study):
    client.get(case_study.url)
    client.get(case_study.url)
    with CaptureQueriesContext(connection) as warm:
        client.get(case_study.url)
    tables = " ".join(query["sql"] for query in warm.captured_queries)
    assert "pledges_gcmprinciple" not in tables and "pledges_gcrobjective" not in tables
    assert "pledges_gcmobjective" not in tables


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_open_data_title_and_description_is_translated(language):
    """Each file's and column's title and description has a translation in the catalogue."""
    texts = set()
    for data_file in TABULAR_FILES:
        texts.update([data_file.title, data_file.description])
        for column in data_file.columns:
            texts.update([column.title, column.description])
    catalog = translation.trans_real.translation(language)._catalog
    assert sorted(msgid for msgid in map(_msgid, texts) if msgid not in catalog) == []


def _msgid(text):
    """The English source of a lazy translation (for ``title_<language>``, its pattern)."""
    with translation.override("en"):
        english_text = str(text)
    return re.sub(r"^Title \((en|fr|es|ar)\)$", "Title ({language})", english_text)


def test_open_data_page_in_french_spanish_and_arabic(client, translated_home):
    from pledges.demo import seed_open_data

    class Context:
        home = translated_home

        @staticmethod
        def log(message):
            pass

    seed_open_data(Context)
    expected = {
        "fr": ("Pacte mondial pour des migrations sûres", "Une ligne par pratique et par thème"),
        "es": ("Pacto Mundial para la Migración Segura", "El año en que comenzó la acción."),
        "ar": ("الاتفاق العالمي من أجل الهجرة الآمنة", "السنة التي بدأ فيها الإجراء."),
    }
    for language, (introduction, column) in expected.items():
        html = client.get(f"/{language}/open-data/").content.decode()
        assert introduction in html, language
        assert column in html, language
        assert "The year the action started." not in html, language
