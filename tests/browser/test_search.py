"""The practice library and site search in a real browser: filters, no-JS use, accessibility."""

import re

import pytest

from tests.browser.conftest import assert_no_axe_violations


def result_count(page):
    text = page.locator("[data-result-count]").inner_text()
    return int(re.search(r"\d+", text).group())


def test_library_with_filters_has_no_accessibility_violations(page, live_site):
    page.goto(
        live_site("/en/practices/?theme=employment-entrepreneurship&region=africa&q=refugees")
    )
    assert result_count(page) >= 0
    assert_no_axe_violations(page)


def test_arabic_library_has_no_accessibility_violations(page, live_site):
    page.goto(live_site("/ar/practices/?status=ongoing"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_axe_violations(page)


def test_site_search_results_have_no_accessibility_violations(page, live_site):
    page.goto(live_site("/en/"))
    page.fill("#site-search-q", "refugees")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=refugees"))
    assert page.locator("h2", has_text="Practices").count() == 1
    assert_no_axe_violations(page)


def test_applying_a_filter_updates_results_and_counts(page, live_site):
    page.goto(live_site("/en/practices/"))
    total = result_count(page)
    page.locator("summary", has_text="Region").click()  # a closed <details>
    label = page.locator("label[for^='f-region-']").first
    shown = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    page.locator("input[name=region]").first.check()
    assert result_count(page) == total  # nothing moves until the visitor applies
    with page.expect_navigation():
        page.click("button[data-apply]")
    assert result_count(page) == shown < total
    assert "region=" in page.url
    # The other regions keep their counts (disjunctive): another can be added.
    assert page.locator("input[name=region]").count() > 1


@pytest.mark.parametrize("java_script_enabled", [False])
def test_library_works_without_javascript(browser, live_site, java_script_enabled):
    context = browser.new_context(java_script_enabled=java_script_enabled)
    page = context.new_page()
    page.goto(live_site("/en/practices/"))
    total = result_count(page)
    label = page.locator("label[for^='f-theme-']").first
    shown = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    page.locator("input[name=theme]").first.check()
    page.click("button[data-apply]")
    page.wait_for_load_state()
    assert result_count(page) == shown <= total
    # The selection is in a shareable address and can be removed with a link.
    assert "theme=" in page.url
    page.locator(".library__chips a").first.click()
    page.wait_for_load_state()
    assert result_count(page) == total
    context.close()


def test_bad_parameters_are_reported_on_the_page(page, live_site):
    page.goto(live_site("/en/practices/?gcm=99&page=abc&theme=%3Cscript%3E"))
    notice = page.locator(".library__ignored")
    assert "ignored" in notice.inner_text()
    assert "<script>" in notice.inner_text()  # shown as text, never run
    assert_no_axe_violations(page)
