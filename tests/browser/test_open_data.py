"""The open-data page in a real browser: found from the footer, accessible in English and Arabic."""

from tests.browser.conftest import assert_no_axe_violations


def test_open_data_page_has_no_accessibility_violations(page, live_site):
    page.goto(live_site("/en/"))
    page.locator("footer").get_by_role("link", name="Open data").click()
    page.wait_for_url("**/en/open-data/")
    assert page.get_by_role("link", name="practices.csv").first.is_visible()
    assert_no_axe_violations(page)


def test_arabic_open_data_page_has_no_accessibility_violations(page, live_site):
    page.goto(live_site("/ar/open-data/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_axe_violations(page)
