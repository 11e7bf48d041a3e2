"""Registry records: a practice mapped onto the Migration Network Hub, UNHCR's GCR Digital
Platform and the GFMD Platform for Partnerships; what each lacks; where it was published."""

# ruff: noqa: F811  (fixtures imported from other folders, then requested by name)

import csv
import io
import json

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from hub.localization import translate
from pledges import registries
from pledges.models import (
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalActionPage,
    PopulationGroup,
    RegistryPublication,
    Theme,
)
from tests.factories import UserFactory
from tests.pledges.factories import LocalActionPageFactory, LocalGovernmentFactory, english
from tests.search.conftest import demo_site  # noqa: F401

HUB_LABELS = [
    "Title",
    "Summary",
    "GCM Objectives — primary",
    "GCM Objectives — secondary",
    "GCM Guiding Principles",
    "Sustainable Development Goals",
    "Dates",
    "Type of practice",
    "Country",
    "Regions",
    "Sub Regions",
    "Collaborators: Main Implementer",
    "Collaborators: Other Organizations / Partners",
    "Benefit and Impact",
    "Focal point",
]
UNHCR_LABELS = [
    "Title",
    "Description",
    "Submitter",
    "Country",
    "GCR objective(s)",
    "Area of focus (GRF 2019)",
    "Areas in need of support",
    "Refugees and host communities served",
    "Partners",
    "Results",
    "Age, gender and diversity considerations",
    "Replicability",
    "Contact",
]
GFMD_LABELS = [
    "Title",
    "Image or logo",
    "Summary",
    "Country(ies)/continent(s)",
    "Partner(s)",
    "GCM objectives",
    "Thematic area",
    "Contributor type",
    "Source in GFMD context",
    "Contact information",
]


def messages_of(record):
    return [str(check.message) for check in record.checklist]


def assert_every_field_has_a_value_or_a_checklist_item(record):
    flagged = {check.field for check in record.checklist}
    empty = [item.key for item in record.fields if not item.text and item.key not in flagged]
    assert empty == [], f"{record.registry.code}: fields with neither value nor checklist item"


# --- One test per registry, on a demo case study -----------------------------------------


@pytest.fixture
def demo_practice(demo_site):
    """A published demo case study by a Turkish city (the World Bank writes "Turkiye")."""
    return (
        LocalActionPage.objects.live()
        .filter(locale__language_code="en", local_government__country="TR")
        .order_by("title")
        .first()
    )


@pytest.mark.django_db
def test_migration_network_hub_record_of_a_demo_case_study(demo_practice):
    page = demo_practice
    record = registries.BY_CODE["mnh"].record(registries.PracticeFacts(page))
    assert [item.label for item in record.fields] == HUB_LABELS
    assert_every_field_has_a_value_or_a_checklist_item(record)
    assert record.field("title").text == page.title
    assert record.field("country").text == "Turkiye"  # World Bank style, not "Türkiye"
    assert record.field("region").text == "Asia"
    assert record.field("subregion").text == "Western Asia"
    assert record.field("main_implementer").text == page.local_government.name
    numbers = sorted(o.number for o in page.gcm_objectives.all())
    primary = record.field("gcm_primary").value
    assert sorted(primary + record.field("gcm_secondary").value) == numbers
    if page.status == LocalActionPage.ONGOING:
        assert record.field("dates").text == f"{page.start_year} - Present"
    sdgs = [s.number for s in page.sdgs.all()]
    assert record.field("sdgs").value == sdgs
    assert record.field("focal_point").private
    data = record.as_json()
    assert data["id"] == str(page.translation_key) and data["registry"] == "mnh"
    assert data["url"] == page.full_url


@pytest.mark.django_db
def test_unhcr_record_of_a_demo_case_study(demo_practice):
    page = demo_practice
    record = registries.BY_CODE["unhcr"].record(registries.PracticeFacts(page))
    assert [item.label for item in record.fields] == UNHCR_LABELS
    assert_every_field_has_a_value_or_a_checklist_item(record)
    assert record.field("areas_in_need_of_support").value == [a.code for a in page.gcr_areas.all()]
    assert record.field("country").text == "Türkiye"
    assert page.summary in record.field("description").text
    # The platform's GRF area of focus is not something we record: always a checklist item.
    assert any("Area of focus" in message for message in messages_of(record))


