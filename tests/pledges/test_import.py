"""Bulk import of practices from a spreadsheet (issue 13, acceptance 4).

A dry run reports each problem on its row and writes nothing; the import
creates draft case studies submitted to the moderators' workflow; importing the
same file again creates nothing. The admin screen, the template downloads and
the management command are exercised the way editors and the campaign team use them.
"""

import csv
import io
import uuid

import pytest
from openpyxl import Workbook, load_workbook

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

from pledges import importer
from pledges.models import LocalActionPage, LocalGovernment
from tests.pledges.factories import LocalActionPageFactory, LocalGovernmentFactory

HEADER = list(importer.COLUMNS)
IMPORT_URL = "/admin/import-practices/"


def row(**values):
    base = {
        "title": "Tangier: Language cafés for newcomers",
        "language": "en",
        "lrg": "Tangier",
        "lrg_type": "city",
        "country_iso2": "MA",
        "country_iso3": "MAR",
        "status": "ongoing",
        "start_year": "2021",
        "themes": "access-to-services",
        "gcm_objectives": "15;16",
        "gcm_objectives_primary": "16",
        "gcm_principles": "a;j",
        "gcr_objectives": "2",
        "gcr_areas": "2.3",
        "sdg_goals": "4;10",
        "population_groups": "migrants;refugees",
        "partners": "Tangier University",
        "summary": "Volunteers host weekly language cafés in the city's libraries.",
    }
    return {**base, **values}


def csv_bytes(rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for values in rows:
        writer.writerow(values)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(column, "") for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def moderated_library(library):
    workflow = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})
    return library


@pytest.fixture
def existing(moderated_library):
    """A published practice by an LRG already on the site."""
    government = LocalGovernmentFactory(name="Casablanca", slug="casablanca", country="MA")
    return LocalActionPageFactory(
        parent=moderated_library,
        title="Casablanca: Night school for adults",
        local_government=government,
    )


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="importer", password="x")
    user.groups.add(Group.objects.get(name="Communications"))
    return user


def acceptance_rows(existing):
    """Acceptance 4: a bad GCM code, a missing title, an unknown country, a duplicate."""
    return [
        row(),  # 2: fine, a new LRG
        row(title="Tangier: Cash for rent", gcm_objectives="15;99", gcm_objectives_primary=""),
        row(title=""),  # 4
        row(
            title="Atlantis: Harbour welcome desk",
            lrg="Atlantis",
            country_iso2="XX",
            country_iso3="",
        ),  # 5
        row(title=existing.title, lrg="Casablanca"),  # 6: on the site already
        row(title="Casablanca: Mobile health clinic", lrg="casablanca"),  # 7: fine, known LRG
    ]


def by_number(report):
    return {r.number: r for r in report.rows}


# --- Acceptance 4 ------------------------------------------------------------------------


def test_dry_run_reports_each_problem_on_its_row_and_writes_nothing(existing):
    pages, governments = LocalActionPage.objects.count(), LocalGovernment.objects.count()
    revisions = existing.revisions.count()

    report = importer.check_file(csv_bytes(acceptance_rows(existing)), "actions.csv")

    rows = by_number(report)
    assert [rows[n].outcome for n in range(2, 8)] == [
        "ready",
        "error",
        "error",
        "error",
        "duplicate",
        "ready",
    ]
    assert rows[3].errors == ["gcm_objectives: unknown code “99”"]
    assert rows[4].errors == ["Missing required value: title"]
    assert rows[5].errors == ["Unknown country “XX”"]
    assert rows[6].duplicate == (
        "Already on the site: “Casablanca: Night school for adults” by the same government"
    )
    # Unknown LRGs: created on import, said on the row; known ones matched by name + country.
    assert rows[2].notes == ["New government, created on import: Tangier (MA)"]
    assert rows[3].notes == ["New government, created on import by row 2: Tangier (MA)"]
    assert rows[7].notes == ["Government found on the site: Casablanca (MA)"]
    # Nothing written.
    assert LocalActionPage.objects.count() == pages
    assert LocalGovernment.objects.count() == governments
    assert existing.revisions.count() == revisions
    assert not WorkflowState.objects.exists()


