"""English-only pages at their Arabic address, in a real browser: accessible, readable, usable."""

import pytest

from tests.browser.conftest import assert_no_axe_violations, login

ARABIC_NOTE = "هذه الصفحة غير متوفرة بعد باللغة العربية؛ إليك نسختها باللغة الإنجليزية."
# The demo translates its events: this test takes the Arabic version of one offline.
EVENT = "mayors-summit-global-compacts-review"


def _api(page, query):
    return page.evaluate(
        "(q) => fetch('/api/v2/pages/?' + q).then(r => r.json()).then(d => d.items)", query
    )


@pytest.fixture
def english_only_case_study(page, live_site):
    """The Arabic address of a demo case study that has no Arabic translation."""
    page.goto(live_site("/en/"))
    for item in _api(page, "limit=20&locale=en&type=pledges.LocalActionPage"):
        path = "/ar/" + item["meta"]["html_url"].split("/en/", 1)[1]
        response = page.goto(live_site(path))
        assert response.status == 200, path
        if page.locator(".fallback-note").count():
            return path
    pytest.skip("every case study of the demo is translated into Arabic")


@pytest.fixture
def english_only_event(browser, live_site):
    """The Arabic address of an upcoming event whose Arabic version the admin unpublished."""
    path = f"/ar/events/{EVENT}/"
    admin = browser.new_page()
    login(admin, live_site, "admin")
    [arabic] = _api(admin, f"type=events.EventPage&locale=ar&slug={EVENT}") or [None]
    if arabic is not None:
        admin.goto(live_site(f"/admin/pages/{arabic['id']}/unpublish/"))
        admin.get_by_role("button", name="Yes, unpublish it").click()
        admin.wait_for_url(lambda url: "/unpublish/" not in url)
    admin.close()
    return path


def _assert_shown_as_english_in_arabic(page):
    # Arabic chrome, right to left; the note in Arabic; the original marked as English.
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    note = page.locator(".fallback-note")
    assert note.inner_text().strip() == ARABIC_NOTE
    assert note.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    title = page.locator("main h1")
    assert title.get_attribute("lang") == "en"
    assert title.get_attribute("dir") == "ltr"
    # English text runs left to right inside the right-to-left page.
    assert title.evaluate("(el) => getComputedStyle(el).direction") == "ltr"


def test_english_only_case_study_in_arabic(page, live_site, english_only_case_study):
    page.goto(live_site(english_only_case_study))
    _assert_shown_as_english_in_arabic(page)
    assert_no_axe_violations(page)


def test_english_only_event_in_arabic_takes_registrations(page, live_site, english_only_event):
    response = page.goto(live_site(english_only_event))
    assert response.status == 200
    _assert_shown_as_english_in_arabic(page)
    assert_no_axe_violations(page)

    form = page.locator("form.registration-form")
    assert form.get_attribute("action") == english_only_event + "register/"
    form.locator("input[name=name]").fill("Salma Haddad")
    form.locator("input[name=email]").fill("salma.haddad@example.org")
    form.locator("input[name=organisation]").fill("Greater Amman Municipality")
    form.locator("input[name=role]").fill("Head of social services")
    form.locator("select[name=country]").select_option("JO")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()

    # The registrant stays at the Arabic address, in Arabic, and gets the email
    # (the link that confirms the address).
    page.locator(".messages").wait_for()
    assert page.url.startswith(live_site(english_only_event))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert live_site.wait_for_email("salma.haddad@example.org")