@pytest.mark.django_db
def test_gfmd_platform_for_partnerships_record_of_a_demo_case_study(demo_practice):
    page = demo_practice
    record = registries.BY_CODE["gfmd"].record(registries.PracticeFacts(page))
    assert [item.label for item in record.fields] == GFMD_LABELS
    assert_every_field_has_a_value_or_a_checklist_item(record)
    year = page.first_published_at.year
    assert record.field("source").text == f"Call to Local Action for Migrants and Refugees {year}"
    assert record.field("contributor_type").text == "Mayors, local and regional governments"
    assert record.field("image").text.startswith("http://testserver/media/")  # demo illustration
    summary = record.field("summary").text
    assert summary.startswith(page.local_government.name) and page.summary in summary
    assert record.field("gcm_objectives").value == [o.number for o in page.gcm_objectives.all()]


# --- What the checklist flags -------------------------------------------------------------


@pytest.fixture
def bare_practice(library):
    """A published case study without principles, image, partners or results, started in 2015."""
    page = LocalActionPageFactory(
        parent=library,
        title="Night buses for shift workers",
        local_government=LocalGovernmentFactory(name="Izmir", slug="izmir", country="TR"),
        start_year=2015,
        partners="",
        body=[("challenge", "<p>Workers could not get home.</p>")],
        themes=[english(Theme, slug="access-to-services")],
    )
    page.gcm_objectives.set([english(GCMObjective, number=15)])
    page.save_revision().publish()
    return LocalActionPage.objects.get(pk=page.pk)


def test_the_checklist_flags_what_a_case_study_lacks(bare_practice):
    hub, unhcr, gfmd = registries.records_for(bare_practice)
    assert "No GCM guiding principle selected" in messages_of(hub)
    assert "No primary GCM objective marked" in messages_of(hub)
    assert "No results section" in messages_of(hub)
    assert any(
        "Not implemented after December 2018 (started in 2015)" in m for m in messages_of(hub)
    )
    assert "No image" in messages_of(gfmd)
    assert "No partner" in messages_of(gfmd) and "No partner" in messages_of(unhcr)
    assert "No GCR objective selected" in messages_of(unhcr)
    for record in (hub, unhcr, gfmd):
        assert_every_field_has_a_value_or_a_checklist_item(record)


def test_the_checklist_clears_when_the_case_study_is_completed(bare_practice):
    page = bare_practice
    page.partners = "IOM, Chamber of Commerce"
    page.start_year = 2021
    page.body = [
        ("challenge", "<p>Workers could not get home.</p>"),
        ("action", "<p>Night buses on three lines.</p>"),
        ("results", "<p>1,200 riders a night.</p>"),
        ("how_to_replicate", "<p>Ask employers to share the cost.</p>"),
    ]
    page.listing_image = Image.objects.create(title="Bus", file=get_test_image_file())
    page.save_revision().publish()
    page = LocalActionPage.objects.get(pk=page.pk)
    page.gcm_objectives_primary.set([english(GCMObjective, number=15)])
    page.gcm_principles.set([english(GCMPrinciple, code="a"), english(GCMPrinciple, code="j")])
    page.gcr_objectives.set([english(GCRObjective, number=2)])
    page.gcr_areas.set([english(GCRArea, code="2.2")])
    page.population_groups.set([english(PopulationGroup, slug="refugees")])
    page.sdgs.set([])

    hub, unhcr, gfmd = registries.records_for(page)
    assert hub.field("gcm_principles").text == "a People-centred; j Whole-of-society approach"
    assert hub.field("gcm_primary").text == "15 Access to basic services"
    assert hub.field("partners").text == "IOM; Chamber of Commerce"
    assert hub.field("type_of_practice").text == "Partnership/Multistakeholder initiative"
    assert hub.field("benefit_and_impact").text == "1,200 riders a night."
    assert not any("December 2018" in m for m in messages_of(hub))
    assert "No GCM guiding principle selected" not in messages_of(hub)
    assert "No Sustainable Development Goal selected" in messages_of(hub)
    assert gfmd.field("image").text.endswith(".png")
    assert "No image" not in messages_of(gfmd) and "No partner" not in messages_of(gfmd)
    assert unhcr.field("gcr_objectives").text == "2 Enhance refugee self-reliance"