def test_import_creates_drafts_in_the_workflow_and_a_second_import_creates_none(existing, editor):
    data = csv_bytes(acceptance_rows(existing))
    report = importer.import_file(data, "actions.csv", user=editor)

    rows = by_number(report)
    assert [rows[n].outcome for n in range(2, 8)] == [
        "draft",
        "error",
        "error",
        "error",
        "duplicate",
        "draft",
    ]
    created = LocalActionPage.objects.exclude(pk=existing.pk).order_by("pk")
    assert [page.title for page in created] == [
        "Tangier: Language cafés for newcomers",
        "Casablanca: Mobile health clinic",
    ]
    for page in created:
        assert not page.live and page.has_unpublished_changes
        assert page.get_parent().specific == existing.get_parent().specific
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == editor
        assert state.workflow.name == "Moderators approval"
    tangier = LocalGovernment.objects.get(name="Tangier")
    assert (tangier.country, tangier.kind, tangier.region) == ("MA", "city", "africa")
    page = created[0]
    assert page.local_government == tangier
    assert sorted(o.number for o in page.gcm_objectives.all()) == [15, 16]
    assert [o.number for o in page.gcm_objectives_primary.all()] == [16]
    assert sorted(p.code for p in page.gcm_principles.all()) == ["a", "j"]
    assert [o.number for o in page.gcr_objectives.all()] == [2]
    assert [a.code for a in page.gcr_areas.all()] == ["2.3"]
    assert sorted(s.number for s in page.sdgs.all()) == [4, 10]
    assert sorted(g.slug for g in page.population_groups.all()) == ["migrants", "refugees"]
    assert (page.status, page.start_year, page.partners) == ("ongoing", 2021, "Tangier University")

    again = importer.import_file(data, "actions.csv", user=editor)
    assert LocalActionPage.objects.count() == 3
    assert LocalGovernment.objects.filter(name="Tangier").count() == 1
    assert again.counts["draft"] == 0
    assert [r.outcome for r in again.rows] == [
        "duplicate",
        "error",
        "error",
        "error",
        "duplicate",
        "duplicate",
    ]
    assert by_number(again)[2].duplicate == (
        "Already on the site: “Tangier: Language cafés for newcomers” by the same government"
    )


def test_the_id_is_kept_as_the_practice_id_and_a_second_import_finds_it(moderated_library):
    practice_id = uuid.uuid4()
    data = csv_bytes([row(id=str(practice_id), url="https://example.org/en/practices/cafes/")])
    report = importer.import_file(data, "a.csv")
    page = report.created[0]
    assert page.translation_key == practice_id
    assert page.slug == "cafes"
    again = importer.check_file(data, "a.csv")
    assert again.rows[0].duplicate == (
        "Already on the site with this id: “Tangier: Language cafés for newcomers”"
    )


# --- Each check -----------------------------------------------------------------------------


def test_every_coded_column_reports_its_unknown_codes(moderated_library):
    bad = row(
        themes="access-to-services;space",
        gcm_objectives="0;24",
        gcm_objectives_primary="",
        gcm_principles="k",
        gcr_objectives="5",
        gcr_areas="9.9",
        sdg_goals="18",
        population_groups="aliens",
        lrg_type="village",
        status="paused",
        start_year="1800",
        language="de",
        country_iso3="ESP",
        id="not-an-id",
    )
    [result] = importer.check_file(csv_bytes([bad]), "a.csv").rows
    assert result.errors == [
        "id: “not-an-id” is not a practice id (a UUID)",
        "language: unknown language “de” (one of en, fr, es, ar)",
        "country_iso3 “ESP” is not the code of MA",
        "lrg_type: unknown code “village” (one of association, city, region)",
        "status: unknown code “paused” (one of completed, ongoing, planned)",
        "start_year: “1800” is not a year between 1950 and 2100",
        "themes: unknown code “space”",
        "gcm_objectives: unknown code “0”",
        "gcm_objectives: unknown code “24”",
        "gcm_principles: unknown code “k”",
        "gcr_objectives: unknown code “5”",
        "gcr_areas: unknown code “9.9”",
        "sdg_goals: unknown code “18”",
        "population_groups: unknown code “aliens”",
    ]


