"""An editor translates the home page into Spanish in wagtail-localize's editor."""

from tests.browser.conftest import login


def test_editor_translates_home_page_into_spanish(page, live_site):
    login(page, live_site, "editor")
    # The Spanish home page's edit view is wagtail-localize's translation editor.
    page.goto(live_site("/es/"))
    spanish_home_id = page.evaluate(
        "fetch('/api/v2/pages/?type=hub.HomePage&locale=es').then(r => r.json())"
        ".then(d => d.items[0].id)"
    )
    page.goto(live_site(f"/admin/pages/{spanish_home_id}/edit/"))
    segment = page.locator("li", has_text="A Call to Local Action for Migrants and Refugees").last
    segment.get_by_role("button", name="Edit").click()
    new_title = "Actuemos juntos en lo local por las personas migrantes"
    segment.locator("textarea").fill(new_title)
    segment.get_by_role("button", name="Save").click()
    page.get_by_text("Translated manually").first.wait_for()
    page.get_by_role("button", name="Publish in Spanish").click()
    page.wait_for_load_state("networkidle")

    page.goto(live_site("/es/"))
    assert page.locator("h1").inner_text() == new_title
    assert page.locator("html").get_attribute("lang") == "es"
    # The English source is untouched.
    page.goto(live_site("/en/"))
    assert page.locator("h1").inner_text() == "A Call to Local Action for Migrants and Refugees"
