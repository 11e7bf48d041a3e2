"""An editor imports practices from a spreadsheet: template, upload, dry run, import."""

import csv
import io
import json
import urllib.request

from pledges.importer import COLUMNS
from tests.browser.conftest import assert_no_axe_violations, login


def _spreadsheet(existing):
    rows = [
        {
            "title": "Browserville: Welcome walks for newcomers",
            "language": "en",
            "lrg": "Browserville",
            "lrg_type": "city",
            "country_iso2": "PT",
            "status": "ongoing",
            "start_year": "2022",
            "themes": "access-to-services",
            "gcm_objectives": "15;16",
            "gcm_objectives_primary": "16",
            "sdg_goals": "10",
            "population_groups": "migrants",
            "summary": "Volunteers walk newcomers through the town's services.",
        },
        {
            "title": "Browserville: Bad code",
            "lrg": "Browserville",
            "country_iso2": "PT",
            "gcm_objectives": "42",
            "summary": "A row with an unknown GCM objective.",
        },
        {
            "title": existing["title"],
            "lrg": existing["lrg"],
            "country_iso2": existing["country"],
            "summary": existing["summary"],
        },
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_editor_checks_then_imports_a_spreadsheet(page, live_site):
    with urllib.request.urlopen(live_site("/api/practices/?lang=en&sort=title")) as response:  # noqa: S310
        existing = json.load(response)["results"][0]

    login(page, live_site, "editor")
    page.get_by_role("button", name="Campaign").click()
    page.get_by_role("link", name="Import practices").click()
    page.wait_for_url(live_site("/admin/import-practices/"))
    assert page.locator("h1").inner_text().strip() == "Import practices"

    with page.expect_download() as download:
        page.get_by_role("link", name="template (CSV)").click()
    header = download.value.path().read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == list(COLUMNS)

    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "cohort.csv", "mimeType": "text/csv", "buffer": _spreadsheet(existing)}
    )
    page.get_by_role("button", name="Check the file (dry run)").click()
    page.get_by_role("heading", name="Dry run of cohort.csv: nothing was written").wait_for()
    rows = page.locator("table.practice-import__rows tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).get_attribute("data-outcome") == "ready"
    assert "New government, created on import: Browserville (PT)" in rows.nth(0).inner_text()
    assert rows.nth(1).get_attribute("data-outcome") == "error"
    assert "gcm_objectives: unknown code “42”" in rows.nth(1).inner_text()
    assert rows.nth(2).get_attribute("data-outcome") == "duplicate"
    assert_no_axe_violations(page, ".practice-import")

    page.get_by_role("button", name="Import 1 practice").click()
    page.get_by_role("heading", name="Import of cohort.csv").wait_for()
    summary = page.locator(".practice-import__summary").inner_text()
    assert "1 draft case study created and submitted to the moderators" in summary
    page.get_by_role("link", name="Browserville: Welcome walks for newcomers").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    # A draft waiting for the moderators (the status panel): never published from here.
    assert page.get_by_text("In Moderation").count() >= 1
    assert page.get_by_role("button", name="Publish").count() == 0

    # The same file again creates nothing.
    page.goto(live_site("/admin/import-practices/"))
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "cohort.csv", "mimeType": "text/csv", "buffer": _spreadsheet(existing)}
    )
    page.get_by_role("button", name="Check the file (dry run)").click()
    page.get_by_role("heading", name="Dry run of cohort.csv: nothing was written").wait_for()
    outcomes = [rows.nth(i).get_attribute("data-outcome") for i in range(rows.count())]
    assert outcomes == ["duplicate", "error", "duplicate"]
    assert page.get_by_role("button", name="Import 1 practice").count() == 0
