"""The home page in a real browser: languages, accessibility, keyboard use."""

import pytest

from tests.browser.conftest import assert_no_axe_violations


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_page_has_no_accessibility_violations(page, live_site, language):
    page.goto(live_site(f"/{language}/"))
    assert_no_axe_violations(page)


def test_arabic_home_is_right_to_left(page, live_site):
    page.goto(live_site("/ar/"))
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    # The layout really mirrors: the brand sits at the right edge in Arabic.
    brand = page.locator(".site-header__brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2


def test_skip_link_moves_focus_to_main_content(page, live_site):
    page.goto(live_site("/en/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_leads_to_the_translation(page, live_site):
    page.goto(live_site("/en/"))
    page.click(".language-switcher a[hreflang=fr]")
    page.wait_for_url(live_site("/fr/"))
    assert "migrants et les réfugiés" in page.locator("h1").inner_text()
