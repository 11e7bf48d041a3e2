"""The live report in a real browser (issue 14): accessible in English and Arabic, and every
country of the map reachable with the keyboard alone."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

REPORT = "/{}/call-to-local-action/report/"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_live_report_has_no_axe_violations(page, live_site, language):
    page.goto(live_site(REPORT.format(language)))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("svg.report-chart[role=img]").count() >= 2
    # The tables behind "Show the table" are checked too.
    for summary in page.locator(".report-details > summary").all():
        summary.click()
    assert_no_axe_violations(page)


def test_the_keyboard_reaches_every_country_of_the_map(page, live_site):
    page.goto(live_site(REPORT.format("en")))
    links = page.locator("#world-map svg a[data-country]")
    wanted = set(links.evaluate_all("(as) => as.map((a) => a.dataset.country)"))
    assert len(wanted) > 20
    # Start just before the map: the last link of the section before it.
    page.locator("#table-status a").last.focus()
    reached = set()
    for _ in range(len(wanted) + 40):
        page.keyboard.press("Tab")
        country = page.evaluate("() => document.activeElement.dataset.country || null")
        if country:
            reached.add(country)
        elif reached:
            break
    assert reached == wanted
    # Enter follows the focused country's link to the filtered library.
    page.locator('#world-map a[data-country="FR"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/practices/?country=FR")
    assert page.locator("h1").count() == 1


def test_an_edition_and_the_pdf_are_linked_from_the_report(page, live_site):
    page.goto(live_site(REPORT.format("fr")))
    edition = page.locator("#editions a").first
    assert "2022" in edition.inner_text()
    edition.click()
    page.wait_for_url("**/editions/imrf-2022/")
    assert page.locator('[data-figure="actions"]').inner_text() == "70"
    assert_no_axe_violations(page)
    pdf = page.request.get(live_site("/ar/call-to-local-action/report.pdf"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