def test_missing_required_values_and_columns(moderated_library):
    [result] = importer.check_file(
        csv_bytes([row(lrg="", country_iso2="", summary="", title="")]), "a.csv"
    ).rows
    assert result.errors == [
        "Missing required value: title",
        "Missing required value: lrg",
        "Missing required value: country_iso2",
        "Missing required value: summary",
    ]
    report = importer.check_file(b"title,lrg\nA,B\n", "a.csv")
    assert report.errors == [
        "The file lacks required columns: country_iso2, summary. Start from the template."
    ]
    assert report.rows == []


def test_a_primary_objective_must_be_among_the_objectives(moderated_library):
    [result] = importer.check_file(
        csv_bytes([row(gcm_objectives="15", gcm_objectives_primary="16")]), "a.csv"
    ).rows
    assert result.errors == ["gcm_objectives_primary: 16 not among gcm_objectives"]


def test_duplicates_inside_the_file_by_id_or_by_government_and_title(moderated_library):
    practice_id = str(uuid.uuid4())
    report = importer.check_file(
        csv_bytes(
            [
                row(id=practice_id),
                row(id=practice_id, title="Tangier: Another title"),
                row(title="TANGIER: language cafés for newcomers"),
            ]
        ),
        "a.csv",
    )
    assert [r.duplicate for r in report.rows] == [
        "",
        "Same practice as row 2 of this file",
        "Same practice as row 2 of this file",
    ]


def test_a_government_is_matched_by_its_name_in_another_language(moderated_library):
    from hub.localization import translate

    government = LocalGovernmentFactory(name="Tangier", slug="tangier", country="MA")
    translate(government, "ar", {"Tangier": "طنجة"})
    [result] = importer.check_file(csv_bytes([row(lrg="طنجة")]), "a.csv").rows
    assert result.notes == ["Government found on the site: Tangier (MA)"]
    assert result.values["government"] == government


def test_a_row_in_a_language_without_a_library_is_refused(moderated_library):
    [result] = importer.check_file(csv_bytes([row(language="fr")]), "a.csv").rows
    assert result.errors == [
        "There is no practice library in this language (fr): translate it first."
    ]


def test_a_french_row_goes_to_the_french_library(moderated_library):
    from hub.localization import translate

    french_library = translate(moderated_library, "fr", {})
    report = importer.import_file(
        csv_bytes([row(language="fr", title="Tanger : cafés de langues")]), "a.csv"
    )
    page = report.created[0]
    assert page.get_parent().pk == french_library.pk
    assert page.locale.language_code == "fr"


def test_xlsx_and_semicolon_csv_read_the_same(moderated_library):
    from_xlsx = importer.check_file(xlsx_bytes([row(start_year=2021)]), "a.xlsx").rows[0]
    assert from_xlsx.ready and from_xlsx.values["start_year"] == 2021
    # Excel in many languages saves "CSV" with semicolons (and a byte-order mark).
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=HEADER, delimiter=";", extrasaction="ignore")
    writer.writeheader()
    writer.writerow(row())
    from_semicolons = importer.check_file(text.getvalue().encode("utf-8-sig"), "a.csv").rows[0]
    assert from_semicolons.ready
    assert from_semicolons.values == from_xlsx.values


def test_unreadable_files_get_a_clear_message(moderated_library):
    for data, name, message in [
        (b"", "a.csv", "The file is empty."),
        (b"title\n\xff\xfe\x00", "a.csv", "The CSV file is not in UTF-8"),
        (b"not a workbook", "a.xlsx", "The file is not a readable XLSX workbook."),
        (b"x", "a.pdf", "Upload a .csv or .xlsx file."),
    ]:
        with pytest.raises(importer.ImportFileError, match=message):
            importer.check_file(data, name)