def test_a_summary_too_long_for_the_pfp_is_flagged(bare_practice):
    page = bare_practice
    page.body = [("action", "<p>" + "Night buses run on three lines. " * 40 + "</p>")]
    page.save_revision().publish()
    gfmd = registries.BY_CODE["gfmd"].record(registries.PracticeFacts(page))
    length = len(gfmd.field("summary").text)
    assert length > registries.PFP_SUMMARY_LIMIT
    assert any(f"is {length} characters, over the 1000" in m for m in messages_of(gfmd))


def test_a_french_only_practice_is_flagged_and_a_translation_reads_the_english(
    bare_practice, translated_home, library
):
    translate(library, "fr", {})
    french = translate(bare_practice, "fr", {bare_practice.title: "Bus de nuit"})
    hub = registries.BY_CODE["mnh"].record(registries.PracticeFacts(french))
    assert hub.field("title").text == "Night buses for shift workers"  # the English case study
    assert not any("No English version" in m for m in messages_of(hub))


# --- Exports --------------------------------------------------------------------------


def test_downloads_of_one_record_as_json_and_csv(admin_client, bare_practice):
    url = reverse("pledges_registries:download", args=[bare_practice.pk, "gfmd", "json"])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="gfmd-')
    data = json.loads(response.content)
    assert data["registry"] == "gfmd" and data["title"] == "Night buses for shift workers"
    assert {"field": "image", "kind": "missing", "message": "No image"} in data["checklist"]

    response = admin_client.get(
        reverse("pledges_registries:download", args=[bare_practice.pk, "mnh", "csv"])
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["Country"] == "Turkiye" and rows[0]["Title"] == bare_practice.title
    assert "No GCM guiding principle selected" in rows[0]["Checklist"]


def test_bulk_export_has_one_row_per_selected_case_study(admin_client, library, bare_practice):
    others = [
        LocalActionPageFactory(parent=library, title=f"Practice {n}", partners="UNHCR")
        for n in range(3)
    ]
    selected = [bare_practice, *others[:2]]
    query = "&".join(f"id={page.pk}" for page in selected)

    # The bulk action on the listing offers one file per registry for the selection.
    bulk = admin_client.get(
        reverse(
            "wagtail_bulk_action",
            args=["wagtailcore", "page", "prepare_for_registries"],
        )
        + f"?{query}&next=/admin/pages/{library.pk}/"
    )
    assert bulk.status_code == 200
    html = bulk.content.decode()
    for code in ("mnh", "unhcr", "gfmd"):
        assert reverse("pledges_registries:bulk_download", args=[code, "csv"]) + "?" in html

    for code in ("mnh", "unhcr", "gfmd"):
        url = reverse("pledges_registries:bulk_download", args=[code, "csv"]) + f"?{query}"
        rows = list(csv.DictReader(io.StringIO(admin_client.get(url).content.decode())))
        assert sorted(row["Title"] for row in rows) == sorted(page.title for page in selected)
        url = reverse("pledges_registries:bulk_download", args=[code, "json"]) + f"?{query}"
        records = json.loads(admin_client.get(url).content)
        assert len(records) == 3 and {r["registry"] for r in records} == {code}


# --- The admin view, statuses, permissions ------------------------------------------------


def test_prepare_view_shows_three_records_with_copy_ready_text(admin_client, bare_practice):
    url = reverse("pledges_registries:prepare", args=[bare_practice.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "Migration Network Hub",
        "UNHCR Global Compact on Refugees Digital Platform",
        "GFMD Platform for Partnerships",
    ):
        assert name in html
    # The text is in a read-only box anyone can select (no script needed); a button copies it.
    assert 'id="mnh-country" readonly' in html and ">Turkiye</textarea>" in html
    assert 'data-action="w-clipboard#copy"' in html
    assert "No GCM guiding principle selected" in html
    # The edit view's header links to it.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[bare_practice.pk]))
    assert url in edit.content.decode()


def test_an_editor_without_edit_rights_cannot_prepare_records(client, bare_practice):
    user = UserFactory(username="visitor-staff")
    client.force_login(user)
    url = reverse("pledges_registries:prepare", args=[bare_practice.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"registry": "mnh", "mnh-status": "sent"})
    assert response.status_code in (302, 403)
    assert not RegistryPublication.objects.exists()


def test_published_needs_an_address(admin_client, bare_practice):
    url = reverse("pledges_registries:prepare", args=[bare_practice.pk])
    response = admin_client.post(url, {"registry": "unhcr", "unhcr-status": "published"})
    assert response.status_code == 400
    assert "Give the address of the practice on the registry." in response.content.decode()
    assert not RegistryPublication.objects.exists()


def record(client, page, code, status, url="", sent_on="2026-11-20"):
    return client.post(
        reverse("pledges_registries:prepare", args=[page.pk]),
        {
            "registry": code,
            f"{code}-status": status,
            f"{code}-sent_on": sent_on,
            f"{code}-url": url,
            f"{code}-notes": "",
        },
    )


@pytest.fixture
def practice_in_four_languages(bare_practice, library, translated_home):
    for code in ("fr", "es", "ar"):
        translate(library, code, {})
        translate(bare_practice, code, {bare_practice.title: f"[{code}] {bare_practice.title}"})
    return bare_practice


def test_a_published_record_links_from_the_case_study_in_every_language(
    admin_client, settings, practice_in_four_languages, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    page = practice_in_four_languages
    urls = [t.url for t in page.get_translations(inclusive=True).order_by("locale_id")]
    assert len(urls) == 4
    visitor = Client()
    for url in urls:  # cached for anonymous visitors, without the links
        assert visitor.get(url).status_code == 200
        assert visitor.get(url)["X-Page-Cache"] == "hit"
        assert "Migration Network Hub" not in visitor.get(url).content.decode()

    hub_url = "https://migrationnetwork.un.org/practice/night-buses-izmir"
    with django_capture_on_commit_callbacks(execute=True):
        response = record(admin_client, page, "mnh", "published", hub_url)
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        record(admin_client, page, "gfmd", "sent")  # sent, not yet published: no link
    publication = RegistryPublication.objects.get(registry="mnh")
    assert publication.translation_key == page.translation_key
    assert publication.updated_by.username == "admin"

    for url in urls:
        response = visitor.get(url)
        html = response.content.decode()
        assert f'href="{hub_url}"' in html, url
        assert 'data-registry="gfmd"' not in html
    by_language = {t.locale.language_code: t.url for t in page.get_translations(inclusive=True)}
    french = visitor.get(by_language["fr"]).content.decode()
    assert "Aussi sur" in french
    arabic = visitor.get(by_language["ar"]).content.decode()
    assert 'dir="rtl"' in arabic and "متاحة أيضًا على" in arabic

    # Withdrawn from the registry: the link goes at once.
    with django_capture_on_commit_callbacks(execute=True):
        record(admin_client, page, "mnh", "not_sent", sent_on="")
    assert hub_url not in visitor.get(urls[0]).content.decode()


def test_the_dashboard_panel_counts_each_registry(admin_client, bare_practice, library):
    LocalActionPageFactory(parent=library, title="Another practice")
    record(admin_client, bare_practice, "unhcr", "published", "https://example.org/gp/1")
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "On each registry" in html
    listing = reverse("pledges_registries:listing")
    assert f"{listing}?registry=unhcr&amp;status=published" in html
    counts = registries_counts()
    assert counts["unhcr"]["published"] == 1 and counts["unhcr"]["not_sent"] == 1
    assert counts["mnh"]["not_sent"] == 2
    page = admin_client.get(listing + "?registry=unhcr&status=published").content.decode()
    assert bare_practice.title in page and "https://example.org/gp/1" in page
    assert "Another practice" not in page


def registries_counts():
    from pledges.registry_views import status_counts

    return status_counts()


def test_the_prepare_view_costs_the_same_queries_whatever_the_practice(
    admin_client, bare_practice, library
):
    url = reverse("pledges_registries:prepare", args=[bare_practice.pk])
    admin_client.get(url)
    with CaptureQueriesContext(connection) as first:
        admin_client.get(url)
    assert len(first) <= 40
