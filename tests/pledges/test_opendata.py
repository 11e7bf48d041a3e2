"""Open data (#13): the files a researcher downloads, checked as they would check them."""

import csv
import io
import json
import re
import uuid
import zipfile

import pycountry
import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from pledges.models import GCMObjective, GCMPrinciple, GCRArea, LocalActionPage, Theme
from pledges.opendata.columns import FILES_BY_PATH, PRACTICES
from tests.pledges.factories import EndorsementFactory
from tests.search import conftest as search_fixtures

english = search_fixtures.english
publish_practice = search_fixtures.publish_practice
# The library's fixtures: a library, six hand-made practices, 200 in four languages.
library = search_fixtures.library
libraries = search_fixtures.libraries
practices = search_fixtures.practices
multilingual_practices = search_fixtures.multilingual_practices

FILTERS = [
    "",
    "theme=children-youth",
    "region=europe",
    "theme=employment-entrepreneurship&region=africa",
    "gcm=16&gcm=5",
    "principle=h",
    "status=completed&lrg_type=city",
    "theme=nonsense&region=europe",
]


def rows(client, name, query=""):
    response = client.get(f"/open-data/{name}" + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.status_code
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def library_count(client, query):
    return client.get("/api/practices/" + (f"?{query}" if query else "")).json()["count"]


@pytest.mark.django_db
def test_one_row_per_practice_the_library_lists_for_every_filter(client, multilingual_practices):
    live = {
        str(key) for key in LocalActionPage.objects.live().values_list("translation_key", flat=True)
    }
    everything = rows(client, "practices.csv")
    assert len(everything) == len(live) == library_count(client, "")
    assert {row["id"] for row in everything} == live
    for query in FILTERS[1:]:
        found = rows(client, "practices.csv", query)
        assert len(found) == library_count(client, query), query
        assert len({row["id"] for row in found}) == len(found)
    # The JSON holds the same rows.
    data = client.get("/open-data/practices.json?region=europe").json()
    assert [item["id"] for item in data] == [
        row["id"] for row in rows(client, "practices.csv", "region=europe")
    ]


def _codes(value):
    return [code for code in value.split(";") if code]


@pytest.mark.django_db
def test_every_coded_column_holds_valid_codes(client, multilingual_practices):
    gcr_areas = set(english_codes(GCRArea, "code"))
    themes = set(english_codes(Theme, "slug"))
    found = rows(client, "practices.csv")
    assert found
    languages = set()
    for row in found:
        uuid.UUID(row["id"])
        country = pycountry.countries.get(alpha_2=row["country_iso2"])
        assert country is not None and country.alpha_3 == row["country_iso3"]
        assert re.fullmatch(r"\d{3}", row["m49_region"])
        assert row["m49_region"] in {"002", "019", "142", "150", "009"}
        assert re.fullmatch(r"\d{3}", row["m49_subregion"])
        gcm = [int(code) for code in _codes(row["gcm_objectives"])]
        assert gcm and all(1 <= number <= 23 for number in gcm)
        primary = {int(code) for code in _codes(row["gcm_objectives_primary"])}
        assert primary <= set(gcm)
        assert all(1 <= int(code) <= 17 for code in _codes(row["sdg_goals"]))
        assert all(re.fullmatch(r"[a-j]", code) for code in _codes(row["gcm_principles"]))
        assert all(code in "1234" for code in _codes(row["gcr_objectives"]))
        assert set(_codes(row["gcr_areas"])) <= gcr_areas
        assert set(_codes(row["themes"])) <= themes
        assert row["status"] in {"planned", "ongoing", "completed"}
        assert row["lrg_type"] in {"city", "region", "association"}
        languages.add(row["language"])
        assert row[f"title_{row['language']}"] == row["title"]
        assert row["url"].startswith("http://testserver/")
    assert languages == {"en", "fr", "es", "ar"}  # originals in every language
    # Every code used has a label in every language.
    labels = {(r["taxonomy"], r["code"], r["language"]) for r in rows(client, "taxonomies.csv")}
    for row in found:
        for code in _codes(row["gcm_principles"]):
            assert {("gcm_principle", code, lang) for lang in ("en", "fr", "es", "ar")} <= labels
        assert ("m49_region", row["m49_region"], "ar") in labels


def english_codes(model, field):
    return model.objects.filter(locale__language_code="en").values_list(field, flat=True)


@pytest.mark.django_db
def test_ids_stay_the_same_on_every_download_after_an_edit_and_a_translation(client, practices):
    from hub.localization import translate

    first = rows(client, "practices.csv")
    assert rows(client, "practices.csv") == first
    page = LocalActionPage.objects.get(title="Job mentoring for refugees")
    page.title = "Job mentoring for refugees and asylum seekers"
    page.save_revision().publish()
    translate(page, "fr", {page.title: "Mentorat pour l'emploi des réfugiés"})
    after = rows(client, "practices.csv")
    assert [row["id"] for row in after] == [row["id"] for row in first]
    row = next(row for row in after if row["id"] == str(page.translation_key))
    assert row["title"] == "Job mentoring for refugees and asylum seekers"
    assert row["language"] == "en"
    assert row["title_fr"] == "Mentorat pour l'emploi des réfugiés"
    assert len(after) == len(first)


@pytest.mark.django_db
def test_only_live_public_practices(client, practices):
    before = {row["id"] for row in rows(client, "practices.csv")}
    hidden = LocalActionPage.objects.live().order_by("pk")[0]
    unpublished = LocalActionPage.objects.live().order_by("pk")[1]
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    unpublished.unpublish()
    after = {row["id"] for row in rows(client, "practices.csv")}
    assert after == before - {str(hidden.translation_key), str(unpublished.translation_key)}
    text = client.get("/open-data/local-action-hub-open-data.zip").content
    assert hidden.title.encode() not in text


@pytest.mark.django_db
def test_principles_primary_objectives_and_gcr_objectives_are_exported(client, library):
    page = publish_practice(
        library,
        title="Welcome centre",
        gcm=(15, 16),
        gcm_primary=(16,),
        principles=("a", "h"),
        gcr_objectives=(1, 2),
    )
    row = rows(client, "practices.csv")[0]
    assert row["id"] == str(page.translation_key)
    assert row["gcm_objectives"] == "15;16"
    assert row["gcm_objectives_primary"] == "16"
    assert row["gcm_principles"] == "a;h"
    assert row["gcr_objectives"] == "1;2"
    links = rows(client, "practice_gcm.csv")
    assert [(r["gcm_objective"], r["primary"]) for r in links] == [("15", "false"), ("16", "true")]
    assert [r["gcm_principle"] for r in rows(client, "practice_principle.csv")] == ["a", "h"]
    # The library's facet and its JSON.
    data = client.get("/api/practices/?principle=h").json()
    assert data["count"] == 1
    assert [p["value"] for p in data["results"][0]["principles"]] == ["a", "h"]
    assert {v["value"] for v in data["facets"]["principle"]} == {"a", "h"}
    assert client.get("/api/practices/?principle=z").json()["ignored"][0]["parameter"] == (
        "principle"
    )


@pytest.mark.django_db
def test_primary_objectives_must_be_among_the_objectives(library):
    page = publish_practice(library, title="Primary", gcm=(15,))
    page.gcm_objectives_primary = [english(GCMObjective, number=16)]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "gcm_objectives_primary" in error.value.message_dict


@pytest.mark.django_db
def test_guiding_principles_are_loaded_in_four_languages():
    assert sorted(english_codes(GCMPrinciple, "code")) == list("abcdefghij")
    arabic = GCMPrinciple.objects.get(locale__language_code="ar", code="f")
    assert arabic.title == "حقوق الإنسان"
    assert GCMPrinciple.objects.filter(code="a").values("translation_key").distinct().count() == 1


@pytest.mark.django_db
def test_datapackage_validates_and_describes_each_file_header_exactly(client, practices, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/open-data/local-action-hub-open-data.zip").content)
    )
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    served = client.get("/open-data/datapackage.json").json()
    assert [r["path"] for r in served["resources"]] == [r["path"] for r in descriptor["resources"]]
    names = {path.name for path in tmp_path.iterdir()} - {"datapackage.json"}
    assert names == {r["path"] for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        fields = [field["name"] for field in resource["schema"]["fields"]]
        if resource["format"] == "csv":
            with (tmp_path / resource["path"]).open(encoding="utf-8") as handle:
                assert next(csv.reader(handle)) == fields, resource["path"]
            assert fields == FILES_BY_PATH[resource["path"]].header
        else:
            items = json.loads((tmp_path / resource["path"]).read_text())
            assert all(list(item) == fields for item in items)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])