def test_the_templates_read_back_as_one_ready_row(moderated_library):
    for data, name in [(importer.template_csv(), "t.csv"), (importer.template_xlsx(), "t.xlsx")]:
        report = importer.check_file(data, name)
        assert report.errors == []
        assert [r.outcome for r in report.rows] == ["ready"], report.rows[0].errors
    sheet = load_workbook(io.BytesIO(importer.template_xlsx())).active
    assert [cell.value for cell in sheet[1]] == HEADER


# --- The management command -------------------------------------------------------------------


def test_command_dry_run_writes_nothing_and_import_then_skips(existing, tmp_path, editor):
    path = tmp_path / "first-cohort.csv"
    path.write_bytes(csv_bytes(acceptance_rows(existing)))
    out = io.StringIO()
    call_command("import_practices", str(path), "--dry-run", stdout=out)
    assert "row 3: Not imported: fix the errors" in out.getvalue()
    assert "    gcm_objectives: unknown code “99”" in out.getvalue()
    assert "Dry run: 2 ready to import, 1 already there, 3 with errors." in out.getvalue()
    assert LocalActionPage.objects.count() == 1

    out = io.StringIO()
    call_command("import_practices", str(path), "--user", "importer", stdout=out)
    assert "2 drafts submitted to the moderators, 0 published" in out.getvalue()
    assert WorkflowState.objects.filter(requested_by=editor).count() == 2

    out = io.StringIO()
    call_command("import_practices", str(path), stdout=out)
    assert "0 drafts submitted to the moderators, 0 published, 3 already there" in out.getvalue()
    assert LocalActionPage.objects.count() == 3


def test_command_publish_publishes(moderated_library, tmp_path):
    path = tmp_path / "dataset.xlsx"
    path.write_bytes(xlsx_bytes([row()]))
    call_command("import_practices", str(path), "--publish", stdout=io.StringIO())
    page = LocalActionPage.objects.get()
    assert page.live and not WorkflowState.objects.exists()


def test_command_refuses_an_unreadable_file(db, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="The file is empty."):
        call_command("import_practices", str(path))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_practices", str(tmp_path / "missing.csv"))


# --- The admin screen ---------------------------------------------------------------------------


