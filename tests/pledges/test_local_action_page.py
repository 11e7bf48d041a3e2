"""Case-study pages, LRG profiles, regions, the home section."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from hub.localization import translate
from hub.pagecache import invalidate_site
from pledges.models import GCMObjective, LocalActionPage, LocalGovernment, Theme
from pledges.regions import SUBREGION_CHOICES, m49_table, regions_for_country
from tests.pledges.factories import (
    EndorsementFactory,
    LocalActionPageFactory,
    LocalGovernmentFactory,
    bulk_local_actions,
    english,
)


def make_case_study(library, **kwargs):
    page = LocalActionPageFactory(
        parent=library,
        title="Amman: One-stop welcome centre",
        local_government=LocalGovernmentFactory(name="Amman", slug="amman", country="JO"),
        themes=[english(Theme, slug="access-to-services")],
        **kwargs,
    )
    page.gcm_objectives.set([english(GCMObjective, number=15)])
    image = Image.objects.create(title="Welcome desk", file=get_test_image_file())
    page.gallery = [("image", {"image": image, "alt_text": "A welcome desk", "caption": "Desk"})]
    page.save_revision().publish()
    return LocalActionPage.objects.get(pk=page.pk)


def test_case_study_shows_facts_gallery_contact_and_json_ld(client, library):
    page = make_case_study(library)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amman" in html and "Jordan" in html and "Asia" in html and "Western Asia" in html
    assert "Access to services" in html
    assert '<span class="objective-number">15</span> Provide access to basic services' in html
    assert 'alt="A welcome desk"' in html and "/media/images/" in html  # a rendition
    assert "Contact for replication" in html and "amina@example.org" in html
    assert "The challenge" in html and "How to replicate" in html
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    assert data["@type"] == "Article" and data["headline"] == page.title
    assert data["author"]["address"]["addressCountry"] == "JO"


def test_contact_is_hidden_without_consent(client, library):
    page = make_case_study(library, contact_is_public=False)
    html = client.get(page.url).content.decode()
    assert "amina@example.org" not in html and "Contact for replication" not in html


def test_related_practices_share_a_theme_or_region(client, library):
    page = make_case_study(library)
    same_theme = LocalActionPageFactory(
        parent=library, title="Same theme", themes=[english(Theme, slug="access-to-services")]
    )
    LocalActionPageFactory(
        parent=library, title="Unrelated", themes=[english(Theme, slug="climate")]
    )
    html = client.get(page.url).content.decode()
    assert same_theme.title in html
    assert "Unrelated" not in html


def test_case_study_query_count_is_the_same_with_70_and_700_actions(
    client, library, django_assert_num_queries, settings
):
    settings.FRAGMENT_CACHE_ENABLED = False  # what building the page costs
    page = make_case_study(library)
    themes = [english(Theme, slug="access-to-services")]
    bulk_local_actions(library, 70, government=page.local_government, themes=themes)
    client.get(page.url)  # renditions created, caches warm
    with CaptureQueriesContext(connection) as at_70:
        client.get(page.url)
    bulk_local_actions(library, 630, government=page.local_government, themes=themes, start=70)
    invalidate_site("actions added")  # what publishing does; bulk inserts bypass it
    client.get(page.url)  # the new generation's caches filled
    with django_assert_num_queries(len(at_70.captured_queries)):
        response = client.get(page.url)
    assert response.status_code == 200


def test_french_translation_shows_french_labels(client, library, translated_home):
    page = make_case_study(library)
    translate(library, "fr", {})
    french = translate(page, "fr", {page.title: "Amman : guichet unique d'accueil"})
    assert [t.slug for t in french.themes.all()] == ["access-to-services"]
    response = client.get(french.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "guichet unique" in html
    assert "Accès aux services" in html  # the shipped French label of the theme


def test_admin_can_create_a_local_action_page(admin_client, library):
    government = LocalGovernmentFactory()
    theme = english(Theme, slug="climate")
    url = reverse("wagtailadmin_pages:add", args=("pledges", "localactionpage", library.id))
    data = nested_form_data(
        {
            "title": "Flood resettlement",
            "slug": "flood-resettlement",
            "summary": "Families displaced by floods get homes.",
            "local_government": government.pk,
            "status": "ongoing",
            "start_year": 2020,
            "partners": "",
            "body": streamfield([("challenge", rich_text("<p>Floods.</p>"))]),
            "gallery": streamfield([]),
            "documents": streamfield([]),
            "contact_name": "",
            "contact_role": "",
            "contact_email": "",
            "action-publish": "publish",
        }
    )
    data["themes"] = [theme.pk]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LocalActionPage.objects.get(slug="flood-resettlement")
    assert page.live and list(page.themes.all()) == [theme]


def test_local_government_profile(client, library):
    page = make_case_study(library)
    government = page.local_government
    EndorsementFactory(government_name="Amman", country="JO", local_government=government)
    response = client.get(f"/en/local-governments/{government.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Amman</h1>" in html
    assert "Endorsed on" in html and "Lena Schmidt" in html
    assert page.title in html
    assert client.get("/en/local-governments/nowhere/").status_code == 404


def test_region_is_derived_from_the_country(db):
    government = LocalGovernmentFactory(country="co")
    assert (government.country, government.region, government.subregion) == (
        "CO",
        "americas",
        "latin-america-and-the-caribbean",
    )
    assert regions_for_country("NG") == ("africa", "sub-saharan-africa")
    assert regions_for_country("ZZ") == ("", "")
    known = {value for value, _ in SUBREGION_CHOICES}
    assert {sub for _, sub in m49_table().values()} <= known
    assert LocalGovernment.objects.get(pk=government.pk).region == "americas"


def test_home_page_shows_campaign_figures_and_latest_actions(client, library, call_page):
    page = make_case_study(library)
    html = client.get("/en/").content.decode()
    assert "The Call to Local Action" in html
    assert page.title in html
