"""Keyboard use and visual stability in a real browser.

The practice library never submits on its own (WCAG 3.2.2 On Input): ticking a
filter leaves focus and scroll where they were, and "Apply filters" applies.
A failed form submission brings focus to the error summary. The mobile menu is
collapsed from the first paint, so nothing below it jumps.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

MOBILE = {"width": 375, "height": 812}


def _active(page):
    """What has the keyboard focus: the focused element's id, name and data-apply flag."""
    return page.evaluate(
        "() => ({id: document.activeElement.id, name: document.activeElement.name || '',"
        " apply: document.activeElement.hasAttribute('data-apply'),"
        " summary: document.activeElement.classList.contains('error-summary')})"
    )


def _tab_until(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = _active(page)
        if predicate(active):
            return active
    raise AssertionError("the keyboard never reached the element")


def _result_count(page):
    text = page.locator("[data-result-count]").inner_text()
    return int(re.search(r"\d+", text).group())


def test_ticking_a_filter_with_the_keyboard_keeps_focus_and_scroll(page, live_site):
    page.set_viewport_size({"width": 1024, "height": 420})
    page.goto(live_site("/en/practices/"))
    total = _result_count(page)
    url = page.url
    # Tab from the sort order into the filters, to the third theme.
    page.focus("#library-sort")
    for _ in range(3):
        checkbox = _tab_until(page, lambda a: a["name"] == "theme")
    label = page.locator(f"label[for='{checkbox['id']}']")
    shown = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    scroll_before = page.evaluate("window.scrollY")
    assert scroll_before > 0  # the filter is below the fold: a reload would jump

    page.keyboard.press("Space")
    page.wait_for_timeout(600)  # time enough for any submit or reload to start

    assert page.locator(f"#{checkbox['id']}").is_checked()
    assert _active(page)["id"] == checkbox["id"]
    assert page.evaluate("window.scrollY") == scroll_before
    assert page.url == url
    assert _result_count(page) == total  # nothing changed until the visitor applies

    # The next stops lead to "Apply filters"; Enter applies and opens the results.
    _tab_until(page, lambda a: a["apply"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "theme=" in page.url
    assert page.url.endswith("#results-heading")
    assert _result_count(page) == shown < total
    expect(page.locator(f"#{checkbox['id']}")).to_be_checked()
    assert_no_axe_violations(page)


def test_changing_the_sort_order_does_not_reload(page, live_site):
    page.goto(live_site("/en/practices/?q=refugees"))
    url = page.url
    page.focus("#library-sort")
    page.keyboard.press("ArrowDown")  # changes the <select>'s value with the keyboard
    page.wait_for_timeout(600)
    assert page.url == url
    assert _active(page)["id"] == "library-sort"


def test_a_failed_registration_moves_focus_to_the_error_summary(page, live_site):
    page.goto(live_site("/en/events/webinar-access-to-services-peer-exchange/"))
    page.get_by_label("Full name").fill("Keyboard Visitor")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Register|Join the waiting list")).click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    # Its links lead to the fields to correct, and what was typed is kept.
    summary.get_by_role("link").first.click()
    assert _active(page)["name"] in {"email", "organisation", "role", "country", "consent"}
    expect(page.get_by_label("Full name")).to_have_value("Keyboard Visitor")


@pytest.mark.parametrize(
    "path", ["/en/call-to-local-action/endorse/", "/en/call-to-local-action/submit-action/"]
)
def test_a_failed_campaign_form_moves_focus_to_the_error_summary(page, live_site, path):
    page.goto(live_site(path))
    with page.expect_navigation():
        page.locator("form.campaign-form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link").first).to_be_visible()


LAYOUT_SHIFT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})
"""


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/ar/",
        "/en/practices/",
        "/en/events/webinar-access-to-services-peer-exchange/",
        "/en/practices/marrakech-one-stop-welcome-centre-for-newcomers/",
    ],
)
def test_mobile_menu_causes_no_layout_shift(browser, live_site, path):
    context = browser.new_context(viewport=MOBILE)
    page = context.new_page()
    page.goto(live_site(path), wait_until="load")
    assert page.evaluate(LAYOUT_SHIFT) < 0.1

    # Collapsed from the start, and the button opens it.
    toggle = page.locator(".main-nav__toggle")
    links = page.locator("#main-nav-list a")
    expect(toggle).to_be_visible()
    expect(links.first).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(links.first).to_be_visible()
    toggle.click()
    expect(links.first).to_be_hidden()
    context.close()


def test_desktop_menu_has_no_toggle(page, live_site):
    page.goto(live_site("/en/"))
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(page.locator("#main-nav-list a").first).to_be_visible()


def test_mobile_menu_without_javascript_shows_every_link(browser, live_site):
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site("/en/"))
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(page.locator("#main-nav-list a").first).to_be_visible()
    context.close()
