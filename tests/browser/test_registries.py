"""An editor prepares a demo case study for the registries, records it as published on the
Migration Network Hub, and visitors find the link on the case study (accessible, en and ar)."""

import re
from urllib.parse import urlsplit

from tests.browser.conftest import assert_no_axe_violations, login

HUB_URL = "https://migrationnetwork.un.org/practice/browser-test"


def test_editor_records_a_hub_publication_and_the_case_study_links_to_it(page, live_site, browser):
    login(page, live_site, "editor")
    page.goto(live_site("/en/"))
    practice = page.evaluate(
        "fetch('/api/v2/pages/?type=pledges.LocalActionPage&locale=en&order=title&limit=1')"
        ".then(r => r.json()).then(d => d.items[0])"
    )
    page.goto(live_site(f"/admin/pages/{practice['id']}/edit/"))
    # The editor's way in: the "Actions" menu of the page's header.
    page.locator("header").get_by_role("button", name="Actions").first.click()
    page.get_by_role("link", name="Prepare for registries").click()
    page.wait_for_url(re.compile(rf"/admin/registries/{practice['id']}/$"))
    for name in (
        "Migration Network Hub",
        "UNHCR Global Compact on Refugees Digital Platform",
        "GFMD Platform for Partnerships",
    ):
        assert page.get_by_role("heading", name=name).count() == 1
    title_box = page.locator("#mnh-title")
    assert title_box.input_value() == practice["title"]
    assert title_box.get_attribute("readonly") is not None
    checklist = page.locator("[data-registry-checklist=gfmd]")
    assert checklist.count() in (0, 1)

    hub = page.locator("section#mnh")
    hub.get_by_label("Published").check()
    hub.get_by_label("Address on the registry").fill(HUB_URL)
    hub.get_by_role("button", name=re.compile("Save the status")).click()
    page.wait_for_url(re.compile(r"/admin/registries/\d+/#mnh$"))
    assert "Published" in page.locator(".messages").inner_text()

    # A visitor (no session) sees the link on the case study, in English and in Arabic.
    visitor = browser.new_page()
    try:
        english_path = urlsplit(practice["meta"]["html_url"]).path
        for path in (english_path, english_path.replace("/en/", "/ar/", 1)):
            visitor.goto(live_site(path))
            link = visitor.locator(f"a[href='{HUB_URL}']")
            assert link.count() == 1, path
            assert_no_axe_violations(visitor)
        assert "شبكة" in link.inner_text() or "Migration Network Hub" in link.inner_text()
        assert visitor.locator("html").get_attribute("dir") == "rtl"
    finally:
        visitor.close()