def test_admin_upload_dry_run_then_import(client, existing, editor):
    client.force_login(editor)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert b"Check the file (dry run)" in response.content

    upload = io.BytesIO(csv_bytes(acceptance_rows(existing)))
    upload.name = "actions.csv"
    response = client.post(IMPORT_URL, {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dry run of actions.csv: nothing was written" in html
    assert "gcm_objectives: unknown code “99”" in html
    assert "Unknown country “XX”" in html
    assert "Import 2 practices" in html
    assert LocalActionPage.objects.count() == 1

    digest = response.context["digest"]
    response = client.post(IMPORT_URL + "import/", {"digest": digest})
    html = response.content.decode()
    assert "2 draft case studies created and submitted to the moderators" in html
    assert LocalActionPage.objects.count() == 3
    for page in LocalActionPage.objects.exclude(pk=existing.pk):
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html

    # The checked file was used once: posting again asks for a new upload.
    response = client.post(IMPORT_URL + "import/", {"digest": digest})
    assert "The checked file is no longer available" in response.content.decode()
    assert LocalActionPage.objects.count() == 3


def test_admin_templates_download(client, moderated_library, editor):
    client.force_login(editor)
    response = client.get(IMPORT_URL + "template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "practices-template.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(HEADER) and len(lines) == 2
    response = client.get(IMPORT_URL + "template.xlsx")
    assert response.content[:2] == b"PK"
    assert client.get(IMPORT_URL + "template.pdf").status_code == 404


def test_admin_bad_file_is_reported_next_to_the_field(client, moderated_library, editor):
    client.force_login(editor)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "actions.pdf"
    response = client.post(IMPORT_URL, {"file": upload})
    assert "Upload a .csv or .xlsx file." in response.content.decode()


def test_only_those_who_can_add_case_studies_import(client, moderated_library):
    user = get_user_model().objects.create_user(username="eventsonly", password="x")
    user.groups.add(Group.objects.get(name="Event managers"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code in (302, 403)
    assert client.get(IMPORT_URL + "template.csv").status_code in (302, 403)
    moderator = get_user_model().objects.create_user(username="mod", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get(IMPORT_URL).status_code == 200
    response = client.get("/admin/")
    assert IMPORT_URL.encode() in response.content


def test_nothing_is_published_from_the_admin(client, moderated_library, editor):
    client.force_login(editor)
    upload = io.BytesIO(csv_bytes([row()]))
    upload.name = "a.csv"
    digest = client.post(IMPORT_URL, {"file": upload}).context["digest"]
    client.post(IMPORT_URL + "import/", {"digest": digest, "publish": "1"})
    page = LocalActionPage.objects.get()
    assert not page.live
    assert Page.objects.live().filter(pk=page.pk).count() == 0


# --- Acceptance 3: the round trip ----------------------------------------------------------------


def _flush_practices():
    """Delete every practice and government, keeping the site's skeleton.

    What stays: the page tree without case studies (home pages, the practice
    library in every language), taxonomies, users and the moderators' workflow.
    What goes: every case study in every language (with their translation
    records), every government (recreated by the import from the file's
    ``lrg``, ``lrg_type`` and ``country_iso2``) and what points at them.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from wagtail_localize.models import TranslationSource

    from pledges.models import ActionSubmission, Endorsement

    types = [ContentType.objects.get_for_model(m) for m in (LocalActionPage, LocalGovernment)]
    TranslationSource.objects.filter(specific_content_type__in=types).delete()
    for page in LocalActionPage.objects.order_by("-depth", "-path"):
        page.delete()
    ActionSubmission.objects.all().delete()
    Endorsement.objects.all().delete()
    for model in apps.get_models():
        for relation in model._meta.get_fields():
            if (
                relation.many_to_one
                and relation.related_model is LocalGovernment
                and model not in (LocalActionPage, ActionSubmission, Endorsement)
            ):
                model.objects.filter(**{f"{relation.name}__isnull": False}).delete()
    LocalGovernment.objects.all().delete()
    assert not LocalActionPage.objects.exists()


def test_round_trip_of_the_demo_gives_the_same_practices_csv(db, client, tmp_path, monkeypatch):
    """Export the demo, empty the site of practices, import with --publish, export again."""
    from hub import demo

    monkeypatch.setattr(demo, "CREDENTIALS_FILE", tmp_path / "credentials.json")
    call_command("seed_demo", "--skip-index", verbosity=0)

    first = client.get("/open-data/practices.csv")
    assert first.status_code == 200
    exported = first.content
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8"))))
    assert len(rows) > 70
    assert {row["language"] for row in rows} == {"en", "fr", "es", "ar"}
    assert any(row["title_fr"] and row["language"] == "en" for row in rows)

    _flush_practices()
    assert b"\n" not in client.get("/open-data/practices.csv").content.strip()

    path = tmp_path / "practices.csv"
    path.write_bytes(exported)
    out = io.StringIO()
    call_command("import_practices", str(path), "--publish", stdout=out)
    assert f"0 drafts submitted to the moderators, {len(rows)} published" in out.getvalue()

    again = client.get("/open-data/practices.csv").content
    assert again.decode("utf-8").splitlines() == exported.decode("utf-8").splitlines()
    assert again == exported

    # And importing the export once more creates nothing.
    out = io.StringIO()
    call_command("import_practices", str(path), "--publish", stdout=out)
    assert f"0 published, {len(rows)} already there, 0 with errors" in out.getvalue()
