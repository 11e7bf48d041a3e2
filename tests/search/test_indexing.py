"""The library reflects every change at once: publish, unpublish, edit, translate, taxonomies."""

import io

import pytest

from django.core.management import call_command

from wagtail.models import Locale, PageViewRestriction

from hub.localization import translate
from pledges.models import LocalGovernment, Theme
from search.forms import PracticeFilter
from search.models import PracticeRecord
from search.services import search_practices
from tests.search.conftest import english, publish_practice

LIBRARY = "/en/practices/"


def titles(client, url=LIBRARY, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [hit.title for hit in response.context["result"].results]


@pytest.mark.django_db
def test_publishing_adds_and_unpublishing_removes(client, library):
    assert titles(client) == []
    page = publish_practice(library, title="Night school for adults", themes=["children-youth"])
    assert titles(client) == ["Night school for adults"]
    assert titles(client, theme="children-youth") == ["Night school for adults"]
    page.unpublish()
    assert titles(client) == []
    assert not PracticeRecord.objects.exists()


@pytest.mark.django_db
def test_a_draft_is_not_listed_until_published(client, library):
    page = publish_practice(library, title="Housing guarantee", themes=["access-to-services"])
    page.title = "Housing guarantee fund (draft)"
    page.save_revision()
    assert titles(client) == ["Housing guarantee"]
    page.get_latest_revision().publish()
    assert titles(client) == ["Housing guarantee fund (draft)"]


@pytest.mark.django_db
def test_editing_themes_moves_the_practice_between_facets(client, library):
    page = publish_practice(library, title="Clinic", themes=["access-to-services"])
    page.themes.set([english(Theme, slug="climate")])
    page.save_revision().publish()
    assert titles(client, theme="climate") == ["Clinic"]
    assert titles(client, theme="access-to-services") == []


@pytest.mark.django_db
def test_deleting_removes(client, library):
    page = publish_practice(library, title="Bus passes")
    page.delete()
    assert titles(client) == []
    assert titles(client, q="bus") == []


@pytest.mark.django_db
def test_a_translation_stands_in_for_its_original_in_its_language(client, libraries):
    page = publish_practice(
        libraries["en"], title="Job fair", themes=["employment-entrepreneurship"]
    )
    # Before any translation, every library lists the English original.
    for code in ("en", "fr", "es", "ar"):
        assert titles(client, f"/{code}/practices/") == ["Job fair"], code
    translate(page, "fr", {"Job fair": "Salon de l'emploi"})
    assert titles(client, "/fr/practices/") == ["Salon de l'emploi"]
    assert titles(client) == ["Job fair"]
    assert titles(client, "/es/practices/") == ["Job fair"]
    # Same facet keys in both languages, label in French.
    french = client.get("/fr/practices/", {"theme": "employment-entrepreneurship"})
    assert [hit.title for hit in french.context["result"].results] == ["Salon de l'emploi"]
    assert [hit.language for hit in french.context["result"].results] == ["fr"]
    assert "Emploi et entrepreneuriat" in french.content.decode()
    assert titles(client, "/fr/practices/", q="salon") == ["Salon de l'emploi"]


@pytest.mark.django_db
def test_unpublishing_or_deleting_a_translation_brings_back_the_original(client, libraries):
    page = publish_practice(libraries["en"], title="Legal aid")
    french = translate(page, "fr", {"Legal aid": "Aide juridique"})
    assert titles(client, "/fr/practices/") == ["Aide juridique"]
    french.unpublish()
    assert titles(client, "/fr/practices/") == ["Legal aid"]
    assert titles(client, "/fr/practices/", q="juridique") == []
    french.get_latest_revision().publish()
    assert titles(client, "/fr/practices/") == ["Aide juridique"]
    french.delete()
    assert titles(client, "/fr/practices/") == ["Legal aid"]
    assert PracticeRecord.objects.filter(language="fr").count() == 1


@pytest.mark.django_db
def test_an_unpublished_original_leaves_its_published_translation(client, libraries):
    page = publish_practice(libraries["en"], title="Night shelter")
    translate(page, "fr", {"Night shelter": "Abri de nuit"})
    page.unpublish()
    for code in ("en", "fr", "es", "ar"):
        assert titles(client, f"/{code}/practices/") == ["Abri de nuit"], code


@pytest.mark.django_db
def test_a_practice_written_in_french_is_in_every_library_in_french(client, libraries):
    page = publish_practice(
        libraries["fr"], title="Maison des solidarités", body_text="Un accueil de quartier."
    )
    for code in ("en", "fr", "es", "ar"):
        response = client.get(f"/{code}/practices/", {"q": "quartier"})
        [hit] = response.context["result"].results
        assert (hit.title, hit.language, hit.url) == (
            "Maison des solidarités",
            "fr",
            "/fr/practices/maison-des-solidarites/",
        )
    # Translated into English by wagtail-localize: still a French original, so the
    # Spanish library keeps the French text, not the English translation.
    translate(page, "en", {"Maison des solidarités": "Solidarity house"})
    assert titles(client) == ["Solidarity house"]
    assert titles(client, "/es/practices/") == ["Maison des solidarités"]


@pytest.mark.django_db
def test_an_alias_gives_the_address_in_the_visitors_language(client, libraries):
    """wagtail-localize's synchronised trees alias untranslated pages: same content, own URL."""
    page = publish_practice(libraries["en"], title="Mobile clinic")
    alias = page.copy_for_translation(Locale.objects.get(language_code="fr"), alias=True)
    assert alias.alias_of_id == page.pk
    [hit] = client.get("/fr/practices/").context["result"].results
    assert (hit.title, hit.language, hit.url) == (
        "Mobile clinic",
        "en",
        "/fr/practices/mobile-clinic/",
    )
    [hit] = client.get("/es/practices/").context["result"].results
    assert hit.url == "/en/practices/mobile-clinic/"
    # A new version of the original reaches the alias too, once.
    page.title = "Mobile health clinic"
    page.save_revision().publish()
    assert titles(client, "/fr/practices/") == ["Mobile health clinic"]


@pytest.mark.django_db
def test_a_private_practice_leaves_every_library(client, libraries):
    page = publish_practice(libraries["en"], title="Staff training")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    for code in ("en", "fr", "ar"):
        assert titles(client, f"/{code}/practices/") == [], code
    restriction.delete()
    assert titles(client, "/ar/practices/") == ["Staff training"]


@pytest.mark.django_db
def test_taxonomy_label_edit_shows_at_once(client, library):
    publish_practice(library, title="Solar kits", themes=["climate"])
    theme = english(Theme, slug="climate")
    theme.title = "Climate and the environment"
    theme.save()
    html = client.get(LIBRARY).content.decode()
    assert "Climate and the environment" in html


@pytest.mark.django_db
def test_government_edit_updates_country_region_and_full_text(client, library):
    government = LocalGovernment.objects.create(
        name="Springfield", country="MA", locale=Locale.get_default()
    )
    publish_practice(library, title="Welcome packs", government=government)
    assert titles(client, region="africa") == ["Welcome packs"]
    government.country = "BR"
    government.name = "Shelbyville"
    government.save()
    assert titles(client, region="africa") == []
    assert titles(client, region="americas", country="BR") == ["Welcome packs"]
    assert titles(client, q="shelbyville") == ["Welcome packs"]


@pytest.mark.django_db
def test_library_slug_change_updates_addresses(client, library, django_capture_on_commit_callbacks):
    publish_practice(library, title="Translators on call")
    library.slug = "library"
    # Wagtail announces a slug change once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        library.save_revision().publish()
    result = search_practices(PracticeFilter.build("en"))
    assert result.results[0].url == "/en/library/translators-on-call/"


@pytest.mark.django_db
def test_rebuild_command(client, library):
    publish_practice(library, title="Legal clinic")
    PracticeRecord.objects.all().delete()
    call_command("rebuild_practice_index", stdout=io.StringIO())
    assert titles(client) == ["Legal clinic"]