@pytest.mark.django_db
def test_licence_is_a_site_setting(client, practices):
    from wagtail.models import Site

    from hub.models import SiteSettings

    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.open_data_licence = "ODbL-1.0"
    settings_row.save()
    data = client.get("/open-data/datapackage.json").json()
    assert data["licenses"][0]["name"] == "ODbL-1.0"


@pytest.mark.django_db
def test_endorsers_only_approved_and_listed_without_personal_data(client):
    EndorsementFactory(government_name="Listed City", country="FR", email="mayor@listed.example")
    EndorsementFactory(government_name="Unlisted City", consent_to_list=False)
    EndorsementFactory(government_name="Pending City", status="pending", reviewed_at=None)
    EndorsementFactory(government_name="Rejected City", status="rejected")
    response = client.get("/open-data/endorsers.csv")
    text = response.content.decode()
    found = list(csv.DictReader(io.StringIO(text)))
    assert [row["government"] for row in found] == ["Listed City"]
    assert found[0]["country_iso3"] == "FRA"
    assert found[0]["m49_region"] == "150"
    assert found[0]["m49_subregion"] == "155"
    assert "@" not in text
    assert "Lena" not in text and "Schmidt" not in text and "Mayor" not in text


@pytest.mark.django_db
def test_downloads_are_cached_for_visitors_and_fresh_after_publishing(
    client, practices, library, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/open-data/practices.csv")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/open-data/practices.csv")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        publish_practice(library, title="A brand new practice")
    fresh = client.get("/open-data/practices.csv")
    assert fresh["X-Page-Cache"] == "miss"
    assert "A brand new practice" in fresh.content.decode()


def _queries(client, url):
    client.get(url)  # warm the library's vocabulary and bitsets
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_a_download_costs_the_same_queries_however_many_practices(client, library, practices):
    small = {
        path: _queries(client, f"/open-data/{path}")
        for path in ("practices.csv", "practice_gcm.csv", "endorsers.csv")
    }
    for n in range(12):
        publish_practice(library, title=f"More practice {n}", gcm=(5,), principles=("a",))
    EndorsementFactory.create_batch(5)
    large = {path: _queries(client, f"/open-data/{path}") for path in small}
    assert large == small
    assert small["practices.csv"] <= 16


@pytest.mark.django_db
def test_open_data_page_describes_the_dataset(client, home_page, practices):
    from pledges.demo import seed_open_data

    class Context:
        home = home_page

        @staticmethod
        def log(message):
            pass

    seed_open_data(Context)
    response = client.get("/en/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Dataset"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    urls = {item["contentUrl"] for item in data["distribution"]}
    assert "http://testserver/open-data/practices.csv" in urls
    assert all(item["@type"] == "DataDownload" for item in data["distribution"])
    assert "gcm_principles" in html
    assert client.get("/ar/open-data/").status_code == 200


def test_the_practice_columns_are_the_issue_s():
    required = [
        *("id", "title", "language", "url", "lrg", "lrg_type", "country_iso2", "country_iso3"),
        *("m49_region", "m49_subregion", "status", "start_year", "themes", "gcm_objectives"),
        *("gcm_objectives_primary", "gcm_principles", "gcr_objectives", "gcr_areas"),
        *("sdg_goals", "population_groups", "partners", "summary", "registries"),
    ]
    assert set(required) <= set(PRACTICES.header)
